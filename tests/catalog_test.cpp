// The catalogue's lists as a vendor's own systems read them: policies by product and by SKU.
#include "tests/support/e2e_fixture.hpp"

namespace licensor::testing {
namespace {

class Catalog : public LicensordTest {
 protected:
  std::vector<std::string> PolicyNames(const std::string& query) {
    const ApiResponse res = admin().Get("/v1/policies" + query);
    EXPECT_EQ(res.status, 200) << res.body;
    std::vector<std::string> names;
    for (const auto& p : res.json["data"]) names.push_back(p["name"]);
    return names;
  }
};

// A shop that sells by SKU finds the policy to issue from; a SKU may be shared, one per product.
TEST_F(Catalog, PoliciesAreFoundBySkuAndByProduct) {
  const Json server = CreateProduct("Widget Server");
  const Json desktop = CreateProduct("Widget Desktop");
  CreatePolicy(server["id"], {{"name", "Server yearly"}, {"sku", "WS-1Y"}});
  CreatePolicy(server["id"], {{"name", "Server trial"}, {"sku", "WS-TRIAL"}});
  CreatePolicy(desktop["id"], {{"name", "Desktop yearly"}, {"sku", "WS-1Y"}});
  CreatePolicy(desktop["id"], {{"name", "Desktop, no SKU"}});

  EXPECT_EQ(PolicyNames("?sku=WS-TRIAL"), std::vector<std::string>{"Server trial"});
  EXPECT_EQ(PolicyNames("?sku=WS-1Y"),
            (std::vector<std::string>{"Server yearly", "Desktop yearly"}));
  EXPECT_EQ(PolicyNames("?sku=WS-1Y&product_id=" + desktop["id"].get<std::string>()),
            std::vector<std::string>{"Desktop yearly"});
  EXPECT_EQ(PolicyNames("?product_id=" + desktop["id"].get<std::string>()),
            (std::vector<std::string>{"Desktop yearly", "Desktop, no SKU"}));
  EXPECT_EQ(PolicyNames("?sku=ws-1y"), std::vector<std::string>{}) << "a SKU is matched exactly";
  EXPECT_EQ(PolicyNames("?sku=NONE"), std::vector<std::string>{});
  EXPECT_EQ(PolicyNames("").size(), 4u);
}

}  // namespace
}  // namespace licensor::testing
