// The activation cap under concurrent load, and durability across restarts.
#include <atomic>
#include <thread>

#include "tests/support/e2e_fixture.hpp"

namespace licensor::testing {
namespace {

class CapUnderConcurrency : public LicensordTest {};

// 300 machines activate one code at the same moment; the cap of 100 holds exactly.
TEST_F(CapUnderConcurrency, ThreeHundredRacingForAHundredSlots) {
  const Json license = IssueLicense({{"max_activations", 100}});
  const std::string code = license["code"];
  constexpr int kMachines = 300;
  std::atomic<int> ok{0}, limit{0}, other{0};
  std::atomic<int> ready{0};
  std::atomic<bool> go{false};
  std::vector<std::thread> threads;
  for (int i = 0; i < kMachines; ++i) {
    threads.emplace_back([&, i] {
      Api api(server_.url(), "");  // one connection per machine
      ++ready;
      while (!go.load()) std::this_thread::yield();
      const ApiResponse res = api.Post(
          "/v1/client/activate", {{"code", code}, {"fingerprint", "racer-" + std::to_string(i)}});
      if (res.status == 201) {
        ++ok;
      } else if (res.status == 409 && res.json["code"] == "ACTIVATION_LIMIT_REACHED") {
        ++limit;
      } else {
        ++other;
      }
    });
  }
  while (ready.load() < kMachines) std::this_thread::yield();
  go = true;
  for (auto& t : threads) t.join();
  EXPECT_EQ(ok.load(), 100);
  EXPECT_EQ(limit.load(), 200);
  EXPECT_EQ(other.load(), 0);
  const Json details = admin().Get("/v1/licenses/" + license["id"].get<std::string>()).json;
  EXPECT_EQ(details["activations_count"], 100);
  EXPECT_EQ(details["activations"].size(), 100u);
}

// Two requests race for the last slot: exactly one wins.
TEST_F(CapUnderConcurrency, TwoRacingForTheLastSlot) {
  for (int round = 0; round < 20; ++round) {
    const Json license = IssueLicense({{"max_activations", 2}});
    const std::string code = license["code"];
    ASSERT_EQ(Activate(code, "first").status, 201);
    std::atomic<int> wins{0};
    std::atomic<bool> go{false};
    std::vector<std::thread> threads;
    for (int i = 0; i < 2; ++i) {
      threads.emplace_back([&, i] {
        Api api(server_.url(), "");
        api.Get("/healthz");  // connect before the race
        while (!go.load()) std::this_thread::yield();
        if (api.Post("/v1/client/activate",
                     {{"code", code}, {"fingerprint", "last-" + std::to_string(i)}})
                .status == 201) {
          ++wins;
        }
      });
    }
    go = true;
    for (auto& t : threads) t.join();
    EXPECT_EQ(wins.load(), 1) << "round " << round;
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
