// Conformance of the day-card storage: the status a list filters by matches core's rule, the
// set-based deduction run pays from the right card, once per device and period, and blacklists
// what cannot pay, and the device's payer (storage/card_sql.hpp) follows every change of its
// cards without losing or repeating usage time.
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
  // Changes a card as core's operations do (read, change, write back).
  void ChangeCard(const std::string& number, const std::function<void(Card&)>& change) {
    Write([&](StoreTx& tx) -> Status {
      LICENSOR_ASSIGN_OR_RETURN(auto card, Require(tx.GetCard(number), "card"));
      change(card);
      return tx.UpdateCard(card);
    });
  }
  void Bind(const std::string& card, const std::string& device, UnixSeconds at) {
    ChangeCard(card, [&](Card& c) {
      c.device_number = device;
      c.bound_at = at;
    });
    Write([&](StoreTx& tx) {
      return tx.InsertCardRecord(CardRecord{0, "crr_" + card + device, card, "T1", "BIND",
                                            std::nullopt, std::nullopt, device, std::nullopt, "tok",
                                            at});
    });
  }
  void Unbind(const std::string& card) {
    ChangeCard(card, [](Card& c) {
      c.device_number.reset();
      c.bound_at.reset();
    });
  }
  std::vector<Deduction> Deductions(const DeductionFilter& filter) {
    const auto page = ReadValue<Page<Deduction>>(*store_, [&](StoreTx& tx) {
      return tx.ListDeductions(filter, PageRequest{0, 50});
    });
    EXPECT_TRUE(page.ok());
    return page.ok() ? page->items : std::vector<Deduction>{};
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

TEST_F(CardStore, UnbindingThePayingCardLeavesTheDeviceItsPaidTime) {
  AddDevice("D");
  AddCard("A", 5, "D", kNow - 20);
  AddCard("B", 5, "D", kNow - 10);
  EXPECT_EQ(Deduct(kNow).deducted, 1);
  EXPECT_EQ(GetCard("A").available_days, 4);
  Unbind("A");
  EXPECT_EQ(GetDevice("D").usage_until, kNow + kDay);  // paid for, whoever pays next
  EXPECT_EQ(Deduct(kNow + 3600).deducted, 0);
  EXPECT_EQ(Deduct(kNow + kDay).deducted, 1);  // B, continuing the period
  EXPECT_EQ(GetCard("B").available_days, 4);
  EXPECT_EQ(GetCard("A").available_days, 4);
  // A pays for the device it is bound to next, from that device's own time.
  AddDevice("E", kNow + 2 * kDay);
  Bind("A", "E", kNow + kDay);
  EXPECT_EQ(Deduct(kNow + kDay + 60).deducted, 0);
  EXPECT_EQ(GetDevice("E").usage_until, kNow + 2 * kDay);
  EXPECT_EQ(Deduct(kNow + 2 * kDay).deducted, 2);  // D's B and E's A, one each
  EXPECT_EQ(GetCard("A").available_days, 3);
  EXPECT_EQ(GetCard("B").available_days, 3);
}

TEST_F(CardStore, ACardActivatedEarlierPaysFirstOnceBound) {
  AddDevice("D");
  AddCard("late", 5, "D", kNow - 10);
  AddCard("early", 5, std::nullopt, kNow - 100);  // DEACTIVATED: unbound, activated
  EXPECT_EQ(Deduct(kNow).deducted, 1);
  EXPECT_EQ(GetCard("late").available_days, 4);
  Bind("early", "D", kNow + 60);
  EXPECT_EQ(Deduct(kNow + 120).deducted, 0);  // the period is paid already
  EXPECT_EQ(Deduct(kNow + kDay).deducted, 1);
  EXPECT_EQ(GetCard("early").available_days, 4);
  EXPECT_EQ(GetCard("late").available_days, 4);
}

TEST_F(CardStore, ASpentCardHandsOverAtTheEndOfItsLastPeriod) {
  AddDevice("D");
  AddCard("A", 1, "D", kNow - 20);
  AddCard("B", 5, "D");
  EXPECT_EQ(Deduct(kNow).deducted, 1);
  EXPECT_EQ(GetCard("A").available_days, 0);
  EXPECT_EQ(GetDevice("D").usage_until, kNow + kDay);
  EXPECT_EQ(Deduct(kNow + kDay - 1).deducted, 0);
  EXPECT_EQ(Deduct(kNow + kDay + 60).deducted, 1);
  EXPECT_EQ(GetCard("B").available_days, 4);
  EXPECT_EQ(GetCard("B").activated_at, kNow + kDay + 60);
  EXPECT_EQ(GetDevice("D").usage_until, kNow + 2 * kDay);  // no gap, no extra day
  EXPECT_FALSE(GetDevice("D").blacklisted);
}

TEST_F(CardStore, ALiftedBlacklistLetsTheDevicePayAgain) {
  AddDevice("D");
  AddCard("A", 1, "D", kNow - 20);
  EXPECT_EQ(Deduct(kNow).deducted, 1);
  EXPECT_EQ(Deduct(kNow + kDay).blacklisted, 1);
  ChangeCard("A", [](Card& c) {  // days bought while blacklisted
    c.total_days += 3;
    c.available_days += 3;
  });
  EXPECT_EQ(Deduct(kNow + kDay + 60).deducted, 0);  // not while blacklisted
  Write([&](StoreTx& tx) -> Status {
    LICENSOR_ASSIGN_OR_RETURN(auto device, Require(tx.GetDevice("D"), "device"));
    device.blacklisted = false;
    device.blacklisted_at.reset();
    return tx.UpdateDevice(device);
  });
  EXPECT_EQ(Deduct(kNow + kDay + 120).deducted, 1);
  EXPECT_EQ(GetCard("A").available_days, 2);
  EXPECT_EQ(GetDevice("D").usage_until, kNow + 2 * kDay);  // continues where it ran out
}

TEST_F(CardStore, DeductionsAreListedByDeviceAndByCardAcrossDevices) {
  AddDevice("D1");
  AddDevice("D2");
  AddDevice("D3");
  AddCard("A", 5);
  AddCard("other", 5, "D3");
  Bind("A", "D1", kNow - 60);
  EXPECT_EQ(Deduct(kNow).deducted, 2);
  Unbind("A");
  Bind("A", "D2", kNow + 60);
  EXPECT_EQ(Deduct(kNow + 120).deducted, 1);  // D2 had no time
  DeductionFilter by_card;
  by_card.card_number = "A";
  const auto of_card = Deductions(by_card);
  ASSERT_EQ(of_card.size(), 2u);
  EXPECT_EQ(of_card[0].device_number, "D1");
  EXPECT_EQ(of_card[1].device_number, "D2");
  EXPECT_EQ(of_card[1].balance_after, 3);
  DeductionFilter by_device;
  by_device.device_number = "D3";
  const auto of_device = Deductions(by_device);
  ASSERT_EQ(of_device.size(), 1u);
  EXPECT_EQ(of_device[0].card_number, "other");
  by_device.card_number = "A";  // both: none of A's were for D3
  EXPECT_TRUE(Deductions(by_device).empty());
  EXPECT_EQ(Deductions(DeductionFilter{}).size(), 3u);
}

}  // namespace
}  // namespace licensor::storage
