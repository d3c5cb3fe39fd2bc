// The SDK acts only on answers the vendor's key signed for its own request. A proxy stands where
// a fake server would (a DNS redirect, a hosts-file entry, a proxy on the customer's own
// machine) and alters licensord's answers; none of it changes the product's verdict beyond
// offline grace, and the product recovers once the proxy steps aside. The state file, edited
// by hand, grants no more than deleting it.
#include <strings.h>
#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <licensor/licensor.hpp>
#include <mutex>
#include <sstream>
#include <thread>

#include "crypto/answer_signature.hpp"
#include "crypto/random.hpp"
#include "tests/support/e2e_fixture.hpp"
#include "tests/support/loopback.hpp"

namespace licensor::testing {
namespace {

namespace fs = std::filesystem;

// An HTTP message as the proxy reads it: the first line, the header lines, the body.
struct Message {
  std::string first_line;
  std::vector<std::pair<std::string, std::string>> headers;
  std::string body;

  std::string Header(const std::string& name) const {
    for (const auto& [n, v] : headers) {
      if (strcasecmp(n.c_str(), name.c_str()) == 0) return v;
    }
    return "";
  }
  void Drop(const std::string& name) {
    std::erase_if(headers,
                  [&](const auto& h) { return strcasecmp(h.first.c_str(), name.c_str()) == 0; });
  }
  // With Content-Length for the body, and the connection closed after it.
  std::string Text() const {
    std::string out = first_line + "\r\n";
    for (const auto& [name, value] : headers) {
      if (strcasecmp(name.c_str(), "Content-Length") == 0 ||
          strcasecmp(name.c_str(), "Connection") == 0) {
        continue;
      }
      out += name + ": " + value + "\r\n";
    }
    return out + "Content-Length: " + std::to_string(body.size()) +
           "\r\nConnection: close\r\n\r\n" + body;
  }
};

// Reads one message: up to the end of its body by Content-Length; without one, a request has
// no body and an answer's goes to EOF (the proxy asks licensord to close).
std::optional<Message> ReadMessage(int fd, bool is_answer) {
  std::string data;
  char buf[4096];
  std::size_t end;
  while ((end = data.find("\r\n\r\n")) == std::string::npos) {
    const ssize_t n = ::recv(fd, buf, sizeof buf, 0);
    if (n <= 0) return std::nullopt;
    data.append(buf, static_cast<std::size_t>(n));
  }
  Message m;
  std::istringstream head(data.substr(0, end));
  std::getline(head, m.first_line);
  if (!m.first_line.empty() && m.first_line.back() == '\r') m.first_line.pop_back();
  for (std::string line; std::getline(head, line);) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    const auto colon = line.find(':');
    if (colon == std::string::npos) continue;
    m.headers.emplace_back(line.substr(0, colon),
                           line.substr(line.find_first_not_of(' ', colon + 1)));
  }
  m.body = data.substr(end + 4);
  const std::string length = m.Header("Content-Length");
  const std::size_t wanted = !length.empty() ? std::stoul(length)
                             : is_answer     ? std::string::npos
                                             : m.body.size();
  while (m.body.size() < wanted) {
    const ssize_t n = ::recv(fd, buf, sizeof buf, 0);
    if (n <= 0) break;
    m.body.append(buf, static_cast<std::size_t>(n));
  }
  return m;
}

// What the proxy does to each answer.
enum class Alteration {
  kNone,
  kFlipStatus,      // 200 becomes 404 and ACTIVE becomes SUSPENDED; the signature is kept
  kStripSignature,  // the answer as licensord gave it, without Licensor-Signature
  kReplay,          // the first signed answer seen on this path, to a new request
  // From here on the proxy answers alone, as a fake server would.
  kNotActivated,        // 404 NOT_ACTIVATED under a real answer's signature
  kSuspendedForever,    // 200 SUSPENDED at the highest version, unsigned
  kSignedByAnotherKey,  // 404 NOT_ACTIVATED, signed for this very request, by a stranger's key
  kHtmlErrorPage,       // what a captive portal or a broken proxy answers
};

bool Forwards(Alteration a) { return a < Alteration::kNotActivated; }

const char* NameOf(Alteration a) {
  constexpr const char* kNames[] = {"none",        "flip status",       "strip signature",
                                    "replay",      "404 NOT_ACTIVATED", "SUSPENDED forever",
                                    "another key", "HTML error page"};
  return kNames[static_cast<int>(a)];
}

// A reverse proxy before licensord (one request per connection) that alters its answers.
class AlteringProxy {
 public:
  explicit AlteringProxy(int upstream_port) : upstream_port_(upstream_port) {}
  std::string url() const { return server_.url(); }
  void Alter(Alteration a) { alteration_ = a; }

 private:
  void Serve(int client) {
    auto request = ReadMessage(client, false);
    if (!request) return;
    const std::string method = request->first_line.substr(0, request->first_line.find(' '));
    const std::size_t path_at = method.size() + 1;
    const std::string path =
        request->first_line.substr(path_at, request->first_line.find(' ', path_at) - path_at);
    const Alteration alteration = alteration_.load();
    std::optional<Message> answer = Message{"", {{"Content-Type", "application/json"}}, ""};
    if (Forwards(alteration)) answer = Forward(*request);
    if (!answer) return;
    const std::string status_line_ok = "HTTP/1.1 200 OK";
    std::lock_guard lock(mutex_);
    if (Forwards(alteration) && !first_answers_.count(path)) first_answers_[path] = *answer;
    switch (alteration) {
      case Alteration::kNone:
        break;
      case Alteration::kFlipStatus:
        answer->first_line = answer->first_line.starts_with("HTTP/1.1 200")
                                 ? "HTTP/1.1 404 Not Found"
                                 : status_line_ok;
        for (std::size_t at; (at = answer->body.find("ACTIVE")) != std::string::npos;) {
          answer->body.replace(at, 6, "SUSPENDED");
        }
        break;
      case Alteration::kStripSignature:
        answer->Drop("Licensor-Signature");
        break;
      case Alteration::kReplay:
        *answer = first_answers_[path];
        break;
      case Alteration::kNotActivated:
        answer->first_line = "HTTP/1.1 404 Not Found";
        answer->body = NotActivated();
        answer->headers.emplace_back("Licensor-Signature",
                                     first_answers_.begin()->second.Header("Licensor-Signature"));
        break;
      case Alteration::kSuspendedForever:
        answer->first_line = status_line_ok;
        answer->body = R"({"status":"SUSPENDED","version":9223372036854775807,)"
                       R"("update_available":false,"expires_at":null,"next_heartbeat_in":60})";
        break;
      case Alteration::kSignedByAnotherKey: {
        answer->first_line = "HTTP/1.1 404 Not Found";
        answer->body = NotActivated();
        // The fields are views: the nonce they name must outlive them.
        const std::string nonce = request->Header("Licensor-Nonce");
        const crypto::AnswerFields fields{404,         method, path, nonce, std::time(nullptr),
                                          answer->body};
        answer->headers.emplace_back("Licensor-Signature", crypto::SignAnswer(stranger_, fields));
        break;
      }
      case Alteration::kHtmlErrorPage:
        answer->first_line = "HTTP/1.1 502 Bad Gateway";
        answer->headers = {{"Content-Type", "text/html"}};
        answer->body = "<html><body>Bad gateway</body></html>";
        break;
    }
    SendAll(client, answer->Text());
  }

  static std::string NotActivated() {
    return R"({"type":"about:blank","title":"Not activated","status":404,)"
           R"("code":"NOT_ACTIVATED","detail":"this machine is not activated"})";
  }

  std::optional<Message> Forward(Message request) {
    const int upstream = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    addr.sin_port = htons(static_cast<std::uint16_t>(upstream_port_));
    std::optional<Message> answer;
    if (::connect(upstream, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0 &&
        SendAll(upstream, request.Text())) {
      answer = ReadMessage(upstream, true);
    }
    ::close(upstream);
    return answer;
  }

  const int upstream_port_;
  const crypto::SigningKey stranger_ = crypto::NewSigningKey();
  std::atomic<Alteration> alteration_{Alteration::kNone};
  std::mutex mutex_;
  std::map<std::string, Message> first_answers_;
  LoopbackServer server_{[this](int client) { Serve(client); }};
};

int PortOf(const std::string& url) { return std::stoi(url.substr(url.rfind(':') + 1)); }

class SdkAnswers : public LicensordTest {
 protected:
  sdk::Config ConfigFor(const std::string& server_url, const Json& license,
                        const std::string& machine = "") {
    sdk::Config config;
    config.product_id = license["product_id"];
    config.server_url = server_url;
    config.public_keys_json = admin().Get("/v1/keys/public").body;
    config.license_code = license["code"];
    config.data_dir = server_.dir() + "/sdk" + machine;
    config.components = std::map<std::string, std::string>{{"mac", "02:42:ac:11:00:0a" + machine}};
    config.now = [this] { return server_.Now(); };
    return config;
  }
  std::string LicenseFile() const { return server_.dir() + "/sdk/license.lic"; }
  std::string StateFile() const { return server_.dir() + "/sdk/state.json"; }
};

TEST_F(SdkAnswers, NoAlteredOrUnsignedAnswerChangesTheVerdictBeyondOfflineGrace) {
  const Json license = IssueLicense(
      {{"deployment_mode", "ONLINE"}, {"duration_days", 365}, {"offline_grace_s", 3600}});
  AlteringProxy proxy(PortOf(server_.url()));
  const sdk::Config config = ConfigFor(proxy.url(), license);
  auto client = sdk::Client::Open(config);
  ASSERT_TRUE(client);
  ASSERT_EQ(client->Activate(), sdk::Code::kValid) << client->Cause();
  ASSERT_EQ(client->HeartbeatOnce(), sdk::Code::kValid) << client->Cause();
  const std::int64_t refresh_by = client->Info().refresh_by.value_or(0);
  ASSERT_GT(refresh_by, server_.Now());

  for (const Alteration a :
       {Alteration::kFlipStatus, Alteration::kStripSignature, Alteration::kReplay,
        Alteration::kNotActivated, Alteration::kSuspendedForever, Alteration::kSignedByAnotherKey,
        Alteration::kHtmlErrorPage}) {
    SCOPED_TRACE(NameOf(a));
    proxy.Alter(a);
    EXPECT_EQ(client->HeartbeatOnce(), sdk::Code::kServerUnreachable) << client->Cause();
    EXPECT_NE(client->Cause().find("did not sign"), std::string::npos) << client->Cause();
    EXPECT_EQ(client->Refresh(), sdk::Code::kServerUnreachable) << client->Cause();
    EXPECT_EQ(client->Activate(), sdk::Code::kServerUnreachable) << client->Cause();
    EXPECT_EQ(client->Validate(), sdk::Code::kValid);
    EXPECT_TRUE(fs::exists(LicenseFile()));
  }
  // A deactivation answered by the fake 404 releases nothing, here or on the server.
  proxy.Alter(Alteration::kNotActivated);
  EXPECT_EQ(client->Deactivate(), sdk::Code::kServerUnreachable) << client->Cause();
  EXPECT_EQ(client->Validate(), sdk::Code::kValid);
  EXPECT_EQ(Activations(license["id"])[0]["state"], "ALIVE");

  // Nothing of it was remembered: a restart of the product finds the license as it was.
  client.reset();
  client = sdk::Client::Open(config);
  ASSERT_TRUE(client);
  EXPECT_EQ(client->Validate(), sdk::Code::kValid) << client->Cause();

  // Past refresh-by with only the fake server in reach: offline grace, as with no server.
  proxy.Alter(Alteration::kSuspendedForever);
  server_.SetTime(refresh_by + 1);
  EXPECT_EQ(client->HeartbeatOnce(), sdk::Code::kServerUnreachable);
  EXPECT_EQ(client->Validate(), sdk::Code::kOfflineGrace);

  // The proxy steps aside: the next heartbeat brings a fresh file.
  proxy.Alter(Alteration::kNone);
  EXPECT_EQ(client->HeartbeatOnce(), sdk::Code::kValid) << client->Cause();
  EXPECT_EQ(client->Validate(), sdk::Code::kValid);
  EXPECT_GT(client->Info().refresh_by.value_or(0), server_.Now());
}

TEST_F(SdkAnswers, TheServersSignedVerdictsAreStillActedOn) {
  const Json license = IssueLicense({{"deployment_mode", "ONLINE"}, {"duration_days", 365}});
  AlteringProxy proxy(PortOf(server_.url()));
  auto client = sdk::Client::Open(ConfigFor(proxy.url(), license));
  ASSERT_EQ(client->Activate(), sdk::Code::kValid) << client->Cause();
  const std::string id = license["id"];
  ASSERT_EQ(admin().Post("/v1/licenses/" + id + "/actions/suspend").status, 200);
  EXPECT_EQ(client->HeartbeatOnce(), sdk::Code::kLicenseSuspended) << client->Cause();
  EXPECT_EQ(client->Validate(), sdk::Code::kLicenseSuspended);
  ASSERT_EQ(admin().Post("/v1/licenses/" + id + "/actions/reinstate").status, 200);
  EXPECT_EQ(client->HeartbeatOnce(), sdk::Code::kValid) << client->Cause();
  const std::string activation = Activations(id)[0]["id"];
  ASSERT_EQ(admin().Delete("/v1/activations/" + activation).status, 204);
  EXPECT_EQ(client->HeartbeatOnce(), sdk::Code::kReleased) << client->Cause();
  EXPECT_FALSE(fs::exists(LicenseFile()));
}

// One state, one code: whichever call learns it, and however often.
TEST_F(SdkAnswers, EachStateAnswersOneCodeWhicheverCallLearnsIt) {
  const Json license = IssueLicense({{"deployment_mode", "ONLINE"}, {"duration_days", 365}});
  const std::string id = license["id"];
  const sdk::Config config = ConfigFor(server_.url(), license);
  auto client = sdk::Client::Open(config);
  ASSERT_EQ(client->Activate(), sdk::Code::kValid) << client->Cause();
  const std::int64_t refresh_by = client->Info().refresh_by.value_or(0);

  // Suspended, and past refresh-by: the file fetch's 403 says only "not active".
  ASSERT_EQ(admin().Post("/v1/licenses/" + id + "/actions/suspend").status, 200);
  EXPECT_EQ(client->HeartbeatOnce(), sdk::Code::kLicenseSuspended) << client->Cause();
  server_.SetTime(refresh_by + 1);
  EXPECT_EQ(client->Refresh(), sdk::Code::kLicenseSuspended) << client->Cause();
  EXPECT_EQ(client->Validate(), sdk::Code::kLicenseSuspended);
  client = sdk::Client::Open(config);
  EXPECT_EQ(client->Validate(), sdk::Code::kLicenseSuspended);
  ASSERT_EQ(admin().Post("/v1/licenses/" + id + "/actions/reinstate").status, 200);
  EXPECT_EQ(client->HeartbeatOnce(), sdk::Code::kValid) << client->Cause();

  // Released by an operator: RELEASED at the first contact, and at every one after it.
  ASSERT_EQ(admin().Delete("/v1/activations/" + Activations(id)[0]["id"].get<std::string>()).status,
            204);
  EXPECT_EQ(client->HeartbeatOnce(), sdk::Code::kReleased) << client->Cause();
  EXPECT_EQ(client->HeartbeatOnce(), sdk::Code::kReleased) << client->Cause();
  EXPECT_EQ(client->Refresh(), sdk::Code::kReleased) << client->Cause();
  client = sdk::Client::Open(config);
  EXPECT_EQ(client->Validate(), sdk::Code::kReleased);
  EXPECT_EQ(client->HeartbeatOnce(), sdk::Code::kReleased) << client->Cause();
  EXPECT_EQ(client->Validate(), sdk::Code::kReleased);
}

// The quick start's pattern, `if (NeedsActivation(Validate())) Activate();`, takes a slot as
// soon as one is freed, also after a restart that remembered the refusal.
TEST_F(SdkAnswers, TheQuickStartTakesASlotOnceOneIsFreed) {
  const Json license = IssueLicense({{"max_activations", 1}, {"duration_days", 365}});
  auto first = sdk::Client::Open(ConfigFor(server_.url(), license, "-first"));
  ASSERT_TRUE(sdk::NeedsActivation(first->Validate()));
  ASSERT_EQ(first->Activate(), sdk::Code::kValid) << first->Cause();
  EXPECT_FALSE(sdk::NeedsActivation(first->Validate()));

  const sdk::Config second_config = ConfigFor(server_.url(), license, "-second");
  auto second = sdk::Client::Open(second_config);
  ASSERT_TRUE(sdk::NeedsActivation(second->Validate()));
  EXPECT_EQ(second->Activate(), sdk::Code::kActivationLimitReached);
  second = sdk::Client::Open(second_config);
  EXPECT_EQ(second->Validate(), sdk::Code::kActivationLimitReached);
  EXPECT_TRUE(sdk::NeedsActivation(second->Validate()));

  ASSERT_EQ(first->Deactivate(), sdk::Code::kValid) << first->Cause();
  ASSERT_TRUE(sdk::NeedsActivation(second->Validate()));
  EXPECT_EQ(second->Activate(), sdk::Code::kValid) << second->Cause();
  EXPECT_EQ(second->Validate(), sdk::Code::kValid);
  for (const sdk::Code code : {sdk::Code::kExpired, sdk::Code::kLicenseSuspended,
                               sdk::Code::kLicenseNotFound, sdk::Code::kDeactivated}) {
    EXPECT_FALSE(sdk::NeedsActivation(code)) << sdk::CodeName(code);
  }
}

TEST_F(SdkAnswers, AStateFileEditedByHandGrantsNoMoreThanDeletingIt) {
  const Json license = IssueLicense({{"deployment_mode", "ONLINE"}, {"duration_days", 365}});
  const sdk::Config config = ConfigFor(server_.url(), license);
  const std::string id = license["id"];
  auto client = sdk::Client::Open(config);
  ASSERT_EQ(client->Activate(), sdk::Code::kValid) << client->Cause();
  client.reset();
  const std::string file = [&] {
    std::ifstream in(LicenseFile());
    return std::string(std::istreambuf_iterator<char>(in), {});
  }();
  const auto write_state = [&](const Json& state) { std::ofstream(StateFile()) << state.dump(); };
  const Json base = {{"trusted_time", server_.Now()}};

  // Valid codes written where a refusal belongs are read as refusals.
  fs::remove(LicenseFile());
  for (const int code : {0, 1, 2, 99, -5}) {
    Json state = base;
    state["unlicensed"] = code;
    write_state(state);
    client = sdk::Client::Open(config);
    EXPECT_EQ(client->Validate(), sdk::Code::kNotActivated) << code;
    EXPECT_FALSE(client->HasFeature("core")) << code;
  }
  std::ofstream(LicenseFile()) << file;
  for (const int code : {0, 1, 2, 99}) {
    Json state = base;
    state["stopped"] = {{id, 99}};
    state["stopped_codes"] = {{id, code}};
    write_state(state);
    client = sdk::Client::Open(config);
    EXPECT_EQ(client->Validate(), sdk::Code::kLicenseNotActive) << code;
  }

  // A file without its state may be one the server released: the server is asked at once.
  client.reset();
  ASSERT_EQ(admin().Delete("/v1/activations/" + Activations(id)[0]["id"].get<std::string>()).status,
            204);
  for (const std::string& damaged : {std::string(), std::string("{\"trusted_time\":")}) {
    std::ofstream(LicenseFile()) << file;
    if (damaged.empty()) {
      fs::remove(StateFile());
    } else {
      std::ofstream(StateFile()) << damaged;
    }
    client = sdk::Client::Open(config);
    // The SDK's own thread asks; this waits for its answer (not for time to pass).
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(20);
    while (client->Validate() != sdk::Code::kReleased &&
           std::chrono::steady_clock::now() < deadline) {
      std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    ASSERT_EQ(client->Validate(), sdk::Code::kReleased) << client->Cause();
    EXPECT_FALSE(fs::exists(LicenseFile()));
    client.reset();
  }
}

}  // namespace
}  // namespace licensor::testing
