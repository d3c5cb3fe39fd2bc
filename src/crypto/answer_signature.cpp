// Licensor-Signature: the string to sign, its Ed25519 signature or keyed MAC, and the check.
#include "crypto/answer_signature.hpp"

#include <sodium.h>

#include <charconv>

#include "crypto/encoding.hpp"

namespace licensor::crypto {
namespace {

constexpr std::string_view kVersionLine = "licensor-answer-v1";
constexpr std::string_view kEd25519 = "ed25519";

std::string BodyDigestHex(std::string_view body) {
  unsigned char digest[32];
  crypto_generichash(digest, sizeof digest, reinterpret_cast<const unsigned char*>(body.data()),
                     body.size(), nullptr, 0);
  char hex[sizeof digest * 2 + 1];
  sodium_bin2hex(hex, sizeof hex, digest, sizeof digest);
  return hex;
}

std::array<unsigned char, 32> Mac(const AnswerKey& key, std::string_view message) {
  std::array<unsigned char, 32> mac{};
  crypto_generichash(mac.data(), mac.size(), reinterpret_cast<const unsigned char*>(message.data()),
                     message.size(), key.data(), key.size());
  return mac;
}

std::string_view AsText(const unsigned char* bytes, std::size_t size) {
  return {reinterpret_cast<const char*>(bytes), size};
}

// The header's parameters: "alg=ed25519, key=…, date=…, sig=…", in any order.
struct SignatureParams {
  std::string_view alg, key, date, sig;
};

std::optional<SignatureParams> ParseParams(std::string_view header) {
  SignatureParams p;
  while (!header.empty()) {
    const std::size_t comma = header.find(',');
    std::string_view item = header.substr(0, comma);
    header = comma == std::string_view::npos ? std::string_view() : header.substr(comma + 1);
    while (!item.empty() && item.front() == ' ') item.remove_prefix(1);
    while (!item.empty() && item.back() == ' ') item.remove_suffix(1);
    const std::size_t eq = item.find('=');
    if (eq == std::string_view::npos) return std::nullopt;
    const std::string_view name = item.substr(0, eq), value = item.substr(eq + 1);
    std::string_view* slot = name == "alg"    ? &p.alg
                             : name == "key"  ? &p.key
                             : name == "date" ? &p.date
                             : name == "sig"  ? &p.sig
                                              : nullptr;
    if (slot == nullptr || !slot->empty()) return std::nullopt;  // unknown, or named twice
    *slot = value;
  }
  if (p.alg.empty() || p.date.empty() || p.sig.empty()) return std::nullopt;
  return p;
}

}  // namespace

bool IsValidNonce(std::string_view nonce) {
  if (nonce.empty() || nonce.size() > kMaxNonceLength) return false;
  for (const char c : nonce) {
    const bool ok = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
                    c == '-' || c == '_';
    if (!ok) return false;
  }
  return true;
}

std::string AnswerStringToSign(const AnswerFields& a) {
  std::string out;
  out.reserve(200 + a.path.size() + a.nonce.size());
  out.append(kVersionLine).append("\n");
  out.append(std::to_string(a.status)).append("\n");
  out.append(a.method).append("\n");
  out.append(a.path).append("\n");
  out.append(a.nonce).append("\n");
  out.append(std::to_string(a.date)).append("\n");
  out.append(BodyDigestHex(a.body));
  return out;
}

std::string SignAnswer(const SigningKey& key, const AnswerFields& answer) {
  const auto signature = Sign(key, AnswerStringToSign(answer));
  return "alg=ed25519, key=" + key.key_id + ", date=" + std::to_string(answer.date) +
         ", sig=" + Base64(AsText(signature.data(), signature.size()));
}

std::string MacAnswer(const AnswerKey& key, const AnswerFields& answer) {
  const auto mac = Mac(key, AnswerStringToSign(answer));
  return "alg=blake2b-mac, date=" + std::to_string(answer.date) +
         ", sig=" + Base64(AsText(mac.data(), mac.size()));
}

AnswerKey DeriveAnswerKey(const AnswerKey& secret, AnswerKeyOwner owner,
                          std::string_view credential, std::string_view fingerprint) {
  // "machine\0<code>\0<fingerprint>", "device\0<credential>", "token\0<token>": no two
  // owners' subjects are alike.
  std::string subject = owner == AnswerKeyOwner::kMachine  ? "machine"
                        : owner == AnswerKeyOwner::kDevice ? "device"
                                                           : "token";
  subject.push_back('\0');
  subject.append(credential);
  if (owner == AnswerKeyOwner::kMachine) {
    subject.push_back('\0');
    subject.append(fingerprint);
  }
  return Mac(secret, subject);
}

std::optional<std::string> SealAnswerKey(const AnswerKey& key, std::string_view public_key_b64) {
  std::string public_key;
  if (!DecodeBase64Strict(public_key_b64, public_key) ||
      public_key.size() != crypto_box_PUBLICKEYBYTES) {
    return std::nullopt;
  }
  unsigned char sealed[crypto_box_SEALBYTES + sizeof(AnswerKey)];
  if (crypto_box_seal(sealed, key.data(), key.size(),
                      reinterpret_cast<const unsigned char*>(public_key.data())) != 0) {
    return std::nullopt;
  }
  return Base64(AsText(sealed, sizeof sealed));
}

std::optional<AnswerKey> OpenAnswerKey(std::string_view sealed_b64,
                                       const std::array<unsigned char, 32>& public_key,
                                       const std::array<unsigned char, 32>& secret_key) {
  std::string sealed;
  if (!DecodeBase64Strict(sealed_b64, sealed) ||
      sealed.size() != crypto_box_SEALBYTES + sizeof(AnswerKey)) {
    return std::nullopt;
  }
  AnswerKey key{};
  if (crypto_box_seal_open(key.data(), reinterpret_cast<const unsigned char*>(sealed.data()),
                           sealed.size(), public_key.data(), secret_key.data()) != 0) {
    return std::nullopt;
  }
  return key;
}

AnswerCheck VerifyAnswer(std::string_view header, AnswerFields fields, const PublicKeys& trusted,
                         const AnswerKey* mac_key, std::int64_t now, std::int64_t window_s) {
  if (header.empty()) return {false, "the answer carries no Licensor-Signature"};
  const auto params = ParseParams(header);
  if (!params) return {false, "the answer's Licensor-Signature is malformed"};
  std::int64_t date = 0;
  const auto [end, ec] =
      std::from_chars(params->date.data(), params->date.data() + params->date.size(), date);
  if (ec != std::errc() || end != params->date.data() + params->date.size()) {
    return {false, "the answer's signature date is malformed"};
  }
  // Compared without subtracting: a date near the ends of int64 must not overflow.
  if (date < now - window_s || date > now + window_s) {
    return {false, "the answer is dated " + std::to_string(date) + ", more than " +
                       std::to_string(window_s) + " s from this machine's clock (" +
                       std::to_string(now) + ")"};
  }
  fields.date = date;
  std::string signature;
  if (!DecodeBase64Strict(params->sig, signature)) {
    return {false, "the answer's signature is not base64"};
  }
  const std::string message = AnswerStringToSign(fields);
  if (params->alg == kEd25519) {
    const auto key = trusted.find(std::string(params->key));
    if (key == trusted.end()) {
      return {false, "the answer is signed by key " + std::string(params->key.substr(0, 32)) +
                         ", which this product does not trust"};
    }
    if (key->second.retired) {
      return {false, "the answer is signed by the retired key " + key->first};
    }
    std::array<unsigned char, 64> sig{};
    if (signature.size() != sig.size()) return {false, "the answer's signature is malformed"};
    std::copy(signature.begin(), signature.end(), sig.begin());
    if (!Verify(key->second.public_key, message, sig)) {
      return {false, "the answer's signature does not verify (altered, or not for this request)"};
    }
    return {true, ""};
  }
  if (params->alg == kMacAlgorithm) {
    if (mac_key == nullptr) return {false, "the answer carries a MAC, but no key was agreed"};
    const auto expected = Mac(*mac_key, message);
    if (signature.size() != expected.size() ||
        sodium_memcmp(signature.data(), expected.data(), expected.size()) != 0) {
      return {false, "the answer's MAC does not verify (altered, or not for this request)"};
    }
    return {true, ""};
  }
  return {false, "the answer's signature algorithm is unknown"};
}

}  // namespace licensor::crypto
