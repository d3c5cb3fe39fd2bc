// Signed answers: every answer licensord gives a product, a device or a platform carries
// Licensor-Signature, so that what a fake server or an altering proxy says is never acted on.
// docs/license-format.md, "Signed answers", gives the string to sign and a test vector.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "crypto/key_store.hpp"
#include "crypto/license_envelope.hpp"

namespace licensor::crypto {

// The request header a caller's nonce comes in, and its longest form.
inline constexpr std::string_view kNonceHeader = "Licensor-Nonce";
inline constexpr std::size_t kMaxNonceLength = 128;
inline constexpr std::string_view kSignatureHeader = "Licensor-Signature";
// A caller that holds an answer key asks for MACs instead of signatures with this header and
// value; without it, every answer is signed with Ed25519.
inline constexpr std::string_view kAcceptSignatureHeader = "Licensor-Accept-Signature";
inline constexpr std::string_view kMacAlgorithm = "blake2b-mac";

// What a signature covers: the answer's status and body, and the request it answers.
struct AnswerFields {
  int status = 0;
  std::string_view method;  // "POST"
  std::string_view path;    // the request's path as sent, without its query
  std::string_view nonce;   // the request's Licensor-Nonce; empty when it sent none
  std::int64_t date = 0;    // Unix seconds, the server's clock
  std::string_view body;    // the answer's bytes; empty for 204
};

// 1 to 128 characters of A-Z, a-z, 0-9, '-' and '_' (what base64url and hex are made of).
bool IsValidNonce(std::string_view nonce);

std::string AnswerStringToSign(const AnswerFields& answer);

// A key shared with one caller, that authenticates its answers with a keyed BLAKE2b MAC.
using AnswerKey = std::array<unsigned char, 32>;

// The value of Licensor-Signature: an Ed25519 signature, or a MAC under a caller's answer key.
std::string SignAnswer(const SigningKey& key, const AnswerFields& answer);
std::string MacAnswer(const AnswerKey& key, const AnswerFields& answer);

// Whose answer key it is, and so what names it.
enum class AnswerKeyOwner {
  kMachine,  // a machine of a license: its license code (canonical) and fingerprint
  kDevice,   // a device: its reporting credential
  kToken,    // an API token's holder (a platform asking the registry): the token
};
// A caller's answer key, derived from the server's answer secret and the caller's own
// credential: every node sharing the secret derives the same key, none is stored, and no one
// without the secret can derive it from the credential.
AnswerKey DeriveAnswerKey(const AnswerKey& secret, AnswerKeyOwner owner,
                          std::string_view credential, std::string_view fingerprint = {});

// `key` sealed to a caller's X25519 public key (32 bytes, as base64), for the activation answer
// that hands it over; nullopt when the public key is not 32 bytes of base64.
std::optional<std::string> SealAnswerKey(const AnswerKey& key, std::string_view public_key_b64);
std::optional<AnswerKey> OpenAnswerKey(std::string_view sealed_b64,
                                       const std::array<unsigned char, 32>& public_key,
                                       const std::array<unsigned char, 32>& secret_key);

// Checks an answer's Licensor-Signature against what the caller sent and received. `fields.date`
// is ignored: the date is the header's, and must be within `window_s` of `now`. An Ed25519
// signature must be by a key in `trusted` that is not retired; a MAC is accepted only when
// `mac_key` is given.
struct AnswerCheck {
  bool ok = false;
  std::string why;  // when not ok: what was wrong, for the SDK's Cause()
};
AnswerCheck VerifyAnswer(std::string_view header, AnswerFields fields, const PublicKeys& trusted,
                         const AnswerKey* mac_key, std::int64_t now, std::int64_t window_s);

}  // namespace licensor::crypto
