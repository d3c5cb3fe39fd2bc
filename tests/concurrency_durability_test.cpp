// The activation cap under concurrent load, and durability across restarts.

#include "tests/support/e2e_fixture.hpp"

namespace licensor::testing {
namespace {

class CapUnderConcurrency : public LicensordTest {};

// 300 machines activate one code at the same moment; the cap of 100 holds exactly.
TEST_F(CapUnderConcurrency, ThreeHundredRacingForAHundredSlots) {
  const Json license = IssueLicense({{"max_activations", 100}});
  const std::string code = license["code"];
  const RaceOutcome race = RaceActivations({server_.url()}, code, 300);
  EXPECT_EQ(race.created, 100);
  EXPECT_EQ(race.limit_reached, 200);
  EXPECT_EQ(race.other, 0);
  const Json details = admin().Get("/v1/licenses/" + license["id"].get<std::string>()).json;
  EXPECT_EQ(details["activations_count"], 100);
  EXPECT_EQ(Activations(license["id"]).size(), 100u);
}

// Two requests race for the last slot: exactly one wins.
TEST_F(CapUnderConcurrency, TwoRacingForTheLastSlot) {
  for (int round = 0; round < 20; ++round) {
    const Json license = IssueLicense({{"max_activations", 2}});
    const std::string code = license["code"];
    ASSERT_EQ(Activate(code, "first").status, 201);
    const RaceOutcome race = RaceActivations({server_.url()}, code, 2);
    EXPECT_EQ(race.created, 1) << "round " << round;
    EXPECT_EQ(race.limit_reached, 1) << "round " << round;
  }
}

class Durability : public LicensordTest {};

TEST_F(Durability, AcknowledgedActivationsSurviveARestart) {
  const Json license = IssueLicense({{"max_activations", 50}});
  const std::string code = license["code"];
  for (int i = 0; i < 25; ++i) {
    ASSERT_EQ(Activate(code, "m" + std::to_string(i)).status, 201);
  }
  admin_.reset();
  client_.reset();
  EXPECT_EQ(server_.Stop(), 0);  // graceful SIGTERM exits cleanly
  server_.Start();
  admin_ = std::make_unique<Api>(server_.Admin());
  client_ = std::make_unique<Api>(server_.Client());

  const Json details = admin().Get("/v1/licenses/" + license["id"].get<std::string>()).json;
  EXPECT_EQ(details["activations_count"], 25);
  for (int i = 0; i < 25; ++i) {
    EXPECT_EQ(Validate(code, {{"fingerprint", "m" + std::to_string(i)}})["code"], "VALID") << i;
  }
  // The restart neither created a second admin token nor lost the first.
  const Json tokens = admin().Get("/v1/tokens").json;
  EXPECT_EQ(tokens["data"].size(), 1u);
}

TEST_F(Durability, KilledDuringLoadKeepsEveryAcknowledgedActivation) {
  const Json license = IssueLicense({{"max_activations", 1000}});
  const std::string code = license["code"];
  std::vector<std::string> acknowledged;
  for (int i = 0; i < 40; ++i) {
    const std::string fp = "k" + std::to_string(i);
    if (Activate(code, fp).status == 201) acknowledged.push_back(fp);
  }
  admin_.reset();
  client_.reset();
  server_.Kill();
  server_.Start();
  client_ = std::make_unique<Api>(server_.Client());
  for (const auto& fp : acknowledged) {
    EXPECT_EQ(Validate(code, {{"fingerprint", fp}})["code"], "VALID") << fp;
  }
}

}  // namespace
}  // namespace licensor::testing
