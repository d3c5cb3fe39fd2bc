// The vendor's side of the platform-and-agents model on a real licensord: installations, signed
// certificate packages (.lcs) and deployment licenses (.lic), their history, and bad input.

#include <fstream>

#include "crypto/certificate_files.hpp"
#include "crypto/public_keys_file.hpp"
#include "crypto/random.hpp"
#include "tests/support/e2e_fixture.hpp"
#include "tests/support/run_command.hpp"

namespace licensor::testing {
namespace {

class Installations : public LicensordTest {
 protected:
  void SetUp() override {
    ASSERT_TRUE(crypto::Initialize());
    LicensordTest::SetUp();
    customer_ = CreateCustomer("Acme Manufacturing");
  }
  crypto::PublicKeys ServerKeys() {
    return crypto::ReadPublicKeysDocument(admin().Get("/v1/keys/public").json).value();
  }
  Json CreateInstallation(const std::string& environment = "PROD") {
    return Created(admin().Post("/v1/installations", {{"customer_id", customer_["id"]},
                                                      {"tenant_id", "tenant-acme"},
                                                      {"environment", environment},
                                                      {"name", "Acme production"}}));
  }
  Json customer_;
};

TEST_F(Installations, PackagesAndDeploymentLicensesAreSignedForTheirInstallation) {
  const Json installation = CreateInstallation();
  const std::string id = installation["id"];
  const std::string license_id = installation["license_id"];
  EXPECT_EQ(license_id.rfind("ENV-PROD-", 0), 0u) << license_id;
  EXPECT_NE(CreateInstallation()["license_id"], license_id);  // unique per installation

  const ApiResponse package =
      admin().Post("/v1/installations/" + id + "/packages",
                   {{"certificates",
                     {{{"type", "PLATFORM"}, {"mode", "SUBSCRIPTION"}, {"validity_days", 365}},
                      {{"type", "AGENT"}, {"mode", "SUBSCRIPTION"}, {"validity_days", 365}},
                      {{"type", "AGENT"}, {"mode", "SUBSCRIPTION"}, {"validity_days", 365}},
                      {{"type", "AGENT"}, {"mode", "TEST"}, {"validity_days", "PERMANENT"}}}}});
  ASSERT_EQ(package.status, 201) << package.body;
  EXPECT_EQ(package.json["kind"], "certificate-package");
  const auto lcs =
      crypto::OpenCertificatePackage(package.json["file"].get<std::string>(), ServerKeys());
  ASSERT_EQ(lcs.code, crypto::FileCode::kValid) << lcs.detail;
  EXPECT_EQ(lcs.payload.installation.license_id, license_id);
  EXPECT_EQ(lcs.payload.installation.customer_name, "Acme Manufacturing");
  ASSERT_EQ(lcs.payload.certificates.size(), 4u);
  EXPECT_EQ(lcs.payload.certificates[0].type, "PLATFORM");
  EXPECT_FALSE(lcs.payload.certificates[3].validity_days.has_value());
  EXPECT_NE(lcs.payload.certificates[1].id, lcs.payload.certificates[2].id);

  const Json terms = {{"modules",
                       {{{"code", "chat"}, {"restrictions", {{"model_types", {"gpt-4o"}}}}},
                        {{"code", "workflow"}}}},
                      {"effective_at", "2027-01-01T00:00:00Z"},
                      {"expires_at", "2028-01-01T00:00:00Z"},
                      {"max_users", 500},
                      {"max_agents", 20}};
  const ApiResponse first = admin().Post("/v1/installations/" + id + "/deployment-licenses", terms);
  ASSERT_EQ(first.status, 201) << first.body;
  const ApiResponse second =
      admin().Post("/v1/installations/" + id + "/deployment-licenses", terms);
  EXPECT_EQ(second.json["version"], 2);
  const auto lic =
      crypto::OpenDeploymentLicense(second.json["file"].get<std::string>(), ServerKeys());
  ASSERT_EQ(lic.code, crypto::FileCode::kValid) << lic.detail;
  EXPECT_EQ(lic.payload.version, 2);
  EXPECT_EQ(lic.payload.max_agents, 20);
  EXPECT_EQ(lic.payload.modules[0].restrictions.at("model_types"),
            std::vector<std::string>{"gpt-4o"});
  EXPECT_FALSE(crypto::OpenCertificatePackage(second.json["file"].get<std::string>(), ServerKeys())
                   .payload.certificates.size());

  const Json files = admin().Get("/v1/installations/" + id + "/files").json["data"];
  ASSERT_EQ(files.size(), 3u);
  EXPECT_EQ(files[0]["kind"], "certificate-package");
  EXPECT_EQ(files[2]["version"], 2);
  EXPECT_EQ(
      admin().Get("/v1/events?resource_type=installation&resource_id=" + id).json["data"].size(),
      4u);  // created, one package, two licenses
  EXPECT_EQ(admin()
                .Get("/v1/installations?customer_id=" + customer_["id"].get<std::string>())
                .json["data"]
                .size(),
            2u);
}

TEST_F(Installations, BadRequestsAreRefusedWithClearCodes) {
  const std::string id = CreateInstallation()["id"];
  const auto create = [&](Json body) { return admin().Post("/v1/installations", body); };
  EXPECT_EQ(create({{"customer_id", customer_["id"]},
                    {"tenant_id", "t"},
                    {"environment", "QA"},
                    {"name", "n"}})
                .status,
            400);
  EXPECT_EQ(create({{"customer_id", "cust_missing"},
                    {"tenant_id", "t"},
                    {"environment", "DEV"},
                    {"name", "n"}})
                .status,
            404);
  EXPECT_EQ(create({{"customer_id", customer_["id"]},
                    {"tenant_id", "t\n"},
                    {"environment", "DEV"},
                    {"name", "n"}})
                .status,
            400);
  EXPECT_EQ(
      create({{"customer_id", customer_["id"]}, {"environment", "DEV"}, {"name", "n"}}).status,
      400);

  const auto package = [&](Json certificate) {
    return admin().Post("/v1/installations/" + id + "/packages",
                        {{"certificates", Json::array({certificate})}});
  };
  EXPECT_EQ(package({{"type", "SERVER"}, {"mode", "TEST"}, {"validity_days", 1}}).json["code"],
            "INVALID_FIELD");
  EXPECT_EQ(package({{"type", "AGENT"}, {"mode", "RENTAL"}, {"validity_days", 1}}).status, 400);
  EXPECT_EQ(package({{"type", "AGENT"}, {"mode", "TEST"}, {"validity_days", 0}}).status, 400);
  EXPECT_EQ(package({{"type", "AGENT"}, {"mode", "TEST"}, {"validity_days", "FOREVER"}}).status,
            400);
  EXPECT_EQ(package({{"type", "AGENT"}, {"mode", "TEST"}}).status, 400);
  EXPECT_EQ(admin()
                .Post("/v1/installations/" + id + "/packages", {{"certificates", Json::array()}})
                .status,
            400);
  EXPECT_EQ(
      admin()
          .Post("/v1/installations/inst_missing/packages",
                {{"certificates", {{{"type", "AGENT"}, {"mode", "TEST"}, {"validity_days", 1}}}}})
          .status,
      404);

  const Json terms = {{"modules", Json::array()},
                      {"effective_at", "2027-01-01T00:00:00Z"},
                      {"expires_at", "2026-01-01T00:00:00Z"},
                      {"max_users", 5},
                      {"max_agents", 5}};
  EXPECT_EQ(admin().Post("/v1/installations/" + id + "/deployment-licenses", terms).status, 400);
  Json negative = terms;
  negative["expires_at"] = nullptr;
  negative["max_agents"] = -1;
  EXPECT_EQ(admin().Post("/v1/installations/" + id + "/deployment-licenses", negative).status, 400);
  Json twice = terms;
  twice["expires_at"] = nullptr;
  twice["modules"] = {{{"code", "chat"}}, {{"code", "chat"}}};
  EXPECT_EQ(admin().Post("/v1/installations/" + id + "/deployment-licenses", twice).status, 400);

  const Json viewer = Created(admin().Post("/v1/tokens", {{"name", "v"}, {"role", "viewer"}}));
  Api viewer_api(server_.url(), viewer["token"]);
  EXPECT_EQ(viewer_api.Get("/v1/installations/" + id).status, 200);
  EXPECT_EQ(
      viewer_api
          .Post("/v1/installations/" + id + "/packages",
                {{"certificates", {{{"type", "AGENT"}, {"mode", "TEST"}, {"validity_days", 1}}}}})
          .status,
      403);
}

TEST_F(Installations, LicensorctlIssuesBothFiles) {
  const auto ctl = [&](const std::string& args) {
    return RunCommand("LICENSOR_URL=" + server_.url() + " LICENSOR_TOKEN='" +
                      server_.admin_token() + "' " + LICENSORCTL_PATH + " " + args + " 2>&1");
  };
  auto r = ctl("--json installations create --customer " + customer_["id"].get<std::string>() +
               " --tenant tenant-acme --environment UAT --name 'Acme UAT'");
  ASSERT_EQ(r.exit_code, 0) << r.output;
  const std::string id = Json::parse(r.output)["id"];
  const std::string lcs = server_.dir() + "/acme.lcs";
  r = ctl("installations package " + id +
          " --cert PLATFORM:SUBSCRIPTION:365 --cert AGENT:TEST:PERMANENT -o " + lcs);
  ASSERT_EQ(r.exit_code, 0) << r.output;
  std::ifstream in(lcs);
  const std::string text((std::istreambuf_iterator<char>(in)), {});
  EXPECT_EQ(crypto::OpenCertificatePackage(text, ServerKeys()).payload.certificates.size(), 2u);

  const std::string lic = server_.dir() + "/acme.lic";
  r = ctl("installations deployment-license " + id +
          " --module 'chat:model_types=gpt-4o|llama-3' --module workflow"
          " --effective-at 2027-01-01T00:00:00Z --max-users 50 --max-agents 5 -o " +
          lic);
  ASSERT_EQ(r.exit_code, 0) << r.output;
  std::ifstream lic_in(lic);
  const std::string lic_text((std::istreambuf_iterator<char>(lic_in)), {});
  const auto opened = crypto::OpenDeploymentLicense(lic_text, ServerKeys());
  ASSERT_EQ(opened.code, crypto::FileCode::kValid) << opened.detail;
  EXPECT_EQ(opened.payload.modules[0].restrictions.at("model_types").size(), 2u);
  EXPECT_FALSE(opened.payload.expires_at.has_value());

  r = ctl("installations package " + id + " --cert PLATFORM:SUBSCRIPTION -o " + lcs);
  EXPECT_EQ(r.exit_code, 2) << r.output;
  r = ctl("installations files " + id);
  EXPECT_NE(r.output.find("deployment-license"), std::string::npos) << r.output;
}

}  // namespace
}  // namespace licensor::testing
