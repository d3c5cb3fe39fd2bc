// The SDK's threading contract through its C++ API against a real licensord: Validate() and
// HasFeature() never wait for the network, even when the server takes the connection and never
// answers; a refresh runs on the SDK's own thread, and stopping that thread abandons it.
#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
#include <condition_variable>
#include <future>
#include <licensor/licensor.hpp>
#include <mutex>
#include <thread>

#include "tests/support/e2e_fixture.hpp"
#include "tests/support/loopback.hpp"

namespace licensor::testing {
namespace {

// A server that takes every connection and never says a word.
class SilentServer {
 public:
  SilentServer() {
    fd_ = ListenOnLoopback(&port_);
    acceptor_ = std::thread([this] {
      for (;;) {
        const int client = ::accept(fd_, nullptr, nullptr);
        if (client < 0) return;
        clients_.push_back(client);  // held open, never read or answered
        ++accepted_;
      }
    });
  }
  ~SilentServer() {
    ::shutdown(fd_, SHUT_RDWR);
    ::close(fd_);
    acceptor_.join();
    for (const int c : clients_) ::close(c);
  }
  std::string url() const { return "http://127.0.0.1:" + std::to_string(port_); }
  int accepted() const { return accepted_; }

 private:
  int fd_ = -1;
  int port_ = 0;
  std::thread acceptor_;
  std::vector<int> clients_;
  std::atomic<int> accepted_{0};
};

class SdkThreading : public LicensordTest {
 protected:
  sdk::Config ConfigFor(const std::string& server_url, const std::string& code) {
    sdk::Config config;
    config.product_id = product_;
    config.server_url = server_url;
    config.public_keys_json = admin().Get("/v1/keys/public").body;
    config.license_code = code;
    config.data_dir = server_.dir() + "/sdk";
    config.components =
        std::map<std::string, std::string>{{"mac", "02:42:ac:11:00:09"}, {"disk", "S4EVNX0N"}};
    config.now = [this] { return now_.load(); };
    return config;
  }
  // An online license with a 60-second heartbeat, of a product this test's clients are.
  Json OnlineLicense(Json features = Json::array()) {
    const Json license = IssueLicense({{"deployment_mode", "ONLINE"},
                                       {"duration_days", 365},
                                       {"features", std::move(features)},
                                       {"heartbeat_interval_s", 60},
                                       {"heartbeat_grace_s", 3600}});
    product_ = license["product_id"];
    return license;
  }
  std::string product_;
  std::atomic<std::int64_t> now_{kStartTime};
};

TEST_F(SdkThreading, ValidateNeverWaitsForAServerThatDoesNotAnswer) {
  const Json license = OnlineLicense({"core"});
  {
    auto client = sdk::Client::Open(ConfigFor(server_.url(), license["code"]));
    ASSERT_TRUE(client);
    ASSERT_EQ(client->Activate(), sdk::Code::kValid) << client->Detail();
  }

  // The same machine later, past its file's refresh-by, with a server that never answers and a
  // timeout far longer than this test.
  SilentServer silent;
  sdk::Config config = ConfigFor(silent.url(), license["code"]);
  config.http_timeout_ms = 10 * 60 * 1000;
  auto client = sdk::Client::Open(config);
  ASSERT_TRUE(client);
  now_ = kStartTime + 61;
  EXPECT_EQ(client->Validate(), sdk::Code::kOfflineGrace);
  // The SDK's own thread has gone to fetch a fresh file...
  for (int i = 0; i < 200 && silent.accepted() == 0; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  ASSERT_EQ(silent.accepted(), 1);
  // ... and while it waits for the answer, every check still answers from the file in hand.
  for (int i = 0; i < 1000; ++i) ASSERT_EQ(client->Validate(), sdk::Code::kOfflineGrace);
  EXPECT_TRUE(client->HasFeature("core"));
  EXPECT_FALSE(client->HasFeature("absent"));
  EXPECT_EQ(silent.accepted(), 1);  // one refresh at a time, not one per check

  // Closing the client abandons the request instead of waiting out its ten-minute timeout.
  auto closed = std::async(std::launch::async, [&] { client.reset(); });
  EXPECT_EQ(closed.wait_for(std::chrono::seconds(30)), std::future_status::ready);
}

// With the server back, an explicit Refresh() waits for it and installs the fresh file.
TEST_F(SdkThreading, RefreshWaitsForTheServerWhenTheProductAsks) {
  const Json license = OnlineLicense();
  auto client = sdk::Client::Open(ConfigFor(server_.url(), license["code"]));
  ASSERT_TRUE(client);
  ASSERT_EQ(client->Activate(), sdk::Code::kValid) << client->Detail();
  now_ = kStartTime + 61;
  server_.SetTime(kStartTime + 61);
  ASSERT_EQ(client->Refresh(), sdk::Code::kValid) << client->Detail();
  EXPECT_EQ(client->Validate(), sdk::Code::kValid);
  const sdk::LicenseInfo info = client->Info();
  EXPECT_EQ(info.refresh_by, kStartTime + 61 + 60);
  // What a product tells its user: the days left, and how long it may run without the server.
  EXPECT_EQ(info.days_left, 365);
  EXPECT_EQ(info.offline_grace_ends_at, kStartTime + 61 + 60 + 3600);
  EXPECT_EQ(info.heartbeat_interval_s, 60);
}

// The sentences for the product's user come from the vendor's table when it gives one (another
// language, its own words), code by code; the cause stays technical.
class SdkMessages : public SdkThreading {};

TEST_F(SdkMessages, DetailSpeaksFromTheVendorsTableAndCauseStaysTechnical) {
  const Json license = OnlineLicense();
  sdk::Config config = ConfigFor(server_.url(), license["code"]);
  config.messages = {{sdk::Code::kNotActivated, "Ce poste n'est pas encore activé."},
                     {sdk::Code::kLicenseNotFound, "Code de licence inconnu."}};
  auto client = sdk::Client::Open(config);
  ASSERT_TRUE(client);
  EXPECT_EQ(client->Validate(), sdk::Code::kNotActivated);
  EXPECT_EQ(client->Detail(), "Ce poste n'est pas encore activé.");
  EXPECT_EQ(client->Message(sdk::Code::kExpired), sdk::CodeMessage(sdk::Code::kExpired));

  config.license_code = "LIC-0000-nosuchcode00-XXXX";
  config.data_dir += "-unknown";
  client = sdk::Client::Open(config);
  ASSERT_TRUE(client);
  EXPECT_EQ(client->Activate(), sdk::Code::kLicenseNotFound);
  EXPECT_EQ(client->Detail(), "Code de licence inconnu.");
  EXPECT_NE(client->Cause().find("LICENSE_NOT_FOUND"), std::string::npos) << client->Cause();
  EXPECT_NE(client->Cause().find("HTTP 404"), std::string::npos) << client->Cause();
  EXPECT_EQ(client->Validate(), sdk::Code::kLicenseNotFound);  // why it has no license
}

// The product hears of each change of state from the SDK's thread, without polling, and the
// SDK's log lines say what it did without a secret in them.
class SdkHooks : public SdkThreading {};

TEST_F(SdkHooks, TheListenerHearsEachChangeAndTheLogKeepsNoSecret) {
  const Json license = OnlineLicense();
  const std::string code = license["code"];
  auto client = sdk::Client::Open(ConfigFor(server_.url(), code));
  ASSERT_TRUE(client);
  std::mutex mutex;
  std::condition_variable changed;
  std::vector<std::pair<sdk::Code, sdk::Code>> changes;
  std::vector<std::string> lines;
  client->SetLogger([&](sdk::LogLevel, std::string_view line) {
    std::lock_guard lock(mutex);
    lines.emplace_back(line);
  });
  client->OnStateChange([&](sdk::Code from, sdk::Code to) {
    std::lock_guard lock(mutex);
    changes.emplace_back(from, to);
    changed.notify_all();
  });
  const auto heard = [&](sdk::Code to) {
    std::unique_lock lock(mutex);
    return changed.wait_for(lock, std::chrono::seconds(10),
                            [&] { return !changes.empty() && changes.back().second == to; });
  };
  ASSERT_EQ(client->Activate(), sdk::Code::kValid) << client->Detail();
  EXPECT_TRUE(heard(sdk::Code::kValid));
  // The server goes away and the clock moves past refresh-by, then past the grace.
  server_.Stop();
  now_ = kStartTime + 61;
  EXPECT_TRUE(heard(sdk::Code::kOfflineGrace));
  now_ = kStartTime + 61 + 3600;
  EXPECT_TRUE(heard(sdk::Code::kRefreshRequired));
  client.reset();
  std::lock_guard lock(mutex);
  const std::vector<std::pair<sdk::Code, sdk::Code>> expected = {
      {sdk::Code::kNotActivated, sdk::Code::kValid},
      {sdk::Code::kValid, sdk::Code::kOfflineGrace},
      {sdk::Code::kOfflineGrace, sdk::Code::kRefreshRequired}};
  EXPECT_EQ(changes, expected);
  std::string all;
  for (const auto& line : lines) all += line + "\n";
  EXPECT_NE(all.find("POST /v1/client/activate: HTTP 201"), std::string::npos) << all;
  EXPECT_NE(all.find("GET /v1/client/license-file: HTTP 200"), std::string::npos) << all;
  EXPECT_NE(all.find("installed license " + license["id"].get<std::string>()), std::string::npos)
      << all;
  EXPECT_NE(all.find("state VALID -> OFFLINE_GRACE"), std::string::npos) << all;
  EXPECT_EQ(all.find(code), std::string::npos) << all;  // never the license code
}

}  // namespace
}  // namespace licensor::testing
