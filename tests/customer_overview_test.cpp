// One customer's page across every model (GET /v1/customers/{id}/overview): its licenses with
// their machines, its installations, its day-cards and its sub-customers; read by the vendor
// for any customer, and by a customer's own users for theirs and those below only.
#include "tests/support/e2e_fixture.hpp"

namespace licensor::testing {
namespace {

class CustomerOverview : public LicensordTest {
 protected:
  void SetUp() override {
    LicensordTest::SetUp();
    acme_ = CreateCustomer("Acme")["id"];
    europe_ = Created(
        admin().Post("/v1/customers", {{"name", "Acme Europe"}, {"parent_id", acme_}}))["id"];
    stranger_ = CreateCustomer("Stranger")["id"];
    const Json product = CreateProduct();
    policy_ = CreatePolicy(product["id"], {{"name", "Two seats"}, {"max_activations", 2}})["id"];
  }
  Json License(const std::string& customer) {
    return Created(
        admin().Post("/v1/licenses", {{"policy_id", policy_}, {"customer_id", customer}}));
  }
  Api As(const std::string& customer, const std::string& role) {
    const Json token = Created(
        admin().Post("/v1/tokens",
                     {{"name", role + "-" + customer}, {"role", role}, {"customer_id", customer}}));
    return Api(server_.url(), token["token"]);
  }
  std::string Path(const std::string& customer) {
    return "/v1/customers/" + customer + "/overview";
  }

  std::string acme_, europe_, stranger_, policy_;
};

TEST_F(CustomerOverview, ShowsEveryModelACustomerHoldsTogether) {
  const Json license = License(acme_);
  ASSERT_EQ(Activate(license["code"], "fp-one", {{"hostname", "cam-host-1"}}).status, 201);
  ASSERT_EQ(Activate(license["code"], "fp-two").status, 201);
  Created(admin().Post("/v1/installations", {{"customer_id", acme_},
                                             {"tenant_id", "tenant-acme"},
                                             {"environment", "PROD"},
                                             {"name", "Acme production"}}));
  Created(admin().Post("/v1/device-models", {{"name", "CAM-1"}}));
  Created(admin().Post(
      "/v1/card-types",
      {{"code", "CAM-365"}, {"name", "Camera"}, {"models", {"CAM-1"}}, {"max_days", 365}}));
  Created(admin().Post(
      "/v1/cards",
      {{"type_code", "CAM-365"}, {"customer_id", acme_}, {"quantity", 3}, {"days", 30}}));

  const ApiResponse r = admin().Get(Path(acme_));
  ASSERT_EQ(r.status, 200) << r.body;
  const Json& o = r.json;
  EXPECT_EQ(o["customer"]["name"], "Acme");
  ASSERT_EQ(o["licenses"].size(), 1u);
  EXPECT_EQ(o["licenses"][0]["license"]["id"], license["id"]);
  EXPECT_EQ(o["licenses"][0]["policy_name"], "Two seats");
  ASSERT_EQ(o["licenses"][0]["machines"].size(), 2u);
  EXPECT_EQ(o["licenses"][0]["machines"][0]["hostname"], "cam-host-1");
  EXPECT_EQ(o["licenses"][0]["machines"][0]["state"], "ALIVE");
  EXPECT_EQ(o["licenses"][0]["more_machines"], false);
  EXPECT_EQ(o["more_licenses"], false);
  ASSERT_EQ(o["installations"].size(), 1u);
  EXPECT_EQ(o["installations"][0]["environment"], "PROD");
  ASSERT_EQ(o["cards"]["types"].size(), 1u);
  EXPECT_EQ(o["cards"]["types"][0]["UNUSED"], 3);
  EXPECT_EQ(o["cards"]["types"][0]["available_days"], 90);
  ASSERT_EQ(o["sub_customers"].size(), 1u);
  EXPECT_EQ(o["sub_customers"][0]["name"], "Acme Europe");

  // The customer's own users read the same page, and the pages below it.
  Api viewer = As(acme_, "customer_viewer");
  const ApiResponse own = viewer.Get(Path(acme_));
  ASSERT_EQ(own.status, 200) << own.body;
  EXPECT_EQ(own.json["licenses"][0]["machines"].size(), 2u);
  EXPECT_EQ(viewer.Get(Path(europe_)).status, 200);
  // Their licenses stay out of reach otherwise: the overview is what they may read.
  EXPECT_EQ(viewer.Get("/v1/licenses/" + license["id"].get<std::string>()).status, 403);
}

TEST_F(CustomerOverview, NobodySeesAboveOrBesideItself) {
  License(acme_);
  Api europe = As(europe_, "customer_admin"), stranger = As(stranger_, "customer_admin");
  for (Api* api : {&europe, &stranger}) {
    const ApiResponse r = api->Get(Path(acme_));
    EXPECT_EQ(r.status, 404) << r.body;  // not even whether it exists
    EXPECT_EQ(r.json["code"], "NOT_FOUND");
  }
  EXPECT_EQ(stranger.Get(Path(europe_)).status, 404);
  const ApiResponse mine = europe.Get(Path(europe_));
  ASSERT_EQ(mine.status, 200);
  EXPECT_TRUE(mine.json["licenses"].empty());
  EXPECT_EQ(admin().Get(Path("cus_nope")).status, 404);
  EXPECT_EQ(client().Get(Path(acme_)).status, 401);
}

TEST_F(CustomerOverview, EachListIsBoundedAndSaysWhenThereIsMore) {
  for (int i = 0; i < 51; ++i) License(europe_);
  const Json o = admin().Get(Path(europe_)).json;
  EXPECT_EQ(o["licenses"].size(), 50u);
  EXPECT_EQ(o["more_licenses"], true);
}

// A license's code and its machines' fingerprints and components are credentials: with them,
// POST /v1/client/deactivate frees a machine and the code activates new ones. They go only to
// the callers who may manage the license.
TEST_F(CustomerOverview, CredentialsGoOnlyToThoseWhoMayManageTheLicense) {
  const Json license = License(europe_);
  const std::string code = license["code"];
  ASSERT_EQ(Activate(code, "fp-europe-machine-1", {{"components", {{"mac", "aa:bb:cc:dd:ee:01"}}}})
                .status,
            201);
  const auto holds_credentials = [&](const ApiResponse& r) {
    return r.body.find(code) != std::string::npos ||
           r.body.find("fp-europe-machine-1") != std::string::npos ||
           r.body.find("aa:bb:cc:dd:ee:01") != std::string::npos;
  };
  Api europe_admin = As(europe_, "customer_admin");
  Api europe_viewer = As(europe_, "customer_viewer");
  Api acme_admin = As(acme_, "customer_admin");
  Api acme_viewer = As(acme_, "customer_viewer");

  EXPECT_TRUE(holds_credentials(europe_admin.Get(Path(europe_))));
  EXPECT_TRUE(holds_credentials(admin().Get(Path(europe_))));
  for (Api* reader : {&europe_viewer, &acme_admin, &acme_viewer}) {
    const ApiResponse r = reader->Get(Path(europe_));
    ASSERT_EQ(r.status, 200) << r.body;
    EXPECT_FALSE(holds_credentials(r)) << r.body;
    // Masked, yet told apart: the last four characters stay.
    EXPECT_EQ(r.json["licenses"][0]["license"]["code"], "****" + code.substr(code.size() - 4));
    EXPECT_EQ(r.json["licenses"][0]["machines"][0]["fingerprint"], "****ne-1");
  }
  // With what the superior's viewer read, a deactivation frees nothing.
  const Json seen = acme_viewer.Get(Path(europe_)).json["licenses"][0];
  EXPECT_EQ(
      client()
          .Post("/v1/client/deactivate", {{"code", seen["license"]["code"]},
                                          {"fingerprint", seen["machines"][0]["fingerprint"]}})
          .status,
      404);
  EXPECT_EQ(
      ListAll(admin(), "/v1/licenses/" + license["id"].get<std::string>() + "/activations").size(),
      1u);

  // Once Europe allows its superior to manage its licenses, Acme's admin sees them, and
  // Acme's viewer still does not.
  ASSERT_EQ(europe_admin
                .Patch("/v1/customers/" + europe_ + "/settings",
                       {{"allow_superior_manage_licenses", true}})
                .status,
            200);
  EXPECT_TRUE(holds_credentials(acme_admin.Get(Path(europe_))));
  EXPECT_FALSE(holds_credentials(acme_viewer.Get(Path(europe_))));
}

// The vendor's viewers read licenses, machines and the audit log, but manage nothing: they see
// the credentials masked; operators see them.
TEST_F(CustomerOverview, TheVendorsViewersSeeCredentialsMasked) {
  const Json license = License(acme_);
  const std::string code = license["code"];
  const std::string id = license["id"];
  ASSERT_EQ(Activate(code, "fp-acme-machine-1").status, 201);
  const auto token = [&](const std::string& role) {
    return Api(server_.url(),
               Created(admin().Post("/v1/tokens", {{"name", role}, {"role", role}}))["token"]);
  };
  Api viewer = token("viewer");
  Api op = token("operator");
  for (const std::string& path : std::vector<std::string>{"/v1/licenses", "/v1/licenses/" + id,
                                                          "/v1/licenses/" + id + "/activations",
                                                          "/v1/events?limit=500", Path(acme_)}) {
    const ApiResponse seen = viewer.Get(path);
    ASSERT_EQ(seen.status, 200) << path << seen.body;
    EXPECT_EQ(seen.body.find(code), std::string::npos) << path;
    EXPECT_EQ(seen.body.find("fp-acme-machine-1"), std::string::npos) << path;
    const ApiResponse managed = op.Get(path);
    EXPECT_TRUE(managed.body.find(code) != std::string::npos ||
                managed.body.find("fp-acme-machine-1") != std::string::npos)
        << path;
  }
}

}  // namespace
}  // namespace licensor::testing
