// Signed license files from a real licensord: offline activation, the client download, key
// rotation and retirement, bundles, and `licensorctl license verify`.

#include <fstream>

#include "crypto/bundle.hpp"
#include "crypto/fingerprint_request.hpp"
#include "crypto/license_file.hpp"
#include "crypto/public_keys_file.hpp"
#include "crypto/random.hpp"
#include "tests/support/e2e_fixture.hpp"
#include "tests/support/run_command.hpp"

namespace licensor::testing {
namespace {

crypto::FingerprintRequest MachineRequest(const std::string& mac, const std::string& disk) {
  crypto::FingerprintRequest r;
  r.components = {{"mac", mac}, {"cpu", "Xeon E-2288G"}, {"disk", disk}};
  r.fingerprint = crypto::FingerprintOf(r.components);
  r.hostname = "plant-server";
  r.platform = "linux-x86_64";
  r.virtualization = "none";
  r.created_at = 1'800'000'000;
  return r;
}

Json RequestJson(const crypto::FingerprintRequest& r) {
  return Json::parse(crypto::WriteFingerprintRequest(r));
}

class LicenseFiles : public LicensordTest {
 protected:
  void SetUp() override {
    ASSERT_TRUE(crypto::Initialize());
    LicensordTest::SetUp();
  }
  crypto::PublicKeys ServerKeys() {
    const ApiResponse res = admin().Get("/v1/keys/public");
    EXPECT_EQ(res.status, 200) << res.body;
    return crypto::ReadPublicKeysDocument(res.json).value();
  }
  Json OfflinePolicy() {
    return {{"deployment_mode", "OFFLINE"},
            {"max_activations", 2},
            {"duration_days", nullptr},
            {"features", {"core", "reports"}},
            {"fingerprint_rule", {{"components", {"mac", "cpu", "disk"}}, {"min_matching", 2}}}};
  }
  ApiResponse OfflineFile(const std::string& license_id, const Json& request,
                          bool encrypt = false) {
    return admin().Post("/v1/licenses/" + license_id + "/offline-files",
                        {{"request", request}, {"encrypt", encrypt}});
  }
  ApiResponse Download(const std::string& code, const std::string& fingerprint,
                       const std::string& query = "") {
    return client().Raw(
        "GET", "/v1/client/license-file" + query, "", "application/json",
        {{"Authorization", "License " + code}, {"Licensor-Fingerprint", fingerprint}});
  }
  std::string WriteFile(const std::string& name, const std::string& content) {
    const std::string path = server_.dir() + "/" + name;
    std::ofstream(path, std::ios::binary) << content;
    return path;
  }
  CommandResult Ctl(const std::string& args) {
    return RunCommand("LICENSOR_URL=" + server_.url() + " LICENSOR_TOKEN='" +
                      server_.admin_token() + "' " + LICENSORCTL_PATH + " " + args + " 2>&1");
  }
};

TEST_F(LicenseFiles, OfflineFileTakesASlotShowsOfflineAndVerifies) {
  const Json license = IssueLicense(OfflinePolicy());
  const std::string id = license["id"];
  const auto machine = MachineRequest("02:00:00:00:00:01", "SN-1");

  const ApiResponse first = OfflineFile(id, RequestJson(machine));
  ASSERT_EQ(first.status, 201) << first.body;
  EXPECT_TRUE(first.json["created"]);
  EXPECT_TRUE(first.json["activation"]["offline"]);
  // The same machine again reissues without a new slot.
  const ApiResponse again = OfflineFile(id, RequestJson(machine));
  ASSERT_EQ(again.status, 200) << again.body;
  EXPECT_FALSE(again.json["created"]);

  const Json details = admin().Get("/v1/licenses/" + id).json;
  EXPECT_EQ(details["activations_count"], 1);
  ASSERT_EQ(Activations(id).size(), 1u);
  EXPECT_TRUE(Activations(id)[0]["offline"]);
  EXPECT_EQ(Activations(id, "&offline=true").size(), 1u);
  EXPECT_TRUE(Activations(id, "&offline=false").empty());

  const auto opened =
      crypto::OpenLicense(first.json["license_file"].get<std::string>(), ServerKeys());
  ASSERT_EQ(opened.code, crypto::FileCode::kValid) << opened.detail;
  EXPECT_EQ(opened.payload.license_code, license["code"]);
  EXPECT_EQ(opened.payload.fingerprint, machine.fingerprint);
  EXPECT_EQ(opened.payload.mode, "OFFLINE");
  EXPECT_FALSE(opened.payload.refresh_by.has_value());
  EXPECT_FALSE(opened.payload.expires_at.has_value());  // perpetual
  EXPECT_EQ(opened.payload.features, (std::vector<std::string>{"core", "reports"}));

  // Offline machines send no heartbeats; the dead-activation job leaves them alone.
  server_.AdvanceDays(400);
  RunJobs();
  EXPECT_EQ(Activations(id)[0]["state"], "ALIVE");
}

TEST_F(LicenseFiles, OfflineFilesCountAgainstTheCapAndRefuseBadRequests) {
  const Json license = IssueLicense(OfflinePolicy());
  const std::string id = license["id"];
  ASSERT_EQ(OfflineFile(id, RequestJson(MachineRequest("02:00:00:00:00:01", "A"))).status, 201);
  ASSERT_EQ(Activate(license["code"], "online-machine").status, 201);
  const ApiResponse full = OfflineFile(id, RequestJson(MachineRequest("02:00:00:00:00:09", "Z")));
  EXPECT_EQ(full.status, 409);
  EXPECT_EQ(full.json["code"], "ACTIVATION_LIMIT_REACHED");

  Json edited = RequestJson(MachineRequest("02:00:00:00:00:02", "B"));
  edited["components"]["disk"] = "C";  // the fingerprint no longer matches
  const ApiResponse tampered = OfflineFile(id, edited);
  EXPECT_EQ(tampered.status, 400);
  EXPECT_EQ(tampered.json["code"], "INVALID_FINGERPRINT_REQUEST");
  EXPECT_EQ(admin().Post("/v1/licenses/" + id + "/offline-files", {{"request", "text"}}).status,
            400);
  EXPECT_EQ(admin().Post("/v1/licenses/" + id + "/offline-files", {{"requests", {}}}).status, 400);
  EXPECT_EQ(OfflineFile("lic_missing", RequestJson(MachineRequest("a", "b"))).status, 404);

  const Json online = IssueLicense({{"deployment_mode", "ONLINE"}});
  const ApiResponse refused =
      OfflineFile(online["id"], RequestJson(MachineRequest("02:00:00:00:00:01", "A")));
  EXPECT_EQ(refused.status, 409);
  EXPECT_EQ(refused.json["code"], "OFFLINE_NOT_ALLOWED");
}

TEST_F(LicenseFiles, ClientDownloadRecordsTheVersionAndClearsUpdateAvailable) {
  const Json license = IssueLicense({{"deployment_mode", "HYBRID"},
                                     {"duration_days", 7},
                                     {"heartbeat_interval_s", 3600},
                                     {"heartbeat_grace_s", 600}});
  const std::string code = license["code"];
  ASSERT_EQ(Activate(code, "fp-app").status, 201);
  const auto heartbeat = [&] {
    return client().Post("/v1/client/heartbeat", {{"code", code}, {"fingerprint", "fp-app"}}).json;
  };
  EXPECT_FALSE(heartbeat()["update_available"]);
  ASSERT_EQ(
      admin().Post("/v1/licenses/" + license["id"].get<std::string>() + "/actions/renew").status,
      200);
  EXPECT_TRUE(heartbeat()["update_available"]);

  const ApiResponse file = Download(code, "fp-app");
  ASSERT_EQ(file.status, 200) << file.body;
  EXPECT_EQ(file.headers.at("content-type"), "application/vnd.licensor.license");
  const auto opened = crypto::OpenLicense(file.body, ServerKeys());
  ASSERT_EQ(opened.code, crypto::FileCode::kValid) << opened.detail;
  EXPECT_EQ(opened.payload.license_version,
            std::stoll(file.headers.at("licensor-license-version")));
  EXPECT_EQ(opened.payload.mode, "HYBRID");
  ASSERT_TRUE(opened.payload.refresh_by.has_value());
  EXPECT_EQ(*opened.payload.refresh_by - opened.payload.issued_at, 3600);
  EXPECT_EQ(opened.payload.offline_grace_s, 600);
  EXPECT_FALSE(heartbeat()["update_available"]);

  const ApiResponse encrypted = Download(code, "fp-app", "?encrypt=true");
  ASSERT_EQ(encrypted.status, 200);
  EXPECT_EQ(
      crypto::OpenLicense(encrypted.body, ServerKeys(), crypto::DecryptionInput{code, "fp-app"})
          .code,
      crypto::FileCode::kValid);

  EXPECT_EQ(Download(code, "fp-other").json["code"], "NOT_ACTIVATED");
  EXPECT_EQ(Download("LIC-0000-none-none", "fp-app").json["code"], "LICENSE_NOT_FOUND");
  EXPECT_EQ(client().Raw("GET", "/v1/client/license-file", "").status, 401);
  EXPECT_EQ(Download(code, "").status, 400);
  EXPECT_EQ(Download(code, "fp-app", "?encrypt=maybe").status, 400);
}

TEST_F(LicenseFiles, RotatedKeysSignNewFilesAndRetiredKeysAreRefused) {
  const Json license = IssueLicense(OfflinePolicy());
  const std::string id = license["id"];
  const Json request = RequestJson(MachineRequest("02:00:00:00:00:01", "A"));
  const std::string old_file = OfflineFile(id, request).json["license_file"];
  const std::string old_key = crypto::OpenLicense(old_file, ServerKeys()).key_id;

  const Json operator_token =
      Created(admin().Post("/v1/tokens", {{"name", "ops"}, {"role", "operator"}}));
  Api operator_api(server_.url(), operator_token["token"]);
  EXPECT_EQ(operator_api.Post("/v1/keys/rotate").status, 403);

  const ApiResponse rotated = admin().Post("/v1/keys/rotate");
  ASSERT_EQ(rotated.status, 201) << rotated.body;
  const std::string new_key = rotated.json["key_id"];
  EXPECT_NE(new_key, old_key);
  const std::string new_file = OfflineFile(id, request).json["license_file"];
  EXPECT_EQ(crypto::OpenLicense(new_file, ServerKeys()).key_id, new_key);
  EXPECT_EQ(crypto::OpenLicense(old_file, ServerKeys()).code, crypto::FileCode::kValid);

  EXPECT_EQ(admin().Post("/v1/keys/" + new_key + "/retire").json["code"], "CONFLICT");
  EXPECT_EQ(admin().Post("/v1/keys/0123456789abcdef/retire").status, 404);
  ASSERT_EQ(admin().Post("/v1/keys/" + old_key + "/retire").status, 204);
  EXPECT_EQ(crypto::OpenLicense(old_file, ServerKeys()).code, crypto::FileCode::kRetiredKey);
  EXPECT_EQ(crypto::OpenLicense(new_file, ServerKeys()).code, crypto::FileCode::kValid);

  // Survives a restart: the retired key stays retired, the new key stays current.
  server_.Stop();
  server_.Start();
  admin_ = std::make_unique<Api>(server_.Admin());
  const Json keys = ListAll(admin(), "/v1/keys", "", 1);  // a page of one at a time
  ASSERT_EQ(keys.size(), 2u);
  EXPECT_TRUE(admin().Get("/v1/keys?limit=1").json["next_cursor"].is_string());
  for (const auto& key : keys) {
    EXPECT_EQ(key["retired"], key["key_id"] == old_key);
    EXPECT_EQ(key["current"], key["key_id"] == new_key);
  }
  // The first key's creation, then the rotation and the retirement, each recorded once.
  const Json events = admin().Get("/v1/events?resource_type=key").json["data"];
  ASSERT_EQ(events.size(), 3u);
  EXPECT_EQ(events[0]["action"], "key.created");
  EXPECT_EQ(events[0]["resource_id"], old_key);
  EXPECT_EQ(events[1]["action"], "key.rotated");
  EXPECT_EQ(events[2]["action"], "key.retired");
}

TEST_F(LicenseFiles, BundlesCarryTheRefreshedFileAndTheKeys) {
  const Json license = IssueLicense(OfflinePolicy());
  const std::string id = license["id"];
  const Json activation =
      OfflineFile(id, RequestJson(MachineRequest("02:00:00:00:00:01", "A"))).json["activation"];
  ASSERT_EQ(
      admin().Patch("/v1/licenses/" + id, {{"features", {"core", "reports", "export"}}}).status,
      200);
  const ApiResponse res = admin().Post(
      "/v1/licenses/" + id + "/bundles",
      {{"activation_id", activation["id"]}, {"server_url", "https://licensing.example"}});
  ASSERT_EQ(res.status, 201) << res.body;
  const auto bundle = crypto::OpenBundle(res.json["bundle"].get<std::string>(), ServerKeys());
  ASSERT_TRUE(bundle.ok) << bundle.detail;
  EXPECT_NE(bundle.bundle.config_template.find("https://licensing.example"), std::string::npos);
  const auto inner = crypto::OpenLicense(bundle.bundle.license_file, ServerKeys());
  ASSERT_EQ(inner.code, crypto::FileCode::kValid);
  EXPECT_EQ(inner.payload.features, (std::vector<std::string>{"core", "export", "reports"}));
  EXPECT_EQ(admin().Post("/v1/licenses/" + id + "/bundles", {{"activation_id", "act_x"}}).status,
            404);
  EXPECT_EQ(admin().Post("/v1/licenses/" + id + "/bundles", Json::object()).status, 400);
  EXPECT_EQ(admin()
                .Post("/v1/licenses/" + id + "/bundles",
                      {{"activation_id", activation["id"]}, {"server_url", "x\"\ninjected = 1"}})
                .json["code"],
            "INVALID_FIELD");
}

TEST_F(LicenseFiles, LicensorctlIssuesVerifiesAndExplainsRefusals) {
  const Json license = IssueLicense(OfflinePolicy());
  const std::string id = license["id"];
  const auto machine = MachineRequest("02:00:00:00:00:01", "A");
  const std::string request = WriteFile("request.json", crypto::WriteFingerprintRequest(machine));
  const std::string lic = server_.dir() + "/license.lic";
  const std::string keys = server_.dir() + "/keys.json";

  auto r = Ctl("license offline-file " + id + " --request " + request + " -o " + lic);
  ASSERT_EQ(r.exit_code, 0) << r.output;
  r = Ctl("keys public -o " + keys);
  ASSERT_EQ(r.exit_code, 0) << r.output;

  // The server's clock is in 2027 (tests/support/licensord_process.hpp); check as of then.
  const std::string at = " --at 2027-06-01T00:00:00Z";
  r = Ctl("license verify " + lic + " --public-keys " + keys + " --fingerprint-request " + request +
          at);
  EXPECT_EQ(r.exit_code, 0) << r.output;
  EXPECT_NE(r.output.find("Verdict: VALID"), std::string::npos) << r.output;
  EXPECT_NE(r.output.find(license["code"].get<std::string>()), std::string::npos);

  // Another machine with two changed parts: refused, and the output says which.
  const std::string other = WriteFile(
      "other.json", crypto::WriteFingerprintRequest(MachineRequest("02:00:00:00:00:07", "Q")));
  r = Ctl("license verify " + lic + " --public-keys " + keys + " --fingerprint-request " + other +
          at);
  EXPECT_EQ(r.exit_code, 1) << r.output;
  EXPECT_NE(r.output.find("FINGERPRINT_MISMATCH"), std::string::npos) << r.output;
  EXPECT_NE(r.output.find("mac"), std::string::npos);

  std::ifstream in(lic);
  std::string text((std::istreambuf_iterator<char>(in)), {});
  ChangeBase64Char(text, text.find("\n\n") + 10);
  const std::string tampered = WriteFile("tampered.lic", text);
  r = Ctl("--json license verify " + tampered + " --public-keys " + keys + at);
  EXPECT_EQ(r.exit_code, 1) << r.output;
  EXPECT_EQ(Json::parse(r.output, nullptr, false).value("code", ""), "BAD_SIGNATURE") << r.output;

  // Without --public-keys the server's keys are used; --at checks another moment.
  r = Ctl("--json license verify " + lic + " --at 1990-01-01T00:00:00Z");
  EXPECT_EQ(r.exit_code, 1) << r.output;
  EXPECT_EQ(Json::parse(r.output, nullptr, false).value("code", ""), "NOT_YET_VALID");

  r = Ctl("license verify /nonexistent.lic --public-keys " + keys);
  EXPECT_EQ(r.exit_code, 2) << r.output;

  r = Ctl("keys rotate");
  EXPECT_EQ(r.exit_code, 0) << r.output;
  r = Ctl("--json keys list");
  EXPECT_EQ(Json::parse(r.output, nullptr, false).size(), 2u) << r.output;

  const std::string activation = Activations(id)[0]["id"];
  const std::string bundle = server_.dir() + "/update.bundle";
  r = Ctl("bundle create --license " + id + " --activation " + activation + " -o " + bundle);
  ASSERT_EQ(r.exit_code, 0) << r.output;
  std::ifstream bundle_in(bundle);
  const std::string bundle_text((std::istreambuf_iterator<char>(bundle_in)), {});
  EXPECT_TRUE(crypto::OpenBundle(bundle_text, ServerKeys()).ok);
}

}  // namespace
}  // namespace licensor::testing
