// Two real licensord processes: the vendor issues signed files for an installation, and the
// installation's own licensord, trusting the vendor's key, is the registry its platform asks.
#pragma once

#include <fstream>
#include <memory>
#include <string>

#include "tests/support/e2e_fixture.hpp"

namespace licensor::testing {

// A vendor licensord (the fixture's server) and an installation's licensord (`site_`) whose
// registry trusts the vendor's keys; both read the time from their clock files.
class Registry : public LicensordTest {
 protected:
  void SetUp() override {
    LicensordTest::SetUp();
    const Json customer = CreateCustomer("Acme");
    installation_ = Created(admin().Post("/v1/installations", {{"customer_id", customer["id"]},
                                                               {"tenant_id", "acme"},
                                                               {"environment", "PROD"},
                                                               {"name", "Acme"}}));
    other_ = Created(admin().Post("/v1/installations", {{"customer_id", customer["id"]},
                                                        {"tenant_id", "acme"},
                                                        {"environment", "UAT"},
                                                        {"name", "Acme UAT"}}));
    keys_ = server_.dir() + "/vendor-keys.json";
    std::ofstream(keys_) << admin().Get("/v1/keys/public").json.dump();
    std::vector<std::string> args = {
        "--client-rate-limit",        "0",
        "--registry-installation-id", installation_["id"].get<std::string>(),
        "--registry-public-keys",     keys_};
    args.insert(args.end(), site_args_.begin(), site_args_.end());
    site_ = std::make_unique<LicensordProcess>(args);
    site_->Start();
    site_admin_ = std::make_unique<Api>(site_->Admin());
  }
  std::string Package(const std::string& installation_id, Json certificates) {
    const ApiResponse r = admin().Post("/v1/installations/" + installation_id + "/packages",
                                       {{"certificates", certificates}});
    EXPECT_EQ(r.status, 201) << r.body;
    return r.json["file"];
  }
  ApiResponse Upload(const std::string& file) {
    return site_admin_->Post("/v1/registry/uploads", {{"file", file}});
  }
  Json Certificates() { return site_admin_->Get("/v1/registry/certificates").json["data"]; }
  Json Check(Json body) { return site_admin_->Post("/v1/registry/check", body).json; }

  // More flags for the installation's licensord, set by a fixture before SetUp.
  std::vector<std::string> site_args_;
  Json installation_, other_;
  std::string keys_;
  std::unique_ptr<LicensordProcess> site_;
  std::unique_ptr<Api> site_admin_;
};

}  // namespace licensor::testing
