// Conformance of the day-card storage: the status a list filters by matches core's rule, and
// the set-based deduction run pays from the right card, once per device and period, and
// blacklists what cannot pay.
#include "core/card_rules.hpp"
#include "storage/store_conformance_fixture.hpp"

namespace licensor::storage {
namespace {

using namespace core;

constexpr UnixSeconds kNow = 1'800'000'000;
constexpr std::int64_t kDay = cards::kPeriod;

class CardStore : public StoreConformance {
 protected:
  void SetUp() override {
    StoreConformance::SetUp();
    Write([&](StoreTx& tx) -> Status {
      LICENSOR_RETURN_IF_ERROR(
          tx.InsertCustomer(Customer{"cus_1", "Shop", "", std::nullopt, kNow, kNow}));
      LICENSOR_RETURN_IF_ERROR(tx.InsertDeviceModel(DeviceModel{0, "dmd_1", "M1", kNow}));
      return tx.InsertCardType(CardType{0, "ctp_1", "T1", "type", {"M1"}, 365, kNow});
    });
  }
  void Write(const std::function<Status(StoreTx&)>& fn) {
    const Status s = store_->Write(fn);
    ASSERT_TRUE(s.ok()) << s.message();
  }
  void AddDevice(const std::string& number, std::optional<UnixSeconds> usage_until = {}) {
    Write([&](StoreTx& tx) {
      return tx.InsertDevice(Device{0, "dev_" + number, number, "M1", "cus_1", "hash_" + number,
                                    false, std::nullopt, usage_until, kNow});
    });
  }
  void AddCard(const std::string& number, std::int64_t days, std::optional<std::string> device = {},
               std::optional<UnixSeconds> activated = {},
               std::optional<UnixSeconds> bound_at = {}) {
    Write([&](StoreTx& tx) {
      return tx.InsertCard(Card{0, "crd_" + number, number, "T1", days, days, activated, device,
                                bound_at ? bound_at : (device ? std::optional(kNow) : std::nullopt),
                                "cus_1", false, kNow});
    });
  }
  DeductionRun Deduct(UnixSeconds now, std::optional<std::string> device = {}) {
    DeductionRun run;
    Write([&](StoreTx& tx) -> Status {
      LICENSOR_ASSIGN_OR_RETURN(run, tx.DeductDue(now, device));
      return Status::Ok();
    });
    return run;
  }
  Card GetCard(const std::string& number) {
    return *ReadValue<Card>(*store_,
                            [&](StoreTx& tx) { return Require(tx.GetCard(number), "card"); });
  }
  Device GetDevice(const std::string& number) {
    return *ReadValue<Device>(*store_,
                              [&](StoreTx& tx) { return Require(tx.GetDevice(number), "device"); });
  }
};

TEST_F(CardStore, TheStatusFilterAgreesWithTheRule) {
  AddDevice("D");
  AddCard("unused", 5);
  AddCard("inactive", 5, "D");
  AddCard("in-use", 5, "D", kNow);
  AddCard("deactivated", 5, std::nullopt, kNow);
  AddCard("expired", 0, "D", kNow);
  for (const auto s :
       {cards::CardStatus::kUnused, cards::CardStatus::kInactive, cards::CardStatus::kInUse,
        cards::CardStatus::kDeactivated, cards::CardStatus::kExpired}) {
    CardFilter f;
    f.status = std::string(cards::ToString(s));
    const auto page = ReadValue<Page<Card>>(*store_, [&](StoreTx& tx) {
      return tx.ListCards(f, PageRequest{0, 50});
    });
    ASSERT_TRUE(page.ok());
    ASSERT_EQ(page->items.size(), 1u) << cards::ToString(s);
    const Card& c = page->items[0];
    EXPECT_EQ(
        cards::StatusOf(c.device_number.has_value(), c.activated_at.has_value(), c.available_days),
        s);
  }
}

TEST_F(CardStore, ADeductionPaysFromTheEarliestActivatedCardOncePerPeriod) {
  AddDevice("D");
  AddCard("inactive-early", 3, "D", std::nullopt, kNow - 50);
  AddCard("activated-late", 3, "D", kNow - 10);
  AddCard("activated-early", 3, "D", kNow - 20);
  AddCard("empty", 0, "D", kNow - 30);
  EXPECT_EQ(Deduct(kNow).deducted, 1);
  EXPECT_EQ(GetCard("activated-early").available_days, 2);
  EXPECT_EQ(GetDevice("D").usage_until, kNow + kDay);
  EXPECT_EQ(Deduct(kNow).deducted, 0);                // the same moment again
  EXPECT_EQ(Deduct(kNow + kDay - 1).deducted, 0);     // still paid for
  EXPECT_EQ(Deduct(kNow + kDay + 3600).deducted, 1);  // an hour late: continues the period
  EXPECT_EQ(GetDevice("D").usage_until, kNow + 2 * kDay);
  EXPECT_EQ(Deduct(kNow + 2 * kDay).deducted, 1);
  EXPECT_EQ(GetCard("activated-early").available_days, 0);
  EXPECT_EQ(Deduct(kNow + 3 * kDay).deducted, 1);  // then the next activated one
  EXPECT_EQ(GetCard("activated-late").available_days, 2);
  const auto deductions = ReadValue<Page<Deduction>>(*store_, [](StoreTx& tx) {
    return tx.ListDeductions(DeductionFilter{}, PageRequest{0, 50});
  });
  ASSERT_TRUE(deductions.ok());
  ASSERT_EQ(deductions->items.size(), 4u);
  EXPECT_EQ(deductions->items[1].period_start, kNow + kDay);  // no gap, no extra day
  EXPECT_EQ(deductions->items[3].card_number, "activated-late");
  EXPECT_EQ(deductions->items[3].balance_after, 2);
}

TEST_F(CardStore, FirstDeductionActivatesAndAnInactiveCardPaysLast) {
  AddDevice("D");
  AddCard("second", 1, "D", std::nullopt, kNow - 10);
  AddCard("first", 1, "D", std::nullopt, kNow - 20);  // bound earlier
  EXPECT_EQ(Deduct(kNow).deducted, 1);
  EXPECT_EQ(GetCard("first").activated_at, kNow);
  EXPECT_FALSE(GetCard("second").activated_at.has_value());
}

TEST_F(CardStore, DevicesThatCannotPayAreBlacklisted) {
  AddDevice("no-days");
  AddCard("spent", 0, "no-days", kNow - kDay);
  AddDevice("no-cards");
  AddDevice("paid", kNow + 100);
  AddCard("paid-card", 0, "paid", kNow - kDay);
  const DeductionRun job = Deduct(kNow);
  EXPECT_EQ(job.deducted, 0);
  EXPECT_EQ(job.blacklisted, 1);  // the job charges only devices with cards
  EXPECT_TRUE(GetDevice("no-days").blacklisted);
  EXPECT_FALSE(GetDevice("no-cards").blacklisted);
  EXPECT_FALSE(GetDevice("paid").blacklisted);                      // its time has not run out
  EXPECT_EQ(Deduct(kNow, std::string("no-cards")).blacklisted, 1);  // its own report
  EXPECT_EQ(Deduct(kNow + 200).blacklisted, 1);                     // "paid" ran out
}

}  // namespace
}  // namespace licensor::storage
