// The console's people through the HTTP API: the first administrator's setup link, signing in
// and out, sessions and their cookie, CSRF, throttling, roles, and the audit of it all.
#include <atomic>
#include <fstream>
#include <regex>
#include <thread>
#include <vector>

#include "tests/support/browser_session.hpp"
#include "tests/support/e2e_fixture.hpp"
#include "tests/support/run_command.hpp"

namespace licensor::testing {
namespace {

constexpr const char* kAdminEmail = "Admin@Example.com";
constexpr const char* kPassword = "a long enough password";

class ConsoleAccounts : public LicensordTest {
 protected:
  BrowserSession NewBrowser() { return BrowserSession(server_.url()); }

  // The first administrator, made through the setup link licensord printed.
  BrowserSession FirstAdmin() { return SetUpFirstAdmin(server_, kAdminEmail, kPassword); }

  // A user created by `by`, signed in in a browser of its own.
  BrowserSession NewUser(BrowserSession& by, const std::string& email, const std::string& role,
                         Json extra = Json::object()) {
    extra["email"] = email;
    extra["display_name"] = role + " user";
    extra["role"] = role;
    extra["password"] = kPassword;
    const ApiResponse created = by.Post("/v1/users", extra);
    EXPECT_EQ(created.status, 201) << created.body;
    BrowserSession browser = NewBrowser();
    const ApiResponse in = browser.SignIn(email, kPassword);
    EXPECT_EQ(in.status, 200) << in.body;
    return browser;
  }

  Json UserEvents() { return ListAll(admin(), "/v1/events", "&resource_type=user"); }
};

TEST_F(ConsoleAccounts, TheSetupLinkCreatesTheFirstAdminOnce) {
  EXPECT_EQ(client().Get("/v1/setup").json["needed"], true);
  const std::string token = SetupTokenFrom(server_.Stdout());
  ASSERT_FALSE(token.empty()) << server_.Stdout();

  BrowserSession browser = NewBrowser();
  ApiResponse res = browser.Setup("setup_wrong", kAdminEmail, kPassword);
  EXPECT_EQ(res.status, 403);
  EXPECT_EQ(res.json["code"], "INVALID_SETUP_LINK");
  res = browser.Setup(token, kAdminEmail, "too short");
  EXPECT_EQ(res.status, 400) << res.body;
  EXPECT_EQ(res.json["code"], "INVALID_FIELD");

  res = browser.Setup(token, kAdminEmail, kPassword);
  ASSERT_EQ(res.status, 201) << res.body;
  EXPECT_EQ(res.json["user"]["role"], "admin");
  EXPECT_EQ(res.json["user"]["email"], kAdminEmail);
  EXPECT_FALSE(res.json["user"].contains("password_hash"));
  EXPECT_EQ(browser.Get("/v1/auth/me").json["user"]["display_name"], "First Admin");
  EXPECT_EQ(client().Get("/v1/setup").json["needed"], false);

  // Used up, and no new link once an admin exists.
  res = NewBrowser().Setup(token, "other@example.com", kPassword);
  EXPECT_EQ(res.status, 403);
  server_.Stop();
  server_.Start();
  EXPECT_EQ(SetupTokenFrom(server_.Stdout()), "") << server_.Stdout();
}

TEST_F(ConsoleAccounts, TheSetupLinkExpiresAfterAnHourAndEachStartPrintsANewOne) {
  const std::string first = SetupTokenFrom(server_.Stdout());
  server_.SetTime(server_.Now() + 3601);
  EXPECT_EQ(NewBrowser().Setup(first, kAdminEmail, kPassword).status, 403);
  server_.Stop();
  server_.Start();
  const std::string second = SetupTokenFrom(server_.Stdout());
  ASSERT_FALSE(second.empty());
  EXPECT_NE(second, first);
  EXPECT_EQ(NewBrowser().Setup(second, kAdminEmail, kPassword).status, 201);
}

TEST_F(ConsoleAccounts, TheCookieIsHttpOnlyStrictAndSecureOnlyOverHttps) {
  BrowserSession admin_browser = FirstAdmin();
  const ApiResponse in = NewBrowser().SignIn(kAdminEmail, kPassword);
  ASSERT_EQ(in.status, 200) << in.body;
  const std::string cookie = in.headers.at("set-cookie");
  // Named for this deployment, so that another licensord on the host keeps its own session.
  EXPECT_TRUE(std::regex_search(cookie, std::regex("^licensor_session_[0-9a-f]{8}=ses_")))
      << cookie;
  for (const char* flag : {"; HttpOnly", "; SameSite=Strict", "; Path=/", "; Max-Age="}) {
    EXPECT_NE(cookie.find(flag), std::string::npos) << flag << " in " << cookie;
  }
  EXPECT_EQ(cookie.find("Secure"), std::string::npos) << cookie;
  EXPECT_TRUE(in.json["csrf_token"].is_string());
}

// A browser keeps one cookie jar per host, whatever the port: a vendor's licensord and an
// installation's on one machine must name their cookies apart, or signing in to one signs the
// other out.
TEST_F(ConsoleAccounts, TwoLicensordsOnOneHostKeepTheirSessionsApart) {
  FirstAdmin();
  const ApiResponse vendor_in = NewBrowser().SignIn(kAdminEmail, kPassword);
  LicensordProcess installation({"--client-rate-limit", "0"});
  installation.Start();
  BrowserSession other(installation.url());
  ASSERT_EQ(other.Setup(SetupTokenFrom(installation.Stdout()), kAdminEmail, kPassword).status, 201);
  const ApiResponse installation_in =
      BrowserSession(installation.url()).SignIn(kAdminEmail, kPassword);
  const std::string vendor_cookie = CookieFrom(vendor_in);
  const std::string installation_cookie = CookieFrom(installation_in);
  const auto name = [](const std::string& c) { return c.substr(0, c.find('=')); };
  EXPECT_NE(name(vendor_cookie), name(installation_cookie));
  // The jar the browser sends to both: each server reads its own session from it.
  const std::string jar = vendor_cookie + "; " + installation_cookie;
  for (const std::string& url : {server_.url(), installation.url()}) {
    EXPECT_EQ(Api(url, "").Raw("GET", "/v1/auth/me", "", "", {{"Cookie", jar}}).status, 200) << url;
  }
  // A restarted licensord keeps its name: its sessions outlive the restart.
  installation.Stop();
  installation.Start();
  EXPECT_EQ(Api(installation.url(), "").Raw("GET", "/v1/auth/me", "", "", {{"Cookie", jar}}).status,
            200);
}

TEST_F(ConsoleAccounts, OverHttpsBehindATrustedProxyTheCookieIsSecureWithTheHostPrefix) {
  LicensordProcess behind_proxy({"--trusted-proxies", "127.0.0.1", "--client-rate-limit", "0"});
  behind_proxy.Start();
  BrowserSession browser(behind_proxy.url());
  const std::string token = SetupTokenFrom(behind_proxy.Stdout());
  const std::string host = behind_proxy.url().substr(std::string("http://").size());
  const ApiResponse res =
      browser.Send("POST", "/v1/setup",
                   {{"setup_token", token},
                    {"email", kAdminEmail},
                    {"display_name", "Admin"},
                    {"password", kPassword}},
                   {{"X-Forwarded-Proto", "https"}, {"Origin", "https://" + host}});
  ASSERT_EQ(res.status, 201) << res.body;
  const std::string cookie = res.headers.at("set-cookie");
  EXPECT_TRUE(std::regex_search(cookie, std::regex("^__Host-licensor_session_[0-9a-f]{8}=")))
      << cookie;
  EXPECT_NE(cookie.find("; Secure"), std::string::npos) << cookie;
  // A peer that is not a trusted proxy cannot claim HTTPS.
  BrowserSession direct = FirstAdmin();
  const ApiResponse plain =
      NewBrowser().Send("POST", "/v1/auth/login", {{"email", kAdminEmail}, {"password", kPassword}},
                        {{"X-Forwarded-Proto", "https"}});
  ASSERT_EQ(plain.status, 200) << plain.body;
  EXPECT_EQ(plain.headers.at("set-cookie").find("Secure"), std::string::npos);
}

TEST_F(ConsoleAccounts, AWrongPasswordAndAnUnknownEmailGetTheSameAnswer) {
  BrowserSession admin_browser = FirstAdmin();
  const ApiResponse wrong = NewBrowser().SignIn(kAdminEmail, "not the password at all");
  const ApiResponse unknown = NewBrowser().SignIn("nobody@example.com", kPassword);
  EXPECT_EQ(wrong.status, 401);
  EXPECT_EQ(wrong.json["code"], "INVALID_CREDENTIALS");
  EXPECT_EQ(wrong.body, unknown.body);
  EXPECT_EQ(wrong.headers.count("set-cookie"), 0u);
  // The email is matched without regard to case.
  EXPECT_EQ(NewBrowser().SignIn("admin@EXAMPLE.com", kPassword).status, 200);
}

TEST_F(ConsoleAccounts, RepeatedFailuresAreThrottledPerAccountAndPerAddress) {
  BrowserSession admin_browser = FirstAdmin();
  for (int i = 0; i < 5; ++i) {
    EXPECT_EQ(NewBrowser().SignIn(kAdminEmail, "wrong password " + std::to_string(i)).status, 401);
  }
  ApiResponse res = NewBrowser().SignIn(kAdminEmail, kPassword);
  EXPECT_EQ(res.status, 429) << res.body;
  EXPECT_EQ(res.json["code"], "RATE_LIMITED");
  ASSERT_TRUE(res.headers.count("retry-after"));
  EXPECT_GT(std::stoi(res.headers.at("retry-after")), 0);

  // The address has room for more failures, over other accounts, up to its own limit.
  int refused = 0;
  for (int i = 0; i < 20; ++i) {
    refused +=
        NewBrowser().SignIn("user" + std::to_string(i) + "@example.com", kPassword).status == 429;
  }
  EXPECT_EQ(refused, 5);  // 5 + 15 failures reached the address's 20

  server_.SetTime(server_.Now() + 15 * 60);
  res = NewBrowser().SignIn(kAdminEmail, kPassword);
  EXPECT_EQ(res.status, 200) << res.body;
}

// Twelve guesses sent at once: each is counted before its password is checked, so only the
// account's five get an answer, however the requests interleave. The server checks twelve
// passwords at once, so that none is turned away for want of a password slot instead.
TEST(SignInThrottle, GuessesSentAtOnceAreCountedBeforeAnyPasswordIsChecked) {
  LicensordProcess server({"--password-slots", "12"});
  server.Start();
  SetUpFirstAdmin(server, kAdminEmail, kPassword);
  std::atomic<int> refused = 0, wrong = 0, other = 0;
  std::vector<std::thread> guesses;
  for (int i = 0; i < 12; ++i) {
    guesses.emplace_back([&, i] {
      const int status = BrowserSession(server.url())
                             .SignIn(kAdminEmail, "guess number " + std::to_string(i))
                             .status;
      (status == 429 ? refused : status == 401 ? wrong : other) += 1;
    });
  }
  for (auto& t : guesses) t.join();
  EXPECT_EQ(wrong, 5);
  EXPECT_EQ(refused, 7);
  EXPECT_EQ(other, 0);
  EXPECT_EQ(BrowserSession(server.url()).SignIn(kAdminEmail, kPassword).status, 429);
}

TEST_F(ConsoleAccounts, AnIpv6SubscribersAddressesShareOneThrottle) {
  LicensordProcess behind_proxy({"--trusted-proxies", "127.0.0.1", "--client-rate-limit", "0"});
  behind_proxy.Start();
  BrowserSession browser(behind_proxy.url());
  const auto attempt = [&](int i, const std::string& address) {
    return browser
        .Send("POST", "/v1/auth/login",
              {{"email", "user" + std::to_string(i) + "@example.com"}, {"password", kPassword}},
              {{"X-Forwarded-For", address}})
        .status;
  };
  for (int i = 0; i < 20; ++i) {
    EXPECT_EQ(attempt(i, "2001:db8:1:2::" + std::to_string(i + 1)), 401) << i;
  }
  EXPECT_EQ(attempt(20, "2001:db8:1:2:ffff::1"), 429);  // another address of the same /64
  EXPECT_EQ(attempt(21, "2001:db8:1:3::1"), 401);       // the next /64 is someone else
}

TEST_F(ConsoleAccounts, ChangesNeedTheCsrfTokenAndTheConsolesOrigin) {
  BrowserSession browser = FirstAdmin();
  const Json product = {{"name", "Widget"}};
  ApiResponse res = browser.Send("POST", "/v1/products", product, {{"X-CSRF-Token", ""}});
  EXPECT_EQ(res.status, 403);
  EXPECT_EQ(res.json["code"], "CSRF_REJECTED");
  res = browser.Send("POST", "/v1/products", product, {{"X-CSRF-Token", "0123abcd"}});
  EXPECT_EQ(res.json["code"], "CSRF_REJECTED");
  res = browser.Send("POST", "/v1/products", product, {{"Origin", "https://evil.example"}});
  EXPECT_EQ(res.status, 403);
  EXPECT_EQ(res.json["code"], "CSRF_REJECTED");
  res = browser.Send("POST", "/v1/products", product, {{"Sec-Fetch-Site", "cross-site"}});
  EXPECT_EQ(res.json["code"], "CSRF_REJECTED");
  // Sign-in from another site's page is refused too.
  res =
      NewBrowser().Send("POST", "/v1/auth/login", {{"email", kAdminEmail}, {"password", kPassword}},
                        {{"Origin", "https://evil.example"}});
  EXPECT_EQ(res.json["code"], "CSRF_REJECTED");
  EXPECT_EQ(ListAll(admin(), "/v1/products").size(), 0u);

  EXPECT_EQ(browser.Post("/v1/products", product).status, 201);
  EXPECT_EQ(browser.Get("/v1/products").status, 200);  // reads need no token
  // A bearer token is not held to any of this.
  EXPECT_EQ(admin().Post("/v1/products", {{"name", "Other"}}).status, 201);
}

TEST_F(ConsoleAccounts, EachRoleIsAuthorizedAsATokenOfThatRole) {
  BrowserSession admin_browser = FirstAdmin();
  BrowserSession operator_browser = NewUser(admin_browser, "op@example.com", "operator");
  BrowserSession viewer = NewUser(admin_browser, "viewer@example.com", "viewer");

  EXPECT_EQ(operator_browser.Get("/v1/tokens").status, 403);
  EXPECT_EQ(operator_browser.Get("/v1/users").status, 403);
  EXPECT_EQ(operator_browser.Post("/v1/products", {{"name", "Widget"}}).status, 201);

  EXPECT_EQ(viewer.Get("/v1/products").status, 200);
  const ApiResponse write = viewer.Post("/v1/products", {{"name", "Nope"}});
  EXPECT_EQ(write.status, 403);
  EXPECT_EQ(write.json["code"], "FORBIDDEN");
  EXPECT_EQ(viewer.Get("/v1/auth/me").json["user"]["role"], "viewer");
  EXPECT_EQ(viewer.Patch("/v1/auth/me", {{"display_name", "Vera"}}).status, 200);

  EXPECT_EQ(admin_browser.Get("/v1/tokens").status, 200);
  EXPECT_EQ(ListAll(admin_browser, "/v1/users").size(), 3u);
}

TEST_F(ConsoleAccounts, ACustomerAdminManagesOnlyItsOwnCustomersUsers) {
  BrowserSession admin_browser = FirstAdmin();
  const std::string acme = CreateCustomer("Acme")["id"];
  const std::string globex = CreateCustomer("Globex")["id"];
  BrowserSession acme_admin =
      NewUser(admin_browser, "boss@acme.example", "customer_admin", {{"customer_id", acme}});
  NewUser(admin_browser, "boss@globex.example", "customer_admin", {{"customer_id", globex}});

  // A customer admin adds users by invitation only (tests/mail_test.cpp).
  ApiResponse res = acme_admin.Post("/v1/users", {{"email", "clerk@acme.example"},
                                                  {"display_name", "Clerk"},
                                                  {"role", "customer_viewer"},
                                                  {"customer_id", acme},
                                                  {"password", kPassword}});
  EXPECT_EQ(res.status, 403) << res.body;
  EXPECT_EQ(res.json["code"], "INVITATION_REQUIRED");
  NewUser(admin_browser, "clerk@acme.example", "customer_viewer", {{"customer_id", acme}});

  const Json listed = ListAll(acme_admin, "/v1/users");
  ASSERT_EQ(listed.size(), 2u);
  for (const auto& u : listed) EXPECT_EQ(u["customer_id"], acme);
  const Json all = ListAll(admin_browser, "/v1/users");
  std::string globex_boss;
  for (const auto& u : all) {
    if (u["email"] == "boss@globex.example") globex_boss = u["id"];
  }
  EXPECT_EQ(acme_admin.Get("/v1/users/" + globex_boss).status, 404);
  EXPECT_EQ(acme_admin.Patch("/v1/users/" + globex_boss, {{"disabled", true}}).status, 404);
  EXPECT_EQ(acme_admin.Get("/v1/licenses").status, 403);  // and nothing of the vendor's
}

TEST_F(ConsoleAccounts, SigningOutEndsTheSession) {
  BrowserSession browser = FirstAdmin();
  EXPECT_EQ(browser.Get("/v1/auth/me").status, 200);
  const ApiResponse out = browser.Post("/v1/auth/logout");
  EXPECT_EQ(out.status, 204) << out.body;
  EXPECT_NE(out.headers.at("set-cookie").find("Max-Age=0"), std::string::npos);
  const ApiResponse after = browser.Get("/v1/auth/me");
  EXPECT_EQ(after.status, 401);
  EXPECT_EQ(after.json["code"], "UNAUTHORIZED");
  EXPECT_EQ(browser.Get("/v1/products").status, 401);
}

TEST_F(ConsoleAccounts, APasswordRoleOrDisabledChangeEndsEverySessionOfTheUser) {
  BrowserSession admin_browser = FirstAdmin();
  BrowserSession first = NewUser(admin_browser, "op@example.com", "operator");
  BrowserSession second = NewBrowser();
  ASSERT_EQ(second.SignIn("op@example.com", kPassword).status, 200);

  // The user's own password change: every session ends, this browser gets a fresh one.
  ApiResponse res = first.Post("/v1/auth/password", {{"current_password", "not the password"},
                                                     {"new_password", "another long password"}});
  EXPECT_EQ(res.status, 401);
  EXPECT_EQ(res.json["code"], "INVALID_CREDENTIALS");
  const std::string old_cookie = first.cookie();
  res = first.Post("/v1/auth/password",
                   {{"current_password", kPassword}, {"new_password", "another long password"}});
  ASSERT_EQ(res.status, 200) << res.body;
  EXPECT_EQ(second.Get("/v1/auth/me").status, 401);
  EXPECT_EQ(first.Send("GET", "/v1/auth/me", nullptr, {{"Cookie", old_cookie}}).status, 401);
  BrowserSession renewed = NewBrowser();
  EXPECT_EQ(renewed.SignIn("op@example.com", kPassword).status, 401);
  ASSERT_EQ(renewed.SignIn("op@example.com", "another long password").status, 200);

  // An admin's changes of role and of the disabled flag.
  const std::string id = renewed.Get("/v1/auth/me").json["user"]["id"];
  res = admin_browser.Patch("/v1/users/" + id, {{"role", "viewer"}});
  EXPECT_EQ(res.status, 200) << res.body;
  EXPECT_EQ(renewed.Get("/v1/auth/me").status, 401);
  ASSERT_EQ(renewed.SignIn("op@example.com", "another long password").status, 200);
  EXPECT_EQ(renewed.Get("/v1/auth/me").json["user"]["role"], "viewer");
  EXPECT_EQ(admin_browser.Patch("/v1/users/" + id, {{"disabled", true}}).status, 200);
  EXPECT_EQ(renewed.Get("/v1/auth/me").status, 401);
  EXPECT_EQ(renewed.SignIn("op@example.com", "another long password").json["code"],
            "INVALID_CREDENTIALS");
}

TEST_F(ConsoleAccounts, SessionsEndWhenIdleAndAfterTheirLifetime) {
  BrowserSession browser = FirstAdmin();
  server_.SetTime(server_.Now() + 29 * 60);
  EXPECT_EQ(browser.Get("/v1/auth/me").status, 200);  // used: the idle time starts again
  RunJobs();                                          // writes the last use
  server_.SetTime(server_.Now() + 29 * 60);
  EXPECT_EQ(browser.Get("/v1/auth/me").status, 200);
  server_.SetTime(server_.Now() + 31 * 60);
  EXPECT_EQ(browser.Get("/v1/auth/me").status, 401);

  BrowserSession busy = NewBrowser();
  ASSERT_EQ(busy.SignIn(kAdminEmail, kPassword).status, 200);
  for (int i = 0; i < 25; ++i) {  // used every half hour, yet over after 12 hours
    server_.SetTime(server_.Now() + 28 * 60);
    const int status = busy.Get("/v1/auth/me").status;
    EXPECT_EQ(status, (i + 1) * 28 * 60 >= 12 * 3600 ? 401 : 200) << i;
    if (status != 200) break;
  }
}

TEST_F(ConsoleAccounts, BadInputsGetSpecificErrors) {
  BrowserSession browser = FirstAdmin();
  const auto create = [&](Json fields) {
    Json body = {{"email", "x@example.com"},
                 {"display_name", "X"},
                 {"role", "viewer"},
                 {"password", kPassword}};
    for (auto& [k, v] : fields.items()) {
      if (v.is_null()) {
        body.erase(k);
      } else {
        body[k] = v;
      }
    }
    return browser.Post("/v1/users", body);
  };
  for (const Json& bad :
       {Json{{"email", "no-at-sign"}}, Json{{"email", std::string(300, 'a')}},
        Json{{"password", "short"}}, Json{{"role", "root"}}, Json{{"display_name", ""}},
        Json{{"role", "customer_admin"}}, Json{{"customer_id", "cust_x"}}, Json{{"unknown", 1}},
        Json{{"password", nullptr}}, Json{{"email", 5}}}) {
    const ApiResponse res = create(bad);
    EXPECT_EQ(res.status, 400) << bad.dump() << " " << res.body;
    EXPECT_EQ(res.json["code"], "INVALID_FIELD") << bad.dump();
  }
  EXPECT_EQ(create(Json::object()).status, 201);
  const ApiResponse again = create({{"email", "X@EXAMPLE.COM"}});
  EXPECT_EQ(again.status, 409) << again.body;
  EXPECT_EQ(again.json["code"], "ALREADY_EXISTS");

  // The last enabled admin stays one.
  const std::string me = browser.Get("/v1/auth/me").json["user"]["id"];
  const ApiResponse last = browser.Patch("/v1/users/" + me, {{"disabled", true}});
  EXPECT_EQ(last.status, 409) << last.body;
  EXPECT_EQ(browser.Patch("/v1/users/" + me, {{"role", "viewer"}}).status, 409);

  // Own-account routes are for sessions, not tokens.
  EXPECT_EQ(admin().Get("/v1/auth/me").status, 403);
  // A session cookie that is not one.
  EXPECT_EQ(
      browser.Send("GET", "/v1/auth/me", nullptr, {{"Cookie", "licensor_session=ses_x"}}).status,
      401);
}

TEST_F(ConsoleAccounts, SignInsFailuresSignOutsAndUserChangesAreAudited) {
  BrowserSession browser = FirstAdmin();
  NewBrowser().SignIn(kAdminEmail, "a wrong password here");
  NewBrowser().SignIn("nobody@example.com", kPassword);
  BrowserSession op = NewUser(browser, "op@example.com", "operator");
  op.Post("/v1/auth/logout");
  std::map<std::string, int> actions;
  for (const auto& e : UserEvents()) {
    ++actions[e["action"].get<std::string>()];
    EXPECT_EQ(e.dump().find(kPassword), std::string::npos);
    EXPECT_EQ(e.dump().find("argon2"), std::string::npos);
  }
  EXPECT_EQ(actions["user.created"], 2);
  EXPECT_EQ(actions["user.signed_in"], 2);  // the setup's and the operator's
  EXPECT_EQ(actions["user.sign_in_failed"], 2);
  EXPECT_EQ(actions["user.signed_out"], 1);
  EXPECT_EQ(server_.Stderr().find(kPassword), std::string::npos);
}

TEST_F(ConsoleAccounts, LicensorctlCreatesUsersWithAnAdminToken) {
  const std::string password_file = server_.dir() + "/password";
  {
    std::ofstream out(password_file);
    out << kPassword << "\n";
  }
  const std::string ctl = "LICENSOR_URL=" + server_.url() + " LICENSOR_TOKEN='" +
                          server_.admin_token() + "' " + LICENSORCTL_PATH;
  const auto run = RunCommand(ctl +
                              " users create --email ops@example.com --name Ops --role admin "
                              "--password-file " +
                              password_file + " 2>&1");
  ASSERT_EQ(run.exit_code, 0) << run.output;
  EXPECT_EQ(run.output.find(kPassword), std::string::npos);
  EXPECT_EQ(NewBrowser().SignIn("ops@example.com", kPassword).status, 200);
  const auto list = RunCommand(ctl + " users list 2>&1");
  EXPECT_NE(list.output.find("ops@example.com"), std::string::npos) << list.output;
  // From standard input, and a password too short is refused with the server's reason.
  const auto short_one = RunCommand("echo short | " + ctl +
                                    " users create --email b@example.com --name B --role viewer "
                                    "--password-file - 2>&1");
  EXPECT_NE(short_one.exit_code, 0);
  EXPECT_NE(short_one.output.find("at least 12 characters"), std::string::npos) << short_one.output;
}

}  // namespace
}  // namespace licensor::testing
