// Activations over their life: heartbeats, dead machines, slot release, similarity, statuses.
#include "tests/support/e2e_fixture.hpp"

namespace licensor::testing {
namespace {

class ActivationLifecycle : public LicensordTest {};

ApiResponse Heartbeat(Api& client, const std::string& code, const std::string& fp) {
  return client.Post("/v1/client/heartbeat", {{"code", code}, {"fingerprint", fp}});
}

TEST_F(ActivationLifecycle, SilentMachineIsMarkedDeadAndKeepsItsSlot) {
  const Json license = IssueLicense({{"max_activations", 1},
                                     {"heartbeat_interval_s", 60},
                                     {"heartbeat_grace_s", 30},
                                     {"dead_activation", "KEEP"}});
  const std::string code = license["code"];
  ASSERT_EQ(Activate(code, "m1").status, 201);
  server_.SetTime(server_.Now() + 90);
  EXPECT_EQ(RunJobs()["activations_marked_dead"], 0);  // exactly at interval + grace: alive
  server_.SetTime(server_.Now() + 1);
  const Json report = RunJobs();
  EXPECT_EQ(report["activations_marked_dead"], 1);
  EXPECT_EQ(report["activation_slots_released"], 0);
  EXPECT_EQ(RunJobs()["activations_marked_dead"], 0);  // idempotent

  EXPECT_EQ(Activations(license["id"])[0]["state"], "DEAD");
  EXPECT_EQ(Activations(license["id"], "&alive=false").size(), 1u);
  EXPECT_TRUE(Activations(license["id"], "&alive=true").empty());
  EXPECT_EQ(Validate(code, {{"fingerprint", "m1"}})["code"], "HEARTBEAT_DEAD");
  EXPECT_EQ(Activate(code, "m2").json["code"], "ACTIVATION_LIMIT_REACHED");

  const Json events = admin().Get("/v1/events?resource_type=activation").json;
  bool recorded = false;
  for (const auto& e : events["data"])
    recorded |= e["action"] == "activation.dead" && e["actor"] == "system";
  EXPECT_TRUE(recorded) << events.dump();

  // The machine comes back: its heartbeat revives it.
  EXPECT_EQ(Heartbeat(client(), code, "m1").status, 200);
  EXPECT_EQ(Validate(code, {{"fingerprint", "m1"}})["code"], "VALID");
}

TEST_F(ActivationLifecycle, SilentMachineReleasesItsSlotWhenPolicySaysRelease) {
  const Json license = IssueLicense(
      {{"max_activations", 1}, {"heartbeat_interval_s", 60}, {"dead_activation", "RELEASE"}});
  const std::string code = license["code"];
  ASSERT_EQ(Activate(code, "m1").status, 201);
  server_.SetTime(server_.Now() + 61);
  EXPECT_EQ(RunJobs()["activation_slots_released"], 1);
  EXPECT_EQ(
      admin().Get("/v1/licenses/" + license["id"].get<std::string>()).json["activations_count"], 0);
  EXPECT_EQ(Heartbeat(client(), code, "m1").json["code"], "NOT_ACTIVATED");
  EXPECT_EQ(Activate(code, "m2").status, 201);
}

TEST_F(ActivationLifecycle, DeactivateAndAdminReleaseFreeTheSlot) {
  const Json license = IssueLicense({{"max_activations", 1}});
  const std::string code = license["code"];
  ASSERT_EQ(Activate(code, "m1").status, 201);
  EXPECT_EQ(client().Post("/v1/client/deactivate", {{"code", code}, {"fingerprint", "m1"}}).status,
            204);
  EXPECT_EQ(
      client().Post("/v1/client/deactivate", {{"code", code}, {"fingerprint", "m1"}}).json["code"],
      "NOT_ACTIVATED");
  const ApiResponse second = Activate(code, "m2");
  ASSERT_EQ(second.status, 201);
  EXPECT_EQ(admin().Delete("/v1/activations/" + second.json["id"].get<std::string>()).status, 204);
  EXPECT_EQ(admin().Delete("/v1/activations/" + second.json["id"].get<std::string>()).status, 404);
  EXPECT_EQ(Activate(code, "m3").status, 201);
}

TEST_F(ActivationLifecycle, OneReplacedPartKeepsTheMachineUnderATwoOfThreeRule) {
  const Json license = IssueLicense(
      {{"max_activations", 1},
       {"fingerprint_rule", {{"components", {"mac", "cpu", "disk"}}, {"min_matching", 2}}}});
  const std::string code = license["code"];
  const Json original = {{"mac", "00:11"}, {"cpu", "xeon-1"}, {"disk", "sn-1"}};
  ASSERT_EQ(Activate(code, "fp-original", {{"components", original}}).status, 201);

  Json new_nic = original;
  new_nic["mac"] = "00:99";
  EXPECT_EQ(Validate(code, {{"fingerprint", "fp-new-nic"}, {"components", new_nic}})["code"],
            "VALID");
  const ApiResponse moved = Activate(code, "fp-new-nic", {{"components", new_nic}});
  EXPECT_EQ(moved.status, 200) << moved.body;  // same machine, no new slot
  EXPECT_EQ(moved.json["fingerprint"], "fp-new-nic");

  Json other = new_nic;
  other["cpu"] = "epyc-9";
  other["disk"] = "sn-2";
  const Json mismatch = Validate(code, {{"fingerprint", "fp-other"}, {"components", other}});
  EXPECT_EQ(mismatch["code"], "FINGERPRINT_MISMATCH");
  EXPECT_NE(mismatch["detail"].get<std::string>().find("cpu"), std::string::npos);
  EXPECT_EQ(Validate(code, {{"fingerprint", "never-seen"}})["code"], "NOT_ACTIVATED");
  EXPECT_EQ(Activate(code, "fp-other", {{"components", other}}).json["code"],
            "ACTIVATION_LIMIT_REACHED");
}

TEST_F(ActivationLifecycle, SuspendReinstateRevokeAreSeenByClients) {
  const Json license = IssueLicense({{"max_activations", 3}});
  const std::string id = license["id"];
  const std::string code = license["code"];
  ASSERT_EQ(Activate(code, "m1").status, 201);

  EXPECT_EQ(admin().Post("/v1/licenses/" + id + "/actions/suspend").json["status"], "SUSPENDED");
  EXPECT_EQ(Validate(code)["code"], "SUSPENDED");
  const ApiResponse refused = Activate(code, "m2");
  EXPECT_EQ(refused.status, 403);
  EXPECT_EQ(refused.json["code"], "LICENSE_NOT_ACTIVE");
  EXPECT_EQ(admin().Post("/v1/licenses/" + id + "/actions/suspend").status, 409);

  EXPECT_EQ(admin().Post("/v1/licenses/" + id + "/actions/reinstate").json["status"], "ACTIVE");
  EXPECT_EQ(Validate(code)["code"], "VALID");

  EXPECT_EQ(admin().Post("/v1/licenses/" + id + "/actions/revoke").json["status"], "REVOKED");
  EXPECT_EQ(Validate(code)["code"], "REVOKED");
  EXPECT_EQ(admin().Post("/v1/licenses/" + id + "/actions/renew").status, 409);
  EXPECT_EQ(admin().Post("/v1/licenses/" + id + "/actions/explode").status, 404);
  // A license with activations is revoked, not deleted.
  EXPECT_EQ(admin().Delete("/v1/licenses/" + id).status, 409);
}

TEST_F(ActivationLifecycle, UnknownCodeAndMissingFeatures) {
  EXPECT_EQ(Validate("LIC-2266-EtgAHCyh8HJT-hTAA")["code"], "NOT_FOUND");
  const ApiResponse res = Activate("LIC-2266-EtgAHCyh8HJT-hTAA", "m1");
  EXPECT_EQ(res.status, 404);
  EXPECT_EQ(res.json["code"], "LICENSE_NOT_FOUND");

  const Json license = IssueLicense({{"features", {"reports", "export"}}});
  const Json missing = Validate(license["code"], {{"features", {"reports", "sso"}}});
  EXPECT_EQ(missing["valid"], false);
  EXPECT_EQ(missing["code"], "FEATURE_MISSING");
  EXPECT_EQ(missing["missing_features"], Json({"sso"}));
  EXPECT_EQ(Validate(license["code"], {{"features", {"export"}}})["code"], "VALID");
}

TEST_F(ActivationLifecycle, OverridesOnIssueReplacePolicyTerms) {
  const Json license = IssueLicense(
      {{"max_activations", 5}, {"features", {"a"}}, {"duration_days", 30}},
      {{"max_activations", 2}, {"features", {"a", "b"}}, {"expires_at", "2027-06-30T12:00:00Z"}});
  EXPECT_EQ(license["max_activations"], 2);
  EXPECT_EQ(license["features"], Json({"a", "b"}));
  EXPECT_EQ(license["expires_at"], "2027-06-30T12:00:00Z");
}

}  // namespace
}  // namespace licensor::testing
