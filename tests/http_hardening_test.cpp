// What a hostile or careless client can send over raw sockets: framing that could smuggle a
// request, idle connections by the thousand, a host out of file descriptors, forged forwarding
// headers. Each is answered specifically and the server stays up.
#include <unistd.h>

#include <fstream>
#include <iterator>
#include <sstream>
#include <thread>

#include "tests/support/e2e_fixture.hpp"
#include "tests/support/raw_http.hpp"

namespace licensor::testing {
namespace {

namespace net = boost::asio;
using tcp = net::ip::tcp;

bool Contains(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

class HttpFraming : public LicensordTest {
 protected:
  std::string Exchange(const std::string& bytes) { return RawExchange(server_.url(), bytes); }
};

TEST_F(HttpFraming, ATransferEncodingOtherThanChunkedIsRefusedAndNothingIsSmuggled) {
  const std::string smuggled = "GET /v1/smuggled HTTP/1.1\r\nHost: x\r\n\r\n";
  for (const std::string te : {"xchunked", "chunked, identity", "identity", "gzip, chunked"}) {
    SCOPED_TRACE(te);
    const std::string reply = Exchange(
        "POST /v1/client/validate HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
        "Transfer-Encoding: " +
        te + "\r\n\r\n" + smuggled);
    EXPECT_TRUE(Contains(reply, "400 Bad Request")) << reply;
    EXPECT_TRUE(Contains(reply, "MALFORMED_REQUEST")) << reply;
    EXPECT_TRUE(Contains(reply, "Transfer-Encoding"));
    EXPECT_EQ(CountResponses(reply), 1) << reply;
    EXPECT_FALSE(Contains(reply, "smuggled")) << reply;
  }
  // A body in chunks, framed properly, is read as one request.
  const std::string body = R"({"code":"LIC-NONE"})";
  std::ostringstream chunked;
  chunked << "POST /v1/client/validate HTTP/1.1\r\nHost: x\r\nConnection: close\r\n"
          << "Content-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n"
          << std::hex << body.size() << "\r\n"
          << body << "\r\n0\r\n\r\n";
  const std::string reply = Exchange(chunked.str());
  EXPECT_TRUE(Contains(reply, "200 OK")) << reply;
  EXPECT_TRUE(Contains(reply, "\"valid\":false")) << reply;
}

TEST_F(HttpFraming, HostOnceAndAuthorizationAtMostOnce) {
  const std::string no_host = Exchange("GET /healthz HTTP/1.1\r\n\r\n");
  EXPECT_TRUE(Contains(no_host, "400 Bad Request")) << no_host;
  EXPECT_TRUE(Contains(no_host, "Host")) << no_host;
  const std::string two_hosts = Exchange("GET /healthz HTTP/1.1\r\nHost: a\r\nHost: b\r\n\r\n");
  EXPECT_TRUE(Contains(two_hosts, "400 Bad Request")) << two_hosts;
  const std::string two_auth =
      Exchange("GET /v1/products HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer " +
               server_.admin_token() + "\r\nAuthorization: Bearer someone-else\r\n\r\n");
  EXPECT_TRUE(Contains(two_auth, "400 Bad Request")) << two_auth;
  EXPECT_TRUE(Contains(two_auth, "Authorization")) << two_auth;
  const std::string http10 = Exchange("GET /healthz HTTP/1.0\r\n\r\n");
  EXPECT_TRUE(Contains(http10, "200 OK")) << http10;
}

TEST_F(HttpFraming, AbsoluteFormTargetsAreServedAndOtherFormsRefused) {
  const std::string absolute = Exchange(
      "GET http://licensor.example/v1/products HTTP/1.1\r\n"
      "Host: licensor.example\r\nConnection: close\r\n"
      "Authorization: Bearer " +
      server_.admin_token() + "\r\n\r\n");
  EXPECT_TRUE(Contains(absolute, "200 OK")) << absolute;
  EXPECT_TRUE(Contains(absolute, "\"data\"")) << absolute;
  const std::string asterisk = Exchange("OPTIONS * HTTP/1.1\r\nHost: x\r\n\r\n");
  EXPECT_TRUE(Contains(asterisk, "400 Bad Request")) << asterisk;
}

TEST_F(HttpFraming, ObsoleteLineFoldingIsRefused) {
  const std::string reply =
      Exchange("GET /healthz HTTP/1.1\r\nHost: x\r\nX-Note: first\r\n second\r\n\r\n");
  EXPECT_TRUE(Contains(reply, "400 Bad Request")) << reply;
  EXPECT_TRUE(Contains(reply, "folded")) << reply;
}

TEST_F(HttpFraming, JsonIsNamedExactlyAndNamesEachKeyOnce) {
  EXPECT_EQ(admin().Raw("POST", "/v1/products", R"({"name":"x"})", "application/jsonx").status,
            415);
  EXPECT_EQ(admin().Raw("POST", "/v1/products", R"({"name":"x"})", "application/json-seq").status,
            415);
  EXPECT_EQ(admin()
                .Raw("POST", "/v1/products", R"({"name":"x"})", "application/json; charset=utf-8")
                .status,
            201);
  const ApiResponse twice = admin().Raw("POST", "/v1/products", R"({"name":"a","name":"b"})");
  EXPECT_EQ(twice.status, 400);
  EXPECT_EQ(twice.json["code"], "INVALID_JSON");
  EXPECT_TRUE(Contains(twice.json["detail"], "more than once")) << twice.body;
  const ApiResponse nested = client().Raw("POST", "/v1/client/validate",
                                          R"({"code":"LIC-X","components":{"mac":"a","mac":"b"}})");
  EXPECT_EQ(nested.status, 400) << nested.body;
  EXPECT_EQ(nested.json["code"], "INVALID_JSON");
}

class HostileParameters : public LicensordTest {
 protected:
  void ExpectInvalid(const ApiResponse& res, const std::string& detail_part) {
    EXPECT_EQ(res.status, 400) << res.body;
    EXPECT_EQ(res.json["code"], "INVALID_FIELD") << res.body;
    EXPECT_TRUE(Contains(res.json.value("detail", ""), detail_part)) << res.body;
  }
};

TEST_F(HostileParameters, InvalidUtf8InAnyPathOrQueryParameterIsRefused) {
  for (const char* bytes : {"%FF", "%C3%28", "%ED%A0%80", "%C0%AF", "%F4%90%80%80"}) {
    const std::string b = bytes;
    for (const std::string& target :
         {"/v1/cards?customer_id=" + b, "/v1/card-statistics?customer_id=" + b,
          "/v1/card-records?kind=" + b, "/v1/licenses?status=" + b, "/v1/products?x=" + b,
          "/v1/events?resource_id=" + b, "/v1/products/" + b, "/v1/cards/" + b, "/v1/devices/" + b,
          "/v1/licenses/lic" + b}) {
      SCOPED_TRACE(target);
      ExpectInvalid(admin().Get(target), "UTF-8");
    }
  }
}

TEST_F(HostileParameters, ATakenNameIsAlreadyExistsAndNeverShowsSql) {
  ASSERT_EQ(admin().Post("/v1/device-models", {{"name", "GW-1"}}).status, 201);
  const ApiResponse model = admin().Post("/v1/device-models", {{"name", "GW-1"}});
  const Json type_body = {
      {"code", "DAY"}, {"name", "Day card"}, {"models", {"GW-1"}}, {"max_days", 365}};
  ASSERT_EQ(admin().Post("/v1/card-types", type_body).status, 201);
  const ApiResponse type = admin().Post("/v1/card-types", type_body);
  const Json customer = CreateCustomer();
  const Json device_body = {{"number", "D-1"}, {"model", "GW-1"}, {"customer_id", customer["id"]}};
  ASSERT_EQ(admin().Post("/v1/devices", device_body).status, 201);
  const ApiResponse device = admin().Post("/v1/devices", device_body);
  for (const ApiResponse* res : {&model, &type, &device}) {
    EXPECT_EQ(res->status, 409) << res->body;
    EXPECT_EQ(res->json["code"], "ALREADY_EXISTS") << res->body;
    for (const char* internal : {"INSERT", "constraint", "UNIQUE", "device_models", "card_types"}) {
      EXPECT_FALSE(Contains(res->body, internal)) << res->body;
    }
  }
  EXPECT_TRUE(Contains(model.json["detail"], "GW-1"));
  EXPECT_TRUE(Contains(type.json["detail"], "DAY"));
}

TEST_F(HostileParameters, StatisticsOfAnUnknownCustomerAreNotFoundAndLinksStayOneParameter) {
  const ApiResponse forged = admin().Get("/v1/card-statistics?customer_id=a%26status%3DIN_USE%23");
  EXPECT_EQ(forged.status, 404) << forged.body;
  EXPECT_EQ(admin().Get("/v1/cards?customer_id=cust_nobody").status, 404);
  const std::string id = CreateCustomer()["id"];
  const ApiResponse stats = admin().Get("/v1/card-statistics?customer_id=" + id);
  ASSERT_EQ(stats.status, 200) << stats.body;
  const std::string link = stats.json["fewer_than_7_days"]["list"];
  EXPECT_EQ(link, "/v1/cards?min_days=1&max_days=6&customer_id=" + id);
  EXPECT_EQ(admin().Get(link).status, 200);
}

TEST_F(HostileParameters, PatchWithNothingToChangeIsRefusedAndChangesNothing) {
  const Json license = IssueLicense({{"duration_days", 30}});
  const std::string product = "/v1/products/" + license["product_id"].get<std::string>();
  const Json before = admin().Get(product).json;
  server_.AdvanceDays(1);
  for (const std::string& path :
       {product, "/v1/customers/" + license["customer_id"].get<std::string>(),
        "/v1/policies/" + license["policy_id"].get<std::string>(),
        "/v1/licenses/" + license["id"].get<std::string>()}) {
    SCOPED_TRACE(path);
    ExpectInvalid(admin().Raw("PATCH", path, ""), "nothing to change");
    ExpectInvalid(admin().Raw("PATCH", path, "{}"), "nothing to change");
  }
  EXPECT_EQ(admin().Get(product).json["updated_at"], before["updated_at"]);
}

TEST_F(HostileParameters, NullComponentsAreRefused) {
  const Json license = IssueLicense({{"max_activations", 2}});
  ExpectInvalid(Activate(license["code"], "fp-1", {{"components", nullptr}}), "components");
  ExpectInvalid(
      client().Post("/v1/client/validate", {{"code", license["code"]}, {"components", nullptr}}),
      "components");
}

// Client rate limits (1 a second, a burst of 10) as seen through forwarding headers.
class ClientLimits : public LicensordTest {
 protected:
  explicit ClientLimits(std::vector<std::string> args) : LicensordTest(std::move(args)) {}

  // Validates with a fresh code each time (the per-code limit stays out of the way) until
  // refused; returns how many passed.
  int PassedBefore429(const std::map<std::string, std::string>& headers) {
    for (int i = 0; i < 30; ++i) {
      const std::string body = R"({"code":"LIC-P-)" + std::to_string(next_code_++) + "\"}";
      if (client().Raw("POST", "/v1/client/validate", body, "application/json", headers).status ==
          429) {
        return i;
      }
    }
    return 30;
  }
  int next_code_ = 0;
};

// Rate limits by the client behind a trusted proxy, by /64 for IPv6.
class BehindAProxy : public ClientLimits {
 protected:
  BehindAProxy()
      : ClientLimits({"--client-rate-limit", "1", "--trusted-proxies", "127.0.0.1/32"}) {}
};

TEST_F(BehindAProxy, EachForwardedClientHasItsOwnLimit) {
  EXPECT_EQ(PassedBefore429({{"X-Forwarded-For", "198.51.100.1"}}), 10);
  EXPECT_EQ(PassedBefore429({{"X-Forwarded-For", "198.51.100.1"}}), 0);
  EXPECT_EQ(PassedBefore429({{"X-Forwarded-For", "6.6.6.6, 198.51.100.2"}}), 10);
  EXPECT_EQ(PassedBefore429({{"Forwarded", "for=198.51.100.3;proto=https"}}), 10);
  // IPv6 clients are one client per /64.
  EXPECT_EQ(PassedBefore429({{"X-Forwarded-For", "2001:db8:1:2::1"}}), 10);
  EXPECT_EQ(PassedBefore429({{"X-Forwarded-For", "2001:db8:1:2:ffff::9"}}), 0);
  EXPECT_EQ(PassedBefore429({{"X-Forwarded-For", "2001:db8:1:3::1"}}), 10);
}

TEST_F(BehindAProxy, TheAuditLogRecordsTheForwardedClient) {
  const ApiResponse product =
      admin().Raw("POST", "/v1/products", R"({"name":"Audited"})", "application/json",
                  {{"X-Forwarded-For", "6.6.6.6, 198.51.100.77"}});
  ASSERT_EQ(product.status, 201) << product.body;
  const std::string id = product.json["id"];
  const Json events = admin().Get("/v1/events?resource_id=" + id).json["data"];
  ASSERT_EQ(events.size(), 1u);
  EXPECT_EQ(events[0]["address"], "198.51.100.77");
  EXPECT_EQ(events[0]["actor"].get<std::string>().rfind("tok_", 0), 0u);

  const Json license = IssueLicense({{"max_activations", 2}});
  const std::string body =
      R"({"code":")" + license["code"].get<std::string>() + R"(","fingerprint":"audited-machine"})";
  ASSERT_EQ(client()
                .Raw("POST", "/v1/client/activate", body, "application/json",
                     {{"X-Forwarded-For", "2001:db8::5"}, {"Forwarded", "for=192.0.2.1"}})
                .status,
            201);
  const Json activations = Activations(license["id"]);
  ASSERT_EQ(activations.size(), 1u);
  const Json created =
      admin().Get("/v1/events?resource_id=" + activations[0]["id"].get<std::string>()).json;
  EXPECT_EQ(created["data"][0]["actor"], "client");
  EXPECT_EQ(created["data"][0]["address"], "2001:db8::5");
}

class NotBehindAProxy : public ClientLimits {
 protected:
  NotBehindAProxy() : ClientLimits({"--client-rate-limit", "1"}) {}
};

TEST_F(NotBehindAProxy, ForwardingHeadersFromAnUntrustedPeerAreIgnored) {
  int passed = 0;
  for (int i = 0; i < 30; ++i) {
    const std::string forged = "203.0.113." + std::to_string(i);
    if (PassedBefore429({{"X-Forwarded-For", forged}}) == 0) break;
    ++passed;
  }
  EXPECT_EQ(passed, 1);  // the first call used the whole burst of the one real address
}

// Idle connections past the cap: the oldest idle one makes room for a client with a request.
class ConnectionCap : public LicensordTest {
 protected:
  ConnectionCap() : LicensordTest({"--max-connections", "20"}) {}
};

TEST_F(ConnectionCap, TheLongestIdleConnectionsAreShedForNewClients) {
  net::io_context ioc;
  std::vector<std::unique_ptr<tcp::socket>> idle;
  for (int i = 0; i < 60; ++i) {
    idle.push_back(std::make_unique<tcp::socket>(ioc));
    idle.back()->connect({net::ip::make_address("127.0.0.1"), PortOf(server_.url())});
  }
  Api fresh(server_.url(), server_.admin_token());
  EXPECT_EQ(fresh.Get("/v1/products").status, 200);
  // The first connections were closed by the server: reading gives end of file at once.
  char byte;
  boost::system::error_code ec;
  idle.front()->read_some(net::buffer(&byte, 1), ec);
  EXPECT_EQ(ec, net::error::eof);
}

// The process's CPU time so far, in seconds (utime + stime of /proc/PID/stat).
double CpuSeconds(pid_t pid) {
  std::ifstream in("/proc/" + std::to_string(pid) + "/stat");
  std::string stat((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  std::istringstream fields(stat.substr(stat.rfind(')') + 2));
  std::string skip;
  for (int i = 0; i < 11; ++i) fields >> skip;  // fields 3..13
  long utime = 0, stime = 0;
  fields >> utime >> stime;
  return static_cast<double>(utime + stime) / static_cast<double>(::sysconf(_SC_CLK_TCK));
}

TEST(OpenFileLimit, OutOfDescriptorsTheServerNeitherSpinsNorFloodsTheLogAndRecovers) {
  // No cap below the limit: accept itself runs out of descriptors.
  LicensordProcess server({"--max-connections", "100000", "--client-rate-limit", "0"});
  server.LimitOpenFiles(128, 128);
  server.Start();
  net::io_context ioc;
  std::vector<std::unique_ptr<tcp::socket>> idle;
  for (int i = 0; i < 300; ++i) {
    idle.push_back(std::make_unique<tcp::socket>(ioc));
    idle.back()->connect({net::ip::make_address("127.0.0.1"), PortOf(server.url())});
  }
  const double cpu_before = CpuSeconds(server.pid());
  std::this_thread::sleep_for(std::chrono::milliseconds(1500));  // a spinning loop burns 1.5 s
  EXPECT_LT(CpuSeconds(server.pid()) - cpu_before, 0.5);
  EXPECT_LT(server.Stderr().size(), 32u * 1024) << server.Stderr().substr(0, 2000);
  EXPECT_TRUE(Contains(server.Stderr(), "Too many open files"));
  // Idle connections are closed to let clients with requests in.
  Api fresh(server.url(), server.admin_token());
  EXPECT_EQ(fresh.Get("/v1/products").status, 200);
  idle.clear();
  Api after(server.url(), server.admin_token());
  EXPECT_EQ(after.Get("/v1/products").status, 200);
}

TEST(OpenFileLimit, TheSoftLimitIsRaisedAndTheCapLeavesRoomForFiles) {
  LicensordProcess server;
  server.LimitOpenFiles(128, 512);
  server.Start();
  EXPECT_TRUE(Contains(server.Stderr(), "raised the open-file limit from 128 to 512"))
      << server.Stderr();
  EXPECT_TRUE(Contains(server.Stderr(), "accepting up to 448 connections")) << server.Stderr();
}

}  // namespace
}  // namespace licensor::testing

namespace licensor::testing {
namespace {

// Resident memory of a process, in bytes (VmRSS of /proc/PID/status).
std::size_t ResidentBytes(pid_t pid) {
  std::ifstream in("/proc/" + std::to_string(pid) + "/status");
  std::string line;
  while (std::getline(in, line)) {
    if (line.rfind("VmRSS:", 0) == 0) return std::stoul(line.substr(6)) * 1024;
  }
  return 0;
}

class ValidationFlood : public LicensordTest {
 protected:
  static constexpr std::size_t kCacheBytes = 4 << 20;
  ValidationFlood()
      : LicensordTest({"--client-rate-limit", "0", "--cache-bytes", std::to_string(kCacheBytes)}) {}
};

// One code, a policy with 200 long feature names, validated from 20,000 made-up fingerprints:
// each would have cached its own copy of the license and policy (about 20 KB), 400 MB in all.
TEST_F(ValidationFlood, ResidentMemoryStaysWithinTheCacheBound) {
  Json features = Json::array();
  for (int i = 0; i < 200; ++i)
    features.push_back("feature-" + std::to_string(i) + std::string(48, 'x'));
  const Json license =
      IssueLicense({{"features", features},
                    {"fingerprint_rule", {{"components", {"mac", "disk"}}, {"min_matching", 1}}}});
  ASSERT_EQ(Activate(license["code"], "real-machine", {{"components", {{"mac", "m1"}}}}).status,
            201);
  const std::string prefix = R"({"code":")" + license["code"].get<std::string>() +
                             R"(","components":{"mac":"made-up","disk":"d"},"fingerprint":"fp-)";
  for (int i = 0; i < 200; ++i) {  // warm up allocator and caches
    client().Raw("POST", "/v1/client/validate", prefix + "warm-" + std::to_string(i) + "\"}");
  }
  const std::size_t before = ResidentBytes(server_.pid());
  for (int i = 0; i < 20000; ++i) {
    const ApiResponse res =
        client().Raw("POST", "/v1/client/validate", prefix + std::to_string(i) + "\"}");
    ASSERT_EQ(res.status, 200) << res.body;
  }
  const std::size_t after = ResidentBytes(server_.pid());
  EXPECT_LT(after, before + kCacheBytes + (16 << 20))
      << "grew by " << (after - before) / 1024 << " KiB";
  // The real machine is still served.
  const Json verdict = Validate(license["code"], {{"fingerprint", "real-machine"}});
  EXPECT_EQ(verdict["valid"], true) << verdict;
}

}  // namespace
}  // namespace licensor::testing
