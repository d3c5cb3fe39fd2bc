// The e-mail part of the store (core/store_mail.hpp) on both backends: the outbox's due list and
// summary, the links found by their hash and listed by customer, the count that limits how much
// mail one address is sent, and the settings' upsert.
#include "core/mail_service.hpp"
#include "storage/store_conformance_fixture.hpp"

namespace licensor::storage {
namespace {

using namespace core;

class MailConformance : public StoreConformance {
 protected:
  Status Write(const std::function<Status(StoreTx&)>& write) { return store_->Write(write); }
  template <typename T>
  T Read(const std::function<Result<T>(StoreTx&)>& read) {
    return ReadValue<T>(*store_, read).value();
  }

  static Mail NewMail(const std::string& id, UnixSeconds due) {
    Mail m;
    m.id = id;
    m.purpose = "invitation";
    m.recipient = "a@example.com";
    m.subject = "s";
    m.sealed_body = "sealed";
    m.state = "PENDING";
    m.next_attempt_at = due;
    m.created_at = due - 10;
    return m;
  }
  static AccountLink NewLink(const std::string& id, const std::string& purpose,
                             const std::string& email, std::optional<std::string> customer,
                             UnixSeconds at) {
    AccountLink l;
    l.id = id;
    l.purpose = purpose;
    l.token_hash = "hash-" + id;
    l.email = email;
    l.role = customer ? Role::kCustomerViewer : Role::kOperator;
    l.customer_id = std::move(customer);
    l.created_by = "usr_1";
    l.created_at = at;
    l.expires_at = at + 3600;
    return l;
  }
};

TEST_F(MailConformance, DueMailComesOldestFirstAndTheOutboxIsSummarized) {
  ASSERT_TRUE(Write([](StoreTx& tx) -> Status {
                for (const auto& [id, due] : {std::pair("m2", 200), {"m1", 100}, {"m3", 900}}) {
                  LICENSOR_RETURN_IF_ERROR(tx.InsertMail(NewMail(id, due)));
                }
                return Status::Ok();
              }).ok());
  auto due = Read<std::vector<Mail>>([](StoreTx& tx) { return tx.ListDueMail(500, 10); });
  ASSERT_EQ(due.size(), 2u);
  EXPECT_EQ(due[0].id, "m1");
  EXPECT_EQ(due[1].id, "m2");
  EXPECT_EQ(due[0].sealed_body, "sealed");
  due[0].state = "FAILED";
  due[0].sealed_body.clear();
  due[0].attempts = 12;
  due[1].state = "SENT";
  due[1].sent_at = 500;
  ASSERT_TRUE(Write([&](StoreTx& tx) -> Status {
                LICENSOR_RETURN_IF_ERROR(tx.UpdateMail(due[0]));
                return tx.UpdateMail(due[1]);
              }).ok());
  EXPECT_TRUE(Read<std::vector<Mail>>([](StoreTx& tx) { return tx.ListDueMail(500, 10); }).empty());
  const auto outbox =
      Read<std::vector<OutboxState>>([](StoreTx& tx) { return tx.SummarizeMailOutbox(); });
  ASSERT_EQ(outbox.size(), 2u);  // SENT is not counted
  for (const OutboxState& s : outbox) {
    EXPECT_EQ(s.count, 1) << s.state;
    EXPECT_EQ(s.oldest_created_at, s.state == "FAILED" ? 90 : 890) << s.state;
  }
  Mail missing = NewMail("nope", 1);
  EXPECT_EQ(Write([&](StoreTx& tx) { return tx.UpdateMail(missing); }).code(),
            ErrorCode::kNotFound);
}

TEST_F(MailConformance, LinksAreFoundByHashListedByCustomerAndCountedByAddress) {
  ASSERT_TRUE(Write([](StoreTx& tx) -> Status {
                LICENSOR_RETURN_IF_ERROR(tx.InsertAccountLink(
                    NewLink("inv_a", "invitation", "Clerk@Acme.example", "cust_a", 1000)));
                LICENSOR_RETURN_IF_ERROR(tx.InsertAccountLink(
                    NewLink("inv_b", "invitation", "x@globex.example", "cust_b", 1001)));
                LICENSOR_RETURN_IF_ERROR(
                    tx.InsertAccountLink(NewLink("inv_v", "invitation", "v@vendor", {}, 1002)));
                return tx.InsertAccountLink(
                    NewLink("rst_1", "password_reset", "clerk@acme.example", {}, 1003));
              }).ok());
  auto found = Read<std::optional<AccountLink>>(
      [](StoreTx& tx) { return tx.FindAccountLink("hash-inv_a"); });
  ASSERT_TRUE(found);
  EXPECT_EQ(found->email, "Clerk@Acme.example");
  EXPECT_EQ(found->role, Role::kCustomerViewer);
  EXPECT_FALSE(Read<std::optional<AccountLink>>(
      [](StoreTx& tx) { return tx.FindAccountLink("hash-none"); }));

  const auto open = [&](std::optional<std::string> customer) {
    return Read<Page<AccountLink>>([&](StoreTx& tx) {
             return tx.ListOpenInvitations(customer, PageRequest{0, 10});
           })
        .items.size();
  };
  EXPECT_EQ(open(std::nullopt), 3u);  // every invitation, never the reset
  EXPECT_EQ(open("cust_a"), 1u);
  found->used_at = 1500;
  ASSERT_TRUE(Write([&](StoreTx& tx) { return tx.UpdateAccountLink(*found); }).ok());
  EXPECT_EQ(open("cust_a"), 0u);

  // Counted without regard to the address's case, by purpose and time.
  const auto count = [&](const char* purpose, UnixSeconds since) {
    return Read<std::int64_t>(
        [&](StoreTx& tx) { return tx.CountAccountLinks(purpose, "clerk@acme.example", since); });
  };
  EXPECT_EQ(count("invitation", 0), 1);
  EXPECT_EQ(count("password_reset", 0), 1);
  EXPECT_EQ(count("invitation", 1001), 0);
}

TEST_F(MailConformance, ASettingIsWrittenOverAndReadBack) {
  const auto get = [&] {
    return Read<std::optional<std::string>>([](StoreTx& tx) { return tx.GetSetting("s"); });
  };
  EXPECT_FALSE(get());
  ASSERT_TRUE(Write([](StoreTx& tx) { return tx.PutSetting("s", "[\"a\"]", 1); }).ok());
  ASSERT_TRUE(Write([](StoreTx& tx) { return tx.PutSetting("s", "[\"b\"]", 2); }).ok());
  EXPECT_EQ(get(), std::optional<std::string>("[\"b\"]"));
}

}  // namespace
}  // namespace licensor::storage
