#include "crypto/license_file.hpp"

#include <gtest/gtest.h>

#include "crypto/bundle.hpp"
#include "crypto/canonical_json.hpp"
#include "crypto/encoding.hpp"
#include "crypto/fingerprint_request.hpp"
#include "crypto/public_keys_file.hpp"
#include "crypto/random.hpp"

namespace licensor::crypto {
namespace {

constexpr UnixSeconds kIssued = 1'800'000'000;
constexpr UnixSeconds kDay = 86400;

std::array<unsigned char, 32> Seed(unsigned char first) {
  std::array<unsigned char, 32> seed{};
  for (std::size_t i = 0; i < seed.size(); ++i) seed[i] = static_cast<unsigned char>(first + i);
  return seed;
}

class LicenseFile : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(Initialize());
    key_ = SigningKeyFromSeed(Seed(7));
    trusted_[key_.key_id] = TrustedKey{key_.public_key, false};
    machine_.components = {{"mac", "02:00:00:00:00:01"}, {"cpu", "Xeon"}, {"disk", "SN1"}};
    machine_.fingerprint = FingerprintOf(machine_.components);
    payload_.license_id = "lic_1";
    payload_.license_code = "LIC-2266-EtgAHCyh8HJT-hTAA";
    payload_.license_version = 3;
    payload_.activation_id = "act_1";
    payload_.product_id = "prd_1";
    payload_.product_name = "Analyzer";
    payload_.customer_id = "cus_1";
    payload_.customer_name = "Acme";
    payload_.features = {"reports", "core"};
    payload_.issued_at = kIssued;
    payload_.not_before = kIssued - kDay;
    payload_.expires_at = kIssued + 365 * kDay;
    payload_.expiry_grace_s = 7 * kDay;
    payload_.mode = "OFFLINE";
    payload_.fingerprint = machine_.fingerprint;
    payload_.components = machine_.components;
    payload_.rule = {{"mac", "cpu", "disk"}, 2};
    payload_.max_activations = 5;
  }
  LicenseCheck Check(UnixSeconds now, const Machine& machine) const {
    return CheckLicense(payload_, now, machine);
  }

  SigningKey key_;
  PublicKeys trusted_;
  Machine machine_;
  LicensePayload payload_;
};

TEST_F(LicenseFile, RoundTripsEveryField) {
  const OpenedLicense opened = OpenLicense(IssueLicenseFile(key_, payload_), trusted_);
  ASSERT_EQ(opened.code, FileCode::kValid) << opened.detail;
  EXPECT_FALSE(opened.encrypted);
  EXPECT_EQ(CanonicalLicensePayload(opened.payload), CanonicalLicensePayload(payload_));
  EXPECT_EQ(opened.payload.features, (std::vector<std::string>{"core", "reports"}));
  EXPECT_EQ(opened.payload.license_version, 3);
  EXPECT_EQ(opened.payload.rule.min_matching, 2);
}

TEST_F(LicenseFile, EncryptedFilesOpenOnlyForTheirCodeAndMachine) {
  const std::string file = IssueLicenseFile(key_, payload_, IssueOptions{true});
  EXPECT_EQ(file.find("Analyzer"), std::string::npos);
  const OpenedLicense without = OpenLicense(file, trusted_);
  EXPECT_EQ(without.code, FileCode::kCannotDecrypt);
  EXPECT_EQ(without.encrypted_license_id, "lic_1");
  const OpenedLicense mine =
      OpenLicense(file, trusted_, DecryptionInput{payload_.license_code, machine_.fingerprint});
  ASSERT_EQ(mine.code, FileCode::kValid) << mine.detail;
  EXPECT_TRUE(mine.encrypted);
  EXPECT_EQ(mine.payload.product_name, "Analyzer");
  EXPECT_EQ(OpenLicense(file, trusted_, DecryptionInput{payload_.license_code, "fp1-other"}).code,
            FileCode::kCannotDecrypt);
  EXPECT_EQ(OpenLicense(file, trusted_, DecryptionInput{"LIC-other", machine_.fingerprint}).code,
            FileCode::kCannotDecrypt);
}

TEST_F(LicenseFile, AnEncryptedFileOpensWithItsCodeTypedInAnyCase) {
  // Codes are issued in upper case: any case opens the file, and white space is ignored.
  payload_.license_code = "LIC-2266-ETGAHCYH8HJT-HTAA";
  const std::string file = IssueLicenseFile(key_, payload_, IssueOptions{true});
  for (const char* typed : {"LIC-2266-ETGAHCYH8HJT-HTAA", "lic-2266-etgahcyh8hjt-htaa",
                            " Lic-2266 - EtgaHcyh8hjt-htaa\n"}) {
    EXPECT_EQ(OpenLicense(file, trusted_, DecryptionInput{typed, machine_.fingerprint}).code,
              FileCode::kValid)
        << typed;
  }
  // A code issued with lower-case letters, before codes were upper case only, opens its file as
  // issued (the server finds it in any case; its encrypted files need it exact).
  payload_.license_code = "LIC-2266-EtgAHCyh8HJT-hTAA";
  const std::string older = IssueLicenseFile(key_, payload_, IssueOptions{true});
  EXPECT_EQ(
      OpenLicense(older, trusted_, DecryptionInput{payload_.license_code, machine_.fingerprint})
          .code,
      FileCode::kValid);
  EXPECT_EQ(OpenLicense(older, trusted_,
                        DecryptionInput{"LIC-2266-ETGAHCYH8HJT-HTAA", machine_.fingerprint})
                .code,
            FileCode::kCannotDecrypt);
}

TEST_F(LicenseFile, ATrialSaysSoAndAPaidFileIsAsBeforeTrials) {
  EXPECT_EQ(CanonicalLicensePayload(payload_).find("trial"), std::string::npos);
  payload_.trial = true;
  const std::string text = CanonicalLicensePayload(payload_);
  EXPECT_NE(text.find(",\"trial\":true,"), std::string::npos) << text;
  const OpenedLicense opened = OpenLicense(IssueLicenseFile(key_, payload_), trusted_);
  ASSERT_EQ(opened.code, FileCode::kValid) << opened.detail;
  EXPECT_TRUE(opened.payload.trial);
  // Another type, or another unknown field, is still refused.
  auto document = nlohmann::json::parse(text);
  document["trial"] = "yes";
  EXPECT_FALSE(ReadLicensePayload(document).ok());
  document["trial"] = true;
  document["seats"] = 3;
  EXPECT_FALSE(ReadLicensePayload(document).ok());
}

TEST_F(LicenseFile, TimeRulesGiveTheirOwnCodes) {
  EXPECT_EQ(Check(kIssued, machine_).code, FileCode::kValid);
  EXPECT_EQ(Check(payload_.not_before - 1, machine_).code, FileCode::kNotYetValid);
  EXPECT_EQ(Check(*payload_.expires_at, machine_).code, FileCode::kInGracePeriod);
  EXPECT_EQ(Check(*payload_.expires_at + 7 * kDay, machine_).code, FileCode::kExpired);
  payload_.expires_at.reset();
  EXPECT_EQ(Check(kIssued + 100 * 365 * kDay, machine_).code, FileCode::kValid);  // perpetual
}

TEST_F(LicenseFile, RefreshByThenOfflineGraceThenRefreshRequired) {
  payload_.mode = "HYBRID";
  payload_.refresh_by = kIssued + kDay;
  payload_.offline_grace_s = 3 * kDay;
  EXPECT_EQ(Check(kIssued + kDay - 1, machine_).code, FileCode::kValid);
  EXPECT_EQ(Check(kIssued + kDay, machine_).code, FileCode::kOfflineGrace);
  EXPECT_TRUE(IsValid(FileCode::kOfflineGrace));
  EXPECT_EQ(Check(kIssued + 4 * kDay, machine_).code, FileCode::kRefreshRequired);
  EXPECT_FALSE(IsValid(FileCode::kRefreshRequired));
}

TEST_F(LicenseFile, OneReplacedPartStillMatchesTwoDoNot) {
  Machine one = machine_;
  one.components["disk"] = "SN2";
  one.fingerprint = FingerprintOf(one.components);
  const LicenseCheck still = Check(kIssued, one);
  EXPECT_EQ(still.code, FileCode::kValid);
  EXPECT_EQ(still.differing, std::vector<std::string>{"disk"});
  Machine two = one;
  two.components["mac"] = "02:00:00:00:00:02";
  two.fingerprint = FingerprintOf(two.components);
  const LicenseCheck refused = Check(kIssued, two);
  EXPECT_EQ(refused.code, FileCode::kFingerprintMismatch);
  EXPECT_NE(refused.detail.find("disk"), std::string::npos);
  EXPECT_NE(refused.detail.find("mac"), std::string::npos);
}

// Without a similarity rule any change refuses the file, and the refusal names what changed.
TEST_F(LicenseFile, WithoutARuleTheMismatchNamesEveryChangedPart) {
  payload_.rule = {};
  Machine changed = machine_;
  changed.components["disk"] = "SN2";
  changed.components["gpu"] = "G1";
  changed.fingerprint = FingerprintOf(changed.components);
  const LicenseCheck refused = Check(kIssued, changed);
  EXPECT_EQ(refused.code, FileCode::kFingerprintMismatch);
  EXPECT_EQ(refused.differing, (std::vector<std::string>{"disk", "gpu"}));
  EXPECT_NE(refused.detail.find("differing components: disk gpu"), std::string::npos)
      << refused.detail;
}

TEST_F(LicenseFile, SignedButUnknownOrIllTypedPayloadsAreRefused) {
  const auto seal = [&](nlohmann::json document) {
    return OpenLicense(SealLicenseFile(key_, document.dump()), trusted_);
  };
  const nlohmann::json good = nlohmann::json::parse(CanonicalLicensePayload(payload_));
  auto extra = good;
  extra["admin"] = true;
  EXPECT_EQ(seal(extra).code, FileCode::kBadPayload);
  auto missing = good;
  missing.erase("expires_at");
  EXPECT_EQ(seal(missing).code, FileCode::kBadPayload);
  auto wrong_type = good;
  wrong_type["max_activations"] = "5";
  EXPECT_EQ(seal(wrong_type).code, FileCode::kBadPayload);
  auto bundle = good;
  bundle["type"] = "bundle";
  EXPECT_EQ(seal(bundle).code, FileCode::kBadPayload);
  auto future = good;
  future["format"] = 2;
  EXPECT_EQ(seal(future).code, FileCode::kBadPayload);
  auto bad_mode = good;
  bad_mode["mode"] = "FOREVER";
  EXPECT_EQ(seal(bad_mode).code, FileCode::kBadPayload);
}

TEST_F(LicenseFile, TruncatedGarbageAndForeignKeysAreRefused) {
  const std::string file = IssueLicenseFile(key_, payload_);
  for (std::size_t cut = 0; cut < file.size(); cut += 7) {
    EXPECT_FALSE(IsValid(OpenLicense(file.substr(0, cut), trusted_).code)) << cut;
  }
  EXPECT_EQ(OpenLicense("\x01\x02garbage", trusted_).code, FileCode::kMalformed);
  PublicKeys other;
  const SigningKey stranger = SigningKeyFromSeed(Seed(99));
  other[stranger.key_id] = TrustedKey{stranger.public_key, false};
  EXPECT_EQ(OpenLicense(file, other).code, FileCode::kUnknownKey);
  trusted_[key_.key_id].retired = true;
  EXPECT_EQ(OpenLicense(file, trusted_).code, FileCode::kRetiredKey);
}

TEST(FingerprintRequest, RoundTripsAndRefusesEditedRequests) {
  ASSERT_TRUE(Initialize());
  FingerprintRequest request;
  request.components = {{"machine_id", "abc"}, {"mac", "02:00:00:00:00:01"}};
  request.fingerprint = FingerprintOf(request.components);
  request.hostname = "db1";
  request.platform = "linux-x86_64";
  request.virtualization = "none";
  request.created_at = kIssued;
  const std::string text = WriteFingerprintRequest(request);
  const auto read = ReadFingerprintRequest(text);
  ASSERT_TRUE(read.ok()) << read.status().message();
  EXPECT_EQ(read->components, request.components);
  EXPECT_EQ(read->hostname, "db1");

  nlohmann::json edited = nlohmann::json::parse(text);
  edited["components"]["mac"] = "02:00:00:00:00:09";
  EXPECT_FALSE(ReadFingerprintRequest(edited.dump()).ok());
  EXPECT_FALSE(ReadFingerprintRequest("{").ok());
  EXPECT_FALSE(ReadFingerprintRequest("[]").ok());
  auto unknown = nlohmann::json::parse(text);
  unknown["extra"] = 1;
  EXPECT_FALSE(ReadFingerprintRequest(unknown.dump()).ok());
  EXPECT_FALSE(ReadFingerprintRequest(std::string(20000, ' ')).ok());
  // The order of components does not change the fingerprint; any value does.
  EXPECT_EQ(FingerprintOf({{"a", "1"}, {"b", "2"}}), FingerprintOf({{"b", "2"}, {"a", "1"}}));
  EXPECT_NE(FingerprintOf({{"a", "1"}, {"b", "2"}}), FingerprintOf({{"a", "1\nb=2"}}));
}

TEST(PublicKeysFile, RoundTripsAndRefusesMismatchedIds) {
  ASSERT_TRUE(Initialize());
  const SigningKey key = SigningKeyFromSeed(Seed(1));
  const SigningKey old = SigningKeyFromSeed(Seed(2));
  const auto document = PublicKeysDocument(
      {{key.key_id, key.public_key, true, false}, {old.key_id, old.public_key, false, true}});
  const auto keys = ReadPublicKeysFile(document.dump());
  ASSERT_TRUE(keys.ok()) << keys.status().message();
  EXPECT_EQ(keys->at(key.key_id).public_key, key.public_key);
  EXPECT_TRUE(keys->at(old.key_id).retired);
  EXPECT_FALSE(document.dump().empty());
  auto swapped = document;
  swapped["keys"][0]["key_id"] = old.key_id;
  EXPECT_FALSE(ReadPublicKeysFile(swapped.dump()).ok());
  EXPECT_FALSE(ReadPublicKeysFile("not json").ok());
}

TEST_F(LicenseFile, BundlesCarryAFileAndKeysAndNeverPassForALicense) {
  Bundle b;
  b.license_file = IssueLicenseFile(key_, payload_);
  b.public_keys = PublicKeysDocument({{key_.key_id, key_.public_key, true, false}});
  b.config_template = "server_url = \"\"\n";
  b.issued_at = kIssued;
  const std::string text = IssueBundle(key_, b);
  const OpenedBundle opened = OpenBundle(text, trusted_);
  ASSERT_TRUE(opened.ok) << opened.detail;
  EXPECT_EQ(opened.bundle.license_file, b.license_file);
  EXPECT_EQ(opened.bundle.config_template, b.config_template);
  EXPECT_EQ(OpenLicense(text, trusted_).code, FileCode::kBadPayload);
  EXPECT_FALSE(OpenBundle(b.license_file, trusted_).ok);
  std::string tampered = text;
  tampered[tampered.find("\n\n") + 5] ^= 1;
  EXPECT_FALSE(OpenBundle(tampered, trusted_).ok);
}

}  // namespace
}  // namespace licensor::crypto

namespace licensor::crypto {
namespace {

TEST(Base64Strict, DecodesOnlyTheCanonicalText) {
  for (const std::string bytes : {"", "f", "fo", "foo", "foob", "fooba", "foobar"}) {
    std::string out;
    if (bytes.empty()) {
      EXPECT_FALSE(DecodeBase64Strict("", out));
      continue;
    }
    ASSERT_TRUE(DecodeBase64Strict(Base64(bytes), out)) << bytes;
    EXPECT_EQ(out, bytes);
  }
  std::string out;
  EXPECT_FALSE(DecodeBase64Strict("Zm9=", out));  // non-zero bits under the padding
  EXPECT_FALSE(DecodeBase64Strict("Zh==", out));  // likewise
  EXPECT_FALSE(DecodeBase64Strict("Zg", out));    // missing padding
  EXPECT_FALSE(DecodeBase64Strict("Zg=A", out));  // padding in the middle
  EXPECT_FALSE(DecodeBase64Strict("Z g=", out));  // whitespace
  EXPECT_FALSE(DecodeBase64Strict("Zm9v\n", out));
  EXPECT_FALSE(DecodeBase64Strict("Zm9v-_==", out));  // the URL-safe alphabet
  EXPECT_TRUE(DecodeBase64Strict("Zg==", out));
  EXPECT_EQ(out, "f");
}

}  // namespace
}  // namespace licensor::crypto

namespace licensor::crypto {
namespace {

TEST(CanonicalJson, AcceptsExactlyWhatDumpWrites) {
  const char* canonical[] = {R"({})",
                             R"({"a":1,"b":[true,false,null],"c":{"d":"e"}})",
                             R"({"n":-9223372036854775808})",
                             R"({"u":18446744073709551615})",
                             R"({"s":"tab\there \"q\" \\ \u0001 é €"})",
                             R"({"A":1,"a":2,"é":3})",
                             R"({"z":0,"zz":[]})"};
  for (const char* text : canonical) {
    nlohmann::json parsed;
    EXPECT_TRUE(ParseCanonicalJson(text, parsed)) << text;
    EXPECT_EQ(parsed.dump(), text);
  }
  const char* refused[] = {R"([])",
                           R"({"a":1 })",
                           R"({ "a":1})",
                           R"({"b":1,"a":2})",
                           R"({"a":1,"a":2})",
                           R"({"a":1.5})",
                           R"({"a":1e3})",
                           R"({"a":-0})",
                           R"({"a":01})",
                           R"({"a":"\/"})",
                           R"({"a":"\u0041"})",
                           R"({"a":"\u000a"})",
                           R"({"a":"\u001F"})",
                           "{\"a\":\"\t\"}",
                           "{\"a\":\"\xff\"}",
                           "{\"a\":\"\xc0\xaf\"}",
                           "{\"a\":\"\xed\xa0\x80\"}",
                           R"({"a":1}x)",
                           R"({"a":18446744073709551616})",
                           R"({"a":tru})",
                           R"({"a":1,})"};
  for (const char* text : refused) {
    nlohmann::json parsed;
    EXPECT_FALSE(ParseCanonicalJson(text, parsed)) << text;
  }
  std::string deep = "{\"a\":";
  for (int i = 0; i < 100; ++i) deep += "[";
  for (int i = 0; i < 100; ++i) deep += "]";
  deep += "}";
  nlohmann::json parsed;
  EXPECT_FALSE(ParseCanonicalJson(deep, parsed));
}

}  // namespace
}  // namespace licensor::crypto

namespace licensor::crypto {
namespace {

// Found by the fuzzer: members of the wrong type must be refused, never thrown on.
TEST(UntrustedJson, MembersOfTheWrongTypeAreRefusedNotThrown) {
  ASSERT_TRUE(Initialize());
  EXPECT_FALSE(ReadPublicKeysFile(R"({"format":1,"keys":[],"type":{"a":1}})").ok());
  EXPECT_FALSE(
      ReadPublicKeysFile(R"({"format":"1","keys":[],"type":"licensor-public-keys"})").ok());
  const SigningKey key = SigningKeyFromSeed({});
  const PublicKeys trusted = {{key.key_id, TrustedKey{key.public_key, false}}};
  EXPECT_EQ(OpenLicense(SealLicenseFile(key, R"({"type":{"x":1}})"), trusted).code,
            FileCode::kBadPayload);
  EXPECT_FALSE(
      OpenBundle(SealLicenseFile(key, R"({"a":1,"b":2,"c":3,"d":4,"format":[],"type":7})"), trusted)
          .ok);
}

}  // namespace
}  // namespace licensor::crypto
