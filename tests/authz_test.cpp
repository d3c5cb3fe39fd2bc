// Every role against every route family, and missing, wrong and revoked tokens.
#include <regex>

#include "tests/support/e2e_fixture.hpp"
#include "tests/support/run_command.hpp"

namespace licensor::testing {
namespace {

class Authz : public LicensordTest {
 protected:
  std::string NewToken(const std::string& role) {
    const Json t = Created(admin().Post("/v1/tokens", {{"name", role + " token"}, {"role", role}}));
    EXPECT_TRUE(t["token"].is_string());
    return t["token"];
  }
};

struct Call {
  std::string method;
  std::string path;  // "{license}", "{product}" … are replaced with real ids
  Json body;
  bool write;       // needs kManageLicensing
  bool admin_only;  // needs kManageTokens or kRunJobs
};

TEST_F(Authz, EachRoleGetsExactlyItsPermissions) {
  const Json license = IssueLicense({{"max_activations", 10}});
  const std::string operator_token = NewToken("operator");
  const std::string viewer_token = NewToken("viewer");
  const std::string product = license["product_id"];
  const std::string customer = license["customer_id"];
  const std::string policy = license["policy_id"];
  const std::string id = license["id"];

  const std::vector<Call> calls = {
      {"GET", "/v1/tokens", nullptr, false, true},
      {"POST", "/v1/tokens", {{"name", "x"}, {"role", "viewer"}}, false, true},
      {"DELETE", "/v1/tokens/tok_missing", nullptr, false, true},
      {"POST", "/v1/jobs/maintenance/run", Json::object(), false, true},
      {"GET", "/v1/backup", nullptr, false, true},
      {"GET", "/v1/products", nullptr, false, false},
      {"GET", "/v1/products/" + product, nullptr, false, false},
      {"POST", "/v1/products", {{"name", "x"}}, true, false},
      {"PATCH", "/v1/products/" + product, {{"name", "y"}}, true, false},
      {"DELETE", "/v1/products/prod_missing", nullptr, true, false},
      {"GET", "/v1/customers", nullptr, false, false},
      {"GET", "/v1/customers/" + customer, nullptr, false, false},
      {"POST", "/v1/customers", {{"name", "x"}}, true, false},
      {"PATCH", "/v1/customers/" + customer, {{"email", "a@b.c"}}, true, false},
      {"DELETE", "/v1/customers/cust_missing", nullptr, true, false},
      {"GET", "/v1/policies", nullptr, false, false},
      {"GET", "/v1/policies/" + policy, nullptr, false, false},
      {"POST", "/v1/policies", {{"name", "x"}, {"product_id", product}}, true, false},
      {"PATCH", "/v1/policies/" + policy, {{"name", "y"}}, true, false},
      {"DELETE", "/v1/policies/pol_missing", nullptr, true, false},
      {"GET", "/v1/licenses", nullptr, false, false},
      {"GET", "/v1/licenses/" + id, nullptr, false, false},
      {"POST", "/v1/licenses", {{"policy_id", policy}, {"customer_id", customer}}, true, false},
      {"PATCH", "/v1/licenses/" + id, {{"max_activations", 20}}, true, false},
      {"POST", "/v1/licenses/" + id + "/actions/renew", Json::object(), true, false},
      {"DELETE", "/v1/licenses/lic_missing", nullptr, true, false},
      {"DELETE", "/v1/activations/act_missing", nullptr, true, false},
      {"GET", "/v1/events", nullptr, false, false},
  };
  struct Who {
    std::string name;
    std::string token;
  };
  const std::vector<Who> roles = {
      {"admin", server_.admin_token()}, {"operator", operator_token}, {"viewer", viewer_token}};
  for (const auto& call : calls) {
    for (const auto& who : roles) {
      SCOPED_TRACE(who.name + " " + call.method + " " + call.path);
      Api api(server_.url(), who.token);
      const ApiResponse res =
          api.Raw(call.method, call.path, call.body.is_null() ? "" : call.body.dump());
      const bool allowed = who.name == "admin" || (who.name == "operator" && !call.admin_only) ||
                           (who.name == "viewer" && !call.write && !call.admin_only);
      if (allowed) {
        EXPECT_NE(res.status, 401) << res.body;
        EXPECT_NE(res.status, 403) << res.body;
        EXPECT_LT(res.status, 500) << res.body;
      } else {
        EXPECT_EQ(res.status, 403) << res.body;
        EXPECT_EQ(res.json["code"], "FORBIDDEN");
      }
      // Without a token, or with a wrong one, nothing on the admin API answers.
      Api anonymous(server_.url(), "");
      const ApiResponse none =
          anonymous.Raw(call.method, call.path, call.body.is_null() ? "" : call.body.dump());
      EXPECT_EQ(none.status, 401);
      EXPECT_EQ(none.json["code"], "UNAUTHORIZED");
      EXPECT_EQ(none.headers.at("www-authenticate"), "Bearer");
    }
  }
}

TEST_F(Authz, WrongMalformedAndRevokedTokensAreRefused) {
  Api wrong(server_.url(), "lsr_not_a_real_token_but_long_enough_to_look_like_one");
  EXPECT_EQ(wrong.Get("/v1/products").status, 401);
  Api empty_scheme(server_.url(), "");
  EXPECT_EQ(empty_scheme.Raw("GET", "/v1/products", "").status, 401);

  const Json created = Created(admin().Post("/v1/tokens", {{"name", "ci"}, {"role", "operator"}}));
  Api ci(server_.url(), created["token"]);
  EXPECT_EQ(ci.Get("/v1/products").status, 200);
  // The secret is shown once: listing tokens never returns it, nor its hash.
  const Json listed = admin().Get("/v1/tokens").json;
  EXPECT_EQ(listed.dump().find(created["token"].get<std::string>()), std::string::npos);
  EXPECT_EQ(listed.dump().find("hash"), std::string::npos);

  EXPECT_EQ(admin().Delete("/v1/tokens/" + created["id"].get<std::string>()).status, 204);
  EXPECT_EQ(ci.Get("/v1/products").status, 401);
  EXPECT_EQ(admin().Delete("/v1/tokens/" + created["id"].get<std::string>()).status, 409);
}

TEST_F(Authz, ClientAndPublicRoutesNeedNoToken) {
  EXPECT_EQ(client().Get("/healthz").status, 200);
  EXPECT_EQ(client().Get("/readyz").status, 200);
  const ApiResponse openapi = client().Get("/v1/openapi.json");
  EXPECT_EQ(openapi.status, 200);
  EXPECT_EQ(openapi.json["openapi"], "3.1.0");
  EXPECT_EQ(client().Post("/v1/client/validate", {{"code", "LIC-2222-x"}}).status, 200);
}

// What a server counts tells a stranger how it is used: /metrics wants a token of any role, or
// an address of its own (--metrics-listen) that only the operator's monitoring reaches.
TEST_F(Authz, MetricsAreForTokensOfAnyRoleNotForStrangers) {
  const ApiResponse stranger = client().Get("/metrics");
  EXPECT_EQ(stranger.status, 401);
  EXPECT_EQ(stranger.body.find("licensor_"), std::string::npos);
  const ApiResponse viewer = Api(server_.url(), NewToken("viewer")).Get("/metrics");
  EXPECT_EQ(viewer.status, 200);
  EXPECT_EQ(viewer.headers.at("content-type"), "text/plain; version=0.0.4");
  EXPECT_NE(viewer.body.find("licensor_http_requests_total"), std::string::npos);
}

TEST(MetricsListen, TheMetricsAddressServesOnlyMetricsWithoutAToken) {
  LicensordProcess server({"--metrics-listen", "127.0.0.1:0"});
  server.Start();
  std::smatch port;
  const std::string log = server.Stderr();
  ASSERT_TRUE(
      std::regex_search(log, port, std::regex("metrics on http://127\\.0\\.0\\.1:([0-9]+)")))
      << log;
  // Asked with curl: what this address answers is no part of the API.
  const auto ask = [&](const std::string& options, const std::string& path) {
    return RunCommand("curl -s -w '\\n%{http_code}' " + options +
                      " 'http://127.0.0.1:" + port[1].str() + path + "'")
        .output;
  };
  const std::string metrics = ask("", "/metrics");
  EXPECT_TRUE(metrics.ends_with("\n200")) << metrics;
  EXPECT_NE(metrics.find("licensor_http_requests_total"), std::string::npos);
  EXPECT_TRUE(ask("", "/metrics?x=1").ends_with("\n200"));
  // Nothing else, even with the admin's token.
  const std::string bearer = "-H 'Authorization: Bearer " + server.admin_token() + "'";
  EXPECT_TRUE(ask(bearer, "/v1/products").ends_with("\n404"));
  EXPECT_TRUE(ask(bearer + " -X POST", "/metrics").ends_with("\n404"));
  EXPECT_TRUE(ask("", "/healthz").ends_with("\n404"));
}

TEST_F(Authz, AuditLogRecordsWhoChangedWhatWithBeforeAndAfter) {
  const Json license = IssueLicense({{"max_activations", 3}});
  const std::string id = license["id"];
  ASSERT_EQ(admin().Patch("/v1/licenses/" + id, {{"max_activations", 7}}).status, 200);
  const Json events = admin().Get("/v1/events?resource_type=license&resource_id=" + id).json;
  ASSERT_EQ(events["data"].size(), 2u);
  const Json& update = events["data"][1];
  EXPECT_EQ(update["action"], "license.updated");
  EXPECT_EQ(update["before"]["max_activations"], 3);
  EXPECT_EQ(update["after"]["max_activations"], 7);
  EXPECT_EQ(update["at"], "2027-01-01T00:00:00Z");
  const Json tokens = admin().Get("/v1/tokens").json;
  EXPECT_EQ(update["actor"], tokens["data"][0]["id"]);
  const Json window = admin().Get("/v1/events?since=2027-01-02T00:00:00Z").json;
  EXPECT_EQ(window["data"].size(), 0u);
}

TEST_F(Authz, AuditLogFiltersByActionAndActor) {
  const std::string id = IssueLicense({{"max_activations", 3}})["id"];
  ASSERT_EQ(admin().Patch("/v1/licenses/" + id, {{"max_activations", 4}}).status, 200);
  ASSERT_EQ(admin().Patch("/v1/licenses/" + id, {{"max_activations", 5}}).status, 200);
  const std::string token = admin().Get("/v1/tokens").json["data"][0]["id"];

  const Json updates = admin().Get("/v1/events?action=license.updated").json["data"];
  ASSERT_EQ(updates.size(), 2u);
  EXPECT_EQ(updates[1]["after"]["max_activations"], 5);
  EXPECT_EQ(admin().Get("/v1/events?action=license.updated&actor=" + token).json["data"].size(),
            2u);
  EXPECT_EQ(admin().Get("/v1/events?action=license.updated&actor=system").json["data"].size(), 0u);
  EXPECT_EQ(admin().Get("/v1/events?action=license").json["data"].size(), 0u);  // not a prefix
  const Json mine = admin().Get("/v1/events?actor=" + token).json["data"];
  EXPECT_GE(mine.size(), 4u);  // the product, policy, customer, license and the two updates
  for (const Json& e : mine) EXPECT_EQ(e["actor"], token);
}

TEST_F(Authz, MetricsCountRequestsActivationsAndValidations) {
  const Json license = IssueLicense({{"max_activations", 3}});
  ASSERT_EQ(Activate(license["code"], "m").status, 201);
  Validate(license["code"]);
  Validate("LIC-2222-unknown");
  const std::string metrics = admin().Get("/metrics").body;
  EXPECT_NE(metrics.find("licensor_activations_total{result=\"created\"} 1"), std::string::npos);
  EXPECT_NE(metrics.find("licensor_validations_total{code=\"VALID\"} 1"), std::string::npos);
  EXPECT_NE(metrics.find("licensor_validations_total{code=\"NOT_FOUND\"} 1"), std::string::npos);
  EXPECT_NE(metrics.find("licensor_http_requests_total{method=\"POST\",route=\"/v1/client/"
                         "activate\",status=\"201\"} 1"),
            std::string::npos);
  EXPECT_NE(metrics.find("licensor_http_request_duration_seconds_bucket{method=\"POST\",route=\"/"
                         "v1/client/validate\",le=\"+Inf\"} 2"),
            std::string::npos);
}

}  // namespace
}  // namespace licensor::testing
