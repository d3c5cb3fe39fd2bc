// Deactivation proofs: what the SDK writes, the server reads and checks against the license code.
#include "crypto/deactivation_proof.hpp"

#include <gtest/gtest.h>
#include <sodium.h>

namespace licensor::crypto {
namespace {

using Json = nlohmann::json;

constexpr std::string_view kCode = "LIC-2345-ABCDEFGHJKMN-PQRS";

DeactivationProof Sample() {
  return {"lic_1", "act_1", "fp1-" + std::string(64, 'a'), 3, 1'800'000'000, ""};
}

Json Written(std::string_view code = kCode) {
  return Json::parse(WriteDeactivationProof(Sample(), code));
}

TEST(DeactivationProof, ReadsBackWhatWasWrittenAndItsSealMatchesTheCode) {
  ASSERT_GE(sodium_init(), 0);
  const auto proof = ReadDeactivationProof(Written());
  ASSERT_TRUE(proof.ok()) << proof.status().message();
  EXPECT_EQ(proof->license_id, "lic_1");
  EXPECT_EQ(proof->activation_id, "act_1");
  EXPECT_EQ(proof->license_version, 3);
  EXPECT_EQ(proof->deactivated_at, 1'800'000'000);
  EXPECT_TRUE(SealMatches(*proof, kCode));
  EXPECT_FALSE(SealMatches(*proof, "LIC-2345-ABCDEFGHJKMN-PQRT"));
}

TEST(DeactivationProof, AnEditedFieldBreaksTheSeal) {
  ASSERT_GE(sodium_init(), 0);
  for (const auto& [name, value] :
       std::vector<std::pair<std::string, Json>>{{"license_id", "lic_2"},
                                                 {"activation_id", "act_2"},
                                                 {"fingerprint", "fp1-" + std::string(64, 'b')},
                                                 {"license_version", 4},
                                                 {"deactivated_at", 1'800'000'001}}) {
    Json document = Written();
    document[name] = value;
    const auto proof = ReadDeactivationProof(document);
    ASSERT_TRUE(proof.ok()) << name;
    EXPECT_FALSE(SealMatches(*proof, kCode)) << name;
  }
  Json document = Written();
  document["seal"] = "not base64!";
  EXPECT_FALSE(SealMatches(*ReadDeactivationProof(document), kCode));
}

TEST(DeactivationProof, RefusesWhatIsNotAProof) {
  const auto refused = [](const Json& document, const std::string& says) {
    const auto proof = ReadDeactivationProof(document);
    ASSERT_FALSE(proof.ok()) << document.dump();
    EXPECT_EQ(proof.status().code(), ErrorCode::kInvalidField);
    EXPECT_NE(proof.status().message().find(says), std::string::npos) << proof.status().message();
  };
  refused(Json::array(), "not a JSON object");
  Json unknown = Written();
  unknown["extra"] = 1;
  refused(unknown, "unknown field 'extra'");
  Json missing = Written();
  missing.erase("seal");
  refused(missing, "'seal' is missing");
  Json type = Written();
  type["type"] = "licensor-fingerprint-request";
  refused(type, "not a format 1");
  Json big = Written();
  big["license_id"] = std::string(65, 'x');
  refused(big, "'license_id' must be a string of 1 to 64");
  Json negative = Written();
  negative["license_version"] = -1;
  refused(negative, "'license_version' must be a whole number");
}

}  // namespace
}  // namespace licensor::crypto
