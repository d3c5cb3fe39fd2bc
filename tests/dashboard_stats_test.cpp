// The dashboard's figures through the HTTP API: licenses by status and expiring soon,
// activations alive and dead, and the per-day counts of activations and validations by result,
// which survive a restart.
#include "tests/support/e2e_fixture.hpp"

namespace licensor::testing {
namespace {

class DashboardStats : public LicensordTest {
 protected:
  Json Overview() {
    const ApiResponse res = admin().Get("/v1/stats/overview");
    EXPECT_EQ(res.status, 200) << res.body;
    return res.json;
  }
  // Today's entry of the daily counts (the last one).
  Json Today(int days = 7) {
    const ApiResponse res = admin().Get("/v1/stats/daily?days=" + std::to_string(days));
    EXPECT_EQ(res.status, 200) << res.body;
    EXPECT_EQ(res.json["days"].size(), static_cast<std::size_t>(days));
    return res.json["days"].back();
  }
};

TEST_F(DashboardStats, TheOverviewCountsLicensesByStatusExpiryAndActivationsByState) {
  const Json product = CreateProduct();
  const Json customer = CreateCustomer();
  const Json week =
      CreatePolicy(product["id"],
                   {{"duration_days", 5}, {"max_activations", 5}, {"heartbeat_interval_s", 3600}});
  const Json month = CreatePolicy(product["id"], {{"duration_days", 20}});
  const Json forever = CreatePolicy(product["id"], {{"max_activations", 3}});
  const auto issue = [&](const Json& policy) {
    return Created(admin().Post("/v1/licenses",
                                {{"policy_id", policy["id"]}, {"customer_id", customer["id"]}}));
  };
  const Json soon = issue(week);
  issue(month);
  const Json suspended = issue(forever);
  ASSERT_EQ(admin()
                .Post("/v1/licenses/" + suspended["id"].get<std::string>() + "/actions/suspend")
                .status,
            200);
  ASSERT_EQ(Activate(soon["code"], "m1").status, 201);
  ASSERT_EQ(Activate(soon["code"], "m2").status, 201);

  Json o = Overview();
  EXPECT_EQ(o["licenses"]["total"], 3);
  EXPECT_EQ(o["licenses"]["by_status"],
            Json({{"ACTIVE", 2}, {"SUSPENDED", 1}, {"REVOKED", 0}, {"EXPIRED", 0}}));
  EXPECT_EQ(o["licenses"]["expiring_within_7_days"], 1);
  EXPECT_EQ(o["licenses"]["expiring_within_30_days"], 2);
  EXPECT_EQ(o["activations"], Json({{"alive", 2}, {"dead", 0}}));

  // The same filter lists them: the dashboard's numbers are links to it.
  EXPECT_EQ(ListAll(admin(), "/v1/licenses", "&status=ACTIVE&expires_within_days=7").size(), 1u);
  EXPECT_EQ(ListAll(admin(), "/v1/licenses", "&code=" + soon["code"].get<std::string>()).size(),
            1u);

  // Past the heartbeat's grace the machines are dead; past 5 days that license has expired.
  server_.AdvanceDays(6);
  RunJobs();
  o = Overview();
  EXPECT_EQ(o["activations"], Json({{"alive", 0}, {"dead", 2}}));
  EXPECT_EQ(o["licenses"]["by_status"]["EXPIRED"], 1);
  EXPECT_EQ(o["licenses"]["expiring_within_7_days"], 0);
  EXPECT_EQ(o["licenses"]["expiring_within_30_days"], 1);
}

TEST_F(DashboardStats, DailyCountsAreKeptByResultAndSurviveARestart) {
  const Json license = IssueLicense({{"max_activations", 1}});
  const std::string code = license["code"];
  EXPECT_EQ(Activate(code, "m1").status, 201);
  EXPECT_EQ(Activate(code, "m1").status, 200);  // the same machine again
  EXPECT_EQ(Activate(code, "m2").status, 409);  // over the cap
  EXPECT_EQ(Activate("LIC-0000-nope", "m1").status, 404);
  Validate(code, {{"fingerprint", "m1"}});
  Validate(code, {{"fingerprint", "m1"}});
  Validate(code, {{"fingerprint", "m9"}});
  // A malformed request decided nothing, and is not counted.
  EXPECT_EQ(client().Post("/v1/client/validate", {{"code", 5}}).status, 400);

  Json today = Today();
  EXPECT_EQ(today["date"], "2027-01-01");
  EXPECT_EQ(today["activations"], Json({{"CREATED", 1},
                                        {"REUSED", 1},
                                        {"ACTIVATION_LIMIT_REACHED", 1},
                                        {"LICENSE_NOT_FOUND", 1}}));
  EXPECT_EQ(today["validations"]["VALID"], 2);
  EXPECT_EQ(today["validations"].size(), 2u);  // and the unknown machine's code

  server_.AdvanceDays(1);
  Validate(code, {{"fingerprint", "m1"}});
  server_.Stop();  // counts not yet written are written at shutdown
  server_.Start();
  Api admin_again = server_.Admin();  // the restarted server listens on another port
  const ApiResponse res = admin_again.Get("/v1/stats/daily?days=2");
  ASSERT_EQ(res.json["days"].size(), 2u);
  EXPECT_EQ(res.json["days"][0]["date"], "2027-01-01");
  EXPECT_EQ(res.json["days"][0]["validations"]["VALID"], 2);
  EXPECT_EQ(res.json["days"][1]["date"], "2027-01-02");
  EXPECT_EQ(res.json["days"][1]["validations"], Json({{"VALID", 1}}));
  EXPECT_EQ(res.json["days"][1]["activations"], Json::object());

  EXPECT_EQ(admin_again.Get("/v1/stats/daily?days=0").status, 400);
  EXPECT_EQ(admin_again.Get("/v1/stats/daily?days=91").status, 400);
  EXPECT_EQ(admin_again.Get("/v1/stats/daily?days=x").json["code"], "INVALID_FIELD");
  EXPECT_EQ(server_.Client().Get("/v1/stats/overview").status, 401);
}

}  // namespace
}  // namespace licensor::testing
