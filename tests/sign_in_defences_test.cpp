// Signing in on the open internet, tried through raw HTTP as an attacker would: client
// addresses behind proxies, lockout that strangers cannot cause, throttled password changes,
// the session cookie over HTTPS, what a failed sign-in records, and races between parallel
// setups and between admins (on SQLite and on PostgreSQL).
#include <atomic>
#include <set>
#include <thread>
#include <vector>

#include "tests/support/browser_session.hpp"
#include "tests/support/e2e_fixture.hpp"

namespace licensor::testing {
namespace {

constexpr const char* kAdminEmail = "admin@example.com";
constexpr const char* kPassword = "a long enough password";

// Behind a proxy on loopback (and a second tier in 10/8) that writes X-Forwarded-For.
class SignInDefences : public LicensordTest {
 protected:
  SignInDefences()
      : LicensordTest({"--client-rate-limit", "0", "--trusted-proxies", "127.0.0.1,10.0.0.0/8",
                       "--password-slots", "8"}) {}

  BrowserSession NewBrowser() { return BrowserSession(server_.url()); }

  BrowserSession FirstAdmin() { return SetUpFirstAdmin(server_, kAdminEmail, kPassword); }

  // A sign-in as the proxy passes it on, with the forwarding headers given.
  int SignInVia(const std::map<std::string, std::string>& headers, const std::string& email,
                const std::string& password = "not the password") {
    return NewBrowser()
        .Send("POST", "/v1/auth/login", {{"email", email}, {"password", password}}, headers)
        .status;
  }

  // The addresses recorded with failed sign-ins.
  std::set<std::string> FailedSignInAddresses() {
    std::set<std::string> addresses;
    for (const auto& e : ListAll(admin(), "/v1/events", "&resource_type=user")) {
      if (e["action"] == "user.sign_in_failed") addresses.insert(e["address"]);
    }
    return addresses;
  }
};

// With nginx's usual configuration the proxy appends the peer to X-Forwarded-For and passes the
// client's own Forwarded through: only the header the operator named counts.
TEST_F(SignInDefences, AClientBehindTheProxyCannotChooseItsAddress) {
  FirstAdmin();
  int unauthorized = 0, limited = 0;
  for (int i = 0; i < 25; ++i) {
    const int status = SignInVia({{"X-Forwarded-For", "203.0.113.9"},
                                  {"Forwarded", "for=198.51.100." + std::to_string(i)},
                                  {"X-Real-IP", "198.51.100.200"}},
                                 "user" + std::to_string(i) + "@example.com");
    (status == 429 ? limited : unauthorized) += 1;
    EXPECT_TRUE(status == 401 || status == 429) << status;
  }
  EXPECT_EQ(unauthorized, 20);  // the address's limit, whatever the client claimed
  EXPECT_EQ(limited, 5);
  EXPECT_EQ(FailedSignInAddresses(), std::set<std::string>{"203.0.113.9"});
}

TEST_F(SignInDefences, TheRightmostAddressThatIsNoTrustedProxyIsTheClient) {
  FirstAdmin();
  // A chain: the client wrote 6.6.6.6 itself; a proxy in 10/8 appended what it saw.
  SignInVia({{"X-Forwarded-For", "6.6.6.6, 198.51.100.8, 10.1.2.3"}}, kAdminEmail);
  EXPECT_EQ(FailedSignInAddresses(), std::set<std::string>{"198.51.100.8"});
}

TEST(ClientIpHeader, TheOperatorNamesTheOneHeaderItsProxyWrites) {
  LicensordProcess server({"--trusted-proxies", "127.0.0.1", "--client-ip-header", "Forwarded"});
  server.Start();
  SetUpFirstAdmin(server, kAdminEmail, kPassword);
  BrowserSession(server.url())
      .Send("POST", "/v1/auth/login", {{"email", kAdminEmail}, {"password", "not the password"}},
            {{"Forwarded", "for=6.6.6.6, for=\"[2001:db8::7]:4711\""},
             {"X-Forwarded-For", "198.51.100.9"}});
  Api admin = server.Admin();
  std::set<std::string> addresses;
  for (const auto& e : ListAll(admin, "/v1/events", "&resource_type=user")) {
    if (e["action"] == "user.sign_in_failed") addresses.insert(e["address"]);
  }
  EXPECT_EQ(addresses, std::set<std::string>{"2001:db8::7"});
}

TEST_F(SignInDefences, AStrangerWhoKnowsTheEmailCannotKeepItsOwnerOut) {
  FirstAdmin();
  const std::map<std::string, std::string> stranger = {{"X-Forwarded-For", "203.0.113.9"}};
  for (int i = 0; i < 5; ++i) EXPECT_EQ(SignInVia(stranger, kAdminEmail), 401) << i;
  EXPECT_EQ(SignInVia(stranger, kAdminEmail), 429);
  EXPECT_EQ(SignInVia(stranger, kAdminEmail, kPassword), 429);  // even with the right password
  // The owner, from its own address, is not held to the stranger's failures.
  EXPECT_EQ(SignInVia({{"X-Forwarded-For", "198.51.100.1"}}, kAdminEmail, kPassword), 200);

  // A spray over many accounts from one address still runs into the address's limit.
  const std::map<std::string, std::string> sprayer = {{"X-Forwarded-For", "203.0.113.10"}};
  int refused = 0;
  for (int i = 0; i < 24; ++i) {
    refused += SignInVia(sprayer, "user" + std::to_string(i) + "@example.com") == 429;
  }
  EXPECT_EQ(refused, 4);
  EXPECT_EQ(SignInVia(sprayer, kAdminEmail, kPassword), 429);

  server_.SetTime(server_.Now() + 15 * 60);
  EXPECT_EQ(SignInVia(stranger, kAdminEmail, kPassword), 200);
}

TEST_F(SignInDefences, PasswordChangesAreThrottledLikeSignIn) {
  BrowserSession browser = FirstAdmin();
  const auto change = [&](const std::string& current) {
    return browser.Post("/v1/auth/password",
                        {{"current_password", current}, {"new_password", "another long password"}});
  };
  for (int i = 0; i < 5; ++i) {
    const ApiResponse res = change("guess number " + std::to_string(i));
    EXPECT_EQ(res.status, 401) << res.body;
    EXPECT_EQ(res.json["code"], "INVALID_CREDENTIALS");
  }
  ApiResponse res = change(kPassword);
  EXPECT_EQ(res.status, 429) << res.body;
  EXPECT_EQ(res.json["code"], "RATE_LIMITED");
  EXPECT_GT(std::stoi(res.headers.at("retry-after")), 0);

  server_.SetTime(server_.Now() + 15 * 60);
  res = change(kPassword);
  EXPECT_EQ(res.status, 200) << res.body;
}

TEST_F(SignInDefences, AFailedSignInRecordsWhatWasTypedOnlyWhenItNamesAnAccount) {
  FirstAdmin();
  // A password typed into the email field by mistake.
  SignInVia({}, "correct horse battery staple", kPassword);
  SignInVia({}, "ADMIN@example.com", "wrong password typed");
  const Json events = ListAll(admin(), "/v1/events", "&resource_type=user");
  int failed = 0;
  for (const auto& e : events) {
    if (e["action"] != "user.sign_in_failed") continue;
    ++failed;
    const std::string text = e.dump();
    EXPECT_EQ(text.find("correct horse"), std::string::npos) << text;
    EXPECT_EQ(text.find("wrong password typed"), std::string::npos) << text;
    const Json& details = e["after"];
    if (details["reason"] == "unknown account") {
      EXPECT_FALSE(details.contains("email")) << text;
    } else {
      EXPECT_EQ(details["reason"], "wrong password") << text;
      EXPECT_EQ(details["email"], kAdminEmail) << text;
    }
  }
  EXPECT_EQ(failed, 2);
}

// A sibling domain can plant a plain cookie for the console's host, but not a __Host- one.
TEST_F(SignInDefences, OverHttpsOnlyTheHostPrefixedCookieCounts) {
  BrowserSession browser = NewBrowser();
  const std::string host = server_.url().substr(std::string("http://").size());
  const ApiResponse res =
      browser.Send("POST", "/v1/setup",
                   {{"setup_token", SetupTokenFrom(server_.Stdout())},
                    {"email", kAdminEmail},
                    {"display_name", "Admin"},
                    {"password", kPassword}},
                   {{"X-Forwarded-Proto", "https"}, {"Origin", "https://" + host}});
  ASSERT_EQ(res.status, 201) << res.body;
  const std::string cookie = res.headers.at("set-cookie");
  const std::string host_name = cookie.substr(0, cookie.find('='));  // __Host-licensor_session_…
  const std::string plain_name = host_name.substr(std::string("__Host-").size());
  const std::string secret =
      cookie.substr(cookie.find('=') + 1, cookie.find(';') - cookie.find('=') - 1);
  Api raw(server_.url(), "");
  const auto me = [&](const std::string& cookie_header) {
    return raw
        .Raw("GET", "/v1/auth/me", "", "",
             {{"Cookie", cookie_header}, {"X-Forwarded-Proto", "https"}})
        .status;
  };
  EXPECT_EQ(me(host_name + "=" + secret), 200);
  EXPECT_EQ(me(plain_name + "=" + secret), 401);
  // Over plain HTTP it is the other way round: a __Host- cookie never travels there.
  EXPECT_EQ(raw.Raw("GET", "/v1/auth/me", "", "", {{"Cookie", host_name + "=" + secret}}).status,
            401);
}

TEST_F(SignInDefences, ParallelSetupsWithOneLinkMakeOneAdmin) {
  const std::string link = SetupTokenFrom(server_.Stdout());
  constexpr int kSetups = 8;
  std::atomic<int> created = 0, refused = 0, other = 0, ready = 0;
  std::atomic<bool> go = false;
  std::vector<std::thread> setups;
  for (int i = 0; i < kSetups; ++i) {
    setups.emplace_back([&, i] {
      BrowserSession browser = NewBrowser();
      browser.Get("/healthz");
      ++ready;
      while (!go) std::this_thread::yield();
      const ApiResponse res =
          browser.Setup(link, "admin" + std::to_string(i) + "@example.com", kPassword);
      (res.status == 201                          ? created
       : res.json["code"] == "INVALID_SETUP_LINK" ? refused
                                                  : other) += 1;
    });
  }
  while (ready < kSetups) std::this_thread::yield();
  go = true;
  for (auto& t : setups) t.join();
  EXPECT_EQ(created, 1);
  EXPECT_EQ(refused, kSetups - 1);
  EXPECT_EQ(other, 0);
  EXPECT_EQ(ListAll(admin(), "/v1/users").size(), 1u);
}

TEST_F(SignInDefences, TwoAdminsDemotingEachOtherAtOnceLeaveOne) {
  FirstAdmin();
  const std::string first = ListAll(admin(), "/v1/users")[0]["id"];
  const std::string second = Created(admin().Post("/v1/users", {{"email", "second@example.com"},
                                                                {"display_name", "Second"},
                                                                {"role", "admin"},
                                                                {"password", kPassword}}))["id"];
  for (int round = 0; round < 5; ++round) {
    std::atomic<int> demoted = 0, refused = 0;
    std::atomic<bool> go = false;
    std::vector<std::thread> admins;
    for (const std::string& target : {first, second}) {
      admins.emplace_back([&, target] {
        Api api = server_.Admin();
        api.Get("/healthz");
        while (!go) std::this_thread::yield();
        const ApiResponse res = api.Patch("/v1/users/" + target, {{"role", "viewer"}});
        EXPECT_TRUE(res.status == 200 || res.status == 409) << res.body;
        (res.status == 200 ? demoted : refused) += 1;
      });
    }
    go = true;
    for (auto& t : admins) t.join();
    EXPECT_EQ(demoted, 1);
    EXPECT_EQ(refused, 1);
    int enabled_admins = 0;
    for (const auto& u : ListAll(admin(), "/v1/users")) enabled_admins += u["role"] == "admin";
    ASSERT_EQ(enabled_admins, 1) << "round " << round;
    for (const std::string& id : {first, second}) {
      admin().Patch("/v1/users/" + id, {{"role", "admin"}});
    }
  }
}

}  // namespace
}  // namespace licensor::testing
