// The registry's expiry reminders end to end, on the injected clock: which days they come on,
// that each comes once (also across a restart), and their signed delivery to a webhook with
// retries.
#include <set>

#include "crypto/encoding.hpp"
#include "tests/support/registry_fixture.hpp"
#include "tests/support/webhook_receiver.hpp"

namespace licensor::testing {
namespace {

constexpr std::int64_t kDay = 86400;
const std::vector<int> kExpectedDays = {45, 30, 15, 7, 6, 5, 4, 3, 2, 1};

class RegistryReminders : public Registry {
 protected:
  Json RunReminders() {
    const ApiResponse r = site_admin_->Post("/v1/jobs/reminders/run");
    EXPECT_EQ(r.status, 200) << r.body;
    return r.json;
  }
  Json Reminders(const std::string& query = "") {
    const ApiResponse r = site_admin_->Get("/v1/registry/reminders?limit=100" + query);
    EXPECT_EQ(r.status, 200) << r.body;
    return r.json["data"];
  }
  void Restart() {
    site_->Stop();
    site_->Start();
    site_admin_ = std::make_unique<Api>(site_->Admin());
  }
  // The webhook's signature header checked the way a receiver would.
  static bool SignatureVerifies(const ReceivedRequest& r, const std::string& secret) {
    const std::string header =
        r.headers.count("licensor-signature") ? r.headers.at("licensor-signature") : std::string();
    const auto comma = header.find(",v1=");
    if (header.rfind("t=", 0) != 0 || comma == std::string::npos) return false;
    const std::string t = header.substr(2, comma - 2);
    return header.substr(comma + 4) == crypto::HmacSha256Hex(secret, t + "." + r.body);
  }
};

TEST_F(RegistryReminders, ComeOn45_30_15AndTheLastSevenDaysOnceEachAlsoAcrossARestart) {
  WebhookReceiver receiver;
  const Json webhook = Created(site_admin_->Post("/v1/webhooks", {{"url", receiver.url()}}));
  const std::string secret = webhook["secret"];
  receiver.FailNext(1);  // the first delivery fails once and is retried

  const std::string id = installation_["id"];
  ASSERT_EQ(
      Upload(Package(id, {{{"type", "PLATFORM"}, {"mode", "SUBSCRIPTION"}, {"validity_days", 60}},
                          {{"type", "AGENT"}, {"mode", "SUBSCRIPTION"}, {"validity_days", 50}}}))
          .status,
      201);
  const Json agent = Created(site_admin_->Post("/v1/registry/agents", {{"name", "Support"}}));
  const std::string agent_id = agent["id"];
  ASSERT_EQ(site_admin_
                ->Post("/v1/registry/certificates/" + Certificates()[1]["id"].get<std::string>() +
                           "/bind",
                       {{"agent_id", agent_id}})
                .status,
            200);

  // Every twelve hours for 62 days; on day 35 restart the installation's licensord.
  int sent = 0;
  for (std::int64_t half_days = 0; half_days <= 124; ++half_days) {
    site_->SetTime(kStartTime + half_days * kDay / 2);
    sent += RunReminders()["reminders_sent"].get<int>();
    if (half_days == 70) {
      EXPECT_EQ(sent, 5);  // agent 45, 30, 15 (today); platform 45, 30
      Restart();
      EXPECT_EQ(RunReminders()["reminders_sent"], 0);  // today's was sent before the restart
    }
    if (half_days == 110) {  // day 55: the agent's license is over, the platform's is not
      const Json message = Check({{"action", "agent.message"}, {"agent_id", agent_id}});
      EXPECT_FALSE(message["allowed"]);
      EXPECT_EQ(message["code"], "AGENT_LICENSE_EXPIRED");
      EXPECT_TRUE(Check({{"action", "platform.operate"}})["allowed"]);
    }
  }
  EXPECT_EQ(sent, 20);
  EXPECT_EQ(Check({{"action", "platform.operate"}})["code"], "PLATFORM_LICENSE_EXPIRED");

  const Json reminders = Reminders();
  std::map<std::string, std::vector<int>> days_by_resource;
  std::set<std::string> reminder_ids;
  for (const Json& r : reminders) {
    days_by_resource[r["resource"]["kind"]].push_back(r["threshold_days"]);
    EXPECT_EQ(r["days_left"], r["threshold_days"]) << r;  // each on its very day
    EXPECT_TRUE(r["sent"]);
    reminder_ids.insert(r["id"].get<std::string>());
  }
  EXPECT_EQ(days_by_resource["platform"], kExpectedDays);
  EXPECT_EQ(days_by_resource["agent"], kExpectedDays);
  EXPECT_EQ(reminders[0]["resource"]["id"], agent_id);  // the agent's end comes first
  EXPECT_EQ(reminders[0]["expires_at"], "2027-02-20T00:00:00Z");
  EXPECT_NE(reminders[0]["message"].get<std::string>().find("45 days"), std::string::npos);
  EXPECT_EQ(Reminders("&include_skipped=true").size(), 20u);

  // Each reminder is an audit event and one signed webhook delivery.
  const Json events = site_admin_->Get("/v1/events?resource_type=registry&limit=500").json["data"];
  int reminder_events = 0;
  for (const Json& e : events) reminder_events += e["action"] == "registry.reminder" ? 1 : 0;
  EXPECT_EQ(reminder_events, 20);

  const auto received = receiver.received();
  ASSERT_EQ(received.size(), 21u);  // 20, one of them twice
  std::set<std::string> delivered_ids;
  for (const auto& r : received) {
    EXPECT_TRUE(SignatureVerifies(r, secret)) << r.body;
    EXPECT_EQ(r.headers.at("licensor-event"), "registry.reminder");
    const Json body = Json::parse(r.body);
    EXPECT_EQ(body["type"], "registry.reminder");
    if (r.answered == 200) delivered_ids.insert(body["data"]["id"].get<std::string>());
  }
  EXPECT_EQ(delivered_ids, reminder_ids);
  EXPECT_FALSE(SignatureVerifies(received[0], secret + "x"));

  const Json deliveries =
      site_admin_->Get("/v1/webhooks/" + webhook["id"].get<std::string>() + "/deliveries?limit=100")
          .json["data"];
  ASSERT_EQ(deliveries.size(), 20u);
  EXPECT_EQ(deliveries[0]["attempts"], 2);
  EXPECT_EQ(deliveries[0]["last_error"], "");
  EXPECT_EQ(deliveries[0]["state"], "DELIVERED");
  for (const Json& d : deliveries) EXPECT_EQ(d["state"], "DELIVERED") << d;
}

TEST_F(RegistryReminders, AJobThatWasDownSendsOnlyTheNearestAndRecordsTheRestAsSkipped) {
  WebhookReceiver receiver;
  const Json webhook = Created(site_admin_->Post("/v1/webhooks", {{"url", receiver.url()}}));
  ASSERT_EQ(Upload(Package(installation_["id"],
                           {{{"type", "PLATFORM"}, {"mode", "TEST"}, {"validity_days", 40}}}))
                .status,
            201);
  site_->AdvanceDays(33);  // 7 days left: 45, 30 and 15 passed unsent
  const Json run = RunReminders();
  EXPECT_EQ(run["reminders_sent"], 1);
  EXPECT_EQ(run["reminders_skipped"], 3);
  EXPECT_EQ(run["deliveries_delivered"], 1);
  const Json sent = Reminders();
  ASSERT_EQ(sent.size(), 1u);
  EXPECT_EQ(sent[0]["threshold_days"], 7);
  const Json all = Reminders("&include_skipped=true");
  ASSERT_EQ(all.size(), 4u);
  int skipped = 0;
  for (const Json& r : all) skipped += r["sent"] ? 0 : 1;
  EXPECT_EQ(skipped, 3);

  // Without a webhook, reminders are still recorded; nothing is sent anywhere.
  ASSERT_EQ(site_admin_->Delete("/v1/webhooks/" + webhook["id"].get<std::string>()).status, 204);
  site_->AdvanceDays(1);
  const Json next = RunReminders();
  EXPECT_EQ(next["reminders_sent"], 1);
  EXPECT_EQ(next["deliveries_attempted"], 0);
  EXPECT_EQ(receiver.received().size(), 1u);
  EXPECT_EQ(site_admin_->Get("/v1/webhooks").json["data"].size(), 0u);

  // Webhooks are listed a page at a time, the deleted ones left out.
  std::vector<std::string> ids;
  for (int i = 0; i < 5; ++i) {
    ids.push_back(Created(site_admin_->Post(
        "/v1/webhooks", {{"url", receiver.url() + "/" + std::to_string(i)}}))["id"]);
  }
  ASSERT_EQ(site_admin_->Delete("/v1/webhooks/" + ids[2]).status, 204);
  ids.erase(ids.begin() + 2);
  std::vector<std::string> listed;
  for (const auto& w : ListAll(*site_admin_, "/v1/webhooks", "", 2)) {
    listed.push_back(w["id"]);
    EXPECT_FALSE(w.contains("secret"));  // shown once, when created
  }
  EXPECT_EQ(listed, ids);
}

TEST_F(RegistryReminders, FailingEndpointsAreRetriedWithBackoffThenGivenUp) {
  WebhookReceiver receiver;
  receiver.FailNext(1000);
  const Json webhook = Created(site_admin_->Post("/v1/webhooks", {{"url", receiver.url()}}));
  ASSERT_EQ(Upload(Package(installation_["id"],
                           {{{"type", "PLATFORM"}, {"mode", "TEST"}, {"validity_days", 20}}}))
                .status,
            201);
  site_->AdvanceDays(5);  // 15 days left
  EXPECT_EQ(RunReminders()["deliveries_retrying"], 1);
  EXPECT_EQ(RunReminders()["deliveries_attempted"], 0);  // not due again yet: backoff
  site_->SetTime(site_->Now() + 60);
  EXPECT_EQ(RunReminders()["deliveries_attempted"], 1);  // one minute later
  site_->SetTime(site_->Now() + 60);
  EXPECT_EQ(RunReminders()["deliveries_attempted"], 0);  // the wait has doubled
  site_->SetTime(site_->Now() + 60);
  EXPECT_EQ(RunReminders()["deliveries_attempted"], 1);
  for (int attempt = 4; attempt <= 12; ++attempt) {  // each after its wait, at most 6 hours
    site_->SetTime(site_->Now() + 6 * 3600);
    EXPECT_EQ(RunReminders()["deliveries_attempted"], 1) << attempt;
  }
  const std::string deliveries = "/v1/webhooks/" + webhook["id"].get<std::string>() + "/deliveries";
  const Json d = site_admin_->Get(deliveries).json["data"][0];
  EXPECT_EQ(d["state"], "FAILED") << d;
  EXPECT_EQ(d["attempts"], 12);
  EXPECT_EQ(d["last_error"], "HTTP 503");
  EXPECT_EQ(receiver.received().size(), 12u);
  EXPECT_EQ(RunReminders()["deliveries_attempted"], 0);  // given up
  const Json events = site_admin_->Get("/v1/events?resource_type=webhook").json["data"];
  EXPECT_EQ(events.back()["action"], "webhook.delivery_failed");
  site_->AdvanceDays(8);
  EXPECT_EQ(RunReminders()["deliveries_attempted"], 1);  // the 7-day reminder; never the old one
}

TEST_F(RegistryReminders, WebhooksRefuseBadInputAndNonAdmins) {
  EXPECT_EQ(site_admin_->Post("/v1/webhooks", {{"url", "ftp://example.com/x"}}).json["code"],
            "INVALID_FIELD");
  EXPECT_EQ(site_admin_->Post("/v1/webhooks", {{"url", "http://"}}).json["code"], "INVALID_FIELD");
  EXPECT_EQ(site_admin_->Post("/v1/webhooks", {{"url", "http://a b"}}).json["code"],
            "INVALID_FIELD");
  EXPECT_EQ(site_admin_->Post("/v1/webhooks", {{"url", 7}}).json["code"], "INVALID_FIELD");
  EXPECT_EQ(site_admin_->Post("/v1/webhooks", Json::object()).json["code"], "INVALID_FIELD");
  EXPECT_EQ(site_admin_->Post("/v1/webhooks", {{"url", "http://h/" + std::string(3000, 'a')}})
                .json["code"],
            "INVALID_FIELD");
  EXPECT_EQ(site_admin_->Delete("/v1/webhooks/whk_missing").status, 404);
  EXPECT_EQ(site_admin_->Get("/v1/webhooks/whk_missing/deliveries").status, 404);
  EXPECT_EQ(site_admin_->Get("/v1/registry/reminders?include_skipped=maybe").json["code"],
            "INVALID_FIELD");

  const Json op_token =
      Created(site_admin_->Post("/v1/tokens", {{"name", "ops"}, {"role", "operator"}}));
  Api op(site_->url(), op_token["token"]);
  EXPECT_EQ(op.Post("/v1/webhooks", {{"url", "http://127.0.0.1:1/x"}}).status, 403);
  EXPECT_EQ(op.Post("/v1/jobs/reminders/run").status, 403);
  EXPECT_EQ(op.Get("/v1/registry/reminders").status, 200);
  const Json created =
      Created(site_admin_->Post("/v1/webhooks", {{"url", "http://127.0.0.1:1/x"}}));
  const Json listed = op.Get("/v1/webhooks").json["data"];
  ASSERT_EQ(listed.size(), 1u);
  EXPECT_FALSE(listed[0].contains("secret"));  // shown once, at creation
  EXPECT_EQ(op.Delete("/v1/webhooks/" + created["id"].get<std::string>()).status, 403);
}

}  // namespace
}  // namespace licensor::testing
