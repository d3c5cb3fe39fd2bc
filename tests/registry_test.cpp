// Two real licensord processes: the vendor issues signed files for an installation, and the
// installation's own licensord, trusting the vendor's key, is the registry its platform asks.

#include <atomic>
#include <thread>

#include "tests/support/registry_fixture.hpp"
#include "tests/support/run_command.hpp"

namespace licensor::testing {
namespace {

constexpr double kYear = 365;

// An installation's licensord says at start what it serves and where its files go, so whoever
// started it knows it is not the vendor's.
TEST_F(Registry, TheSiteSaysAtStartWhichInstallationItServes) {
  const std::string out = site_->Stdout();
  EXPECT_NE(out.find("Serving the registry of installation " +
                     installation_["id"].get<std::string>() + ": upload the platform's"),
            std::string::npos)
      << out;
  EXPECT_NE(
      out.find("/platform/license, which accepts files signed by the 1 vendor key(s) in " + keys_),
      std::string::npos)
      << out;
  EXPECT_EQ(server_.Stdout().find("Serving the registry"), std::string::npos);
}

TEST_F(Registry, PackagesActivateThePlatformAndAgentCertificatesBindOnce) {
  const std::string id = installation_["id"];
  const std::string lcs =
      Package(id, {{{"type", "PLATFORM"}, {"mode", "SUBSCRIPTION"}, {"validity_days", 365}},
                   {{"type", "AGENT"}, {"mode", "SUBSCRIPTION"}, {"validity_days", 365}},
                   {{"type", "AGENT"}, {"mode", "SUBSCRIPTION"}, {"validity_days", 365}},
                   {{"type", "AGENT"}, {"mode", "TEST"}, {"validity_days", "PERMANENT"}}});
  const ApiResponse first = Upload(lcs);
  ASSERT_EQ(first.status, 201) << first.body;
  EXPECT_EQ(first.json["kind"], "certificate-package");
  const ApiResponse again = Upload(lcs);  // the same file: nothing changes
  EXPECT_EQ(again.status, 200);
  EXPECT_FALSE(again.json["changed"]);

  Json certs = Certificates();
  ASSERT_EQ(certs.size(), 4u);
  EXPECT_EQ(certs[0]["status"], "ACTIVATED");
  EXPECT_EQ(certs[0]["bound_to"], "platform");
  EXPECT_EQ(certs[0]["expires_at"], "2028-01-01T00:00:00Z");  // 2027-01-01 + 365 days
  for (int i = 1; i < 4; ++i) EXPECT_EQ(certs[i]["status"], "UNUSED");

  const Json agent = Created(site_admin_->Post("/v1/registry/agents", {{"name", "Support"}}));
  const std::string agent_id = agent["id"];
  EXPECT_FALSE(agent["licensed"]);
  const std::string cert = certs[1]["id"];
  const ApiResponse bound =
      site_admin_->Post("/v1/registry/certificates/" + cert + "/bind", {{"agent_id", agent_id}});
  ASSERT_EQ(bound.status, 200) << bound.body;
  EXPECT_EQ(bound.json["status"], "ACTIVATED");
  EXPECT_EQ(bound.json["bound_to"], agent_id);
  const Json second = Created(site_admin_->Post("/v1/registry/agents", {{"name", "Sales"}}));
  const ApiResponse rebind = site_admin_->Post("/v1/registry/certificates/" + cert + "/bind",
                                               {{"agent_id", second["id"]}});
  EXPECT_EQ(rebind.status, 409) << rebind.body;
  EXPECT_EQ(rebind.json["code"], "ALREADY_BOUND");
  EXPECT_TRUE(Check({{"action", "agent.message"}, {"agent_id", agent_id}})["allowed"]);
  EXPECT_FALSE(Check({{"action", "agent.message"}, {"agent_id", second["id"]}})["allowed"]);

  ASSERT_EQ(site_admin_->Delete("/v1/registry/agents/" + agent_id).status, 204);
  EXPECT_EQ(Certificates()[1]["status"], "EXPIRED");

  // A second platform certificate stacks on the current end; the history is kept.
  ASSERT_EQ(
      Upload(Package(id, {{{"type", "PLATFORM"}, {"mode", "SUBSCRIPTION"}, {"validity_days", 30}}}))
          .status,
      201);
  EXPECT_EQ(site_admin_->Get("/v1/registry/platform").json["expires_at"], "2028-01-31T00:00:00Z");
  EXPECT_EQ(site_admin_->Get("/v1/registry/uploads").json["data"].size(), 2u);

  // After the platform expires, only licensing and valid agents' messaging go on.
  const Json permanent = Certificates()[3];
  ASSERT_EQ(site_admin_
                ->Post("/v1/registry/certificates/" + permanent["id"].get<std::string>() + "/bind",
                       {{"agent_id", second["id"]}})
                .status,
            200);
  site_->AdvanceDays(kYear + 31);
  const Json refused = Check({{"action", "platform.operate"}});
  EXPECT_FALSE(refused["allowed"]);
  EXPECT_EQ(refused["code"], "PLATFORM_LICENSE_EXPIRED");
  EXPECT_TRUE(Check({{"action", "agent.message"}, {"agent_id", second["id"]}})["allowed"]);
  EXPECT_TRUE(Check({{"action", "license.manage"}})["allowed"]);
  EXPECT_EQ(site_admin_->Get("/v1/registry/platform").json["state"], "EXPIRED");
}

TEST_F(Registry, RefusedFilesSayWhyAndChangeNothing) {
  const std::string lcs = Package(installation_["id"],
                                  {{{"type", "PLATFORM"}, {"mode", "TEST"}, {"validity_days", 7}}});
  std::string tampered = lcs;
  ChangeBase64Char(tampered, tampered.find("Signature: ") + 15);
  EXPECT_EQ(Upload(tampered).json["code"], "BAD_SIGNATURE");
  EXPECT_EQ(Upload("garbage").json["code"], "BAD_FORMAT");
  const ApiResponse foreign = Upload(
      Package(other_["id"], {{{"type", "PLATFORM"}, {"mode", "TEST"}, {"validity_days", 7}}}));
  EXPECT_EQ(foreign.status, 422);
  EXPECT_EQ(foreign.json["code"], "WRONG_INSTALLATION");
  EXPECT_EQ(Certificates().size(), 0u);
  EXPECT_EQ(site_admin_->Get("/v1/registry/platform").json["state"], "EXPIRED");

  const ApiResponse expired = admin().Post(
      "/v1/installations/" + installation_["id"].get<std::string>() + "/deployment-licenses",
      {{"modules", Json::array()},
       {"effective_at", "2020-01-01T00:00:00Z"},
       {"expires_at", "2021-01-01T00:00:00Z"},
       {"max_users", 1},
       {"max_agents", 1}});
  EXPECT_EQ(Upload(expired.json["file"]).json["code"], "ALREADY_EXPIRED");

  const Json viewer =
      Created(site_admin_->Post("/v1/tokens", {{"name", "p"}, {"role", "operator"}}));
  Api op(site_->url(), viewer["token"]);
  EXPECT_EQ(op.Post("/v1/registry/uploads", {{"file", lcs}}).status, 403);
  EXPECT_EQ(admin().Post("/v1/registry/uploads", {{"file", lcs}}).json["code"],
            "REGISTRY_NOT_CONFIGURED");  // the vendor's own licensord is no registry
}

TEST_F(Registry, TheDeploymentLicenseTakesEffectAtOnce) {
  const std::string id = installation_["id"];
  ASSERT_EQ(
      Upload(
          Package(id, {{{"type", "PLATFORM"}, {"mode", "BUYOUT"}, {"validity_days", "PERMANENT"}}}))
          .status,
      201);
  EXPECT_FALSE(Check({{"action", "module.use"}, {"module", "chat"}})["allowed"]);
  const ApiResponse lic = admin().Post("/v1/installations/" + id + "/deployment-licenses",
                                       {{"modules", {{{"code", "chat"}}}},
                                        {"effective_at", "2026-01-01T00:00:00Z"},
                                        {"expires_at", nullptr},
                                        {"max_users", 10},
                                        {"max_agents", 1}});
  ASSERT_EQ(Upload(lic.json["file"]).status, 201);
  const Json chat = Check({{"action", "module.use"}, {"module", "chat"}});
  EXPECT_TRUE(chat["allowed"]) << chat;
  EXPECT_EQ(Check({{"action", "module.use"}, {"module", "vision"}})["code"], "MODULE_NOT_LICENSED");
  ASSERT_EQ(site_admin_->Post("/v1/registry/agents", {{"name", "one"}}).status, 201);
  const ApiResponse over = site_admin_->Post("/v1/registry/agents", {{"name", "two"}});
  EXPECT_EQ(over.status, 409) << over.body;
  EXPECT_EQ(over.json["code"], "LICENSE_LIMIT_REACHED");
  const Json platform = site_admin_->Get("/v1/registry/platform").json;
  EXPECT_EQ(platform["max_agents"], 1);
  EXPECT_EQ(platform["expires_at"], "PERMANENT");
  EXPECT_EQ(Check({{"action", "fly"}})["code"], "INVALID_FIELD");
}

TEST_F(Registry, UnlimitedAgentsAreLicensedWhileTheirCertificateIs) {
  ASSERT_EQ(Upload(Package(installation_["id"], {{{"type", "PLATFORM_UNLIMITED_AGENTS"},
                                                  {"mode", "SUBSCRIPTION"},
                                                  {"validity_days", 30}}}))
                .status,
            201);
  const Json cert = Certificates()[0];
  EXPECT_EQ(cert["status"], "ACTIVATED");
  EXPECT_EQ(cert["bound_to"], "platform");
  std::vector<std::string> agents;
  for (const char* name : {"one", "two", "three"}) {
    const Json agent = Created(site_admin_->Post("/v1/registry/agents", {{"name", name}}));
    EXPECT_TRUE(agent["licensed"]);
    EXPECT_TRUE(agent["unlimited"]);
    EXPECT_EQ(agent["expires_at"], "2027-01-31T00:00:00Z");
    agents.push_back(agent["id"]);
  }
  for (const auto& a : agents) {
    EXPECT_TRUE(Check({{"action", "agent.message"}, {"agent_id", a}})["allowed"]);
  }
  EXPECT_EQ(site_admin_->Get("/v1/registry/platform").json["agents"], 3);
  EXPECT_EQ(Certificates().size(), 1u);  // no certificate to bind, none consumed

  // One reminder for the platform and one for all the agents it licenses, not one per agent.
  site_->AdvanceDays(15);
  ASSERT_EQ(site_admin_->Post("/v1/jobs/reminders/run").json["reminders_sent"], 2);
  const Json reminders = site_admin_->Get("/v1/registry/reminders").json["data"];
  ASSERT_EQ(reminders.size(), 2u);
  EXPECT_EQ(reminders[0]["resource"]["kind"], "platform");
  EXPECT_EQ(reminders[1]["resource"]["kind"], "agents");
  EXPECT_EQ(reminders[1]["threshold_days"], 15);

  site_->AdvanceDays(16);
  const Json refused = Check({{"action", "agent.message"}, {"agent_id", agents[0]}});
  EXPECT_FALSE(refused["allowed"]);
  EXPECT_EQ(refused["code"], "AGENT_LICENSE_EXPIRED");
  EXPECT_EQ(Check({{"action", "platform.operate"}})["code"], "PLATFORM_LICENSE_EXPIRED");
  const Json late = Created(site_admin_->Post("/v1/registry/agents", {{"name", "late"}}));
  EXPECT_FALSE(late["licensed"]);
  EXPECT_FALSE(late["unlimited"]);
}

TEST_F(Registry, TheDeploymentLicenseLimitsUsersAtOnce) {
  const std::string id = installation_["id"];
  auto license = [&](int max_users) {
    const ApiResponse r = admin().Post("/v1/installations/" + id + "/deployment-licenses",
                                       {{"modules", Json::array()},
                                        {"effective_at", "2026-01-01T00:00:00Z"},
                                        {"expires_at", nullptr},
                                        {"max_users", max_users},
                                        {"max_agents", 5}});
    EXPECT_EQ(r.status, 201) << r.body;
    return r.json["file"].get<std::string>();
  };
  ASSERT_EQ(Upload(license(2)).status, 201);
  const Json first = Created(site_admin_->Post("/v1/registry/users", {{"name", "ann"}}));
  Created(site_admin_->Post("/v1/registry/users", {{"name", "bob"}}));
  const ApiResponse over = site_admin_->Post("/v1/registry/users", {{"name", "cy"}});
  EXPECT_EQ(over.status, 409) << over.body;
  EXPECT_EQ(over.json["code"], "LICENSE_LIMIT_REACHED");
  EXPECT_NE(over.json["detail"].get<std::string>().find("2 users"), std::string::npos);
  Json platform = site_admin_->Get("/v1/registry/platform").json;
  EXPECT_EQ(platform["users"], 2);
  EXPECT_EQ(platform["max_users"], 2);

  ASSERT_EQ(site_admin_->Delete("/v1/registry/users/" + first["id"].get<std::string>()).status,
            204);
  EXPECT_EQ(site_admin_->Delete("/v1/registry/users/" + first["id"].get<std::string>()).status,
            404);
  Created(site_admin_->Post("/v1/registry/users", {{"name", "cy"}}));
  ASSERT_EQ(Upload(license(3)).status, 201);  // version 2, in effect at once
  Created(site_admin_->Post("/v1/registry/users", {{"name", "dee"}}));
  EXPECT_EQ(site_admin_->Get("/v1/registry/users").json["data"].size(), 3u);

  EXPECT_EQ(site_admin_->Post("/v1/registry/users", Json::object()).json["code"], "INVALID_FIELD");
  EXPECT_EQ(site_admin_->Post("/v1/registry/users", {{"name", ""}}).json["code"], "INVALID_FIELD");
  const Json op_token =
      Created(site_admin_->Post("/v1/tokens", {{"name", "ops"}, {"role", "operator"}}));
  Api op(site_->url(), op_token["token"]);
  EXPECT_EQ(op.Post("/v1/registry/users", {{"name", "eve"}}).status, 403);
  EXPECT_EQ(op.Get("/v1/registry/users").status, 200);
}

TEST_F(Registry, EveryListPagesInTheOrderThingsWereMade) {
  const std::string id = installation_["id"];
  Json certificates = Json::array();
  for (int i = 0; i < 5; ++i) {
    certificates.push_back(
        {{"type", "AGENT"}, {"mode", "SUBSCRIPTION"}, {"validity_days", 30 + i}});
  }
  ASSERT_EQ(Upload(Package(id, certificates)).status, 201);
  ASSERT_EQ(Upload(Package(id, {{{"type", "PLATFORM"}, {"mode", "BUYOUT"}, {"validity_days", 9}}}))
                .status,
            201);
  std::vector<std::string> agents, users;
  for (int i = 0; i < 5; ++i) {
    const std::string n = std::to_string(i);
    agents.push_back(Created(site_admin_->Post("/v1/registry/agents", {{"name", "a" + n}}))["id"]);
    users.push_back(Created(site_admin_->Post("/v1/registry/users", {{"name", "u" + n}}))["id"]);
  }
  ASSERT_EQ(site_admin_->Delete("/v1/registry/agents/" + agents[1]).status, 204);
  ASSERT_EQ(site_admin_->Delete("/v1/registry/users/" + users[3]).status, 204);
  agents.erase(agents.begin() + 1);
  users.erase(users.begin() + 3);

  auto ids = [](const Json& list, const char* field) {
    std::vector<std::string> out;
    for (const auto& item : list) out.push_back(item[field].dump());
    return out;
  };
  auto quoted = [](const std::vector<std::string>& v) {
    std::vector<std::string> out;
    for (const auto& s : v) out.push_back(Json(s).dump());
    return out;
  };
  for (const int limit : {1, 2, 50}) {
    EXPECT_EQ(ids(ListAll(*site_admin_, "/v1/registry/agents", "", limit), "id"), quoted(agents));
    EXPECT_EQ(ids(ListAll(*site_admin_, "/v1/registry/users", "", limit), "id"), quoted(users));
    const Json certs = ListAll(*site_admin_, "/v1/registry/certificates", "", limit);
    ASSERT_EQ(certs.size(), 6u);
    EXPECT_EQ(certs[4]["validity_days"], 34);
    EXPECT_EQ(certs[5]["type"], "PLATFORM");
    const Json uploads = ListAll(*site_admin_, "/v1/registry/uploads", "", limit);
    ASSERT_EQ(uploads.size(), 2u);
    EXPECT_LT(uploads[0]["upload"], uploads[1]["upload"]);
    EXPECT_FALSE(uploads[0].contains("file"));  // files only when asked for
  }
  const Json page = site_admin_->Get("/v1/registry/users?limit=3").json;
  EXPECT_EQ(page["data"].size(), 3u);
  EXPECT_TRUE(page["next_cursor"].is_string());

  const Json uploads = ListAll(*site_admin_, "/v1/registry/uploads", "&files=true");
  const std::string second = uploads[1]["upload"].dump();
  const ApiResponse one = site_admin_->Get("/v1/registry/uploads/" + second);
  ASSERT_EQ(one.status, 200) << one.body;
  EXPECT_EQ(one.json["file"], uploads[1]["file"]);
  for (const std::string bad : {"0", "-1", "abc", "99999", "1x"}) {
    EXPECT_EQ(site_admin_->Get("/v1/registry/uploads/" + bad).status, 404) << bad;
  }
  // Upload numbers are log entries: one that is not an upload is not found either.
  const std::string agent_entry = std::to_string(uploads[1]["upload"].get<int>() + 1);
  EXPECT_EQ(site_admin_->Get("/v1/registry/uploads/" + agent_entry).status, 404);
  for (const char* list : {"agents", "users", "certificates", "uploads"}) {
    const ApiResponse bad = site_admin_->Get(std::string("/v1/registry/") + list + "?cursor=zz");
    EXPECT_EQ(bad.status, 400) << list;
    EXPECT_EQ(site_admin_->Get(std::string("/v1/registry/") + list + "?limit=0").status, 400);
  }
}

TEST_F(Registry, ConcurrentChangesNeverPassTheDeploymentLicensesLimits) {
  const std::string id = installation_["id"];
  const ApiResponse issued = admin().Post("/v1/installations/" + id + "/deployment-licenses",
                                          {{"modules", Json::array()},
                                           {"effective_at", "2026-01-01T00:00:00Z"},
                                           {"expires_at", nullptr},
                                           {"max_users", 10},
                                           {"max_agents", 3}});
  ASSERT_EQ(issued.status, 201) << issued.body;
  ASSERT_EQ(Upload(issued.json["file"]).status, 201);
  std::atomic<int> users{0}, agents{0}, refused{0}, other{0};
  std::vector<std::thread> clients;
  for (int t = 0; t < 8; ++t) {
    clients.emplace_back([&, t] {
      Api api(site_->url(), site_->admin_token());
      for (int i = 0; i < 4; ++i) {
        const bool user = (t + i) % 2 == 0;
        const ApiResponse r = api.Post(user ? "/v1/registry/users" : "/v1/registry/agents",
                                       {{"name", "n" + std::to_string(t * 10 + i)}});
        if (r.status == 201) {
          ++(user ? users : agents);
        } else if (r.status == 409 && r.json["code"] == "LICENSE_LIMIT_REACHED") {
          ++refused;
        } else {
          ++other;
        }
      }
    });
  }
  for (auto& c : clients) c.join();
  EXPECT_EQ(users.load(), 10);
  EXPECT_EQ(agents.load(), 3);
  EXPECT_EQ(refused.load(), 32 - 13);
  EXPECT_EQ(other.load(), 0);
  const Json platform = site_admin_->Get("/v1/registry/platform").json;
  EXPECT_EQ(platform["users"], 10);
  EXPECT_EQ(platform["agents"], 3);
  // What a restart folds from the log is what was answered.
  site_->Stop();
  site_->Start();
  site_admin_ = std::make_unique<Api>(site_->Admin());
  EXPECT_EQ(ListAll(*site_admin_, "/v1/registry/users").size(), 10u);
  EXPECT_EQ(ListAll(*site_admin_, "/v1/registry/agents").size(), 3u);
}

}  // namespace
}  // namespace licensor::testing
