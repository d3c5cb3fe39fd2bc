// Device day-cards end to end (seed 002): a three-level customer hierarchy selling, returning,
// locking and binding cards; the superior-management switch; card statuses; and deductions on
// the injected clock, by the daily job and by devices' reports, never twice.
#include <atomic>
#include <thread>

#include "tests/support/e2e_fixture.hpp"

namespace licensor::testing {
namespace {

constexpr std::int64_t kDay = 86400;

class Cards : public LicensordTest {
 protected:
  void SetUp() override {
    LicensordTest::SetUp();
    distributor_ = CreateCustomer("Distributor")["id"];
    dealer_ = Child("Dealer", distributor_);
    shop_ = Child("Shop", dealer_);
    stranger_ = CreateCustomer("Stranger")["id"];
    for (const char* model : {"M100", "M200"}) {
      Created(admin().Post("/v1/device-models", {{"name", model}}));
    }
    Created(admin().Post(
        "/v1/card-types",
        {{"code", "LT-M100"}, {"name", "M100 day card"}, {"models", {"M100"}}, {"max_days", 365}}));
  }
  std::string Child(const std::string& name, const std::string& parent) {
    return Created(admin().Post("/v1/customers", {{"name", name}, {"parent_id", parent}}))["id"];
  }
  // An API connection acting as `customer`'s administrator (or viewer).
  Api As(const std::string& customer, const std::string& role = "customer_admin") {
    const Json token = Created(
        admin().Post("/v1/tokens",
                     {{"name", role + "-" + customer}, {"role", role}, {"customer_id", customer}}));
    return Api(server_.url(), token["token"]);
  }
  std::vector<std::string> Issue(const std::string& customer, int quantity, int days) {
    const Json issued = Created(admin().Post("/v1/cards", {{"type_code", "LT-M100"},
                                                           {"customer_id", customer},
                                                           {"quantity", quantity},
                                                           {"days", days}}));
    std::vector<std::string> numbers;
    for (const Json& c : issued["data"]) numbers.push_back(c["number"]);
    return numbers;
  }
  // Registers a device and returns its reporting credential.
  std::string Device(const std::string& number, const std::string& model,
                     const std::string& customer) {
    return Created(admin().Post(
        "/v1/devices",
        {{"number", number}, {"model", model}, {"customer_id", customer}}))["credential"];
  }
  ApiResponse Report(const std::string& number, const std::string& credential) {
    return client().Raw("POST", "/v1/devices/" + number + "/reports", "{}", "application/json",
                        {{"Authorization", "Device " + credential}});
  }
  Json Card(Api& api, const std::string& number) { return api.Get("/v1/cards/" + number).json; }
  Json RunDeduction() {
    const ApiResponse r = admin().Post("/v1/jobs/deduction/run");
    EXPECT_EQ(r.status, 200) << r.body;
    return r.json;
  }

  std::string distributor_, dealer_, shop_, stranger_;
};

TEST_F(Cards, SellReturnLockAndBindDownAThreeLevelHierarchy) {
  Api distributor = As(distributor_), dealer = As(dealer_), shop = As(shop_);
  const auto issued = Issue(distributor_, 10, 30);

  // Sell by quantity: the system picks eligible cards.
  ApiResponse sold = distributor.Post("/v1/cards/sell", {{"to", dealer_}, {"quantity", 5}});
  ASSERT_EQ(sold.status, 200) << sold.body;
  EXPECT_EQ(sold.json["count"], 5);
  EXPECT_EQ(dealer.Get("/v1/cards?customer_id=" + dealer_).json["data"].size(), 5u);
  // Only to a direct sub-customer; never more than there are.
  EXPECT_EQ(distributor.Post("/v1/cards/sell", {{"to", shop_}, {"quantity", 1}}).json["code"],
            "INVALID_FIELD");
  const ApiResponse too_many = dealer.Post("/v1/cards/sell", {{"to", shop_}, {"quantity", 6}});
  EXPECT_EQ(too_many.status, 409);
  EXPECT_EQ(too_many.json["code"], "NOT_ENOUGH_CARDS");

  // Sell by list, then return one.
  const Json dealer_cards = dealer.Get("/v1/cards?customer_id=" + dealer_).json["data"];
  const std::string a = dealer_cards[0]["number"], b = dealer_cards[1]["number"];
  ASSERT_EQ(dealer.Post("/v1/cards/sell", {{"to", shop_}, {"numbers", {a, b}}}).status, 200);
  ASSERT_EQ(shop.Post("/v1/cards/return", {{"numbers", {b}}}).status, 200);
  EXPECT_EQ(Card(dealer, b)["customer_id"], dealer_);
  EXPECT_EQ(shop.Post("/v1/cards/return", {{"numbers", {issued[9]}}}).status, 404);  // not its own

  // Lock: only unused cards; a locked card is neither sold nor bound.
  const std::string c = dealer_cards[2]["number"];
  ASSERT_EQ(dealer.Post("/v1/cards/" + c + "/lock").json["locked"], true);
  EXPECT_EQ(dealer.Post("/v1/cards/sell", {{"to", shop_}, {"numbers", {c}}}).json["code"],
            "CARD_LOCKED");
  Device("D-DEALER", "M100", dealer_);
  EXPECT_EQ(dealer.Post("/v1/cards/" + c + "/bind", {{"device_number", "D-DEALER"}}).json["code"],
            "CARD_LOCKED");
  ASSERT_EQ(dealer.Post("/v1/cards/" + c + "/unlock").json["locked"], false);

  // Binding checks the model range.
  Device("D-SHOP-200", "M200", shop_);
  const ApiResponse mismatch =
      shop.Post("/v1/cards/" + a + "/bind", {{"device_number", "D-SHOP-200"}});
  EXPECT_EQ(mismatch.status, 409);
  EXPECT_EQ(mismatch.json["code"], "MODEL_MISMATCH");

  // A superior binding its own card to a sub-customer's device transfers the card.
  Device("D-SHOP", "M100", shop_);
  const ApiResponse transferred =
      dealer.Post("/v1/cards/" + c + "/bind", {{"device_number", "D-SHOP"}});
  ASSERT_EQ(transferred.status, 200) << transferred.body;
  EXPECT_EQ(transferred.json["customer_id"], shop_);
  EXPECT_EQ(transferred.json["status"], "INACTIVE");
  const auto kinds_seen_by = [&](Api& api) {
    const Json records = api.Get("/v1/card-records?card_number=" + c).json["data"];
    std::vector<std::string> kinds;
    for (const Json& r : records) kinds.push_back(r["kind"]);
    return kinds;
  };
  EXPECT_EQ(kinds_seen_by(distributor),
            (std::vector<std::string>{"ISSUE", "SALE", "LOCK", "UNLOCK", "TRANSFER", "BIND"}));
  // Each customer sees the records of its own subtree: not the issue to the distributor.
  EXPECT_EQ(kinds_seen_by(dealer),
            (std::vector<std::string>{"SALE", "LOCK", "UNLOCK", "TRANSFER", "BIND"}));
  EXPECT_EQ(dealer.Get("/v1/card-records?kind=SALE").json["data"].size(), 7u);

  // The superior sees the sub-customer's card, but operates it only when allowed.
  EXPECT_EQ(dealer.Get("/v1/cards/" + c).status, 200);
  EXPECT_EQ(distributor.Get("/v1/cards/" + c).status, 200);  // two levels up
  EXPECT_EQ(As(stranger_).Get("/v1/cards/" + c).status, 404);
  ApiResponse refused = dealer.Post("/v1/cards/" + c + "/unbind");
  EXPECT_EQ(refused.status, 403);
  EXPECT_EQ(refused.json["code"], "SUPERIOR_MANAGEMENT_NOT_ALLOWED");
  EXPECT_EQ(
      dealer
          .Patch("/v1/customers/" + shop_ + "/settings", {{"allow_superior_manage_licenses", true}})
          .status,
      403);  // only the shop's own administrator switches it
  ASSERT_EQ(
      shop.Patch("/v1/customers/" + shop_ + "/settings", {{"allow_superior_manage_licenses", true}})
          .json["allow_superior_manage_licenses"],
      true);
  EXPECT_EQ(dealer.Post("/v1/cards/" + c + "/unbind").json["status"], "UNUSED");
  const Json audit = admin().Get("/v1/events?resource_type=customer&resource_id=" + shop_).json;
  EXPECT_EQ(audit["data"].back()["action"], "customer.settings_updated");  // who and when
  ASSERT_EQ(shop.Patch("/v1/customers/" + shop_ + "/settings",
                       {{"allow_superior_manage_licenses", false}})
                .status,
            200);
  EXPECT_EQ(dealer.Post("/v1/cards/" + c + "/bind", {{"device_number", "D-SHOP"}}).json["code"],
            "SUPERIOR_MANAGEMENT_NOT_ALLOWED");

  // A viewer sees and does nothing else; vendor routes stay closed to customers.
  Api viewer = As(shop_, "customer_viewer");
  EXPECT_EQ(viewer.Get("/v1/cards").status, 200);
  EXPECT_EQ(viewer.Post("/v1/cards/" + c + "/lock").status, 403);
  EXPECT_EQ(shop.Get("/v1/licenses").status, 403);
  EXPECT_EQ(shop.Post("/v1/cards", {{"type_code", "LT-M100"}, {"customer_id", shop_}, {"days", 1}})
                .status,
            403);
}

TEST_F(Cards, StatusesPassThroughEveryRowOfTheSeedsTable) {
  Api shop = As(shop_);
  const auto cards = Issue(shop_, 1, 2);
  const std::string card = cards[0];
  const std::string credential = Device("D-1", "M100", shop_);
  EXPECT_EQ(Card(shop, card)["status"], "UNUSED");
  ASSERT_EQ(shop.Post("/v1/cards/" + card + "/bind", {{"device_number", "D-1"}}).status, 200);
  EXPECT_EQ(Card(shop, card)["status"], "INACTIVE");
  const ApiResponse first = Report("D-1", credential);  // no usage time yet: pays a day
  ASSERT_EQ(first.status, 200) << first.body;
  EXPECT_TRUE(first.json["deducted"]);
  EXPECT_EQ(first.json["usage_until"], "2027-01-02T00:00:00Z");
  Json c = Card(shop, card);
  EXPECT_EQ(c["status"], "IN_USE");
  EXPECT_EQ(c["activated_at"], "2027-01-01T00:00:00Z");
  EXPECT_EQ(c["available_days"], 1);
  EXPECT_FALSE(Report("D-1", credential).json["deducted"]);  // usage time left: nothing to pay
  ASSERT_EQ(shop.Post("/v1/cards/" + card + "/unbind").status, 200);
  EXPECT_EQ(Card(shop, card)["status"], "DEACTIVATED");
  ASSERT_EQ(shop.Post("/v1/cards/" + card + "/bind", {{"device_number", "D-1"}}).status, 200);
  server_.AdvanceDays(1);
  EXPECT_EQ(RunDeduction()["deducted"], 1);
  EXPECT_EQ(Card(shop, card)["status"], "EXPIRED");
  EXPECT_EQ(shop.Get("/v1/cards?status=EXPIRED").json["data"].size(), 1u);
  EXPECT_EQ(shop.Get("/v1/cards?status=IN_USE").json["data"].size(), 0u);
  EXPECT_EQ(shop.Get("/v1/cards?status=SOMETIMES").json["code"], "INVALID_FIELD");
}

TEST_F(Cards, ADeviceWithTwoCardsPaysFromTheEarliestActivatedFirst) {
  Api shop = As(shop_);
  const auto cards = Issue(shop_, 2, 2);
  Device("D-2", "M100", shop_);
  ASSERT_EQ(shop.Post("/v1/cards/" + cards[0] + "/bind", {{"device_number", "D-2"}}).status, 200);
  EXPECT_EQ(RunDeduction()["deducted"], 1);  // day 0: the only card
  server_.AdvanceDays(0.5);
  ASSERT_EQ(shop.Post("/v1/cards/" + cards[1] + "/bind", {{"device_number", "D-2"}}).status, 200);
  EXPECT_EQ(RunDeduction()["deducted"], 0);  // usage time left
  server_.AdvanceDays(0.5);
  EXPECT_EQ(RunDeduction()["deducted"], 1);  // day 1: the activated card again, to its end
  EXPECT_EQ(Card(shop, cards[0])["available_days"], 0);
  EXPECT_EQ(Card(shop, cards[1])["status"], "INACTIVE");
  server_.AdvanceDays(1);
  EXPECT_EQ(RunDeduction()["deducted"], 1);  // day 2: then the bound, inactive one
  EXPECT_EQ(Card(shop, cards[1])["status"], "IN_USE");
  EXPECT_EQ(Card(shop, cards[1])["activated_at"], "2027-01-03T00:00:00Z");
  const Json deductions = shop.Get("/v1/deductions?device_number=D-2").json["data"];
  ASSERT_EQ(deductions.size(), 3u);
  EXPECT_EQ(deductions[0]["card_number"], cards[0]);
  EXPECT_EQ(deductions[1]["card_number"], cards[0]);
  EXPECT_EQ(deductions[1]["balance_after"], 0);
  EXPECT_EQ(deductions[2]["card_number"], cards[1]);
}

// Unbinding the card that pays leaves the device its paid day; bound elsewhere, the card pays
// for that device, and its deductions are listed across both.
TEST_F(Cards, ACardMovedBetweenDevicesPaysForEachOnceAndIsListedAcrossThem) {
  Api shop = As(shop_);
  const auto cards = Issue(shop_, 2, 5);
  const std::string first = Device("D-A", "M100", shop_);
  const std::string second = Device("D-B", "M100", shop_);
  ASSERT_EQ(shop.Post("/v1/cards/" + cards[0] + "/bind", {{"device_number", "D-A"}}).status, 200);
  ASSERT_EQ(shop.Post("/v1/cards/" + cards[1] + "/bind", {{"device_number", "D-A"}}).status, 200);
  EXPECT_EQ(Report("D-A", first).json["usage_until"], "2027-01-02T00:00:00Z");  // cards[0] pays
  server_.AdvanceDays(0.25);
  ASSERT_EQ(shop.Post("/v1/cards/" + cards[0] + "/unbind").status, 200);
  const Json device = shop.Get("/v1/devices/D-A").json;
  EXPECT_EQ(device["usage_until"], "2027-01-02T00:00:00Z");  // the day paid stays with it
  EXPECT_EQ(Report("D-A", first).status, 200);
  EXPECT_EQ(RunDeduction()["deducted"], 0);
  EXPECT_EQ(Card(shop, cards[1])["status"], "INACTIVE");  // not charged for a paid day
  ASSERT_EQ(shop.Post("/v1/cards/" + cards[0] + "/bind", {{"device_number", "D-B"}}).status, 200);
  EXPECT_EQ(Report("D-B", second).status, 200);  // D-B had no time: cards[0] pays for it now
  server_.AdvanceDays(0.75);
  EXPECT_EQ(RunDeduction()["deducted"], 1);  // D-A's next day, from cards[1]
  EXPECT_EQ(Card(shop, cards[0])["available_days"], 3);
  EXPECT_EQ(Card(shop, cards[1])["available_days"], 4);
  const Json of_card = shop.Get("/v1/deductions?card_number=" + cards[0]).json["data"];
  ASSERT_EQ(of_card.size(), 2u);
  EXPECT_EQ(of_card[0]["device_number"], "D-A");
  EXPECT_EQ(of_card[1]["device_number"], "D-B");
  EXPECT_EQ(of_card[1]["balance_after"], 3);
  EXPECT_EQ(shop.Get("/v1/deductions?device_number=D-A").json["data"].size(), 2u);
}

TEST_F(Cards, AReportWithNothingToPayWithBlacklistsTheDevice) {
  const std::string credential = Device("D-3", "M100", shop_);
  EXPECT_EQ(Report("D-3", "dev_wrong").status, 401);
  EXPECT_EQ(client().Post("/v1/devices/D-3/reports").status, 401);  // no credential at all
  const ApiResponse refused = Report("D-3", credential);
  EXPECT_EQ(refused.status, 403);
  EXPECT_EQ(refused.json["code"], "DEVICE_BLACKLISTED");
  Api shop = As(shop_);
  const auto cards = Issue(shop_, 1, 5);
  ASSERT_EQ(shop.Post("/v1/cards/" + cards[0] + "/bind", {{"device_number", "D-3"}}).status, 200);
  EXPECT_EQ(Report("D-3", credential).json["code"], "DEVICE_BLACKLISTED");  // until lifted
  EXPECT_EQ(shop.Delete("/v1/devices/D-3/blacklist").status, 403);          // by an administrator
  ASSERT_EQ(admin().Delete("/v1/devices/D-3/blacklist").json["blacklisted"], false);
  EXPECT_EQ(Report("D-3", credential).status, 200);
  EXPECT_EQ(admin().Delete("/v1/devices/D-3/blacklist").status, 409);
}

TEST_F(Cards, ThirtyDaysOfRunsDeductThirtyDaysWhateverRacesThem) {
  Api shop = As(shop_);
  const auto cards = Issue(shop_, 1, 30);
  const std::string credential = Device("D-4", "M100", shop_);
  ASSERT_EQ(shop.Post("/v1/cards/" + cards[0] + "/bind", {{"device_number", "D-4"}}).status, 200);
  for (int day = 0; day < 30; ++day) {
    server_.SetTime(kStartTime + day * kDay + 3600);  // an hour into each day
    // The job twice and four reports at the same moment: one deduction.
    std::atomic<int> deducted{0};
    std::vector<std::thread> racers;
    for (int i = 0; i < 4; ++i) {
      racers.emplace_back([&] {
        Api device(server_.url(), "");
        const ApiResponse r =
            device.Raw("POST", "/v1/devices/D-4/reports", "{}", "application/json",
                       {{"Authorization", "Device " + credential}});
        if (r.json.value("deducted", false)) ++deducted;
      });
    }
    deducted += static_cast<int>(RunDeduction()["deducted"].get<std::int64_t>());
    for (auto& t : racers) t.join();
    deducted += static_cast<int>(RunDeduction()["deducted"].get<std::int64_t>());
    EXPECT_EQ(deducted.load(), 1) << "day " << day;
  }
  EXPECT_EQ(Card(shop, cards[0])["available_days"], 0);
  EXPECT_EQ(shop.Get("/v1/deductions?card_number=" + cards[0] + "&limit=100").json["data"].size(),
            30u);
  server_.SetTime(kStartTime + 30 * kDay + 3600);
  const Json run = RunDeduction();
  EXPECT_EQ(run["deducted"], 0);
  EXPECT_EQ(run["blacklisted"], 1);
  EXPECT_EQ(Report("D-4", credential).json["code"], "DEVICE_BLACKLISTED");
}

TEST_F(Cards, StatisticsCountWhatRunsLowAndEveryStatus) {
  Api shop = As(shop_), dealer = As(dealer_);
  Issue(shop_, 3, 40);
  Issue(shop_, 2, 20);
  const auto low = Issue(shop_, 1, 5);
  Issue(dealer_, 1, 10);
  Device("D-5", "M100", shop_);
  ASSERT_EQ(shop.Post("/v1/cards/" + low[0] + "/bind", {{"device_number", "D-5"}}).status, 200);
  RunDeduction();

  const Json stats = shop.Get("/v1/card-statistics").json;
  EXPECT_EQ(stats["fewer_than_30_days"]["count"], 3);
  EXPECT_EQ(stats["fewer_than_7_days"]["count"], 1);
  EXPECT_EQ(shop.Get(stats["fewer_than_30_days"]["list"]).json["data"].size(), 3u);
  EXPECT_EQ(stats["by_status"]["UNUSED"], 5);
  EXPECT_EQ(stats["by_status"]["IN_USE"], 1);
  EXPECT_EQ(stats["by_type"]["LT-M100"], 6);
  ASSERT_EQ(stats["types"].size(), 1u);
  const Json& type = stats["types"][0];
  EXPECT_EQ(type["models"], Json({"M100"}));
  EXPECT_EQ(type["available_days"], 3 * 40 + 2 * 20 + 4);
  EXPECT_EQ(type["UNUSED"], 5);
  EXPECT_EQ(type["IN_USE"], 1);
  EXPECT_EQ(type["EXPIRED"], 0);
  EXPECT_EQ(type["total"], 6);
  // The forecast: one device draws a day a day from these 164 days.
  EXPECT_EQ(type["drawing"], 1);
  EXPECT_EQ(type["runs_out_at"], "2027-06-14T00:00:00Z");
  EXPECT_TRUE(dealer.Get("/v1/card-statistics?customer_id=" + dealer_)
                  .json["types"][0]["runs_out_at"]
                  .is_null());  // nothing draws from the dealer's own card

  // A superior counts its whole subtree, or one sub-customer; others see none of it.
  EXPECT_EQ(dealer.Get("/v1/card-statistics").json["by_type"]["LT-M100"], 7);
  EXPECT_EQ(dealer.Get("/v1/card-statistics?customer_id=" + shop_).json["by_type"]["LT-M100"], 6);
  EXPECT_EQ(As(stranger_).Get("/v1/card-statistics?customer_id=" + shop_).status, 404);
  EXPECT_EQ(shop.Get("/v1/card-statistics?customer_id=" + dealer_).status, 404);  // not upwards
}

// What the console's device list, bind dialog and history need: devices by customer, model,
// number and blacklisting; records and deductions of one customer of the subtree.
TEST_F(Cards, DevicesRecordsAndDeductionsNarrowToOneCustomerOfTheSubtree) {
  Api dealer = As(dealer_), shop = As(shop_);
  Device("D-S1", "M100", shop_);
  Device("D-S2", "M200", shop_);
  Device("D-D1", "M100", dealer_);
  const auto numbers = [](const Json& page) {
    std::vector<std::string> out;
    for (const Json& d : page["data"])
      out.push_back(d.contains("number") ? d["number"] : d["card_number"]);
    return out;
  };
  EXPECT_EQ(numbers(dealer.Get("/v1/devices").json),
            (std::vector<std::string>{"D-S1", "D-S2", "D-D1"}));
  EXPECT_EQ(numbers(dealer.Get("/v1/devices?customer_id=" + shop_).json),
            (std::vector<std::string>{"D-S1", "D-S2"}));
  EXPECT_EQ(numbers(dealer.Get("/v1/devices?customer_id=" + shop_ + "&model=M100").json),
            std::vector<std::string>{"D-S1"});
  EXPECT_EQ(numbers(dealer.Get("/v1/devices?model=M200,M100&number=D-D1").json),
            std::vector<std::string>{"D-D1"});
  EXPECT_EQ(shop.Get("/v1/devices?customer_id=" + dealer_).status, 404);  // not upwards

  // A device with nothing to pay with is blacklisted by the run; the list says so.
  const auto cards = Issue(dealer_, 3, 1);
  ASSERT_EQ(
      dealer.Post("/v1/cards/sell", {{"to", shop_}, {"numbers", {cards[0], cards[1]}}}).status,
      200);
  ASSERT_EQ(shop.Post("/v1/cards/" + cards[0] + "/bind", {{"device_number", "D-S1"}}).status, 200);
  RunDeduction();
  server_.AdvanceDays(1);
  EXPECT_EQ(RunDeduction()["blacklisted"], 1);
  const Json blacklisted = dealer.Get("/v1/devices?blacklisted=true").json["data"];
  ASSERT_EQ(blacklisted.size(), 1u);
  EXPECT_EQ(blacklisted[0]["number"], "D-S1");
  EXPECT_EQ(blacklisted[0]["usage_until"], "2027-01-02T00:00:00Z");
  EXPECT_EQ(numbers(dealer.Get("/v1/devices?blacklisted=false").json),
            (std::vector<std::string>{"D-S2", "D-D1"}));

  // The shop's records are those it sent or received; kinds are chosen as a list.
  EXPECT_EQ(numbers(dealer.Get("/v1/card-records?customer_id=" + shop_ + "&kind=SALE").json),
            (std::vector<std::string>{cards[0], cards[1]}));
  EXPECT_EQ(
      numbers(dealer.Get("/v1/card-records?customer_id=" + shop_ + "&kind=SALE,BIND").json).size(),
      3u);
  EXPECT_EQ(
      dealer.Get("/v1/card-records?customer_id=" + dealer_ + "&kind=BIND").json["data"].size(), 0u);
  EXPECT_EQ(numbers(dealer.Get("/v1/deductions?customer_id=" + shop_).json),
            std::vector<std::string>{cards[0]});
  EXPECT_EQ(dealer.Get("/v1/deductions?customer_id=" + dealer_).json["data"].size(), 0u);
  EXPECT_EQ(As(stranger_).Get("/v1/deductions?customer_id=" + shop_).status, 404);

  // Bad filters are named.
  for (const char* bad :
       {"/v1/card-records?kind=SOLD", "/v1/card-records?kind=SALE,,BIND",
        "/v1/card-records?kind=", "/v1/devices?blacklisted=yes", "/v1/devices?model=,"}) {
    const ApiResponse r = dealer.Get(bad);
    EXPECT_EQ(r.status, 400) << bad;
    EXPECT_EQ(r.json["code"], "INVALID_FIELD") << bad;
  }
  std::string many = "/v1/devices?model=M";
  for (int i = 0; i < 100; ++i) many += ",M" + std::to_string(i);
  EXPECT_EQ(dealer.Get(many).status, 400);
}

// The customer selector's list: a customer sees itself and its subtree, a page at a time; the
// vendor sees every customer.
TEST_F(Cards, EachCustomerSeesItselfAndItsSubtreeToChooseFrom) {
  Api distributor = As(distributor_), shop = As(shop_, "customer_viewer");
  const auto names = [](const Json& page) {
    std::vector<std::string> out;
    for (const Json& c : page["data"]) out.push_back(c["name"]);
    return out;
  };
  const Json all = distributor.Get("/v1/card-customers").json;
  EXPECT_EQ(names(all), (std::vector<std::string>{"Distributor", "Dealer", "Shop"}));
  EXPECT_EQ(all["data"][1]["parent_id"], distributor_);
  EXPECT_EQ(all["data"][1]["allow_superior_manage_licenses"], false);
  EXPECT_EQ(names(shop.Get("/v1/card-customers").json), std::vector<std::string>{"Shop"});
  // A page at a time, every customer once.
  const Json first = distributor.Get("/v1/card-customers?limit=2").json;
  EXPECT_EQ(names(first), (std::vector<std::string>{"Distributor", "Dealer"}));
  ASSERT_TRUE(first["next_cursor"].is_string());
  const Json second =
      distributor
          .Get("/v1/card-customers?limit=2&cursor=" + first["next_cursor"].get<std::string>())
          .json;
  EXPECT_EQ(names(second), std::vector<std::string>{"Shop"});
  EXPECT_TRUE(second["next_cursor"].is_null());
  // The vendor's own token: every customer.
  EXPECT_EQ(names(admin().Get("/v1/card-customers").json),
            (std::vector<std::string>{"Distributor", "Dealer", "Shop", "Stranger"}));
  EXPECT_EQ(distributor.Get("/v1/card-customers?limit=0").status, 400);
}

TEST_F(Cards, ModelsAndTypesAreListedAPageAtATimeInTheOrderTheyWereMade) {
  for (const char* model : {"Z9", "A1", "K5"}) {
    Created(admin().Post("/v1/device-models", {{"name", model}}));
    Created(admin().Post("/v1/card-types", {{"code", std::string("T-") + model},
                                            {"name", model},
                                            {"models", {model, "M100"}},
                                            {"max_days", 30}}));
  }
  std::vector<std::string> models, types;
  for (const auto& m : ListAll(admin(), "/v1/device-models", "", 2)) models.push_back(m["name"]);
  for (const auto& t : ListAll(admin(), "/v1/card-types", "", 2)) types.push_back(t["code"]);
  EXPECT_EQ(models, (std::vector<std::string>{"M100", "M200", "Z9", "A1", "K5"}));
  EXPECT_EQ(types, (std::vector<std::string>{"LT-M100", "T-Z9", "T-A1", "T-K5"}));
  Api viewer = As(shop_, "customer_viewer");
  EXPECT_EQ(ListAll(viewer, "/v1/card-types", "", 50).size(), 4u);
  for (const char* list : {"/v1/device-models", "/v1/card-types"}) {
    EXPECT_EQ(admin().Get(std::string(list) + "?limit=501").json["code"], "INVALID_FIELD");
    EXPECT_EQ(admin().Get(std::string(list) + "?cursor=%FF").status, 400);
  }
  // A device or card type names models that exist, each found without listing them all.
  EXPECT_EQ(admin()
                .Post("/v1/devices", {{"number", "D-1"}, {"model", "NOPE"}, {"customer_id", shop_}})
                .json["code"],
            "INVALID_FIELD");
  EXPECT_EQ(admin()
                .Post("/v1/devices", {{"number", "D-1"}, {"model", "K5"}, {"customer_id", shop_}})
                .status,
            201);
}

TEST_F(Cards, BadInputsGetSpecificErrors) {
  Api shop = As(shop_);
  EXPECT_EQ(admin().Post("/v1/tokens", {{"name", "x"}, {"role", "customer_admin"}}).json["code"],
            "INVALID_FIELD");  // a customer role needs its customer
  EXPECT_EQ(admin()
                .Post("/v1/tokens", {{"name", "x"}, {"role", "viewer"}, {"customer_id", shop_}})
                .json["code"],
            "INVALID_FIELD");
  EXPECT_EQ(admin()
                .Post("/v1/tokens",
                      {{"name", "x"}, {"role", "customer_admin"}, {"customer_id", "cus_nobody"}})
                .status,
            404);
  EXPECT_EQ(admin()
                .Post("/v1/card-types",
                      {{"code", "X"}, {"name", "x"}, {"models", {"M999"}}, {"max_days", 10}})
                .json["code"],
            "INVALID_FIELD");  // unknown model
  EXPECT_EQ(admin().Post("/v1/device-models", {{"name", "M100"}}).status, 409);
  EXPECT_EQ(
      admin()
          .Post("/v1/cards", {{"type_code", "LT-M100"}, {"customer_id", shop_}, {"days", 366}})
          .json["code"],
      "INVALID_FIELD");  // over the type's max_days
  EXPECT_EQ(
      admin()
          .Post("/v1/cards", {{"type_code", "LT-M100"}, {"customer_id", shop_}, {"days", "ten"}})
          .json["code"],
      "INVALID_FIELD");
  Device("D-6", "M100", shop_);
  EXPECT_EQ(admin()
                .Post("/v1/devices", {{"number", "D-6"}, {"model", "M100"}, {"customer_id", shop_}})
                .status,
            409);
  const auto cards = Issue(shop_, 2, 360);
  EXPECT_EQ(admin().Post("/v1/cards/" + cards[0] + "/days", {{"days", 10}}).json["code"],
            "INVALID_FIELD");  // 370 > 365
  EXPECT_EQ(admin().Post("/v1/cards/" + cards[0] + "/days", {{"days", 5}}).json["available_days"],
            365);
  EXPECT_EQ(shop.Post("/v1/cards/sell", {{"to", shop_}, {"quantity", 1}, {"numbers", {cards[1]}}})
                .json["code"],
            "INVALID_FIELD");  // both ways at once
  const ApiResponse twice =
      shop.Post("/v1/cards/return", {{"numbers", Json::array({cards[1], cards[1]})}});
  EXPECT_EQ(twice.json["count"], 1) << twice.body;  // a card listed twice moves once
  EXPECT_EQ(shop.Post("/v1/cards/return", Json::object()).json["code"], "INVALID_FIELD");
  EXPECT_EQ(shop.Post("/v1/cards/" + cards[1] + "/bind", {{"device_number", 7}}).json["code"],
            "INVALID_FIELD");
  EXPECT_EQ(shop.Post("/v1/cards/" + cards[1] + "/bind", {{"device_number", "D-none"}}).status,
            404);
  EXPECT_EQ(shop.Get("/v1/cards?min_days=-1").json["code"], "INVALID_FIELD");
  EXPECT_EQ(shop.Get("/v1/cards?activated_from=yesterday").json["code"], "INVALID_FIELD");
  EXPECT_EQ(shop.Patch("/v1/customers/" + shop_ + "/settings",
                       {{"allow_superior_manage_licenses", "yes"}})
                .json["code"],
            "INVALID_FIELD");
  EXPECT_EQ(shop.Post("/v1/cards/" + cards[0] + "/unbind").json["code"], "CONFLICT");  // not bound
}

// Seed 002's models are named as their makers sell them; codes and numbers stay one word, and
// each refusal says what is allowed.
TEST_F(Cards, ModelsAreNamedAsSoldWhileCodesAndNumbersStayOneWord) {
  const Json spaced = Created(admin().Post("/v1/device-models", {{"name", "Camera C200"}}));
  EXPECT_EQ(spaced["name"], "Camera C200");
  EXPECT_EQ(Created(admin().Post("/v1/device-models",
                                 {{"name", "\xe7\x9b\xb8\xe6\x9c\xba C300"}}))["name"],
            "\xe7\x9b\xb8\xe6\x9c\xba C300");
  Created(admin().Post("/v1/card-types", {{"code", "LT-C200"},
                                          {"name", "Camera C200, a year"},
                                          {"models", {"Camera C200"}},
                                          {"max_days", 365}}));
  Device("D-C200", "Camera C200", shop_);
  for (const char* bad : {" Camera", "Camera ", "Cam\tera", "Cam\nera"}) {
    const ApiResponse r = admin().Post("/v1/device-models", {{"name", bad}});
    EXPECT_EQ(r.json["code"], "INVALID_FIELD") << bad;
    EXPECT_EQ(r.json["detail"],
              "name may hold letters, digits, punctuation and spaces between words, but no "
              "control characters and no space at either end");
  }
  const ApiResponse code = admin().Post(
      "/v1/card-types",
      {{"code", "LT C200"}, {"name", "x"}, {"models", {"Camera C200"}}, {"max_days", 10}});
  EXPECT_EQ(code.json["detail"],
            "code may hold letters, digits and punctuation (printable ASCII), but no spaces");
  const ApiResponse number = admin().Post(
      "/v1/devices", {{"number", "D 7"}, {"model", "Camera C200"}, {"customer_id", shop_}});
  EXPECT_EQ(number.json["detail"],
            "number may hold letters, digits and punctuation (printable ASCII), but no spaces");
}

TEST_F(Cards, ADeviceIsSoldDownAndReturnedUpWithItsCards) {
  Api distributor = As(distributor_), dealer = As(dealer_), shop = As(shop_);
  const auto cards = Issue(dealer_, 1, 30);
  Device("D-7", "M100", dealer_);
  ASSERT_EQ(dealer.Post("/v1/cards/" + cards[0] + "/bind", {{"device_number", "D-7"}}).status, 200);
  // The seed's third way: sell the device, with its license, to the sub-customer.
  const ApiResponse sold = dealer.Post("/v1/devices/D-7/sell", {{"to", shop_}});
  ASSERT_EQ(sold.status, 200) << sold.body;
  EXPECT_EQ(sold.json["customer_id"], shop_);
  EXPECT_EQ(Card(shop, cards[0])["customer_id"], shop_);
  EXPECT_EQ(Card(shop, cards[0])["device_number"], "D-7");
  EXPECT_EQ(shop.Get("/v1/devices").json["data"].size(), 1u);
  EXPECT_EQ(dealer.Post("/v1/devices/D-7/sell", {{"to", shop_}}).json["code"],
            "SUPERIOR_MANAGEMENT_NOT_ALLOWED");
  EXPECT_EQ(shop.Post("/v1/devices/D-7/sell", {{"to", dealer_}}).json["code"],
            "INVALID_FIELD");  // only down to a direct sub-customer
  ASSERT_EQ(shop.Post("/v1/devices/D-7/return").json["customer_id"], dealer_);
  EXPECT_EQ(Card(dealer, cards[0])["customer_id"], dealer_);
  EXPECT_EQ(distributor.Post("/v1/devices/D-7/return").json["code"],
            "SUPERIOR_MANAGEMENT_NOT_ALLOWED");
  EXPECT_EQ(As(stranger_).Get("/v1/devices/D-7").status, 404);
  const Json records = dealer.Get("/v1/card-records?card_number=" + cards[0]).json["data"];
  ASSERT_GE(records.size(), 2u);
  EXPECT_EQ(records[records.size() - 2]["kind"], "SALE");
  EXPECT_EQ(records[records.size() - 2]["device_number"], "D-7");
  EXPECT_EQ(records.back()["kind"], "RETURN");
}

}  // namespace
}  // namespace licensor::testing
