// The license file envelope refuses every change, every ambiguity and every unknown.
#include "crypto/license_envelope.hpp"

#include <gtest/gtest.h>
#include <sodium.h>

#include <fstream>
#include <sstream>

#include "crypto/random.hpp"

namespace licensor::crypto {
namespace {

std::array<unsigned char, 32> Seed(unsigned char first) {
  std::array<unsigned char, 32> seed{};
  for (std::size_t i = 0; i < seed.size(); ++i) seed[i] = static_cast<unsigned char>(first + i);
  return seed;
}

class Envelope : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(Initialize());
    key_ = SigningKeyFromSeed(Seed(0));
    trusted_[key_.key_id] = TrustedKey{key_.public_key, false};
    file_ = SealLicenseFile(key_, kPayload);
  }
  EnvelopeResult Open(std::string_view text) const { return OpenLicenseFile(text, trusted_); }
  // Re-seals `text`'s layout with another payload but keeps the original signature line.
  std::string WithPayload(const std::string& payload) const {
    const std::string resealed = SealLicenseFile(key_, payload);
    const std::size_t sig_at = file_.find("Signature: ");
    const std::size_t new_sig_at = resealed.find("Signature: ");
    return resealed.substr(0, new_sig_at) + file_.substr(sig_at);
  }

  static constexpr std::string_view kPayload =
      R"({"code":"LIC-2266-EtgAHCyh8HJT-hTAA","features":["core","reports"],"v":1})";
  SigningKey key_;
  PublicKeys trusted_;
  std::string file_;
};

TEST_F(Envelope, OpensWhatItSealed) {
  const EnvelopeResult r = Open(file_);
  ASSERT_TRUE(r.ok) << r.detail;
  EXPECT_EQ(r.envelope.payload, kPayload);
  EXPECT_EQ(r.envelope.key_id, key_.key_id);
}

// Every single-byte change anywhere in the file is refused.
TEST_F(Envelope, EverySingleByteChangeIsRefused) {
  int checked = 0;
  for (std::size_t i = 0; i < file_.size(); ++i) {
    for (const unsigned char delta : {0x01, 0x02, 0x04, 0x20, 0x80}) {
      std::string mutated = file_;
      mutated[i] = static_cast<char>(static_cast<unsigned char>(mutated[i]) ^ delta);
      ASSERT_FALSE(Open(mutated).ok) << "byte " << i << " xor " << int(delta) << " accepted";
      ++checked;
    }
  }
  EXPECT_GT(checked, 1000);
}

TEST_F(Envelope, EveryTruncationAndAnyTrailingDataIsRefused) {
  for (std::size_t n = 0; n < file_.size(); ++n) {
    ASSERT_FALSE(Open(file_.substr(0, n)).ok) << n;
  }
  EXPECT_EQ(Open(file_ + "\n").error, EnvelopeError::kMalformed);
  EXPECT_EQ(Open(file_ + "x").error, EnvelopeError::kMalformed);
  EXPECT_EQ(Open(file_ + file_).error, EnvelopeError::kMalformed);
}

// Moving characters between a key and a value, or between two fields, breaks the signature.
TEST_F(Envelope, MovingCharactersAcrossBoundariesBreaksTheSignature) {
  const std::string moved_into_key =
      R"({"code":"LIC-2266-EtgAHCyh8HJT-hTAA","features":["core","reports"],"v1":})";
  const std::string moved_between_values =
      R"({"code":"LIC-2266-EtgAHCyh8HJT-hTA","features":["Acore","reports"],"v":1})";
  const std::string moved_between_items =
      R"({"code":"LIC-2266-EtgAHCyh8HJT-hTAA","features":["corer","eports"],"v":1})";
  for (const auto& payload : {moved_into_key, moved_between_values, moved_between_items}) {
    EXPECT_EQ(Open(WithPayload(payload)).error, EnvelopeError::kBadSignature) << payload;
  }
}

TEST_F(Envelope, NonCanonicalPayloadsAreRefusedEvenWhenSigned) {
  for (const char* payload : {R"({"v":1,"v":2})", R"({"v": 1})", R"({"b":1,"a":2})", R"({"v":1.0})",
                              R"({"s":"\u0041"})", R"([1,2])", R"({"v":1} )"}) {
    const EnvelopeResult r = Open(SealLicenseFile(key_, payload));
    EXPECT_EQ(r.error, EnvelopeError::kNonCanonicalPayload) << payload << ": " << r.detail;
  }
}

TEST_F(Envelope, UnknownVersionsAlgorithmsAndKeysAreNamed) {
  std::string v2 = file_;
  v2.replace(v2.find("Format: 1"), 9, "Format: 2");
  EXPECT_EQ(Open(v2).error, EnvelopeError::kUnsupportedVersion);
  std::string rsa = file_;
  rsa.replace(rsa.find("Algorithm: Ed25519"), 18, "Algorithm: RSA");
  EXPECT_EQ(Open(rsa).error, EnvelopeError::kUnsupportedAlgorithm);
  EXPECT_EQ(OpenLicenseFile(file_, PublicKeys{}).error, EnvelopeError::kUnknownKey);
  // The right key id but another key's public key: the signature does not verify.
  PublicKeys impostor;
  impostor[key_.key_id] = TrustedKey{SigningKeyFromSeed(Seed(100)).public_key, false};
  EXPECT_EQ(OpenLicenseFile(file_, impostor).error, EnvelopeError::kBadSignature);
}

TEST_F(Envelope, ARetiredKeyIsNamedOnlyForItsRealSignatures) {
  PublicKeys retired = trusted_;
  retired[key_.key_id].retired = true;
  EXPECT_EQ(OpenLicenseFile(file_, retired).error, EnvelopeError::kRetiredKey);
  std::string forged = file_;
  forged[forged.find("Signature: ") + 12] ^= 1;
  EXPECT_EQ(OpenLicenseFile(forged, retired).error, EnvelopeError::kBadSignature);
}

TEST_F(Envelope, GarbageAndOddEncodingsAreMalformed) {
  EXPECT_EQ(Open("").error, EnvelopeError::kMalformed);
  EXPECT_EQ(Open("hello").error, EnvelopeError::kMalformed);
  EXPECT_EQ(Open(std::string(100000, 'A')).error, EnvelopeError::kMalformed);
  std::string crlf;
  for (const char c : file_) crlf += c == '\n' ? std::string("\r\n") : std::string(1, c);
  EXPECT_EQ(Open(crlf).error, EnvelopeError::kMalformed);
  // Rewrapping the same base64 at another width changes no decoded byte, and is still refused.
  std::string rewrapped = file_;
  const std::size_t first_break = rewrapped.find('\n', rewrapped.find("\n\n") + 2);
  rewrapped.erase(first_break, 1);
  EXPECT_EQ(Open(rewrapped).error, EnvelopeError::kMalformed);
}

// The test vector in docs/license-format.md is what this code produces, byte for byte.
TEST_F(Envelope, MatchesThePublishedTestVector) {
  std::ifstream doc(std::string(LICENSOR_SOURCE_DIR) + "/docs/license-format.md");
  std::stringstream text;
  text << doc.rdbuf();
  const std::string md = text.str();
  const std::string open_marker = "<!-- test-vector:file -->\n```\n";
  const std::size_t start = md.find(open_marker);
  ASSERT_NE(start, std::string::npos);
  const std::size_t body = start + open_marker.size();
  const std::string published = md.substr(body, md.find("```", body) - body);
  EXPECT_EQ(published, file_);
  EXPECT_NE(md.find(key_.key_id), std::string::npos);
  char public_hex[65];
  sodium_bin2hex(public_hex, sizeof public_hex, key_.public_key.data(), key_.public_key.size());
  EXPECT_NE(md.find(public_hex), std::string::npos);
}

}  // namespace
}  // namespace licensor::crypto
