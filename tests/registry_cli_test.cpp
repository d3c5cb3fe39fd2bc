// licensorctl against both ends: the vendor issues a package, the installation's administrator
// uploads it and runs the registry with `licensorctl registry ...` and `webhooks ...`.
#include <fstream>
#include <regex>

#include "tests/support/registry_fixture.hpp"
#include "tests/support/run_command.hpp"

namespace licensor::testing {
namespace {

std::string ReadAll(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string((std::istreambuf_iterator<char>(in)), {});
}

// Whether licensorctl printed "key: value" (values are aligned, so any spacing between).
bool Shows(const std::string& output, const std::string& key, const std::string& value) {
  return std::regex_search(output, std::regex("(^|\n)" + key + ":\\s+" + value));
}

class RegistryCli : public Registry {
 protected:
  CommandResult Ctl(const LicensordProcess& server, const std::string& args) {
    return RunCommand("LICENSOR_URL=" + server.url() + " LICENSOR_TOKEN='" + server.admin_token() +
                      "' " + LICENSORCTL_PATH + " " + args + " 2>&1");
  }
  CommandResult Site(const std::string& args) { return Ctl(*site_, args); }
};

TEST_F(RegistryCli, UploadBindCheckAndAudit) {
  const std::string lcs = server_.dir() + "/acme.lcs";
  auto r =
      Ctl(server_, "installations package " + installation_["id"].get<std::string>() +
                       " --cert PLATFORM:SUBSCRIPTION:365 --cert AGENT:SUBSCRIPTION:30 -o " + lcs);
  ASSERT_EQ(r.exit_code, 0) << r.output;

  r = Site("registry upload " + lcs);
  ASSERT_EQ(r.exit_code, 0) << r.output;
  EXPECT_NE(r.output.find("certificate-package"), std::string::npos) << r.output;
  r = Site("registry upload " + lcs);
  EXPECT_TRUE(Shows(r.output, "changed", "false")) << r.output;

  r = Site("--json registry certificates --limit 1 --all");  // a page at a time
  ASSERT_EQ(r.exit_code, 0) << r.output;
  const Json certs = Json::parse(r.output);
  ASSERT_EQ(certs.size(), 2u);
  r = Site("--json registry certificates --limit 1");
  ASSERT_EQ(Json::parse(r.output).size(), 1u) << r.output;
  r = Site("registry certificates");
  EXPECT_NE(r.output.find("ACTIVATED"), std::string::npos) << r.output;
  EXPECT_NE(r.output.find("UNUSED"), std::string::npos) << r.output;

  r = Site("--json registry agents create Support");
  ASSERT_EQ(r.exit_code, 0) << r.output;
  const std::string agent = Json::parse(r.output)["id"];
  const std::string cert = certs[1]["id"];
  r = Site("registry bind " + cert + " " + agent);
  ASSERT_EQ(r.exit_code, 0) << r.output;
  EXPECT_TRUE(Shows(r.output, "status", "ACTIVATED")) << r.output;
  r = Site("registry bind " + cert + " " + agent);
  EXPECT_EQ(r.exit_code, 1) << r.output;
  EXPECT_NE(r.output.find("ALREADY_BOUND"), std::string::npos) << r.output;

  r = Site("registry check agent.message --agent " + agent);
  EXPECT_TRUE(Shows(r.output, "allowed", "true")) << r.output;
  r = Site("registry check module.use --module chat");
  EXPECT_NE(r.output.find("MODULE_NOT_LICENSED"), std::string::npos) << r.output;
  r = Site("registry platform");
  EXPECT_TRUE(Shows(r.output, "state", "ACTIVE")) << r.output;
  r = Site("registry agents list");
  EXPECT_NE(r.output.find("Support"), std::string::npos) << r.output;
  r = Site("--json registry users create ann");
  ASSERT_EQ(r.exit_code, 0) << r.output;
  r = Site("registry users delete " + Json::parse(r.output)["id"].get<std::string>());
  EXPECT_EQ(r.exit_code, 0) << r.output;

  // Audit: the upload, exactly as uploaded.
  r = Site("--json registry uploads");
  ASSERT_EQ(r.exit_code, 0) << r.output;
  const std::string upload = std::to_string(Json::parse(r.output)[0]["upload"].get<int>());
  const std::string saved = server_.dir() + "/saved.lcs";
  r = Site("registry download " + upload + " -o " + saved);
  ASSERT_EQ(r.exit_code, 0) << r.output;
  EXPECT_EQ(ReadAll(saved), ReadAll(lcs));
  EXPECT_EQ(Site("registry download 999 -o " + saved).exit_code, 1);

  // Bad inputs: a missing file, a tampered one.
  EXPECT_EQ(Site("registry upload " + server_.dir() + "/missing.lcs").exit_code, 2);
  std::string tampered = ReadAll(lcs);
  ChangeBase64Char(tampered, tampered.find("Signature: ") + 15);
  std::ofstream(server_.dir() + "/tampered.lcs") << tampered;
  r = Site("registry upload " + server_.dir() + "/tampered.lcs");
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.output.find("BAD_SIGNATURE"), std::string::npos) << r.output;
}

TEST_F(RegistryCli, WebhooksAndReminders) {
  auto r = Site("webhooks create http://127.0.0.1:9/hook");
  ASSERT_EQ(r.exit_code, 0) << r.output;
  EXPECT_TRUE(Shows(r.output, "secret", "whsec_")) << r.output;
  EXPECT_NE(r.output.find("will not be shown again"), std::string::npos) << r.output;
  r = Site("webhooks list");
  EXPECT_NE(r.output.find("http://127.0.0.1:9/hook"), std::string::npos) << r.output;
  EXPECT_EQ(r.output.find("whsec_"), std::string::npos) << r.output;
  EXPECT_EQ(Site("webhooks create ftp://x").exit_code, 1);

  ASSERT_EQ(Upload(Package(installation_["id"],
                           {{{"type", "PLATFORM"}, {"mode", "TEST"}, {"validity_days", 20}}}))
                .status,
            201);
  site_->AdvanceDays(5);  // 15 days left
  r = Site("jobs reminders");
  ASSERT_EQ(r.exit_code, 0) << r.output;
  EXPECT_TRUE(Shows(r.output, "reminders_sent", "1\n")) << r.output;
  r = Site("registry reminders");
  EXPECT_NE(r.output.find("expires in 15 days"), std::string::npos) << r.output;
  r = Site("--json webhooks list");
  const std::string id = Json::parse(r.output)[0]["id"];
  r = Site("webhooks deliveries " + id);
  EXPECT_NE(r.output.find("PENDING"), std::string::npos) << r.output;  // nothing listens on :9
  EXPECT_EQ(Site("webhooks delete " + id).exit_code, 0);

  // Where reminders are mailed: set, shown, refused when not an address, emptied.
  r = Site("--json registry reminder-recipients --set ops@acme.example --set it@acme.example");
  ASSERT_EQ(r.exit_code, 0) << r.output;
  EXPECT_EQ(Json::parse(r.output)["emails"], Json({"ops@acme.example", "it@acme.example"}));
  EXPECT_EQ(Json::parse(r.output)["email_enabled"], false);  // this licensord has no relay
  EXPECT_EQ(Site("registry reminder-recipients --set nobody").exit_code, 1);
  r = Site("--json registry reminder-recipients");
  EXPECT_EQ(Json::parse(r.output)["emails"].size(), 2u) << r.output;
  r = Site("--json registry reminder-recipients --none");
  EXPECT_EQ(Json::parse(r.output)["emails"], Json::array()) << r.output;
  r = Site("jobs mail");
  EXPECT_EQ(r.exit_code, 0) << r.output;
}

}  // namespace
}  // namespace licensor::testing
