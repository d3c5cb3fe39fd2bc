// licensord serving HTTPS itself: TLS 1.2 and 1.3 only, HSTS and the console's __Host- cookie,
// a certificate reloaded on SIGHUP while requests go on, a plain-HTTP port that only redirects,
// and every client (curl, licensorctl, the SDK) trusting only the authority and key it is given.
#include <csignal>
#include <filesystem>
#include <fstream>
#include <licensor/licensor.hpp>
#include <regex>
#include <thread>

#include "tests/support/browser_session.hpp"
#include "tests/support/e2e_fixture.hpp"
#include "tests/support/run_command.hpp"
#include "tests/support/test_authority.hpp"

namespace licensor::testing {
namespace {

class Tls : public LicensordTest {
 protected:
  void SetUp() override {
    authority_.emplace(server_.dir() + "/pki", "vendor");
    served_ = authority_->Issue("server");
    server_.ServeTls(served_.certificate, served_.key, authority_->certificate());
    LicensordTest::SetUp();
  }

  // curl's exit code for a GET of /healthz with `options`, trusting the vendor's authority.
  int Curl(const std::string& options) {
    return RunCommand("curl -sf -o /dev/null --cacert " + authority_->certificate() + " " +
                      options + " " + server_.url() + "/healthz")
        .exit_code;
  }

  CommandResult Licensorctl(const std::string& options) {
    return RunCommand("LICENSOR_TOKEN=" + server_.admin_token() + " " LICENSORCTL_PATH " --url " +
                      server_.url() + " " + options + " products list 2>&1");
  }

  // Waits until licensord's log has a line matching `pattern`.
  bool LogSays(const std::string& pattern) {
    const std::regex wanted(pattern);
    for (int i = 0; i < 500; ++i) {
      if (std::regex_search(server_.Stderr(), wanted)) return true;
      std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    return false;
  }

  std::optional<TestAuthority> authority_;
  IssuedCertificate served_;
};

TEST_F(Tls, TheServerSpeaksTls12And13OnlyAndAsksBrowsersToKeepToIt) {
  const ApiResponse res = admin().Get("/v1/products");
  EXPECT_EQ(res.status, 200) << res.body;
  EXPECT_EQ(res.headers.at("strict-transport-security"), "max-age=31536000");
  EXPECT_EQ(Curl("--tlsv1.3"), 0);
  EXPECT_EQ(Curl("--tlsv1.2 --tls-max 1.2"), 0);
  EXPECT_NE(Curl("--tlsv1.1 --tls-max 1.1"), 0);
  EXPECT_NE(Curl("--tlsv1 --tls-max 1.0"), 0);
  // Plain HTTP to the TLS port gets no answer, and the server serves on.
  EXPECT_NE(
      RunCommand("curl -sf -o /dev/null http://" + server_.url().substr(8) + "/healthz").exit_code,
      0);
  EXPECT_EQ(Curl(""), 0);
}

TEST_F(Tls, TheConsoleSessionCookieIsSecureWithTheHostPrefix) {
  BrowserSession browser(server_.url(), server_.trust());
  const ApiResponse res = browser.Setup(SetupTokenFrom(server_.Stdout()), "admin@example.com",
                                        "correct horse battery staple");
  ASSERT_EQ(res.status, 201) << res.body;
  const std::string cookie = res.headers.at("set-cookie");
  EXPECT_EQ(cookie.rfind("__Host-licensor_session_", 0), 0u) << cookie;
  EXPECT_NE(cookie.find("; Secure"), std::string::npos) << cookie;
  EXPECT_EQ(browser.Get("/v1/auth/me").status, 200);
}

TEST_F(Tls, LicensorctlTrustsOnlyTheGivenAuthorityAndPinnedKey) {
  const std::string ca = " --ca-file " + authority_->certificate();
  CommandResult run = Licensorctl(ca);
  EXPECT_EQ(run.exit_code, 0) << run.output;
  run = Licensorctl(ca + " --pin-public-key '" + served_.pin + "'");
  EXPECT_EQ(run.exit_code, 0) << run.output;
  // The system's authorities do not know the vendor's.
  run = Licensorctl("");
  EXPECT_NE(run.exit_code, 0);
  EXPECT_NE(run.output.find("unable to get local issuer certificate"), std::string::npos)
      << run.output;
  TestAuthority stranger(server_.dir() + "/stranger", "stranger");
  run = Licensorctl(" --ca-file " + stranger.certificate());
  EXPECT_NE(run.exit_code, 0);
  EXPECT_NE(run.output.find("certificate"), std::string::npos) << run.output;
  // A certificate the authority vouches for, with another key than the pinned one.
  run = Licensorctl(ca + " --pin-public-key sha256//AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=");
  EXPECT_NE(run.exit_code, 0);
  EXPECT_NE(run.output.find("not the pinned one"), std::string::npos) << run.output;
  // The token may come from a file, never only from the command line.
  const std::string token_file = server_.dir() + "/token";
  RunCommand("printf '%s\\n' " + server_.admin_token() + " > " + token_file);
  run = RunCommand(LICENSORCTL_PATH " --url " + server_.url() + ca + " --token-file " + token_file +
                   " products list 2>&1");
  EXPECT_EQ(run.exit_code, 0) << run.output;
}

TEST_F(Tls, TheSdkActivatesOverTlsAndRefusesAnotherAuthorityOrKey) {
  const Json license = IssueLicense({{"deployment_mode", "ONLINE"}, {"duration_days", 365}});
  int clients = 0;
  const auto activate = [&](const std::string& ca, const std::string& pin) {
    sdk::Config config;
    config.product_id = license["product_id"];
    config.server_url = server_.url();
    config.public_keys_json = admin().Get("/v1/keys/public").body;
    config.license_code = license["code"];
    config.data_dir = server_.dir() + "/sdk-" + std::to_string(++clients);
    config.now = [] { return kStartTime; };
    config.ca_file = ca;
    config.pinned_public_key = pin;
    auto client = sdk::Client::Open(config);
    const sdk::Code code = client->Activate();
    return std::make_pair(code, client->Cause());
  };
  TestAuthority stranger(server_.dir() + "/stranger", "stranger");
  auto [code, cause] = activate(stranger.certificate(), "");
  EXPECT_EQ(code, sdk::Code::kServerUnreachable);
  EXPECT_NE(cause.find("certificate"), std::string::npos) << cause;
  std::tie(code, cause) =
      activate(authority_->certificate(), "sha256//AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=");
  EXPECT_EQ(code, sdk::Code::kServerUnreachable);
  EXPECT_NE(cause.find("pinned"), std::string::npos) << cause;
  std::tie(code, cause) = activate(authority_->certificate(), served_.pin);
  EXPECT_EQ(code, sdk::Code::kValid) << cause;
}

// Clients keep asking, over connections kept alive and new ones, while the certificate is
// replaced: every request is answered, and new connections get the new certificate.
TEST_F(Tls, ACertificateReloadedOnSighupDropsNoRequest) {
  std::atomic<bool> stop{false};
  std::atomic<int> answered{0}, failed{0};
  std::vector<std::thread> clients;
  for (int i = 0; i < 3; ++i) {
    clients.emplace_back([&, fresh_connections = i > 0] {
      std::optional<Api> kept;
      while (!stop) {
        try {
          if (fresh_connections || !kept) kept.emplace(server_.Client());
          (kept->Get("/healthz").status == 200 ? answered : failed)++;
        } catch (const std::exception&) {
          failed++;
        }
      }
    });
  }
  while (answered < 50) std::this_thread::sleep_for(std::chrono::milliseconds(5));
  const IssuedCertificate renewed = authority_->Issue("renewed", "renewed.localhost");
  // Replaced as an operator's tooling does: a new file renamed over the old one.
  std::filesystem::rename(renewed.certificate, served_.certificate);
  std::filesystem::rename(renewed.key, served_.key);
  server_.Signal(SIGHUP);
  EXPECT_TRUE(LogSays("new connections get the TLS certificate CN=renewed\\.localhost"))
      << server_.Stderr();
  const int answered_at_reload = answered;
  while (answered < answered_at_reload + 50) {
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  stop = true;
  for (auto& c : clients) c.join();
  EXPECT_EQ(failed, 0);
  cli::TlsTrust pinned = server_.trust();
  pinned.pinned_public_key = renewed.pin;
  EXPECT_EQ(Api(server_.url(), "", pinned).Get("/healthz").status, 200);

  // Files that cannot be served leave the certificate in use as it is.
  std::ofstream(served_.key) << "not a key\n";
  server_.Signal(SIGHUP);
  EXPECT_TRUE(LogSays("kept the TLS certificate in use: --tls-key .*: not an unencrypted PEM"))
      << server_.Stderr();
  EXPECT_EQ(Api(server_.url(), "", pinned).Get("/healthz").status, 200);
}

TEST(TlsSetup, ThePlainHttpPortOnlyRedirectsToTheSamePathOverHttps) {
  LicensordProcess server({"--redirect-http", "127.0.0.1:0"});
  TestAuthority authority(server.dir() + "/pki", "vendor");
  const IssuedCertificate served = authority.Issue("server");
  server.ServeTls(served.certificate, served.key, authority.certificate());
  server.Start();
  std::smatch port;
  const std::string log = server.Stderr();
  ASSERT_TRUE(std::regex_search(log, port, std::regex("plain HTTP on 127\\.0\\.0\\.1:([0-9]+)")))
      << log;
  // Asked with curl: what this port answers is no part of the API.
  const auto ask = [&](const std::string& options) {
    return RunCommand(
               "curl -s -o /dev/null -w '%{http_code} %{redirect_url}' -H 'Authorization: "
               "Bearer " +
               server.admin_token() + "' " + options + " 'http://127.0.0.1:" + port[1].str() +
               "/v1/products?limit=1'")
        .output;
  };
  EXPECT_EQ(ask(""), "308 " + server.url() + "/v1/products?limit=1");
  // Nothing is served there, and a Host that names no host gets no redirect.
  EXPECT_EQ(ask("-X POST -H 'Content-Type: application/json' -d '{\"name\":\"x\"}'"),
            "308 " + server.url() + "/v1/products?limit=1");
  EXPECT_EQ(ask("-H 'Host: evil.example/phish'"), "400 ");
  EXPECT_EQ(RunCommand("curl -s -D - -o /dev/null 'http://127.0.0.1:" + port[1].str() + "/'")
                .output.find("Strict-Transport-Security"),
            std::string::npos);
  EXPECT_EQ(server.Admin().Get("/v1/products").json["data"].size(), 0u);
}

TEST(TlsSetup, AnUnusableCertificateOrKeyStopsTheStartWithItsReason) {
  LicensordProcess missing;
  missing.ServeTls(missing.dir() + "/none.pem", missing.dir() + "/none.key", "");
  EXPECT_THROW(missing.Start(), std::runtime_error);
  EXPECT_NE(missing.Stderr().find("--tls-cert " + missing.dir() + "/none.pem: cannot be read"),
            std::string::npos)
      << missing.Stderr();

  LicensordProcess mismatched;
  TestAuthority authority(mismatched.dir() + "/pki", "vendor");
  const IssuedCertificate one = authority.Issue("one");
  const IssuedCertificate other = authority.Issue("other");
  mismatched.ServeTls(one.certificate, other.key, authority.certificate());
  EXPECT_THROW(mismatched.Start(), std::runtime_error);
  EXPECT_NE(mismatched.Stderr().find("is not the key of the certificate in " + one.certificate),
            std::string::npos)
      << mismatched.Stderr();
}

}  // namespace
}  // namespace licensor::testing
