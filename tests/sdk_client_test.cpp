// The SDK against a real licensord, through the example app a vendor copies (and the C ABI
// through a C program): seed scenario 2 (offline), the client side of scenario 3 (renewal
// picked up by the heartbeat, offline bundles), online grace, clock tampering and replays.

#include <filesystem>
#include <fstream>
#include <thread>

#include "common/time_format.hpp"
#include "crypto/deactivation_proof.hpp"
#include "tests/support/child_process.hpp"
#include "tests/support/e2e_fixture.hpp"
#include "tests/support/run_command.hpp"

namespace licensor::testing {
namespace {

constexpr std::int64_t kDay = 86400;

class SdkClient : public LicensordTest {
 protected:
  void SetUp() override {
    LicensordTest::SetUp();
    app_dir_ = server_.dir() + "/app";
    keys_ = server_.dir() + "/vendor-keys.json";
    ASSERT_EQ(Ctl("keys public -o " + keys_).exit_code, 0);
  }
  CommandResult Ctl(const std::string& args) {
    return RunCommand("LICENSOR_URL=" + server_.url() + " LICENSOR_TOKEN='" +
                      server_.admin_token() + "' " + LICENSORCTL_PATH + " " + args + " 2>&1");
  }
  // A license of a new product; the example app is built for the latest such product.
  Json IssueLicense(const Json& policy_fields, Json license_fields = Json::object()) {
    const Json license = LicensordTest::IssueLicense(policy_fields, std::move(license_fields));
    product_ = license["product_id"];
    return license;
  }
  // The example app as the customer runs it, with this test's clock and machine parts.
  std::vector<std::string> AppArgs(const std::vector<std::string>& extra,
                                   const std::map<std::string, std::string>& parts) {
    std::vector<std::string> args = {
        LICENSED_APP_PATH, "--product", product_,       "--data-dir",        app_dir_,
        "--public-keys",   keys_,       "--clock-file", server_.clock_file()};
    for (const auto& [name, value] : parts) {
      args.push_back("--component");
      args.push_back(name + "=" + value);
    }
    args.insert(args.end(), extra.begin(), extra.end());
    return args;
  }
  CommandResult App(const std::vector<std::string>& extra,
                    const std::map<std::string, std::string>& parts = kMachine) {
    std::string command;
    for (const auto& a : AppArgs(extra, parts)) command += "'" + a + "' ";
    return RunCommand(command + "2>&1");
  }
  std::string Collect(const std::string& name, const std::map<std::string, std::string>& parts) {
    const std::string path = server_.dir() + "/" + name;
    std::string command = std::string(LICENSOR_FINGERPRINT_PATH) + " -o " + path;
    for (const auto& [k, v] : parts) command += " --component '" + k + "=" + v + "'";
    EXPECT_EQ(RunCommand(command).exit_code, 0);
    return path;
  }

  // Moves this test's clock on (the server's and the app's: they share it) a second at a time
  // until the app prints a line with `needle`: the SDK's thread acts by its clock, which a
  // running product's wall clock moves and this test moves by hand.
  std::string AdvanceUntil(ChildProcess& app, const std::string& needle, int seconds = 120) {
    for (int s = 0; s < seconds; ++s) {
      const std::string line = app.WaitForLine(needle, std::chrono::milliseconds(250));
      if (!line.empty()) return line;
      server_.SetTime(server_.Now() + 1);
    }
    return "";
  }

  static inline const std::map<std::string, std::string> kMachine = {
      {"mac", "02:42:ac:11:00:02"}, {"cpu", "Xeon Gold 6338"}, {"disk", "S4EVNX0N"}};
  std::string app_dir_;
  std::string keys_;
  std::string product_ = "prd_none";
};

TEST_F(SdkClient, Scenario2OfflineFileSurvivesOneReplacedPartAndIsRegenerated) {
  const Json license = IssueLicense(
      {{"deployment_mode", "OFFLINE"},
       {"duration_days", nullptr},
       {"max_activations", 2},
       {"features", {"core", "reports"}},
       {"fingerprint_rule", {{"components", {"mac", "cpu", "disk"}}, {"min_matching", 2}}}});
  const std::string id = license["id"];
  const std::string request = Collect("request.json", kMachine);
  const std::string file = server_.dir() + "/license.lic";
  ASSERT_EQ(Ctl("license offline-file " + id + " --request " + request + " -o " + file).exit_code,
            0);
  server_.Stop();  // from here on the customer's machine never reaches the server

  auto r = App({"--license-file", file, "--feature", "reports", "--feature", "export"});
  EXPECT_EQ(r.exit_code, 0) << r.output;
  EXPECT_NE(r.output.find("state=VALID"), std::string::npos) << r.output;
  EXPECT_NE(r.output.find("expires=never"), std::string::npos) << r.output;
  EXPECT_NE(r.output.find("feature:reports=yes feature:export=no"), std::string::npos);

  // A replaced disk: still the same machine under the 2-of-3 rule, and the app says which part.
  auto one = kMachine;
  one["disk"] = "NEWDISK1";
  r = App({}, one);
  EXPECT_EQ(r.exit_code, 0) << r.output;
  EXPECT_NE(r.output.find("replaced=disk"), std::string::npos) << r.output;
  // Disk and network card replaced: too many changes.
  auto two = one;
  two["mac"] = "02:42:ac:11:00:99";
  r = App({}, two);
  EXPECT_EQ(r.exit_code, 1) << r.output;
  EXPECT_NE(r.output.find("state=FINGERPRINT_MISMATCH"), std::string::npos) << r.output;
  // The user is told what changed.
  EXPECT_NE(r.output.find("since its license was issued; activate it again"), std::string::npos)
      << r.output;
  EXPECT_NE(r.output.find("Changed: mac, disk."), std::string::npos) << r.output;

  // The vendor regenerates the file for the new fingerprint.
  server_.Start();
  const std::string new_request = Collect("request2.json", two);
  const std::string new_file = server_.dir() + "/license2.lic";
  ASSERT_EQ(
      Ctl("license offline-file " + id + " --request " + new_request + " -o " + new_file).exit_code,
      0);
  server_.Stop();
  r = App({"--license-file", new_file}, two);
  EXPECT_EQ(r.exit_code, 0) << r.output;
  EXPECT_NE(r.output.find("state=VALID"), std::string::npos) << r.output;
  // A file for another machine is refused when loaded, and the installed one stays.
  r = App({"--license-file", file}, two);
  EXPECT_NE(r.output.find("step=FINGERPRINT_MISMATCH"), std::string::npos) << r.output;
  EXPECT_NE(r.output.find("state=VALID"), std::string::npos) << r.output;
}

TEST_F(SdkClient, Scenario3RenewalReachesTheRunningAppThroughItsHeartbeat) {
  const Json license = IssueLicense({{"deployment_mode", "HYBRID"},
                                     {"duration_days", 7},
                                     {"trial", true},
                                     {"heartbeat_interval_s", 10},  // the shortest allowed
                                     {"heartbeat_grace_s", 3600}});
  const std::string id = license["id"];
  const std::string code = license["code"];
  const std::string trial_end = license["expires_at"];
  ChildProcess app(
      AppArgs({"--server", server_.url(), "--code", code, "--activate", "--watch"}, kMachine));
  ASSERT_NE(app.WaitForLine("expires=" + trial_end), "") << app.output();

  const std::string year_end = "2028-01-01T00:00:00Z";
  ASSERT_EQ(admin().Patch("/v1/licenses/" + id, {{"expires_at", year_end}}).status, 200);
  const std::string renewed = AdvanceUntil(app, "expires=" + year_end);
  EXPECT_NE(renewed, "") << app.output();
  EXPECT_NE(renewed.find("state=VALID"), std::string::npos);
  // Suspending the license stops the running app at its next heartbeat; reinstating resumes it.
  ASSERT_EQ(admin().Post("/v1/licenses/" + id + "/actions/suspend").status, 200);
  EXPECT_NE(AdvanceUntil(app, "state=LICENSE_SUSPENDED"), "") << app.output();
  ASSERT_EQ(admin().Post("/v1/licenses/" + id + "/actions/reinstate").status, 200);
  EXPECT_NE(AdvanceUntil(app, "state=VALID"), "") << app.output();
  EXPECT_EQ(app.Stop(), 0);
  EXPECT_FALSE(admin().Get("/v1/licenses/" + id).json["pending_sync"]);

  // The offline path: a bundle delivered by hand carries the next renewal.
  const std::string activation = Activations(id)[0]["id"];
  ASSERT_EQ(admin().Patch("/v1/licenses/" + id, {{"expires_at", "2029-01-01T00:00:00Z"}}).status,
            200);
  const std::string bundle = server_.dir() + "/update.bundle";
  ASSERT_EQ(Ctl("bundle create --license " + id + " --activation " + activation + " -o " + bundle)
                .exit_code,
            0);
  server_.Stop();
  auto r = App({"--code", code, "--bundle", bundle});
  EXPECT_EQ(r.exit_code, 0) << r.output;
  EXPECT_NE(r.output.find("expires=2029-01-01T00:00:00Z"), std::string::npos) << r.output;
  // A damaged bundle is refused and changes nothing.
  std::ifstream in(bundle);
  std::string text((std::istreambuf_iterator<char>(in)), {});
  ChangeBase64Char(text, text.find("\n\n") + 20);
  std::ofstream(bundle, std::ios::trunc) << text;
  r = App({"--code", code, "--bundle", bundle});
  EXPECT_NE(r.output.find("step=BAD_SIGNATURE"), std::string::npos) << r.output;
  EXPECT_NE(r.output.find("expires=2029-01-01T00:00:00Z"), std::string::npos) << r.output;
}

// A client whose server answers never reports it overdue: each heartbeat goes out a margin
// before the file's refresh-by, so the next file is in before the clock gets there. The app is
// sampled at every second of several heartbeat intervals.
TEST_F(SdkClient, AHealthyClientNeverReportsTheServerOverdue) {
  const Json license = IssueLicense({{"deployment_mode", "ONLINE"},
                                     {"duration_days", 365},
                                     {"heartbeat_interval_s", 10},
                                     {"heartbeat_grace_s", 3600}});
  ChildProcess app(AppArgs(
      {"--server", server_.url(), "--code", license["code"], "--activate", "--watch"}, kMachine));
  const auto refresh_by_of = [](const std::string& line) {
    const auto at = line.find("refresh_by=");
    return at == std::string::npos ? 0 : ParseRfc3339(line.substr(at + 11, 20)).value_or(0);
  };
  std::int64_t refresh_by = refresh_by_of(app.WaitForLine("state=VALID"));
  ASSERT_GT(refresh_by, 0) << app.output();
  int renewals = 0;
  for (int second = 0; second < 45; ++second) {
    if (server_.Now() + 1 >= refresh_by) {  // the next second would be overdue without a file
      const std::string line = app.WaitForLine("refresh_by=", std::chrono::seconds(10));
      ASSERT_NE(line, "") << "not renewed before " << FormatRfc3339(refresh_by) << "\n"
                          << app.output();
      EXPECT_NE(line.find("state=VALID"), std::string::npos) << line;
      refresh_by = refresh_by_of(line);
      ASSERT_GT(refresh_by, server_.Now() + 1) << line;
      ++renewals;
    }
    server_.SetTime(server_.Now() + 1);
    std::this_thread::sleep_for(std::chrono::milliseconds(150));  // the app samples this second
  }
  EXPECT_GE(renewals, 4);
  EXPECT_EQ(app.Stop(), 0);
  for (const char* state : {"OFFLINE_GRACE", "REFRESH_REQUIRED", "SERVER_UNREACHABLE"}) {
    EXPECT_EQ(app.output().find(state), std::string::npos) << app.output();
  }
}

TEST_F(SdkClient, OnlineGraceThenRefreshRequiredAndClockTampering) {
  const Json license = IssueLicense({{"deployment_mode", "ONLINE"},
                                     {"duration_days", 365},
                                     {"heartbeat_interval_s", 3600},
                                     {"heartbeat_grace_s", 2 * 3600}});
  const std::string code = license["code"];
  auto r = App({"--server", server_.url(), "--code", code, "--activate"});
  ASSERT_EQ(r.exit_code, 0) << r.output;
  const std::string url = server_.url();
  server_.Stop();

  server_.SetTime(server_.Now() + 3600 + 60);  // past refresh-by, server unreachable
  r = App({"--server", url, "--code", code});
  EXPECT_EQ(r.exit_code, 0) << r.output;
  EXPECT_NE(r.output.find("state=OFFLINE_GRACE valid=yes"), std::string::npos) << r.output;

  server_.SetTime(server_.Now() + 2 * 3600);  // and past the grace
  r = App({"--server", url, "--code", code});
  EXPECT_EQ(r.exit_code, 1) << r.output;
  EXPECT_NE(r.output.find("state=REFRESH_REQUIRED"), std::string::npos) << r.output;

  // The clock is set back a day behind the latest time this machine has seen.
  server_.SetTime(server_.Now() - kDay);
  r = App({"--server", url, "--code", code});
  EXPECT_EQ(r.exit_code, 1) << r.output;
  EXPECT_NE(r.output.find("state=CLOCK_TAMPERED"), std::string::npos) << r.output;

  // Within the tolerance (ten minutes) a clock correction is not tampering.
  server_.SetTime(server_.Now() + kDay - 300);
  server_.Start();
  r = App({"--server", server_.url(), "--code", code});
  EXPECT_EQ(r.exit_code, 0) << r.output;  // and the server, back, refreshed the file
  EXPECT_NE(r.output.find("state=VALID"), std::string::npos) << r.output;
}

TEST_F(SdkClient, ReplaysForeignKeysRetiredKeysExpiryAndGarbageAreRefused) {
  const Json license = IssueLicense({{"deployment_mode", "OFFLINE"}, {"duration_days", 30}});
  const std::string id = license["id"];
  const std::string request = Collect("request.json", kMachine);
  const std::string v1 = server_.dir() + "/v1.lic";
  const std::string v2 = server_.dir() + "/v2.lic";
  ASSERT_EQ(Ctl("license offline-file " + id + " --request " + request + " -o " + v1).exit_code, 0);
  ASSERT_EQ(admin().Patch("/v1/licenses/" + id, {{"features", {"core", "extra"}}}).status, 200);
  ASSERT_EQ(Ctl("license offline-file " + id + " --request " + request + " -o " + v2).exit_code, 0);

  auto r = App({"--license-file", v2, "--feature", "extra"});
  EXPECT_NE(r.output.find("feature:extra=yes"), std::string::npos) << r.output;
  r = App({"--license-file", v1});  // an older version after a newer one was seen
  EXPECT_NE(r.output.find("step=REPLAYED"), std::string::npos) << r.output;
  EXPECT_NE(r.output.find("version=2"), std::string::npos) << r.output;

  const std::string garbage = server_.dir() + "/garbage.lic";
  std::ofstream(garbage) << "-----BEGIN LICENSOR LICENSE-----\nnot a license\n";
  r = App({"--license-file", garbage});
  EXPECT_NE(r.output.find("step=MALFORMED"), std::string::npos) << r.output;

  // The vendor rotates and retires the key that signed v2; exported keys say so.
  ASSERT_EQ(Ctl("keys rotate").exit_code, 0);
  const Json keys = admin().Get("/v1/keys").json["data"];
  for (const auto& key : keys) {
    if (!key["current"].get<bool>()) {
      ASSERT_EQ(Ctl("keys retire " + key["key_id"].get<std::string>()).exit_code, 0);
    }
  }
  ASSERT_EQ(Ctl("keys public -o " + keys_).exit_code, 0);
  r = App({});
  EXPECT_NE(r.output.find("state=NOT_ACTIVATED"), std::string::npos) << r.output;
  r = App({"--license-file", v2});
  EXPECT_NE(r.output.find("step=RETIRED_KEY"), std::string::npos) << r.output;

  // A file from this vendor's new key, and then time runs out.
  const std::string v3 = server_.dir() + "/v3.lic";
  ASSERT_EQ(Ctl("license offline-file " + id + " --request " + request + " -o " + v3).exit_code, 0);
  r = App({"--license-file", v3});
  EXPECT_EQ(r.exit_code, 0) << r.output;
  server_.AdvanceDays(31);
  r = App({});
  EXPECT_EQ(r.exit_code, 1) << r.output;
  EXPECT_NE(r.output.find("state=EXPIRED"), std::string::npos) << r.output;

  // Keys of another vendor do not know this file's key.
  LicensordProcess other;
  other.Start();
  const std::string other_keys = server_.dir() + "/other-keys.json";
  ASSERT_EQ(RunCommand("LICENSOR_URL=" + other.url() + " LICENSOR_TOKEN='" + other.admin_token() +
                       "' " + LICENSORCTL_PATH + " keys public -o " + other_keys)
                .exit_code,
            0);
  const std::string command = std::string(LICENSED_APP_PATH) + " --product " + product_ +
                              " --data-dir " + app_dir_ + "-other --public-keys " + other_keys +
                              " --license-file " + v3 + " --component mac=" + kMachine.at("mac") +
                              " 2>&1";
  r = RunCommand(command);
  EXPECT_NE(r.output.find("step=UNKNOWN_KEY"), std::string::npos) << r.output;
}

TEST_F(SdkClient, ABundleCarriesNewKeysToAProductThatKnowsOnlyTheOldOne) {
  const Json license = IssueLicense({{"deployment_mode", "OFFLINE"}, {"duration_days", nullptr}});
  const std::string id = license["id"];
  const std::string request = Collect("request.json", kMachine);
  const std::string file = server_.dir() + "/first.lic";
  ASSERT_EQ(Ctl("license offline-file " + id + " --request " + request + " -o " + file).exit_code,
            0);
  ASSERT_EQ(App({"--license-file", file}).exit_code, 0);

  // The vendor rotates; the product's embedded keys (keys_) still list only the old key.
  ASSERT_EQ(Ctl("keys rotate").exit_code, 0);
  ASSERT_EQ(admin().Patch("/v1/licenses/" + id, {{"features", {"core", "new"}}}).status, 200);
  const std::string activation = Activations(id)[0]["id"];
  const std::string bundle = server_.dir() + "/rotation.bundle";
  ASSERT_EQ(Ctl("bundle create --license " + id + " --activation " + activation + " -o " + bundle)
                .exit_code,
            0);
  auto r = App({"--bundle", bundle, "--feature", "new"});
  EXPECT_EQ(r.exit_code, 0) << r.output;
  EXPECT_NE(r.output.find("feature:new=yes"), std::string::npos) << r.output;
  // The adopted key survives a restart: the next run loads the new file with it.
  r = App({"--feature", "new"});
  EXPECT_NE(r.output.find("feature:new=yes"), std::string::npos) << r.output;
}

TEST_F(SdkClient, AnAppOfOneProductRefusesTheCodesAndFilesOfAnother) {
  const Json cheap = IssueLicense({{"deployment_mode", "OFFLINE"}, {"features", {"basic"}}});
  const std::string cheap_file = server_.dir() + "/cheap.lic";
  ASSERT_EQ(Ctl("license offline-file " + cheap["id"].get<std::string>() + " --request " +
                Collect("request.json", kMachine) + " -o " + cheap_file)
                .exit_code,
            0);
  const Json cheap_online = LicensordTest::IssueLicense({{"deployment_mode", "ONLINE"}});
  const Json expensive = IssueLicense({{"deployment_mode", "ONLINE"}, {"features", {"all"}}});
  ASSERT_NE(cheap["product_id"], expensive["product_id"]);

  // The expensive product's app, given the cheap product's code: refused before any slot is
  // used, and nothing is installed.
  auto r = App({"--server", server_.url(), "--code", cheap_online["code"], "--activate"});
  EXPECT_EQ(r.exit_code, 1) << r.output;
  EXPECT_NE(r.output.find("step=WRONG_PRODUCT"), std::string::npos) << r.output;
  EXPECT_NE(r.output.find("state=WRONG_PRODUCT"), std::string::npos) << r.output;
  EXPECT_EQ(Activations(cheap_online["id"]).size(), 0u);
  // ... or the cheap product's signed file, with or without a code.
  for (const std::vector<std::string>& code :
       {std::vector<std::string>{}, {"--code", cheap["code"].get<std::string>()}}) {
    std::vector<std::string> args = code;
    args.insert(args.end(), {"--license-file", cheap_file, "--feature", "all"});
    r = App(args);
    EXPECT_EQ(r.exit_code, 1) << r.output;
    EXPECT_NE(r.output.find("step=WRONG_PRODUCT"), std::string::npos) << r.output;
    EXPECT_NE(r.output.find("feature:all=no"), std::string::npos) << r.output;
  }
  // Its own code works.
  r = App(
      {"--server", server_.url(), "--code", expensive["code"], "--activate", "--feature", "all"});
  EXPECT_EQ(r.exit_code, 0) << r.output;
  EXPECT_NE(r.output.find("feature:all=yes"), std::string::npos) << r.output;
}

TEST_F(SdkClient, ASuspensionSeenOnceHoldsAcrossARestartWithoutTheServer) {
  const Json license = IssueLicense({{"deployment_mode", "HYBRID"},
                                     {"duration_days", 365},
                                     {"heartbeat_interval_s", 3600},
                                     {"heartbeat_grace_s", 7 * kDay}});
  const std::string id = license["id"];
  const std::string code = license["code"];
  auto r = App({"--server", server_.url(), "--code", code, "--activate"});
  ASSERT_EQ(r.exit_code, 0) << r.output;
  ASSERT_EQ(admin().Post("/v1/licenses/" + id + "/actions/suspend").status, 200);
  r = App({"--server", server_.url(), "--code", code, "--heartbeat"});
  EXPECT_NE(r.output.find("state=LICENSE_SUSPENDED"), std::string::npos) << r.output;

  // Restarted with the server out of reach, the product stays stopped, every feature off.
  const std::string gone = server_.url();
  server_.Stop();
  r = App({"--server", gone, "--code", code, "--feature", "core"});
  EXPECT_EQ(r.exit_code, 1) << r.output;
  EXPECT_NE(r.output.find("state=LICENSE_SUSPENDED"), std::string::npos) << r.output;
  EXPECT_NE(r.output.find("feature:core=no"), std::string::npos) << r.output;

  // Reinstated, the next contact brings a newer signed file, and that lifts it.
  server_.Start();
  admin_ = std::make_unique<Api>(server_.Admin());
  ASSERT_EQ(admin().Post("/v1/licenses/" + id + "/actions/reinstate").status, 200);
  r = App({"--server", server_.url(), "--code", code, "--heartbeat"});
  EXPECT_EQ(r.exit_code, 0) << r.output;
  EXPECT_NE(r.output.find("state=VALID"), std::string::npos) << r.output;
}

TEST_F(SdkClient, ADeactivatedMachinesFileRestoredFromABackupDoesNotLoad) {
  // Hybrid without heartbeats: a file is trusted offline for 30 days.
  const Json license = IssueLicense({{"deployment_mode", "HYBRID"}, {"duration_days", 365}});
  const std::string id = license["id"];
  const std::string code = license["code"];
  auto r = App({"--server", server_.url(), "--code", code, "--activate"});
  ASSERT_EQ(r.exit_code, 0) << r.output;
  const std::string backup = server_.dir() + "/backup.lic";
  std::filesystem::copy_file(app_dir_ + "/license.lic", backup);

  r = App({"--server", server_.url(), "--code", code, "--deactivate"});
  EXPECT_NE(r.output.find("state=NOT_ACTIVATED"), std::string::npos) << r.output;
  EXPECT_EQ(Activations(id).size(), 0u);  // the slot is free for another machine
  // The backup copied back, or loaded by hand: refused, also with the server gone.
  std::filesystem::copy_file(backup, app_dir_ + "/license.lic");
  const std::string url = server_.url();
  server_.Stop();
  r = App({"--server", url, "--code", code});
  EXPECT_EQ(r.exit_code, 1) << r.output;
  EXPECT_NE(r.output.find("state=NOT_ACTIVATED"), std::string::npos) << r.output;
  r = App({"--code", code, "--license-file", backup});
  EXPECT_NE(r.output.find("step=DEACTIVATED"), std::string::npos) << r.output;
  EXPECT_NE(r.output.find("state=NOT_ACTIVATED"), std::string::npos) << r.output;
  // Activating again gives a new activation, whose file loads.
  server_.Start();
  admin_ = std::make_unique<Api>(server_.Admin());
  r = App({"--server", server_.url(), "--code", code, "--activate"});
  EXPECT_EQ(r.exit_code, 0) << r.output;
  EXPECT_NE(r.output.find("state=VALID"), std::string::npos) << r.output;

  // An operator releases the slot: the next contact says so, and the file goes with it.
  std::filesystem::copy_file(app_dir_ + "/license.lic", backup,
                             std::filesystem::copy_options::overwrite_existing);
  const std::string activation = Activations(id).at(0)["id"];
  ASSERT_EQ(admin().Delete("/v1/activations/" + activation).status, 204);
  r = App({"--server", server_.url(), "--code", code, "--heartbeat"});
  EXPECT_NE(r.output.find("step=RELEASED"), std::string::npos) << r.output;
  EXPECT_NE(r.output.find("state=RELEASED"), std::string::npos) << r.output;
  EXPECT_NE(r.output.find("released this machine's activation"), std::string::npos) << r.output;
  r = App({"--code", code});  // and after a restart, without the server
  EXPECT_NE(r.output.find("state=RELEASED"), std::string::npos) << r.output;
  r = App({"--code", code, "--license-file", backup});
  EXPECT_NE(r.output.find("step=DEACTIVATED"), std::string::npos) << r.output;
}

// What the server says of a license or a machine reaches the product as its own code, with a
// sentence for its user and the technical cause apart; a code pasted with spaces still works.
TEST_F(SdkClient, EachServerVerdictReachesTheClientAsItsOwnCode) {
  const Json license = IssueLicense({{"deployment_mode", "HYBRID"},
                                     {"duration_days", 365},
                                     {"max_activations", 1},
                                     {"heartbeat_interval_s", 3600}});
  const std::string id = license["id"];
  const std::string code = license["code"];
  auto r = App({"--server", server_.url(), "--code", "  " + code + " ", "--activate"});
  ASSERT_EQ(r.exit_code, 0) << r.output;

  // Another machine: every activation is in use, and it keeps saying so.
  auto other = kMachine;
  other["mac"] = "02:42:ac:11:00:77";
  other["disk"] = "OTHERDISK";
  const std::vector<std::string> elsewhere = {"--data-dir", server_.dir() + "/other"};
  auto with = [&](std::vector<std::string> args) {
    args.insert(args.end(), elsewhere.begin(), elsewhere.end());
    return App(args, other);
  };
  r = with({"--server", server_.url(), "--code", code, "--activate"});
  EXPECT_NE(r.output.find("step=ACTIVATION_LIMIT_REACHED"), std::string::npos) << r.output;
  EXPECT_NE(r.output.find("detail=\"Every activation of this license is in use; deactivate it"),
            std::string::npos)
      << r.output;
  EXPECT_NE(r.output.find("cause=\"ACTIVATION_LIMIT_REACHED: "), std::string::npos) << r.output;
  r = with({"--code", code});
  EXPECT_NE(r.output.find("state=ACTIVATION_LIMIT_REACHED"), std::string::npos) << r.output;

  // Suspended, then revoked: each its own code at the next heartbeat.
  ASSERT_EQ(admin().Post("/v1/licenses/" + id + "/actions/suspend").status, 200);
  r = App({"--server", server_.url(), "--code", code, "--heartbeat"});
  EXPECT_NE(r.output.find("state=LICENSE_SUSPENDED"), std::string::npos) << r.output;
  EXPECT_NE(r.output.find("contact your vendor to have it reinstated"), std::string::npos);
  ASSERT_EQ(admin().Post("/v1/licenses/" + id + "/actions/revoke").status, 200);
  r = App({"--server", server_.url(), "--code", code, "--heartbeat"});
  EXPECT_NE(r.output.find("state=LICENSE_REVOKED"), std::string::npos) << r.output;

  // Out of reach: the cause names the server, the sentence says what to do.
  const std::string gone = server_.url();
  server_.Stop();
  r = with({"--server", gone, "--code", code, "--activate"});
  EXPECT_NE(r.output.find("step=SERVER_UNREACHABLE detail=\"The license server cannot be "
                          "reached; check the network connection"),
            std::string::npos)
      << r.output;
  EXPECT_NE(r.output.find("cause=\"cannot reach " + gone), std::string::npos) << r.output;
}

// A trial counts down, runs out, and becomes a paid license when the vendor moves it to a paid
// policy: the running product learns it at its next heartbeat, with no new code or install.
TEST_F(SdkClient, ATrialShowsItsDaysAndConvertsToAPaidLicenseAtTheNextHeartbeat) {
  const Json license = IssueLicense({{"deployment_mode", "HYBRID"},
                                     {"duration_days", 14},
                                     {"trial", true},
                                     {"features", {"core"}},
                                     {"heartbeat_interval_s", 3600}});
  const std::string id = license["id"];
  const std::string code = license["code"];
  auto r = App({"--server", server_.url(), "--code", code, "--activate"});
  ASSERT_EQ(r.exit_code, 0) << r.output;
  EXPECT_NE(r.output.find("trial=yes days_left=14"), std::string::npos) << r.output;
  server_.SetTime(server_.Now() + 10 * kDay);
  r = App({"--server", server_.url(), "--code", code, "--heartbeat"});
  EXPECT_NE(r.output.find("state=VALID"), std::string::npos) << r.output;
  EXPECT_NE(r.output.find("trial=yes days_left=4"), std::string::npos) << r.output;
  server_.SetTime(server_.Now() + 5 * kDay);
  r = App({"--server", server_.url(), "--code", code});
  EXPECT_EQ(r.exit_code, 1) << r.output;
  EXPECT_NE(r.output.find("state=EXPIRED"), std::string::npos) << r.output;

  // The customer pays: the vendor moves the license to the paid policy of the same product.
  const Json paid = CreatePolicy(product_, {{"name", "Annual"},
                                            {"deployment_mode", "HYBRID"},
                                            {"duration_days", 365},
                                            {"features", {"core", "reports"}},
                                            {"heartbeat_interval_s", 3600}});
  const auto moved = admin().Patch("/v1/licenses/" + id, {{"policy_id", paid["id"]}});
  ASSERT_EQ(moved.status, 200) << moved.body;
  EXPECT_EQ(moved.json["status"], "ACTIVE");
  EXPECT_EQ(moved.json["policy_id"], paid["id"]);
  EXPECT_EQ(moved.json["features"], Json({"core", "reports"}));
  r = App({"--server", server_.url(), "--code", code, "--heartbeat", "--feature", "reports"});
  EXPECT_EQ(r.exit_code, 0) << r.output;
  EXPECT_NE(r.output.find("state=VALID"), std::string::npos) << r.output;
  EXPECT_EQ(r.output.find("trial=yes"), std::string::npos) << r.output;
  EXPECT_NE(r.output.find("feature:reports=yes"), std::string::npos) << r.output;
  // The paid year counts from the trial's start.
  const auto created = ParseRfc3339(license["created_at"].get<std::string>());
  ASSERT_TRUE(created);
  EXPECT_NE(r.output.find("expires=" + FormatRfc3339(*created + 365 * kDay)), std::string::npos)
      << r.output;

  // A policy of another product, or none, is refused and changes nothing.
  const Json elsewhere = LicensordTest::IssueLicense({{"duration_days", 30}});
  const auto other = admin().Patch("/v1/licenses/" + id, {{"policy_id", elsewhere["policy_id"]}});
  EXPECT_EQ(other.status, 400) << other.body;
  EXPECT_EQ(other.json["code"], "INVALID_FIELD");
  EXPECT_NE(other.json["detail"].get<std::string>().find("another product"), std::string::npos);
  EXPECT_EQ(admin().Patch("/v1/licenses/" + id, {{"policy_id", "pol_missing"}}).status, 400);
  EXPECT_EQ(admin().Get("/v1/licenses/" + id).json["policy_id"], paid["id"]);
}

// A machine without a connection gives up its license: the SDK forgets the file and writes a
// sealed proof, and the vendor's upload of it frees the slot for another machine.
TEST_F(SdkClient, AnOfflineDeactivationProofFreesTheMachinesSlot) {
  const Json license = IssueLicense(
      {{"deployment_mode", "OFFLINE"}, {"duration_days", nullptr}, {"max_activations", 1}});
  const std::string id = license["id"];
  const std::string request = Collect("request.json", kMachine);
  const std::string file = server_.dir() + "/license.lic";
  ASSERT_EQ(Ctl("license offline-file " + id + " --request " + request + " -o " + file).exit_code,
            0);
  auto r = App({"--license-file", file});
  ASSERT_EQ(r.exit_code, 0) << r.output;
  auto other = kMachine;
  other["mac"] = "02:42:ac:11:00:77";
  other["disk"] = "OTHERDISK";
  const std::string second = Collect("second.json", other);
  EXPECT_NE(Ctl("license offline-file " + id + " --request " + second + " -o " + file + "2")
                .output.find("ACTIVATION_LIMIT_REACHED"),
            std::string::npos);

  const std::string proof = server_.dir() + "/proof.json";
  r = App({"--deactivate-offline", proof});
  EXPECT_EQ(r.exit_code, 1) << r.output;
  EXPECT_NE(r.output.find("state=NOT_ACTIVATED"), std::string::npos) << r.output;
  r = App({"--license-file", file});  // the file it gave up never loads here again
  EXPECT_NE(r.output.find("step=DEACTIVATED"), std::string::npos) << r.output;

  std::ifstream in(proof);
  const Json sealed = Json::parse(in, nullptr, false);
  EXPECT_EQ(sealed["type"], "licensor-deactivation-proof");
  EXPECT_EQ(sealed["license_id"], id);
  // Edited, of another license, or not a proof: refused, and the slot stays taken.
  Json edited = sealed;
  edited["deactivated_at"] = sealed["deactivated_at"].get<std::int64_t>() + 1;
  auto res = admin().Post("/v1/licenses/" + id + "/offline-deactivations", {{"proof", edited}});
  EXPECT_EQ(res.status, 422) << res.body;
  EXPECT_EQ(res.json["code"], "BAD_SIGNATURE");
  const Json elsewhere = LicensordTest::IssueLicense({{"deployment_mode", "OFFLINE"}});
  res =
      admin().Post("/v1/licenses/" + elsewhere["id"].get<std::string>() + "/offline-deactivations",
                   {{"proof", sealed}});
  EXPECT_EQ(res.status, 400) << res.body;
  EXPECT_EQ(res.json["code"], "INVALID_DEACTIVATION_PROOF");
  for (const Json& bad : {Json{{"proof", "text"}}, Json{{"proof", {{"type", "x"}}}},
                          Json{{"proof", sealed}, {"extra", 1}}, Json::object()}) {
    res = admin().Post("/v1/licenses/" + id + "/offline-deactivations", bad);
    EXPECT_EQ(res.status, 400) << bad.dump() << " " << res.body;
  }
  EXPECT_EQ(Activations(id).size(), 1u);

  // The command says plainly what a proof is worth before anyone relies on it.
  const auto help = Ctl("license release-offline --help");
  EXPECT_NE(help.output.find("whoever holds the file can write one"), std::string::npos)
      << help.output;
  // The vendor uploads it: the slot is free, and a second upload says so.
  const auto freed = Ctl("license release-offline --proof " + proof);
  EXPECT_EQ(freed.exit_code, 0) << freed.output;
  EXPECT_NE(freed.output.find("Freed the slot of license " + id), std::string::npos);
  EXPECT_NE(freed.output.find("Offline releases before this one: 0 of this license, 0 of this "
                              "machine."),
            std::string::npos)
      << freed.output;
  EXPECT_EQ(Activations(id).size(), 0u);
  res = admin().Post("/v1/licenses/" + id + "/offline-deactivations", {{"proof", sealed}});
  EXPECT_EQ(res.status, 404) << res.body;
  EXPECT_EQ(res.json["code"], "NOT_ACTIVATED");

  // Each further release is counted, for the license and for the machine: a proof is only the
  // customer's word, and a machine released again and again is worth a question.
  const auto release_offline = [&](const std::string& request_file) {
    EXPECT_EQ(Ctl("license offline-file " + id + " --request " + request_file + " -o " + file + "n")
                  .exit_code,
              0);
    const Json activation = Activations(id).at(0);
    crypto::DeactivationProof p{id, activation["id"], activation["fingerprint"],
                                1,  server_.Now(),    ""};
    const Json written =
        Json::parse(crypto::WriteDeactivationProof(p, license["code"].get<std::string>()));
    return admin().Post("/v1/licenses/" + id + "/offline-deactivations", {{"proof", written}});
  };
  res = release_offline(second);
  EXPECT_EQ(res.json["earlier_offline_releases"], (Json{{"license", 1}, {"machine", 0}}))
      << res.body;
  res = release_offline(request);
  EXPECT_EQ(res.json["earlier_offline_releases"], (Json{{"license", 2}, {"machine", 1}}))
      << res.body;
  // On the license's history, with the machine it freed (masked for a viewer).
  const std::string history = "/v1/events?action=license.released_offline&resource_id=" + id;
  const Json events = admin().Get(history).json["data"];
  ASSERT_EQ(events.size(), 3u) << events.dump();
  EXPECT_EQ(events[0]["before"]["fingerprint"], sealed["fingerprint"]);
  const Json viewer_token =
      Created(admin().Post("/v1/tokens", {{"name", "viewer"}, {"role", "viewer"}}));
  const Json seen = Api(server_.url(), viewer_token["token"]).Get(history).json["data"];
  ASSERT_EQ(seen.size(), 3u);
  EXPECT_TRUE(seen[0]["before"]["fingerprint"].get<std::string>().starts_with("****"))
      << seen[0].dump();
}

// Codes as customers type them: lower case, spaces inside and around. The server finds the same
// license, and counts them against one rate limit.
TEST_F(SdkClient, ALicenseCodeTypedInLowerCaseWithSpacesIsTheSameCode) {
  const Json license = IssueLicense({{"deployment_mode", "HYBRID"}, {"duration_days", 365}});
  const std::string code = license["code"];
  std::string typed;
  for (const char c : code)
    typed += c == '-' ? std::string(" - ") : std::string(1, std::tolower(c));
  auto r = App({"--server", server_.url(), "--code", " " + typed + "\n", "--activate"});
  ASSERT_EQ(r.exit_code, 0) << r.output;
  EXPECT_NE(r.output.find("state=VALID"), std::string::npos) << r.output;
  r = App({"--server", server_.url(), "--code", typed, "--heartbeat"});
  EXPECT_NE(r.output.find("state=VALID"), std::string::npos) << r.output;
  // Straight through the API too, and in the vendor's search.
  const Json verdict = Validate(typed);
  EXPECT_EQ(verdict["code"], "VALID") << verdict.dump();
  const auto found = admin().Get("/v1/licenses?code=" + std::string("lic") + code.substr(3));
  ASSERT_EQ(found.status, 200);
  ASSERT_EQ(found.json["data"].size(), 1u) << found.body;
}

TEST_F(SdkClient, TheOfflineGraceBoundsAFileApartFromTheServersHeartbeatGrace) {
  // The server waits a week before it calls a silent machine dead; the product itself may run
  // only ten minutes past its file's refresh-by without reaching the server.
  const Json license = IssueLicense({{"deployment_mode", "HYBRID"},
                                     {"duration_days", 365},
                                     {"heartbeat_interval_s", 3600},
                                     {"heartbeat_grace_s", 7 * kDay},
                                     {"offline_grace_s", 600}});
  EXPECT_EQ(admin()
                .Get("/v1/policies/" + license["policy_id"].get<std::string>())
                .json["offline_grace_s"],
            600);
  const std::string code = license["code"];
  auto r = App({"--server", server_.url(), "--code", code, "--activate"});
  ASSERT_EQ(r.exit_code, 0) << r.output;
  const std::string url = server_.url();
  server_.Stop();
  server_.SetTime(server_.Now() + 3600 + 300);
  r = App({"--server", url, "--code", code});
  EXPECT_NE(r.output.find("state=OFFLINE_GRACE valid=yes"), std::string::npos) << r.output;
  server_.SetTime(server_.Now() + 400);  // 700 s past refresh-by
  r = App({"--server", url, "--code", code});
  EXPECT_EQ(r.exit_code, 1) << r.output;
  EXPECT_NE(r.output.find("state=REFRESH_REQUIRED"), std::string::npos) << r.output;
}

TEST_F(SdkClient, TheCAbiWorksFromPlainC) {
  server_.SetTime(std::time(nullptr));  // the C program reads the real clock
  const Json license = IssueLicense(
      {{"deployment_mode", "OFFLINE"}, {"duration_days", nullptr}, {"features", {"core"}}});
  // The C program runs on the real machine: collect its real fingerprint.
  const std::string request = server_.dir() + "/request.json";
  ASSERT_EQ(RunCommand(std::string(LICENSOR_FINGERPRINT_PATH) + " -o " + request).exit_code, 0);
  const std::string file = server_.dir() + "/c.lic";
  ASSERT_EQ(Ctl("license offline-file " + license["id"].get<std::string>() + " --request " +
                request + " -o " + file)
                .exit_code,
            0);
  const auto r = RunCommand(std::string(LICENSOR_C_TEST_PATH) + " " + keys_ + " " + file + " " +
                            server_.dir() + "/c-data " + product_ + " 2>&1");
  EXPECT_EQ(r.exit_code, 0) << r.output;
  // The C program ended with an offline deactivation: its proof frees the slot.
  const std::string id = license["id"];
  ASSERT_EQ(Activations(id).size(), 1u);
  const auto freed = Ctl("license release-offline --proof " + server_.dir() + "/c-data.proof.json");
  EXPECT_EQ(freed.exit_code, 0) << freed.output;
  EXPECT_EQ(Activations(id).size(), 0u);
}

}  // namespace
}  // namespace licensor::testing
