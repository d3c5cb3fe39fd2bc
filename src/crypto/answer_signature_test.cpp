#include "crypto/answer_signature.hpp"

#include <gtest/gtest.h>
#include <sodium.h>

#include <fstream>
#include <sstream>

#include "crypto/encoding.hpp"
#include "crypto/random.hpp"

namespace licensor::crypto {
namespace {

constexpr std::int64_t kDate = 1798761600;
constexpr std::int64_t kWindow = 3600;

class AnswerSignature : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(Initialize());
    std::array<unsigned char, 32> seed{};
    for (std::size_t i = 0; i < seed.size(); ++i) seed[i] = static_cast<unsigned char>(i);
    key_ = SigningKeyFromSeed(seed);
    trusted_[key_.key_id] = TrustedKey{key_.public_key, false};
  }
  AnswerFields Heartbeat() const {
    return {200,
            "POST",
            "/v1/client/heartbeat",
            "0123456789abcdef0123456789abcdef",
            kDate,
            R"({"status":"ACTIVE","update_available":false,"version":3})"};
  }
  AnswerCheck Check(const std::string& header, const AnswerFields& received,
                    const AnswerKey* mac_key = nullptr, std::int64_t now = kDate) const {
    return VerifyAnswer(header, received, trusted_, mac_key, now, kWindow);
  }

  SigningKey key_;
  PublicKeys trusted_;
};

TEST_F(AnswerSignature, AnAnswerVerifiesAsSignedAndNotOnceAnythingItCoversChanges) {
  const AnswerFields sent = Heartbeat();
  const std::string header = SignAnswer(key_, sent);
  EXPECT_TRUE(Check(header, sent).ok) << Check(header, sent).why;

  AnswerFields other = sent;
  other.status = 404;
  EXPECT_FALSE(Check(header, other).ok);
  other = sent;
  other.body = R"({"status":"SUSPENDED","update_available":false,"version":3})";
  EXPECT_FALSE(Check(header, other).ok);
  other = sent;
  other.nonce = "ffffffffffffffffffffffffffffffff";  // an old answer to a new request
  EXPECT_FALSE(Check(header, other).ok);
  other = sent;
  other.path = "/v1/client/validate";
  EXPECT_FALSE(Check(header, other).ok);
  other = sent;
  other.method = "GET";
  EXPECT_FALSE(Check(header, other).ok);
}

TEST_F(AnswerSignature, TheDateMustBeNearTheMachinesClock) {
  const AnswerFields sent = Heartbeat();
  const std::string header = SignAnswer(key_, sent);
  EXPECT_TRUE(Check(header, sent, nullptr, kDate + kWindow).ok);
  EXPECT_TRUE(Check(header, sent, nullptr, kDate - kWindow).ok);
  const AnswerCheck late = Check(header, sent, nullptr, kDate + kWindow + 1);
  EXPECT_FALSE(late.ok);
  EXPECT_NE(late.why.find("dated"), std::string::npos) << late.why;
  EXPECT_FALSE(Check(header, sent, nullptr, kDate - kWindow - 1).ok);
  // The date in the header is the one signed: moving it breaks the signature.
  std::string moved = header;
  moved.replace(moved.find(std::to_string(kDate)), 10, std::to_string(kDate + 1));
  EXPECT_FALSE(Check(moved, sent).ok);
}

TEST_F(AnswerSignature, OnlyKeysTheProductTrustsAndHasNotRetiredSign) {
  const AnswerFields sent = Heartbeat();
  const SigningKey stranger = NewSigningKey();
  const AnswerCheck unknown = Check(SignAnswer(stranger, sent), sent);
  EXPECT_FALSE(unknown.ok);
  EXPECT_NE(unknown.why.find("does not trust"), std::string::npos) << unknown.why;
  trusted_[key_.key_id].retired = true;
  const AnswerCheck retired = Check(SignAnswer(key_, sent), sent);
  EXPECT_FALSE(retired.ok);
  EXPECT_NE(retired.why.find("retired"), std::string::npos) << retired.why;
}

TEST_F(AnswerSignature, AMacVerifiesOnlyUnderTheAgreedKey) {
  const AnswerFields sent = Heartbeat();
  std::array<unsigned char, 32> secret{};
  secret[0] = 7;
  const AnswerKey machine = DeriveAnswerKey(secret, AnswerKeyOwner::kMachine, "LIC-1", "fp1-aa");
  const std::string header = MacAnswer(machine, sent);
  EXPECT_TRUE(Check(header, sent, &machine).ok);
  EXPECT_FALSE(Check(header, sent).ok) << "a MAC with no key agreed is no answer";
  const AnswerKey other_machine =
      DeriveAnswerKey(secret, AnswerKeyOwner::kMachine, "LIC-1", "fp1-ab");
  EXPECT_FALSE(Check(header, sent, &other_machine).ok);
  // Owners of one credential text have keys of their own.
  const AnswerKey device = DeriveAnswerKey(secret, AnswerKeyOwner::kDevice, "LIC-1");
  const AnswerKey token = DeriveAnswerKey(secret, AnswerKeyOwner::kToken, "LIC-1");
  EXPECT_NE(device, token);
  EXPECT_NE(device, machine);
  EXPECT_NE(DeriveAnswerKey(secret, AnswerKeyOwner::kMachine, "LIC-1", ""), device);
  AnswerFields altered = sent;
  altered.status = 500;
  EXPECT_FALSE(Check(header, altered, &machine).ok);
}

TEST_F(AnswerSignature, AnAnswerKeyOpensOnlyWithTheSecretKeyItWasSealedTo) {
  unsigned char pk[crypto_box_PUBLICKEYBYTES], sk[crypto_box_SECRETKEYBYTES];
  crypto_box_keypair(pk, sk);
  std::array<unsigned char, 32> public_key{}, secret_key{};
  std::copy(std::begin(pk), std::end(pk), public_key.begin());
  std::copy(std::begin(sk), std::end(sk), secret_key.begin());
  AnswerKey key{};
  key[5] = 42;
  const std::string pk_b64(reinterpret_cast<const char*>(pk), sizeof pk);
  const auto sealed = SealAnswerKey(key, Base64(pk_b64));
  ASSERT_TRUE(sealed.has_value());
  EXPECT_EQ(OpenAnswerKey(*sealed, public_key, secret_key), key);
  crypto_box_keypair(pk, sk);
  std::copy(std::begin(pk), std::end(pk), public_key.begin());
  std::copy(std::begin(sk), std::end(sk), secret_key.begin());
  EXPECT_FALSE(OpenAnswerKey(*sealed, public_key, secret_key).has_value());
  EXPECT_FALSE(SealAnswerKey(key, "not base64").has_value());
  EXPECT_FALSE(SealAnswerKey(key, Base64("short")).has_value());
}

TEST_F(AnswerSignature, MalformedHeadersAreRefusedWithTheirReason) {
  const AnswerFields sent = Heartbeat();
  for (const std::string& header : std::vector<std::string>{
           "", "alg=ed25519", "sig=AAAA, date=1", "alg=ed25519, key=x, date=soon, sig=AAAA",
           "alg=ed25519, alg=ed25519, key=x, date=1, sig=AAAA",
           "alg=rsa, date=1798761600, sig=AAAA",
           "alg=ed25519, key=" + std::string(5000, 'k') + ", date=1798761600, sig=AAAA",
           "alg=ed25519, extra=1, date=1798761600, sig=AAAA",
           "alg=ed25519, key=k, date=-9223372036854775808, sig=AAAA",
           "alg=ed25519, key=k, date=9223372036854775807, sig=AAAA",
           "alg=ed25519, key=k, date=99999999999999999999, sig=AAAA"}) {
    const AnswerCheck check = Check(header, sent);
    EXPECT_FALSE(check.ok) << header;
    EXPECT_FALSE(check.why.empty()) << header;
    EXPECT_LT(check.why.size(), 200u) << header;
  }
}

TEST_F(AnswerSignature, NoncesAreShortAndOfBase64urlOrHexCharacters) {
  EXPECT_TRUE(IsValidNonce(NewNonce()));
  EXPECT_EQ(NewNonce().size(), 32u);
  EXPECT_NE(NewNonce(), NewNonce());
  EXPECT_TRUE(IsValidNonce("a-b_C9"));
  EXPECT_TRUE(IsValidNonce(std::string(kMaxNonceLength, 'n')));
  EXPECT_FALSE(IsValidNonce(std::string(kMaxNonceLength + 1, 'n')));
  EXPECT_FALSE(IsValidNonce(""));
  EXPECT_FALSE(IsValidNonce("a b"));
  EXPECT_FALSE(IsValidNonce("a\nLicensor-Signature: x"));
}

// docs/license-format.md's test vector for signed answers is what this code produces.
TEST_F(AnswerSignature, MatchesThePublishedTestVector) {
  std::ifstream doc(std::string(LICENSOR_SOURCE_DIR) + "/docs/license-format.md");
  std::stringstream text;
  text << doc.rdbuf();
  const std::string md = text.str();
  const auto block = [&md](const std::string& name) {
    const std::string marker = "<!-- test-vector:" + name + " -->\n```\n";
    const std::size_t start = md.find(marker);
    if (start == std::string::npos) return std::string("(no block " + name + ")");
    const std::size_t body = start + marker.size();
    return md.substr(body, md.find("\n```", body) - body);
  };
  const AnswerFields answer = Heartbeat();
  EXPECT_EQ(block("answer-string"), AnswerStringToSign(answer));
  EXPECT_EQ(block("answer-signature"), SignAnswer(key_, answer));
  EXPECT_NE(md.find(answer.body), std::string::npos);
}

}  // namespace
}  // namespace licensor::crypto
