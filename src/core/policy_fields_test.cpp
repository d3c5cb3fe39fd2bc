// The policy's field table read and written the way the route and the serializer use it.
#include "core/policy_fields.hpp"

#include <gtest/gtest.h>

#include "core/catalog_service.hpp"
#include "core/serialize.hpp"

namespace licensor::core {
namespace {

Status Apply(const Json& body, Policy& p) { return ApplyFields(PolicyFields(), body, p); }

std::string MessageOf(const Status& s) { return s.message(); }

Policy FullPolicy() {
  Policy p;
  p.id = "pol_1";
  p.product_id = "prod_1";
  p.name = "Pro";
  p.description = "For teams";
  p.sku = "PRO-TEAM-1Y";
  p.duration_days = 365;
  p.validity_basis = ValidityBasis::kFromFirstActivation;
  p.max_activations = 3;
  p.features = {"export", "sso"};
  p.deployment_mode = DeploymentMode::kHybrid;
  p.trial = true;
  p.heartbeat_interval_s = 3600;
  p.heartbeat_grace_s = 600;
  p.offline_grace_s = 86400;
  p.dead_activation = DeadActivationAction::kRelease;
  p.fingerprint_rule = {{"mac", "cpu", "disk"}, 2};
  p.expiry_grace_days = 7;
  p.created_at = 1'800'000'000;
  p.updated_at = 1'800'000'100;
  return p;
}

// What a client may send back of what it read: everything but what the server sets.
Json SettablePart(Json shown) {
  for (const auto& f : PolicyFields()) {
    if (f.settable == Settable::kNever) shown.erase(std::string(f.key));
  }
  return shown;
}

TEST(PolicyFields, WhatTheApiShowsReadsBackAsTheSamePolicy) {
  const Policy full = FullPolicy();
  for (const auto& f : PolicyFields()) {
    EXPECT_NE(f.write(full), f.write(Policy{})) << f.key << ": FullPolicy() leaves it unset";
  }
  const Json shown = ToJson(full);
  EXPECT_EQ(shown["fingerprint_rule"]["min_matching"], 2);
  EXPECT_EQ(shown["validity_basis"], "FROM_FIRST_ACTIVATION");
  EXPECT_EQ(shown["created_at"], "2027-01-15T08:00:00Z");
  EXPECT_TRUE(shown["description"].is_string());

  Policy read;
  read.id = full.id;
  read.created_at = full.created_at;
  read.updated_at = full.updated_at;
  ASSERT_TRUE(Apply(SettablePart(shown), read).ok());
  EXPECT_EQ(read, full);
}

TEST(PolicyFields, WhatTheServerSetsIsRefusedLikeAnyUnknownField) {
  Policy p;
  for (const char* key : {"id", "created_at", "updated_at", "nonsense"}) {
    const Status s = Apply({{key, "x"}}, p);
    EXPECT_EQ(s.code(), ErrorCode::kInvalidField) << key;
    EXPECT_EQ(MessageOf(s), std::string("unknown field '") + key + "'");
  }
  EXPECT_EQ(p, Policy{});
}

TEST(PolicyFields, AnObjectMemberIsGivenWhole) {
  Policy p = FullPolicy();
  ASSERT_TRUE(Apply({{"fingerprint_rule", {{"components", {"mac"}}}}}, p).ok());
  EXPECT_EQ(p.fingerprint_rule.components, std::vector<std::string>{"mac"});
  EXPECT_EQ(p.fingerprint_rule.min_matching, 0) << "left out, so reset";
  EXPECT_EQ(p.name, "Pro") << "members not given stay as they are";

  EXPECT_EQ(MessageOf(Apply({{"fingerprint_rule", "mac"}}, p)),
            "field 'fingerprint_rule' must be an object");
  EXPECT_EQ(MessageOf(Apply({{"fingerprint_rule", {{"colour", 1}}}}, p)), "unknown field 'colour'");
  EXPECT_EQ(MessageOf(Apply({{"fingerprint_rule", {{"min_matching", 17}}}}, p)),
            "field 'min_matching' must be between 0 and 16");
}

TEST(PolicyFields, EachTypeAndLimitIsRefusedNamingTheField) {
  Policy p;
  EXPECT_EQ(MessageOf(Apply({{"max_activations", 0}}, p)),
            "field 'max_activations' must be between 1 and 1000000");
  EXPECT_EQ(MessageOf(Apply({{"max_activations", "3"}}, p)),
            "field 'max_activations' must be an integer");
  EXPECT_EQ(MessageOf(Apply({{"description", std::string(501, 'x')}}, p)),
            "field 'description' is longer than 500 characters");
  EXPECT_EQ(MessageOf(Apply({{"deployment_mode", "CLOUD"}}, p)),
            "field 'deployment_mode' must be ONLINE, OFFLINE or HYBRID");
  EXPECT_EQ(MessageOf(Apply({{"trial", 1}}, p)), "field 'trial' must be true or false");
  EXPECT_EQ(MessageOf(Apply({{"features", {""}}}, p)),
            "field 'features' must hold non-empty strings of at most 64 characters");
  EXPECT_EQ(MessageOf(Apply({{"heartbeat_interval_s", 9}}, p)),
            "field 'heartbeat_interval_s' must be between 10 and 31536000");
  EXPECT_EQ(p, Policy{}) << "nothing refused was applied";

  // Limits count characters, as JSON Schema's maxLength does: 500 two-byte ones are 500.
  std::string accented;
  for (int i = 0; i < 500; ++i) accented += "é";
  ASSERT_TRUE(Apply({{"description", accented}}, p).ok());
  EXPECT_EQ(p.description, accented);
  p.name = "Accented";
  EXPECT_TRUE(ValidatePolicy(p).ok()) << "the service counts characters too";
  EXPECT_FALSE(Apply({{"description", accented + "é"}}, p).ok());

  ASSERT_TRUE(Apply({{"duration_days", nullptr}, {"offline_grace_s", nullptr}}, p).ok());
  EXPECT_FALSE(p.duration_days);
  EXPECT_FALSE(p.offline_grace_s);
}

// The service holds a policy to the same limits however its values were set.
TEST(PolicyFields, TheServiceChecksTheTablesLimits) {
  Policy p = FullPolicy();
  ASSERT_TRUE(ValidatePolicy(p).ok());
  p.name.clear();
  EXPECT_EQ(MessageOf(ValidatePolicy(p)), "field 'name' must be 1 to 200 characters");
  p = FullPolicy();
  p.max_activations = 2'000'000;
  EXPECT_EQ(MessageOf(ValidatePolicy(p)), "field 'max_activations' must be between 1 and 1000000");
  p = FullPolicy();
  p.fingerprint_rule.components.assign(17, "c");
  EXPECT_EQ(MessageOf(ValidatePolicy(p)),
            "field 'fingerprint_rule.components' holds more than 16 items");
  p = FullPolicy();
  p.fingerprint_rule.min_matching = 4;
  EXPECT_EQ(MessageOf(ValidatePolicy(p)),
            "fingerprint_rule.min_matching must be between 0 and the number of components");
}

}  // namespace
}  // namespace licensor::core
