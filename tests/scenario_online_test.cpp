// Seed scenarios 1 and 3 (online mode) against a real licensord over loopback.
#include <regex>

#include "tests/support/e2e_fixture.hpp"

namespace licensor::testing {
namespace {

class OnlineScenario : public LicensordTest {};

Json TrialPolicy() {
  return {
      {"name", "7-day trial"},        {"duration_days", 7},      {"max_activations", 100},
      {"deployment_mode", "ONLINE"},  {"trial", true},           {"features", {"core", "trial"}},
      {"heartbeat_interval_s", 3600}, {"heartbeat_grace_s", 600}};
}

// Scenario 1: a 7-day trial with 100 activations; the 101st is refused; after 7 days the
// license answers EXPIRED with a renewal message; extending the validity makes it VALID again.
TEST_F(OnlineScenario, TrialFleetOfHundredThenExpiryThenRenewal) {
  const Json license = IssueLicense(TrialPolicy());
  const std::string code = license["code"];
  ASSERT_TRUE(
      std::regex_match(code, std::regex("LIC-[2-9]{4}-[A-HJ-NP-Z2-9]{12}-[A-HJ-NP-Z2-9]{4}")))
      << code;

  const ApiResponse first = Activate(code, "fp-0", {{"hostname", "srv-0"}});
  ASSERT_EQ(first.status, 201) << first.body;
  const Json progress_one = admin().Get("/v1/licenses/" + license["id"].get<std::string>()).json;
  EXPECT_EQ(progress_one["activation_progress"], "1/100");

  for (int i = 1; i < 100; ++i) {
    const ApiResponse res =
        Activate(code, "fp-" + std::to_string(i), {{"hostname", "srv-" + std::to_string(i)}});
    ASSERT_EQ(res.status, 201) << i << ": " << res.body;
    EXPECT_EQ(res.json["license"]["features"], Json({"core", "trial"}));
  }
  const Json full = admin().Get("/v1/licenses/" + license["id"].get<std::string>()).json;
  EXPECT_EQ(full["activation_progress"], "100/100");
  EXPECT_EQ(full["activations_count"], 100);
  EXPECT_FALSE(full.contains("activations"));  // listed a page at a time instead
  const Json activations = Activations(license["id"]);
  ASSERT_EQ(activations.size(), 100u);
  EXPECT_EQ(activations[42]["fingerprint"], "fp-42");
  EXPECT_EQ(activations[42]["hostname"], "srv-42");
  EXPECT_EQ(activations[42]["last_seen_at"], "2027-01-01T00:00:00Z");
  EXPECT_EQ(activations[42]["state"], "ALIVE");
  const Json by_host = Activations(license["id"], "&hostname=srv-42");
  ASSERT_EQ(by_host.size(), 1u);
  EXPECT_EQ(by_host[0]["fingerprint"], "fp-42");
  EXPECT_EQ(Activations(license["id"], "&fingerprint=fp-7")[0]["hostname"], "srv-7");

  // A machine already activated uses no new slot.
  const ApiResponse again = Activate(code, "fp-7");
  EXPECT_EQ(again.status, 200) << again.body;
  EXPECT_EQ(again.json["created"], false);

  const ApiResponse refused = Activate(code, "fp-100");
  EXPECT_EQ(refused.status, 409);
  EXPECT_EQ(refused.json["code"], "ACTIVATION_LIMIT_REACHED");
  EXPECT_EQ(refused.headers.at("content-type"), "application/problem+json");

  EXPECT_EQ(Validate(code, {{"fingerprint", "fp-3"}})["code"], "VALID");

  server_.AdvanceDays(7);
  const Json expired = Validate(code, {{"fingerprint", "fp-3"}});
  EXPECT_EQ(expired["valid"], false);
  EXPECT_EQ(expired["code"], "EXPIRED");
  EXPECT_NE(expired["detail"].get<std::string>().find("Renew"), std::string::npos);
  EXPECT_EQ(Activate(code, "fp-late").json["code"], "LICENSE_NOT_ACTIVE");

  // The operator extends the validity: renewal counts from now because it had lapsed.
  const ApiResponse renewed =
      admin().Post("/v1/licenses/" + license["id"].get<std::string>() + "/actions/renew");
  ASSERT_EQ(renewed.status, 200) << renewed.body;
  EXPECT_EQ(renewed.json["expires_at"], "2027-01-15T00:00:00Z");
  EXPECT_EQ(Validate(code)["code"], "VALID");
  // fp-3 sent no heartbeat for a week, so it counts as dead until it reports again.
  EXPECT_EQ(Validate(code, {{"fingerprint", "fp-3"}})["code"], "HEARTBEAT_DEAD");
  EXPECT_EQ(client().Post("/v1/client/heartbeat", {{"code", code}, {"fingerprint", "fp-3"}}).status,
            200);
  EXPECT_EQ(Validate(code, {{"fingerprint", "fp-3"}})["code"], "VALID");
}

// Extending by setting a new expiry directly works the same way.
TEST_F(OnlineScenario, ExpiredLicenseBecomesValidWhenExpiryIsExtended) {
  const Json license = IssueLicense({{"duration_days", 7}, {"max_activations", 5}});
  const std::string id = license["id"];
  server_.AdvanceDays(8);
  EXPECT_EQ(RunJobs()["licenses_expired"], 1);
  EXPECT_EQ(admin().Get("/v1/licenses/" + id).json["status"], "EXPIRED");
  EXPECT_EQ(Validate(license["code"])["code"], "EXPIRED");

  const ApiResponse patched =
      admin().Patch("/v1/licenses/" + id, {{"expires_at", "2027-12-31T00:00:00Z"}});
  ASSERT_EQ(patched.status, 200) << patched.body;
  EXPECT_EQ(patched.json["status"], "ACTIVE");
  EXPECT_EQ(Validate(license["code"])["code"], "VALID");
}

// Scenario 3, server side: the validity changes from 7 days to 1 year; the license is marked
// pending sync, the next heartbeat says an update is available, and fetching it extends expiry.
TEST_F(OnlineScenario, RenewalToOneYearReachesTheClientThroughHeartbeat) {
  const Json license = IssueLicense(TrialPolicy());
  const std::string id = license["id"];
  const std::string code = license["code"];
  ASSERT_EQ(Activate(code, "srv-a").status, 201);
  const Json hb_before =
      client().Post("/v1/client/heartbeat", {{"code", code}, {"fingerprint", "srv-a"}}).json;
  EXPECT_EQ(hb_before["update_available"], false);
  EXPECT_EQ(hb_before["next_heartbeat_in"], 3600);

  server_.AdvanceDays(5);
  const ApiResponse changed = admin().Patch("/v1/licenses/" + id, {{"duration_days", 365}});
  ASSERT_EQ(changed.status, 200) << changed.body;
  EXPECT_EQ(changed.json["pending_sync"], true);
  EXPECT_EQ(changed.json["version"], 2);
  EXPECT_EQ(changed.json["expires_at"], "2028-01-01T00:00:00Z");

  const Json hb =
      client().Post("/v1/client/heartbeat", {{"code", code}, {"fingerprint", "srv-a"}}).json;
  EXPECT_EQ(hb["update_available"], true);
  EXPECT_EQ(hb["version"], 2);

  // The client downloads the refreshed parameters by activating again (same machine).
  const ApiResponse refreshed = Activate(code, "srv-a");
  ASSERT_EQ(refreshed.status, 200) << refreshed.body;
  EXPECT_EQ(refreshed.json["license"]["expires_at"], "2028-01-01T00:00:00Z");
  EXPECT_EQ(refreshed.json["fetched_version"], 2);

  const Json hb_after =
      client().Post("/v1/client/heartbeat", {{"code", code}, {"fingerprint", "srv-a"}}).json;
  EXPECT_EQ(hb_after["update_available"], false);
  EXPECT_EQ(admin().Get("/v1/licenses/" + id).json["pending_sync"], false);

  server_.AdvanceDays(30);  // well past the old 7-day expiry
  EXPECT_EQ(Validate(code, {{"fingerprint", "srv-a"}, {"features", {"core"}}})["code"],
            "HEARTBEAT_DEAD");
  client().Post("/v1/client/heartbeat", {{"code", code}, {"fingerprint", "srv-a"}});
  EXPECT_EQ(Validate(code, {{"fingerprint", "srv-a"}, {"features", {"core"}}})["code"], "VALID");
}

TEST_F(OnlineScenario, ExpiryGracePeriodKeepsTheLicenseValidForAWhile) {
  const Json license = IssueLicense({{"duration_days", 30}, {"expiry_grace_days", 3}});
  server_.AdvanceDays(31);
  const Json in_grace = Validate(license["code"]);
  EXPECT_EQ(in_grace["valid"], true);
  EXPECT_EQ(in_grace["code"], "IN_GRACE_PERIOD");
  EXPECT_EQ(RunJobs()["licenses_expired"], 0);
  server_.AdvanceDays(3);
  EXPECT_EQ(Validate(license["code"])["code"], "EXPIRED");
  EXPECT_EQ(RunJobs()["licenses_expired"], 1);
}

TEST_F(OnlineScenario, FromFirstActivationStartsTheClockAtActivation) {
  const Json license =
      IssueLicense({{"duration_days", 10}, {"validity_basis", "FROM_FIRST_ACTIVATION"}});
  EXPECT_TRUE(license["expires_at"].is_null());
  server_.AdvanceDays(20);
  const ApiResponse res = Activate(license["code"], "m1");
  ASSERT_EQ(res.status, 201) << res.body;
  EXPECT_EQ(res.json["license"]["expires_at"], "2027-01-31T00:00:00Z");
}

}  // namespace
}  // namespace licensor::testing
