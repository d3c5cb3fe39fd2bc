// How the SDK reaches its server on a customer's network, through its C++ API: through an HTTP
// proxy that asks for credentials, and over TLS with the vendor's own authority and a pinned
// public key, each refusal with its own cause.
#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
#include <licensor/licensor.hpp>
#include <thread>

#include "crypto/encoding.hpp"
#include "tests/support/child_process.hpp"
#include "tests/support/e2e_fixture.hpp"
#include "tests/support/loopback.hpp"
#include "tests/support/run_command.hpp"

namespace licensor::testing {
namespace {

// An HTTP forward proxy for http:// targets, one request per connection, that wants
// `credentials` ("user:password") and counts what it forwards.
class ForwardProxy {
 public:
  explicit ForwardProxy(std::string credentials) : credentials_(std::move(credentials)) {}
  std::string url() const { return server_.url(); }
  int forwarded() const { return forwarded_; }
  int refused() const { return refused_; }

 private:
  void Serve(int client) {
    std::string request;
    char buf[4096];
    std::size_t end;
    while ((end = request.find("\r\n\r\n")) == std::string::npos) {
      const ssize_t n = ::recv(client, buf, sizeof buf, 0);
      if (n <= 0) return;
      request.append(buf, static_cast<std::size_t>(n));
    }
    std::string head = request.substr(0, end + 4), body = request.substr(end + 4);
    const auto length_at = head.find("Content-Length: ");
    const std::size_t length =
        length_at == std::string::npos ? 0 : std::stoul(head.substr(length_at + 16));
    while (body.size() < length) {
      const ssize_t n = ::recv(client, buf, sizeof buf, 0);
      if (n <= 0) return;
      body.append(buf, static_cast<std::size_t>(n));
    }
    const std::string basic = "Proxy-Authorization: Basic " + crypto::Base64(credentials_) + "\r\n";
    if (head.find(basic) == std::string::npos) {
      ++refused_;
      SendAll(client,
              "HTTP/1.1 407 Proxy Authentication Required\r\nProxy-Authenticate: Basic "
              "realm=\"test\"\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");
      return;
    }
    // "POST http://127.0.0.1:PORT/path HTTP/1.1": connect to the target, send origin-form.
    const auto host_at = head.find("http://") + 7;
    const auto path_at = head.find('/', host_at);
    const std::string authority = head.substr(host_at, path_at - host_at);
    const int target_port = std::stoi(authority.substr(authority.find(':') + 1));
    head = head.substr(0, head.find(' ') + 1) + head.substr(path_at);
    head.erase(head.find(basic), basic.size());
    const int upstream = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    addr.sin_port = htons(static_cast<std::uint16_t>(target_port));
    if (::connect(upstream, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0 &&
        SendAll(upstream, head + body)) {
      ++forwarded_;
      ::shutdown(upstream, SHUT_WR);
      for (ssize_t n; (n = ::recv(upstream, buf, sizeof buf, 0)) > 0;) {
        SendAll(client, std::string(buf, static_cast<std::size_t>(n)));
      }
    }
    ::close(upstream);
  }
  std::string credentials_;
  std::atomic<int> forwarded_{0}, refused_{0};
  LoopbackServer server_{[this](int client) { Serve(client); }};
};

class SdkNetwork : public LicensordTest {
 protected:
  sdk::Config ConfigFor(const std::string& server_url, const std::string& code,
                        const std::string& product) {
    sdk::Config config;
    config.product_id = product;
    config.server_url = server_url;
    config.public_keys_json = admin().Get("/v1/keys/public").body;
    config.license_code = code;
    config.data_dir = server_.dir() + "/sdk-" + std::to_string(++clients_);
    config.components = std::map<std::string, std::string>{{"mac", "02:42:ac:11:00:0a"}};
    config.now = [] { return kStartTime; };
    return config;
  }
  int clients_ = 0;
};

TEST_F(SdkNetwork, AProxyThatWantsCredentialsGetsThemAndForwardsEveryRequest) {
  const Json license = IssueLicense({{"deployment_mode", "ONLINE"}, {"duration_days", 365}});
  ForwardProxy proxy("customer:s3cret");
  sdk::Config config = ConfigFor(server_.url(), license["code"], license["product_id"]);
  config.proxy_url = proxy.url();
  config.proxy_user = "customer";
  config.proxy_password = "wrong";
  auto refused = sdk::Client::Open(config);
  ASSERT_TRUE(refused);
  // The proxy's own refusal is not the server's answer (it is unsigned): the server is out of
  // reach, and the cause says why.
  EXPECT_EQ(refused->Activate(), sdk::Code::kServerUnreachable);
  EXPECT_NE(refused->Cause().find("HTTP 407"), std::string::npos) << refused->Cause();
  EXPECT_EQ(proxy.forwarded(), 0);

  config.proxy_password = "s3cret";
  config.data_dir += "-again";
  auto client = sdk::Client::Open(config);
  ASSERT_TRUE(client);
  ASSERT_EQ(client->Activate(), sdk::Code::kValid) << client->Cause();
  EXPECT_EQ(client->HeartbeatOnce(), sdk::Code::kValid) << client->Cause();
  EXPECT_EQ(proxy.forwarded(), 3);  // the activation, its file and the heartbeat
}

TEST_F(SdkNetwork, TlsTrustsTheVendorsAuthorityAndInsistsOnThePinnedKey) {
  const std::string dir = server_.dir();
  const auto openssl = [&](const std::string& args) {
    return RunCommand("cd '" + dir + "' && openssl " + args + " 2>&1");
  };
  ASSERT_EQ(openssl("req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes "
                    "-keyout key.pem -out cert.pem -days 2 -subj /CN=licensing.test "
                    "-addext subjectAltName=IP:127.0.0.1")
                .exit_code,
            0);
  const CommandResult pin = openssl(
      "x509 -in cert.pem -pubkey -noout | openssl pkey -pubin -outform der | openssl dgst "
      "-sha256 -binary | openssl base64 -A");
  ASSERT_EQ(pin.exit_code, 0) << pin.output;
  int port = 0;
  ::close(ListenOnLoopback(&port));  // a free port for the TLS server
  // A TLS server that answers every GET with a status page: enough to prove the handshake.
  ChildProcess tls({"/usr/bin/openssl", "s_server", "-accept", "127.0.0.1:" + std::to_string(port),
                    "-cert", dir + "/cert.pem", "-key", dir + "/key.pem", "-www"});
  ASSERT_NE(tls.WaitForLine("ACCEPT"), "") << tls.output();
  const std::string url = "https://127.0.0.1:" + std::to_string(port);
  const auto refresh = [&](const std::string& ca, const std::string& pinned) {
    sdk::Config config = ConfigFor(url, "LIC-0000-tlscheck0000-AAAA", "prd_tls");
    config.ca_file = ca;
    config.pinned_public_key = pinned;
    auto client = sdk::Client::Open(config);
    const sdk::Code code = client->Refresh();
    return std::make_pair(code, client->Cause());
  };
  // The system's authorities do not vouch for the vendor's certificate.
  auto [code, cause] = refresh("", "");
  EXPECT_EQ(code, sdk::Code::kServerUnreachable);
  EXPECT_NE(cause.find("certificate"), std::string::npos) << cause;
  // The vendor's authority does: the request goes through, and the page, which the vendor's
  // key did not sign, counts for nothing.
  std::tie(code, cause) = refresh(dir + "/cert.pem", "");
  EXPECT_EQ(code, sdk::Code::kServerUnreachable) << cause;
  EXPECT_NE(cause.find("did not sign"), std::string::npos) << cause;
  std::tie(code, cause) = refresh(dir + "/cert.pem", "sha256//" + pin.output);
  EXPECT_NE(cause.find("did not sign"), std::string::npos) << cause;
  // Another key pinned: refused, whoever vouches for the certificate.
  std::tie(code, cause) =
      refresh(dir + "/cert.pem", "sha256//AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=");
  EXPECT_EQ(code, sdk::Code::kServerUnreachable);
  EXPECT_NE(cause.find("pinned"), std::string::npos) << cause;
}

}  // namespace
}  // namespace licensor::testing
