// licensorctl against a real licensord: every resource family, tables, JSON and errors.

#include "tests/support/e2e_fixture.hpp"
#include "tests/support/run_command.hpp"

namespace licensor::testing {
namespace {

struct CliResult {
  int exit_code = -1;
  std::string out;  // stdout and stderr together
};

class Cli : public LicensordTest {
 protected:
  CliResult Run(const std::string& args, const std::string& token = "") {
    const std::string command = "LICENSOR_URL=" + server_.url() + " LICENSOR_TOKEN='" +
                                (token.empty() ? server_.admin_token() : token) + "' " +
                                LICENSORCTL_PATH + " " + args + " 2>&1";
    const CommandResult r = RunCommand(command);
    return CliResult{r.exit_code, r.output};
  }
  Json RunJson(const std::string& args) {
    const CliResult r = Run("--json " + args);
    EXPECT_EQ(r.exit_code, 0) << args << "\n" << r.out;
    return Json::parse(r.out, nullptr, false);
  }
};

TEST_F(Cli, DrivesTheWholeLicenseLifecycle) {
  const Json product = RunJson("products create --name 'Widget Server'");
  const Json parent = RunJson("customers create --name Acme --email it@acme.example");
  const Json customer =
      RunJson("customers create --name 'Acme EU' --parent " + parent["id"].get<std::string>());
  EXPECT_EQ(customer["parent_id"], parent["id"]);
  const Json policy = RunJson(
      "policies create --product " + product["id"].get<std::string>() +
      " --name trial --duration-days 7 --max-activations 100 --features core,trial --trial true"
      " --heartbeat-interval 3600 --fp-components mac,cpu,disk --fp-min-matching 2"
      " --description 'A week on a hundred machines'");
  EXPECT_EQ(policy["features"], Json({"core", "trial"}));
  EXPECT_EQ(policy["description"], "A week on a hundred machines");
  EXPECT_EQ(policy["fingerprint_rule"]["min_matching"], 2);
  const Json license = RunJson("licenses issue --policy " + policy["id"].get<std::string>() +
                               " --customer " + customer["id"].get<std::string>());
  const std::string id = license["id"];
  ASSERT_EQ(Activate(license["code"], "machine-1", {{"hostname", "srv-1"}}).status, 201);

  const CliResult shown = Run("licenses get " + id);
  EXPECT_EQ(shown.exit_code, 0);
  EXPECT_NE(shown.out.find("1/100"), std::string::npos) << shown.out;
  const CliResult table = Run("activations list " + id + " --alive true");
  EXPECT_EQ(table.exit_code, 0) << table.out;
  EXPECT_NE(table.out.find("machine-1"), std::string::npos) << table.out;
  EXPECT_NE(table.out.find("srv-1"), std::string::npos);
  EXPECT_EQ(Run("activations list " + id + " --alive false").out.find("machine-1"),
            std::string::npos);
  EXPECT_EQ(Run("activations list " + id + " --alive maybe").exit_code, 1);

  const Json updated = RunJson("licenses update " + id + " --duration-days 365");
  EXPECT_EQ(updated["pending_sync"], true);
  EXPECT_EQ(updated["expires_at"], "2028-01-01T00:00:00Z");
  EXPECT_EQ(RunJson("licenses suspend " + id)["status"], "SUSPENDED");
  EXPECT_EQ(RunJson("licenses reinstate " + id)["status"], "ACTIVE");
  // 365 days on from 2028-01-01, a leap year.
  EXPECT_EQ(RunJson("licenses renew " + id)["expires_at"], "2028-12-31T00:00:00Z");

  const CliResult list = Run("licenses list --status ACTIVE");
  EXPECT_NE(list.out.find(license["code"].get<std::string>()), std::string::npos) << list.out;
  EXPECT_EQ(Run("activations release " + Activations(id)[0]["id"].get<std::string>()).exit_code, 0);
  EXPECT_EQ(admin().Get("/v1/licenses/" + id).json["activations_count"], 0);
  EXPECT_EQ(RunJson("licenses revoke " + id)["status"], "REVOKED");

  const CliResult events = Run("events list --resource-type license --resource-id " + id);
  EXPECT_NE(events.out.find("license.revoked"), std::string::npos) << events.out;
  EXPECT_EQ(RunJson("jobs run")["licenses_expired"], 0);
}

TEST_F(Cli, TokensAndPaging) {
  const Json token = RunJson("tokens create --name ci --role viewer");
  ASSERT_TRUE(token["token"].is_string());
  EXPECT_EQ(Run("products list", token["token"]).exit_code, 0);
  const CliResult refused = Run("products create --name x", token["token"]);
  EXPECT_EQ(refused.exit_code, 1);
  EXPECT_NE(refused.out.find("FORBIDDEN"), std::string::npos) << refused.out;
  EXPECT_EQ(Run("tokens revoke " + token["id"].get<std::string>()).exit_code, 0);
  EXPECT_EQ(Run("products list", token["token"]).exit_code, 1);

  for (int i = 0; i < 5; ++i) RunJson("products create --name p" + std::to_string(i));
  EXPECT_EQ(RunJson("products list --limit 2").size(), 2u);
  EXPECT_EQ(RunJson("products list --limit 2 --all").size(), 5u);
}

// The policy flags come from the policy's field table: each one sets its field (and each flag
// the help lists is tried here), a change takes no product, an enum's help lists its names, and
// 'none' clears a nullable number.
TEST_F(Cli, SetsEveryPolicyFieldByItsFlag) {
  const Json product = RunJson("products create --name Tool");
  const std::string flags =
      " --name Pro --description 'For teams' --sku PRO-TEAM-30D --duration-days 30"
      " --validity-basis FROM_FIRST_ACTIVATION --max-activations 5 --features a,b"
      " --deployment-mode HYBRID --trial true --heartbeat-interval 600 --heartbeat-grace 60"
      " --offline-grace 3600 --dead-activation RELEASE --expiry-grace-days 3"
      " --fp-components mac,disk --fp-min-matching 1";
  const CliResult help = Run("policies create --help");
  for (std::size_t at = help.out.find("\n  --"); at != std::string::npos;
       at = help.out.find("\n  --", at + 1)) {
    const std::string flag = help.out.substr(at + 3, help.out.find(' ', at + 3) - at - 3);
    if (flag == "--help" || flag == "--product") continue;
    EXPECT_NE(flags.find(" " + flag + " "), std::string::npos) << flag << " is not tried here";
  }
  EXPECT_NE(help.out.find("ONLINE, OFFLINE or HYBRID"), std::string::npos) << help.out;
  EXPECT_NE(help.out.find("KEEP or RELEASE"), std::string::npos) << help.out;
  const Json created =
      RunJson("policies create --product " + product["id"].get<std::string>() + flags);
  const Json expected = {
      {"name", "Pro"},
      {"description", "For teams"},
      {"sku", "PRO-TEAM-30D"},
      {"duration_days", 30},
      {"validity_basis", "FROM_FIRST_ACTIVATION"},
      {"max_activations", 5},
      {"features", {"a", "b"}},
      {"deployment_mode", "HYBRID"},
      {"trial", true},
      {"heartbeat_interval_s", 600},
      {"heartbeat_grace_s", 60},
      {"offline_grace_s", 3600},
      {"dead_activation", "RELEASE"},
      {"expiry_grace_days", 3},
      {"fingerprint_rule", {{"components", {"mac", "disk"}}, {"min_matching", 1}}}};
  for (const auto& [key, value] : expected.items()) EXPECT_EQ(created[key], value) << key;

  const std::string id = created["id"];
  EXPECT_EQ(RunJson("policies list --sku PRO-TEAM-30D")[0]["id"], id);
  EXPECT_EQ(RunJson("policies list --sku PRO-TEAM-1Y").size(), 0u);
  const Json changed =
      RunJson("policies update " + id + " --offline-grace none --duration-days none");
  EXPECT_TRUE(changed["offline_grace_s"].is_null());
  EXPECT_TRUE(changed["duration_days"].is_null());
  EXPECT_EQ(changed["name"], "Pro");
  EXPECT_EQ(
      Run("policies update " + id + " --product " + product["id"].get<std::string>()).exit_code, 2)
      << "a policy's product is given once, at creation";
}

TEST_F(Cli, ErrorsAreClearAndExitNonZero) {
  const CliResult missing = Run("products get prod_nope");
  EXPECT_EQ(missing.exit_code, 1);
  EXPECT_NE(missing.out.find("product not found (NOT_FOUND, HTTP 404)"), std::string::npos)
      << missing.out;
  const CliResult bad_int = Run("policies create --product p --name x --max-activations many");
  EXPECT_EQ(bad_int.exit_code, 2);
  EXPECT_NE(bad_int.out.find("not a whole number"), std::string::npos) << bad_int.out;
  const CliResult bad_field = Run("policies create --product p --name x --deployment-mode CLOUD");
  EXPECT_EQ(bad_field.exit_code, 1);
  EXPECT_NE(bad_field.out.find("deployment_mode"), std::string::npos) << bad_field.out;
  EXPECT_EQ(Run("products list", "lsr_wrong_token_that_is_long_enough_0000000").exit_code, 1);
  const CliResult unreachable = Run("--url http://127.0.0.1:1 products list");
  EXPECT_EQ(unreachable.exit_code, 2);
  EXPECT_NE(unreachable.out.find("cannot reach"), std::string::npos);
  EXPECT_EQ(Run("frobnicate").exit_code, 2);
  EXPECT_EQ(Run("--help").exit_code, 0);
  // The usual verb where another is meant says which one, with --help too.
  for (const char* args : {"licenses create --help", "licenses create --policy p"}) {
    const CliResult wrong_verb = Run(args);
    EXPECT_NE(wrong_verb.out.find("use 'licensorctl licenses issue'"), std::string::npos)
        << args << "\n"
        << wrong_verb.out;
  }
  EXPECT_NE(Run("licenses create --policy p").exit_code, 0);
}

// A trial becomes the paid license by moving it to the paid policy, from the command line.
TEST_F(Cli, MovesALicenseToAnotherPolicy) {
  const std::string product = CreateProduct()["id"];
  const std::string trial =
      CreatePolicy(product, {{"name", "trial"}, {"duration_days", 7}, {"trial", true}})["id"];
  const std::string paid = CreatePolicy(
      product, {{"name", "paid"}, {"duration_days", 365}, {"features", {"core", "reports"}}})["id"];
  const Json license = RunJson("licenses issue --policy " + trial + " --customer " +
                               CreateCustomer()["id"].get<std::string>());
  const Json moved =
      RunJson("licenses update " + license["id"].get<std::string>() + " --policy " + paid);
  EXPECT_EQ(moved["policy_id"], paid);
  EXPECT_EQ(moved["duration_days"], 365);
  EXPECT_EQ(moved["features"], Json({"core", "reports"}));
}

// The license list's filters the console's dashboard links to: by code and by expiry.
TEST_F(Cli, ListsLicensesByCodeAndByExpiry) {
  const Json soon = IssueLicense({{"duration_days", 5}});
  IssueLicense({{"duration_days", 60}});
  IssueLicense(Json::object());  // perpetual
  EXPECT_EQ(RunJson("licenses list --expires-within-days 7").size(), 1u);
  EXPECT_EQ(RunJson("licenses list --expires-within-days 90 --status ACTIVE").size(), 2u);
  const Json found = RunJson("licenses list --code " + soon["code"].get<std::string>());
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(found[0]["id"], soon["id"]);
  EXPECT_NE(Run("licenses list --expires-within-days soon").exit_code, 0);
}

}  // namespace
}  // namespace licensor::testing
