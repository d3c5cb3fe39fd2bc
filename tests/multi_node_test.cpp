// Several licensord nodes sharing one PostgreSQL database.

#include <chrono>
#include <thread>

#include "crypto/license_file.hpp"
#include "crypto/public_keys_file.hpp"
#include "crypto/random.hpp"
#include "storage/postgres/pg_db.hpp"
#include "tests/support/browser_session.hpp"
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
  EXPECT_EQ(ListActivations(second_admin, license["id"]).size(), 100u);
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

// Keys live in the shared store: a rotation through one node is the key the other node signs
// its next file with, at once and without a restart; a retirement through the other node is
// seen by the first. Files from both verify against the keys either node publishes.
TEST_F(MultiNode, KeyRotationOnOneNodeSignsTheOthersNextFile) {
  ASSERT_TRUE(crypto::Initialize());
  const Json license = IssueLicense({{"max_activations", 4}});
  const std::string code = license["code"];
  Api second_admin(second_.url(), second_.admin_token());
  Api second_client(second_.url(), "");
  const auto public_keys = [](Api& api) {
    return crypto::ReadPublicKeysDocument(api.Get("/v1/keys/public").json).value();
  };
  const auto file_from = [&](Api& api, const std::string& fingerprint) {
    const ApiResponse res =
        api.Raw("GET", "/v1/client/license-file", "", "application/json",
                {{"Authorization", "License " + code}, {"Licensor-Fingerprint", fingerprint}});
    EXPECT_EQ(res.status, 200) << res.body;
    return res.body;
  };
  ASSERT_EQ(Activate(code, "m1").status, 201);
  ASSERT_EQ(Activate(code, "m2").status, 201);
  const std::string old_file = file_from(second_client, "m1");
  const std::string old_key = crypto::OpenLicense(old_file, public_keys(second_admin)).key_id;

  const std::string new_key = Created(admin().Post("/v1/keys/rotate"))["key_id"];
  const std::string new_file = file_from(second_client, "m2");
  for (Api* api : {&admin(), &second_admin}) {
    const auto keys = public_keys(*api);
    EXPECT_EQ(crypto::OpenLicense(new_file, keys).key_id, new_key);
    EXPECT_EQ(crypto::OpenLicense(new_file, keys).code, crypto::FileCode::kValid);
    EXPECT_EQ(crypto::OpenLicense(old_file, keys).code, crypto::FileCode::kValid);
  }

  ASSERT_EQ(second_admin.Post("/v1/keys/" + old_key + "/retire").status, 204);
  EXPECT_EQ(crypto::OpenLicense(old_file, public_keys(admin())).code,
            crypto::FileCode::kRetiredKey);
  EXPECT_EQ(admin().Post("/v1/keys/" + new_key + "/retire").json["code"], "CONFLICT");
}

// A metric's value on a node's /metrics (-1 when it is not there).
double MetricOf(const LicensordProcess& node, const std::string& name) {
  const std::string text = node.Admin().Get("/metrics").body;
  const auto at = text.find("\n" + name + " ");
  return at == std::string::npos ? -1 : std::stod(text.substr(at + name.size() + 2));
}

// Waits (at most five seconds) for a node's metric to reach `value`: the listener's news comes
// from its own thread.
bool MetricReaches(const LicensordProcess& node, const std::string& name, double value) {
  for (int i = 0; i < 500; ++i) {
    if (MetricOf(node, name) >= value) return true;
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  return false;
}

// Each node answers validations from its own cache, and a change made through one node reaches
// the other's cache by NOTIFY. A node whose listening connection drops reads past its cache,
// listens again, and empties the cache before using it again.
TEST_F(MultiNode, EachNodesValidationCacheFollowsTheOthersChanges) {
  const Json license = IssueLicense({{"max_activations", 2}});
  const std::string code = license["code"];
  const std::string id = license["id"];
  ASSERT_EQ(Activate(code, "m1").status, 201);
  Api second_client(second_.url(), "");
  const auto on_second = [&] {
    return second_client.Post("/v1/client/validate", {{"code", code}, {"fingerprint", "m1"}})
        .json["code"]
        .get<std::string>();
  };
  // Another node's change comes by NOTIFY, a moment after its commit.
  const auto soon_on_second = [&](const std::string& expected) {
    std::string seen;
    for (int i = 0; i < 200 && (seen = on_second()) != expected; ++i) {
      std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    return seen;
  };
  const std::string hits = "licensor_validation_cache_lookups_total{result=\"hit\"}";
  // Node B answers from its cache once node A's notifications of the activation have come.
  const auto answers_from_cache = [&] {
    for (int i = 0; i < 200; ++i) {
      const double before = MetricOf(second_, hits);
      if (on_second() != "VALID") return false;
      if (MetricOf(second_, hits) > before) return true;
    }
    return false;
  };
  EXPECT_TRUE(answers_from_cache());

  ASSERT_EQ(admin().Post("/v1/licenses/" + id + "/actions/suspend").status, 200);
  EXPECT_EQ(soon_on_second("SUSPENDED"), "SUSPENDED");
  ASSERT_EQ(admin().Post("/v1/licenses/" + id + "/actions/reinstate").status, 200);
  EXPECT_EQ(soon_on_second("VALID"), "VALID");

  // Both nodes' listening connections are cut, as a restarted database or a network fault would.
  ASSERT_EQ(MetricOf(second_, "licensor_validation_cache_listening"), 1);
  auto db = storage::postgres::PgConnection::Open(server_.database_url());
  ASSERT_TRUE(db.ok()) << db.status().message();
  const auto cut = (*db)->Query(
      "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = "
      "current_database() AND query = 'LISTEN licensor_validation'");
  ASSERT_TRUE(cut.ok()) << cut.status().message();
  ASSERT_EQ(cut->rows(), 2);
  ASSERT_TRUE(MetricReaches(second_, "licensor_validation_cache_resets_total", 1));
  // Whether node B is still reconnecting (reading past its cache) or listening again (with its
  // cache emptied), it answers with what the database holds.
  ASSERT_EQ(admin().Post("/v1/licenses/" + id + "/actions/suspend").status, 200);
  EXPECT_EQ(on_second(), "SUSPENDED");
  ASSERT_TRUE(MetricReaches(second_, "licensor_validation_cache_listening", 1));
  EXPECT_EQ(on_second(), "SUSPENDED");
  ASSERT_EQ(admin().Post("/v1/licenses/" + id + "/actions/reinstate").status, 200);
  EXPECT_EQ(soon_on_second("VALID"), "VALID");
  EXPECT_TRUE(answers_from_cache());  // the cache is in use again
}

// Day-card deductions stay one per device and period when two nodes run the job and devices
// report through both at the same moment.
TEST_F(MultiNode, DeductionsHappenOncePerDeviceAndDayAcrossNodes) {
  constexpr int kDevices = 20;
  const std::string customer = CreateCustomer("Fleet")["id"];
  Created(admin().Post("/v1/device-models", {{"name", "M1"}}));
  Created(admin().Post("/v1/card-types",
                       {{"code", "T1"}, {"name", "t"}, {"models", {"M1"}}, {"max_days", 365}}));
  const Json token = Created(admin().Post(
      "/v1/tokens", {{"name", "fleet"}, {"role", "customer_admin"}, {"customer_id", customer}}));
  Api fleet(server_.url(), token["token"]);
  const Json cards = Created(admin().Post("/v1/cards", {{"type_code", "T1"},
                                                        {"customer_id", customer},
                                                        {"quantity", kDevices},
                                                        {"days", 30}}))["data"];
  std::vector<std::string> credentials;
  for (int i = 0; i < kDevices; ++i) {
    const std::string number = "D" + std::to_string(i);
    credentials.push_back(Created(admin().Post(
        "/v1/devices",
        {{"number", number}, {"model", "M1"}, {"customer_id", customer}}))["credential"]);
    ASSERT_EQ(fleet
                  .Post("/v1/cards/" + cards[i]["number"].get<std::string>() + "/bind",
                        {{"device_number", number}})
                  .status,
              200);
  }
  Api second_admin(second_.url(), second_.admin_token());
  for (int day = 0; day < 3; ++day) {
    const std::int64_t t = kStartTime + day * 86400 + 60;
    server_.SetTime(t);
    second_.SetTime(t);
    std::vector<std::thread> racers;
    for (int i = 0; i < kDevices; ++i) {
      racers.emplace_back([&, i] {
        Api device(i % 2 ? second_.url() : server_.url(), "");
        device.Raw("POST", "/v1/devices/D" + std::to_string(i) + "/reports", "{}",
                   "application/json", {{"Authorization", "Device " + credentials[i]}});
      });
    }
    racers.emplace_back(
        [&] { Api(server_.url(), server_.admin_token()).Post("/v1/jobs/deduction/run"); });
    racers.emplace_back(
        [&] { Api(second_.url(), second_.admin_token()).Post("/v1/jobs/deduction/run"); });
    for (auto& r : racers) r.join();
  }
  const Json deductions = fleet.Get("/v1/deductions?limit=500").json["data"];
  EXPECT_EQ(deductions.size(), 3u * kDevices);
  const Json after = fleet.Get("/v1/cards?limit=500").json["data"];
  for (const Json& c : after) {
    EXPECT_EQ(c["available_days"], 27) << c;
  }
}

// The dashboard's daily counts of every node add up in the shared database.
// Failed sign-ins are counted in the shared store: guessing through several nodes buys no
// more guesses than through one.
TEST_F(MultiNode, SignInFailuresThroughEveryNodeCountTogether) {
  constexpr const char* kEmail = "admin@example.com";
  constexpr const char* kPassword = "a long enough password";
  ASSERT_EQ(BrowserSession(server_.url())
                .Setup(SetupTokenFrom(server_.Stdout()), kEmail, kPassword)
                .status,
            201);
  for (int i = 0; i < 3; ++i) {
    EXPECT_EQ(BrowserSession(server_.url()).SignIn(kEmail, "wrong " + std::to_string(i)).status,
              401);
  }
  for (int i = 0; i < 2; ++i) {
    EXPECT_EQ(BrowserSession(second_.url()).SignIn(kEmail, "wrong " + std::to_string(i)).status,
              401);
  }
  EXPECT_EQ(BrowserSession(second_.url()).SignIn(kEmail, kPassword).status, 429);
  EXPECT_EQ(BrowserSession(server_.url()).SignIn(kEmail, kPassword).status, 429);
}

TEST_F(MultiNode, DailyCountsOfAllNodesAddUp) {
  const Json license = IssueLicense({{"max_activations", 10}});
  const std::string code = license["code"];
  Api second_client(second_.url(), "");
  for (int i = 0; i < 3; ++i) Validate(code, {{"fingerprint", "unknown"}});
  for (int i = 0; i < 2; ++i) {
    EXPECT_EQ(
        second_client.Post("/v1/client/validate", {{"code", code}, {"fingerprint", "unknown"}})
            .status,
        200);
  }
  Api second_admin(second_.url(), second_.admin_token());
  EXPECT_EQ(second_admin.Post("/v1/jobs/maintenance/run").status, 200);  // writes its counts
  RunJobs();
  const Json days = admin().Get("/v1/stats/daily?days=1").json["days"];
  ASSERT_EQ(days.size(), 1u);
  EXPECT_EQ(days[0]["validations"]["NOT_ACTIVATED"], 5) << days.dump();
}

}  // namespace
}  // namespace licensor::testing
