// licensorctl for device day-cards: the vendor sets up and issues, a customer sells in batches
// with a progress bar, binds, and reads its records and statistics.
#include <regex>

#include "tests/support/e2e_fixture.hpp"
#include "tests/support/run_command.hpp"

namespace licensor::testing {
namespace {

class CardsCli : public LicensordTest {
 protected:
  CommandResult Ctl(const std::string& token, const std::string& args) {
    return RunCommand("LICENSOR_URL=" + server_.url() + " LICENSOR_TOKEN='" + token + "' " +
                      LICENSORCTL_PATH + " " + args + " 2>&1");
  }
  CommandResult Vendor(const std::string& args) { return Ctl(server_.admin_token(), args); }
};

TEST_F(CardsCli, VendorSetsUpAndCustomersSellBindAndRead) {
  const std::string dealer = CreateCustomer("Dealer")["id"];
  const std::string shop =
      Created(admin().Post("/v1/customers", {{"name", "Shop"}, {"parent_id", dealer}}))["id"];
  ASSERT_EQ(Vendor("device-models create M1").exit_code, 0);
  auto r = Vendor("card-types create LT-M1 --name 'M1 card' --model M1 --max-days 365");
  ASSERT_EQ(r.exit_code, 0) << r.output;
  r = Vendor("--json tokens create --name dealer --role customer_admin --customer " + dealer);
  ASSERT_EQ(r.exit_code, 0) << r.output;
  const std::string dealer_token = Json::parse(r.output).value("token", "");
  ASSERT_FALSE(dealer_token.empty()) << r.output;

  // 2,500 cards go in three requests, with a progress bar.
  r = Vendor("cards issue --type LT-M1 --customer " + dealer + " --quantity 2500 --days 30");
  ASSERT_EQ(r.exit_code, 0) << r.output.substr(0, 2000);
  EXPECT_NE(r.output.find("] 1000/2500 cards"), std::string::npos);
  EXPECT_NE(r.output.find("[##############################] 2500/2500 cards"), std::string::npos);

  r = Ctl(dealer_token, "cards sell --to " + shop + " --quantity 1500");
  ASSERT_EQ(r.exit_code, 0) << r.output.substr(0, 2000);
  EXPECT_NE(r.output.find("1500/1500 cards"), std::string::npos);
  r = Ctl(dealer_token, "--json cards stats --customer " + shop);
  ASSERT_EQ(r.exit_code, 0) << r.output;
  EXPECT_EQ(Json::parse(r.output)["by_type"]["LT-M1"], 1500);
  r = Ctl(dealer_token, "cards sell --to " + shop + " --quantity 1001");
  EXPECT_EQ(r.exit_code, 1) << r.output;
  EXPECT_NE(r.output.find("1000 of 1001 cards were done"), std::string::npos) << r.output;
  EXPECT_NE(r.output.find("NOT_ENOUGH_CARDS"), std::string::npos) << r.output;
  EXPECT_EQ(Ctl(dealer_token, "cards sell --to " + shop).exit_code,
            2);  // neither how many nor which

  // A device, a binding, a deduction, and what they left behind (the dealer sold all it had).
  ASSERT_EQ(Vendor("cards issue --type LT-M1 --customer " + dealer + " --days 30").exit_code, 0);
  r = Vendor("devices register DEV-1 --model M1 --customer " + dealer);
  ASSERT_EQ(r.exit_code, 0) << r.output;
  EXPECT_NE(r.output.find("dev_"), std::string::npos);
  r = Ctl(dealer_token, "--json cards list --customer " + dealer + " --status UNUSED");
  ASSERT_EQ(r.exit_code, 0) << r.output;
  const Json unused = Json::parse(r.output);
  ASSERT_TRUE(unused.is_array() && !unused.empty()) << r.output.substr(0, 500);
  const std::string card = unused[0]["number"];
  ASSERT_EQ(Ctl(dealer_token, "cards bind " + card + " DEV-1").exit_code, 0);
  r = Vendor("jobs deduction");
  EXPECT_TRUE(std::regex_search(r.output, std::regex("deducted:\\s+1"))) << r.output;
  r = Ctl(dealer_token, "cards deductions --card " + card);
  EXPECT_NE(r.output.find("DEV-1"), std::string::npos) << r.output;
  r = Ctl(dealer_token, "cards get " + card);
  EXPECT_TRUE(std::regex_search(r.output, std::regex("status:\\s+IN_USE"))) << r.output;
  r = Ctl(dealer_token, "cards records --kind SALE");
  EXPECT_NE(r.output.find("SALE"), std::string::npos);
  EXPECT_EQ(
      Ctl(dealer_token, "customer-settings " + dealer + " --allow-superior-manage-licenses true")
          .exit_code,
      0);
  EXPECT_EQ(
      Ctl(dealer_token, "cards issue --type LT-M1 --customer " + dealer + " --days 1").exit_code,
      1);  // 403: customers do not issue
}

}  // namespace
}  // namespace licensor::testing
