// E-mail end to end, through a real SMTP relay on loopback (Debian's aiosmtpd, which demands
// STARTTLS): invitations that tell no one but the address's owner whether it has an account,
// password resets answered alike for every address whose links work once within the hour, the
// licenses' expiry notices to their customers and the registry's reminders to the
// installation's recipients, once each with retries, and a relay whose certificate does not
// verify.
#include <fstream>
#include <set>

#include "tests/support/browser_session.hpp"
#include "tests/support/e2e_fixture.hpp"
#include "tests/support/registry_fixture.hpp"
#include "tests/support/run_command.hpp"
#include "tests/support/smtp_sink.hpp"
#include "tests/support/temp_dir.hpp"

namespace licensor::testing {
namespace {

constexpr const char* kConsole = "http://console.test";
constexpr const char* kPassword = "a long enough password";
constexpr const char* kAdminEmail = "admin@vendor.example";

// Constructed before the licensord that sends to it.
struct WithSink {
  TempDir dir;
  SmtpSink sink{dir.path()};

  std::vector<std::string> SmtpArgs(bool verified = true) const {
    std::vector<std::string> args = {"--smtp-url",   sink.url(),
                                     "--smtp-from",  "Licensor <licensor@vendor.example>",
                                     "--public-url", kConsole};
    if (verified) args.insert(args.end(), {"--smtp-ca-file", sink.ca_file()});
    return args;
  }
};

class Mail : protected WithSink, public LicensordTest {
 protected:
  Mail() : LicensordTest(WithArgs({"--client-rate-limit", "0"}, SmtpArgs())) {}

  static std::vector<std::string> WithArgs(std::vector<std::string> a,
                                           const std::vector<std::string>& b) {
    a.insert(a.end(), b.begin(), b.end());
    return a;
  }

  BrowserSession Browser() { return BrowserSession(server_.url(), {}, kConsole); }
  BrowserSession FirstAdmin() {
    BrowserSession browser = Browser();
    const ApiResponse res =
        browser.Setup(SetupTokenFrom(server_.Stdout()), kAdminEmail, kPassword, "Vera Vendor");
    EXPECT_EQ(res.status, 201) << res.body;
    return browser;
  }
  BrowserSession SignedIn(const std::string& email, const std::string& password = kPassword) {
    BrowserSession browser = Browser();
    const ApiResponse res = browser.SignIn(email, password);
    EXPECT_EQ(res.status, 200) << res.body;
    return browser;
  }
  Json SendMail() {
    const ApiResponse r = admin().Post("/v1/jobs/mail/run");
    EXPECT_EQ(r.status, 200) << r.body;
    return r.json;
  }
  // The secret of the last link of `kind` ("invitation", "reset-password") mailed to `to`.
  std::string LinkTokenTo(const std::string& to, const std::string& kind) {
    const auto mails = sink.To(to);
    if (mails.empty()) return "";
    return mails.back().After(std::string(kConsole) + "/" + kind + "#token=");
  }
};

TEST_F(Mail, AnInvitationCreatesTheAccountItsReaderChoosesOnce) {
  BrowserSession vendor = FirstAdmin();
  const std::string acme = CreateCustomer("Acme")["id"];
  ApiResponse res = vendor.Post(
      "/v1/invitations",
      {{"email", "boss@acme.example"}, {"role", "customer_admin"}, {"customer_id", acme}});
  ASSERT_EQ(res.status, 202) << res.body;
  EXPECT_EQ(res.json["email"], "boss@acme.example");
  EXPECT_FALSE(res.json.contains("token_hash"));
  EXPECT_EQ(SendMail()["sent"], 1);

  const auto mails = sink.To("boss@acme.example");
  ASSERT_EQ(mails.size(), 1u);
  EXPECT_EQ(mails[0].header("subject"), "You are invited to Licensor");
  EXPECT_NE(mails[0].header("from").find("licensor@vendor.example"), std::string::npos);
  EXPECT_NE(mails[0].body.find("Vera Vendor invites you"), std::string::npos) << mails[0].body;
  const std::string token = LinkTokenTo("boss@acme.example", "invitation");
  ASSERT_FALSE(token.empty()) << mails[0].body;

  BrowserSession invitee = Browser();
  res = invitee.Post("/v1/auth/invitation",
                     {{"token", token}, {"display_name", "Bo Ss"}, {"password", "short"}});
  EXPECT_EQ(res.status, 400);
  EXPECT_EQ(res.json["code"], "INVALID_FIELD");
  res = invitee.Post("/v1/auth/invitation",
                     {{"token", token}, {"display_name", "Bo Ss"}, {"password", kPassword}});
  ASSERT_EQ(res.status, 201) << res.body;
  EXPECT_EQ(res.json["role"], "customer_admin");
  EXPECT_EQ(res.json["customer_id"], acme);
  BrowserSession boss = SignedIn("boss@acme.example");
  EXPECT_EQ(boss.Get("/v1/auth/me").json["user"]["display_name"], "Bo Ss");

  // Used once: again, or a token never issued, is the same refusal.
  for (const std::string& t : {token, std::string("link_not-a-real-one")}) {
    res = invitee.Post("/v1/auth/invitation",
                       {{"token", t}, {"display_name", "Again"}, {"password", kPassword}});
    EXPECT_EQ(res.status, 400) << res.body;
    EXPECT_EQ(res.json["code"], "INVALID_LINK");
  }
  // licensorctl invites too.
  const auto cli = RunCommand(
      "LICENSOR_URL=" + server_.url() + " LICENSOR_TOKEN='" + server_.admin_token() + "' " +
      LICENSORCTL_PATH + " --json users invite --email ops@vendor.example --role operator 2>&1");
  ASSERT_EQ(cli.exit_code, 0) << cli.output;
  EXPECT_EQ(Json::parse(cli.output)["role"], "operator");
  EXPECT_EQ(SendMail()["sent"], 1);
  EXPECT_FALSE(LinkTokenTo("ops@vendor.example", "invitation").empty());

  // A link a week old has expired.
  res = vendor.Post("/v1/invitations", {{"email", "late@vendor.example"}, {"role", "viewer"}});
  ASSERT_EQ(res.status, 202) << res.body;
  SendMail();
  server_.AdvanceDays(7.01);
  res = invitee.Post("/v1/auth/invitation",
                     {{"token", LinkTokenTo("late@vendor.example", "invitation")},
                      {"display_name", "Late"},
                      {"password", kPassword}});
  EXPECT_EQ(res.json["code"], "INVALID_LINK") << res.body;
}

TEST_F(Mail, ACustomerAdminLearnsNothingOfAccountsOutsideItsCustomer) {
  BrowserSession vendor = FirstAdmin();
  const std::string acme = CreateCustomer("Acme")["id"];
  const std::string globex = CreateCustomer("Globex")["id"];
  for (const auto& [email, customer] :
       {std::pair("boss@acme.example", acme), std::pair("boss@globex.example", globex)}) {
    ASSERT_EQ(vendor
                  .Post("/v1/users", {{"email", email},
                                      {"display_name", "Boss"},
                                      {"role", "customer_admin"},
                                      {"customer_id", customer},
                                      {"password", kPassword}})
                  .status,
              201);
  }
  BrowserSession acme_admin = SignedIn("boss@acme.example");

  // Creating a user directly would answer 409 for a taken address: a customer admin invites.
  ApiResponse res = acme_admin.Post("/v1/users", {{"email", "someone@acme.example"},
                                                  {"display_name", "Someone"},
                                                  {"role", "customer_viewer"},
                                                  {"customer_id", acme},
                                                  {"password", kPassword}});
  EXPECT_EQ(res.status, 403);
  EXPECT_EQ(res.json["code"], "INVITATION_REQUIRED");

  // An address with an account elsewhere and a new one get the same answer.
  const auto invite = [&](const std::string& email) {
    return acme_admin.Post("/v1/invitations", {{"email", email},
                                               {"display_name", "Clerk"},
                                               {"role", "customer_viewer"},
                                               {"customer_id", acme}});
  };
  const ApiResponse taken = invite("Boss@Globex.example");
  const ApiResponse fresh = invite("clerk@acme.example");
  ASSERT_EQ(taken.status, 202) << taken.body;
  ASSERT_EQ(fresh.status, 202) << fresh.body;
  for (const char* field : {"role", "customer_id", "display_name", "created_by"}) {
    EXPECT_EQ(taken.json[field], fresh.json[field]) << field;
  }
  EXPECT_EQ(taken.json.size(), fresh.json.size());
  const Json listed = ListAll(acme_admin, "/v1/invitations");
  EXPECT_EQ(listed.size(), 2u);
  EXPECT_EQ(invite("boss@globex.example").status, 202);  // and again: still the same
  res = acme_admin.Post(
      "/v1/invitations",
      {{"email", "x@acme.example"}, {"role", "customer_viewer"}, {"customer_id", globex}});
  EXPECT_EQ(res.status, 403);  // another customer's users are not its to invite
  res = acme_admin.Post("/v1/invitations", {{"email", "root@acme.example"}, {"role", "admin"}});
  EXPECT_EQ(res.status, 403);  // nor the vendor's roles

  // Only the owner of the address learns, by mail, that it has an account.
  SendMail();
  const auto to_globex = sink.To("Boss@Globex.example");
  ASSERT_GE(to_globex.size(), 1u);
  EXPECT_NE(to_globex[0].body.find("has an account already"), std::string::npos);
  EXPECT_EQ(to_globex[0].body.find("#token="), std::string::npos);
  EXPECT_FALSE(LinkTokenTo("clerk@acme.example", "invitation").empty());

  // The vendor's admin sees every invitation; withdrawn, one's link no longer works.
  EXPECT_EQ(ListAll(vendor, "/v1/invitations").size(), 3u);
  std::string clerk_invitation;
  for (const auto& i : listed) {
    if (i["email"] == "clerk@acme.example") clerk_invitation = i["id"];
  }
  EXPECT_EQ(acme_admin.Delete("/v1/invitations/" + clerk_invitation).status, 204);
  EXPECT_EQ(acme_admin.Delete("/v1/invitations/" + clerk_invitation).status, 404);
  res = Browser().Post("/v1/auth/invitation",
                       {{"token", LinkTokenTo("clerk@acme.example", "invitation")},
                        {"display_name", "Clerk"},
                        {"password", kPassword}});
  EXPECT_EQ(res.json["code"], "INVALID_LINK") << res.body;
}

TEST_F(Mail, APasswordResetIsAnsweredAlikeForEveryAddressAndItsLinkWorksOnce) {
  BrowserSession vendor = FirstAdmin();
  ASSERT_EQ(vendor
                .Post("/v1/users", {{"email", "op@vendor.example"},
                                    {"display_name", "Op"},
                                    {"role", "operator"},
                                    {"password", kPassword}})
                .status,
            201);
  BrowserSession op = SignedIn("op@vendor.example");

  BrowserSession stranger = Browser();
  const ApiResponse known =
      stranger.Post("/v1/auth/password-reset", {{"email", "OP@vendor.example"}});
  const ApiResponse unknown =
      stranger.Post("/v1/auth/password-reset", {{"email", "nobody@vendor.example"}});
  EXPECT_EQ(known.status, 202) << known.body;
  EXPECT_EQ(unknown.status, known.status);
  EXPECT_EQ(unknown.body, known.body);
  EXPECT_EQ(stranger.Post("/v1/auth/password-reset", {{"email", "not an address"}}).json["code"],
            "INVALID_FIELD");
  SendMail();
  EXPECT_TRUE(sink.To("nobody@vendor.example").empty());
  const std::string token = LinkTokenTo("op@vendor.example", "reset-password");
  ASSERT_FALSE(token.empty());

  ApiResponse res = stranger.Post("/v1/auth/password-reset/complete",
                                  {{"token", token + "x"}, {"password", "a new long password"}});
  EXPECT_EQ(res.json["code"], "INVALID_LINK") << res.body;
  res = stranger.Post("/v1/auth/password-reset/complete",
                      {{"token", token}, {"password", "a new long password"}});
  ASSERT_EQ(res.status, 204) << res.body;
  EXPECT_EQ(op.Get("/v1/auth/me").status, 401);  // every session of the account ended
  EXPECT_EQ(Browser().SignIn("op@vendor.example", kPassword).status, 401);
  SignedIn("op@vendor.example", "a new long password");
  res = stranger.Post("/v1/auth/password-reset/complete",
                      {{"token", token}, {"password", "yet another password"}});
  EXPECT_EQ(res.json["code"], "INVALID_LINK") << res.body;
  SendMail();
  const auto to_op = sink.To("op@vendor.example");
  ASSERT_EQ(to_op.size(), 2u);
  EXPECT_EQ(to_op[1].header("subject"), "Your Licensor password was changed");

  // A link is good for an hour; and an address is sent at most three an hour.
  stranger.Post("/v1/auth/password-reset", {{"email", "op@vendor.example"}});
  SendMail();
  server_.SetTime(kStartTime + 3601);
  res = stranger.Post("/v1/auth/password-reset/complete",
                      {{"token", LinkTokenTo("op@vendor.example", "reset-password")},
                       {"password", "yet another password"}});
  EXPECT_EQ(res.json["code"], "INVALID_LINK") << res.body;
  for (int i = 0; i < 4; ++i) {
    EXPECT_EQ(stranger.Post("/v1/auth/password-reset", {{"email", "op@vendor.example"}}).status,
              202);
  }
  EXPECT_EQ(SendMail()["sent"], 3);

  // Nothing for a disabled account, answered as for any other.
  vendor = SignedIn(kAdminEmail);  // the first session idled out an hour ago
  const std::string op_id = ListAll(vendor, "/v1/users")[1]["id"];
  ASSERT_EQ(vendor.Patch("/v1/users/" + op_id, {{"disabled", true}}).status, 200);
  server_.SetTime(kStartTime + 3 * 3600);
  EXPECT_EQ(stranger.Post("/v1/auth/password-reset", {{"email", "op@vendor.example"}}).status, 202);
  EXPECT_EQ(SendMail()["sent"], 0);
}

TEST_F(Mail, ACustomerIsToldOnceAtEachThresholdBeforeItsLicenseEnds) {
  const Json product = CreateProduct("Widget Server");
  const Json policy = CreatePolicy(product["id"], {{"duration_days", 50}});
  const Json buyer =
      Created(admin().Post("/v1/customers", {{"name", "Acme"}, {"email", "buyer@acme.example"}}));
  const Json silent = CreateCustomer("No Address");
  const Json license = Created(
      admin().Post("/v1/licenses", {{"policy_id", policy["id"]}, {"customer_id", buyer["id"]}}));
  Created(
      admin().Post("/v1/licenses", {{"policy_id", policy["id"]}, {"customer_id", silent["id"]}}));
  const auto run = [&] {
    const ApiResponse r = admin().Post("/v1/jobs/reminders/run");
    EXPECT_EQ(r.status, 200) << r.body;
    return r.json["license_notices_queued"].get<int>();
  };
  EXPECT_EQ(run(), 0);  // 50 days left
  server_.AdvanceDays(5);
  EXPECT_EQ(run(), 1);  // 45
  EXPECT_EQ(run(), 0);  // once
  server_.AdvanceDays(17);
  EXPECT_EQ(run(), 1);  // 30 (28 left)
  server_.AdvanceDays(18);
  EXPECT_EQ(run(), 1);  // 15 passed at 35 days; 10 left now, and 30 is not sent again
  server_.AdvanceDays(3.5);
  EXPECT_EQ(run(), 1);  // 7 (6.5 left)
  SendMail();

  const auto mails = sink.To("buyer@acme.example");
  ASSERT_EQ(mails.size(), 4u);
  std::set<std::string> subjects;
  for (const auto& m : mails) subjects.insert(m.header("subject"));
  const std::string about = "Your license for Widget Server ends in ";
  EXPECT_EQ(subjects, (std::set<std::string>{about + "15 days", about + "30 days",
                                             about + "45 days", about + "7 days"}));
  const std::string code = license["code"];
  EXPECT_EQ(mails[0].body.find(code), std::string::npos);  // masked: a mailbox is no safe
  EXPECT_NE(mails[0].body.find(code.substr(code.size() - 4)), std::string::npos);
  EXPECT_EQ(sink.Received().size(), 4u);  // nothing for the customer without an address
}

TEST_F(Mail, WithoutARelayNothingIsOfferedByMail) {
  LicensordProcess plain({"--client-rate-limit", "0"});
  plain.Start();
  BrowserSession vendor = SetUpFirstAdmin(plain, kAdminEmail, kPassword);
  for (const auto& [path, body] :
       {std::pair<std::string, Json>("/v1/invitations",
                                     {{"email", "x@vendor.example"}, {"role", "viewer"}}),
        std::pair<std::string, Json>("/v1/auth/password-reset", {{"email", kAdminEmail}})}) {
    const ApiResponse res = vendor.Post(path, body);
    EXPECT_EQ(res.status, 409) << path;
    EXPECT_EQ(res.json["code"], "EMAIL_NOT_CONFIGURED") << res.body;
  }
}

TEST_F(Mail, ARelayWhoseCertificateDoesNotVerifyIsNotSentAnything) {
  LicensordProcess unverified(WithArgs({"--client-rate-limit", "0"}, SmtpArgs(false)));
  unverified.Start();
  BrowserSession vendor(unverified.url(), {}, kConsole);
  ASSERT_EQ(vendor.Setup(SetupTokenFrom(unverified.Stdout()), kAdminEmail, kPassword).status, 201);
  ASSERT_EQ(vendor.Post("/v1/auth/password-reset", {{"email", kAdminEmail}}).status, 202);
  const ApiResponse run = unverified.Admin().Post("/v1/jobs/mail/run");
  EXPECT_EQ(run.json["retrying"], 1) << run.body;
  EXPECT_TRUE(sink.Received().empty());
  const std::string metrics = unverified.Admin().Get("/metrics").body;
  EXPECT_NE(metrics.find("licensor_mail_outbox_messages{state=\"PENDING\"} 1"), std::string::npos)
      << metrics;
}

// A relay that asks for a login: licensord gives --smtp-user and the first line of
// --smtp-password-file, and a refused login is a failed attempt, retried later.
TEST(MailLogin, LicensordSignsInToARelayThatAsksAndIsRetriedWhenRefused) {
  TempDir dir;
  SmtpSink sink(dir.path(), SmtpLogin{"licensor", "the relay's secret"});
  for (const auto& [password, accepted] :
       {std::pair("the relay's secret", true), std::pair("a wrong one", false)}) {
    const std::string file = dir.path().string() + "/smtp-password";
    std::ofstream(file) << password << "\n";
    LicensordProcess server({"--smtp-url", sink.url(), "--smtp-ca-file", sink.ca_file(),
                             "--smtp-from", "licensor@vendor.example", "--public-url", kConsole,
                             "--smtp-user", "licensor", "--smtp-password-file", file});
    server.Start();
    BrowserSession browser(server.url(), {}, kConsole);
    ASSERT_EQ(browser.Setup(SetupTokenFrom(server.Stdout()), kAdminEmail, kPassword).status, 201);
    ASSERT_EQ(browser.Post("/v1/auth/password-reset", {{"email", kAdminEmail}}).status, 202);
    const ApiResponse run = server.Admin().Post("/v1/jobs/mail/run");
    EXPECT_EQ(run.json["sent"], accepted ? 1 : 0) << run.body;
    EXPECT_EQ(run.json["retrying"], accepted ? 0 : 1) << run.body;
  }
  EXPECT_EQ(sink.To(kAdminEmail).size(), 1u);
}

// The registry's reminders by mail, on the installation's licensord.
class MailedReminders : protected WithSink, public Registry {
 protected:
  MailedReminders() { site_args_ = SmtpArgs(); }

  Json Run(const std::string& job) {
    const ApiResponse r = site_admin_->Post("/v1/jobs/" + job + "/run");
    EXPECT_EQ(r.status, 200) << r.body;
    return r.json;
  }
};

TEST_F(MailedReminders, GoToTheInstallationsRecipientsOnceEachWithRetries) {
  ApiResponse res = site_admin_->Get("/v1/registry/reminder-recipients");
  EXPECT_EQ(res.json["emails"], Json::array());
  EXPECT_EQ(res.json["email_enabled"], true);
  for (const Json& bad :
       {Json{{"emails", {"not an address"}}}, Json{{"emails", "a@b.example"}}, Json::object(),
        Json{{"emails", Json(std::vector<std::string>(21, "a@b.c"))}}}) {
    res = site_admin_->Patch("/v1/registry/reminder-recipients", bad);
    EXPECT_EQ(res.status, 400) << bad.dump();
    EXPECT_EQ(res.json["code"], "INVALID_FIELD");
  }
  res =
      site_admin_->Patch("/v1/registry/reminder-recipients",
                         {{"emails", {"ops@acme.example", "it@acme.example", "OPS@acme.example"}}});
  ASSERT_EQ(res.status, 200) << res.body;
  EXPECT_EQ(res.json["emails"], Json({"ops@acme.example", "it@acme.example"}));

  ASSERT_EQ(
      Upload(Package(installation_["id"],
                     {{{"type", "PLATFORM"}, {"mode", "SUBSCRIPTION"}, {"validity_days", 50}}}))
          .status,
      201);
  site_->SetTime(kStartTime + 5 * 86400);  // 45 days left
  sink.Stop();
  EXPECT_EQ(Run("reminders")["reminders_sent"], 1);
  EXPECT_EQ(Run("reminders")["reminders_sent"], 0);  // once
  Json sent = Run("mail");
  EXPECT_EQ(sent["attempted"], 2) << sent;
  EXPECT_EQ(sent["retrying"], 2) << sent;

  sink.Start();
  EXPECT_EQ(Run("mail")["attempted"], 0);  // not due yet
  site_->SetTime(kStartTime + 5 * 86400 + 61);
  sent = Run("mail");
  EXPECT_EQ(sent["sent"], 2) << sent;
  for (const char* to : {"ops@acme.example", "it@acme.example"}) {
    const auto mails = sink.To(to);
    ASSERT_EQ(mails.size(), 1u) << to;
    EXPECT_EQ(mails[0].header("subject"), "The platform's license ends in 45 days");
    EXPECT_NE(mails[0].body.find(std::string(kConsole) + "/platform/license"), std::string::npos);
  }
  EXPECT_EQ(Run("mail")["attempted"], 0);
}

}  // namespace
}  // namespace licensor::testing
