// Several licensord nodes sharing one PostgreSQL database.

#include "tests/support/e2e_fixture.hpp"
#include "tests/support/test_databases.hpp"

namespace licensor::testing {
namespace {

class MultiNode : public LicensordTest {
 protected:
  void SetUp() override {
    if (BackendFromEnvironment("LICENSOR_E2E_STORE") != "postgres") {
      GTEST_SKIP()
          << "several nodes need the PostgreSQL store; run with LICENSOR_E2E_STORE=postgres";
    }
    LicensordTest::SetUp();
    second_.JoinDeploymentOf(server_);
    second_.Start();
  }
  LicensordProcess second_{{"--client-rate-limit", "0"}};
};

// The activation cap holds across nodes: 300 machines race through two nodes for 100 slots.
TEST_F(MultiNode, CapHoldsAcrossTwoNodes) {
  const Json license = IssueLicense({{"max_activations", 100}});
  const std::string code = license["code"];
  const RaceOutcome race = RaceActivations({server_.url(), second_.url()}, code, 300);
  EXPECT_EQ(race.created, 100);
  EXPECT_EQ(race.limit_reached, 200);
  EXPECT_EQ(race.other, 0);
  Api second_admin(second_.url(), second_.admin_token());
  const Json details = second_admin.Get("/v1/licenses/" + license["id"].get<std::string>()).json;
  EXPECT_EQ(details["activations_count"], 100);
  EXPECT_EQ(details["activations"].size(), 100u);
}

// A change made through one node is what the other node answers with.
TEST_F(MultiNode, NodesShareLicensesTokensAndChanges) {
  const Json license = IssueLicense({{"max_activations", 2}, {"duration_days", 30}});
  const std::string code = license["code"];
  Api second_client(second_.url(), "");
  ASSERT_EQ(Activate(code, "m1").status, 201);
  EXPECT_EQ(second_client.Post("/v1/client/validate", {{"code", code}, {"fingerprint", "m1"}})
                .json["code"],
            "VALID");
  Api second_admin(second_.url(), second_.admin_token());
  ASSERT_EQ(
      second_admin.Post("/v1/licenses/" + license["id"].get<std::string>() + "/actions/suspend")
          .status,
      200);
  EXPECT_EQ(Validate(code, {{"fingerprint", "m1"}})["code"], "SUSPENDED");
  // A token created on one node works on the other.
  const Json token = Created(admin().Post("/v1/tokens", {{"name", "ci"}, {"role", "viewer"}}));
  Api viewer_on_second(second_.url(), token["token"]);
  EXPECT_EQ(viewer_on_second.Get("/v1/products").status, 200);
}

}  // namespace
}  // namespace licensor::testing
