// Conformance of the registry's storage: its log, reminders (each at most once, also when two
// writers race), webhooks and the delivery outbox.
#include <algorithm>
#include <atomic>
#include <thread>

#include "storage/store_conformance_fixture.hpp"

namespace licensor::storage {
namespace {

using namespace core;

// Runs `fn` in a write transaction and fails the test when it does not commit.
template <typename Fn>
void Write(Store& store, Fn fn) {
  const Status s = store.Write([&](StoreTx& tx) { return fn(tx); });
  ASSERT_TRUE(s.ok()) << s.message();
}

RegistryReminder Reminder(const std::string& resource, int days, bool sent) {
  return RegistryReminder{0,        crypto::NewId("rem"), "agent",
                          resource, "Agent " + resource,  1'900'000'000,
                          days,     1'800'000'000,        sent};
}

WebhookDelivery Delivery(const std::string& webhook, UnixSeconds due, const std::string& state) {
  WebhookDelivery d;
  d.id = crypto::NewId("dlv");
  d.webhook_id = webhook;
  d.event_id = "rem_1";
  d.event_type = "registry.reminder";
  d.body = R"({"id":"rem_1"})";
  d.state = state;
  d.next_attempt_at = due;
  d.created_at = 100;
  return d;
}

TEST_F(StoreConformance, RegistryLogKeepsOrderAndReadsAfterASeq) {
  std::vector<RegistryEntry> entries(3);
  Write(*store_, [&](StoreTx& tx) -> Status {
    for (int i = 0; i < 3; ++i) {
      entries[i] =
          RegistryEntry{0, 10 + i, "tok", "agent.create", "{\"id\":" + std::to_string(i) + "}"};
      LICENSOR_RETURN_IF_ERROR(tx.AppendRegistryEntry(entries[i]));
    }
    return Status::Ok();
  });
  EXPECT_LT(entries[0].seq, entries[1].seq);
  const auto after = ReadValue<std::vector<RegistryEntry>>(
      *store_, [&](StoreTx& tx) { return tx.ListRegistryEntries(entries[0].seq, 10); });
  ASSERT_TRUE(after.ok());
  ASSERT_EQ(after->size(), 2u);
  EXPECT_EQ((*after)[1].body, "{\"id\":2}");
  EXPECT_EQ((*after)[1].at, 12);
}

TEST_F(StoreConformance, RegistryLogReadsInBatchesAndPagesItsUploads) {
  std::vector<RegistryEntry> entries;
  Write(*store_, [&](StoreTx& tx) -> Status {
    for (int i = 0; i < 5; ++i) {
      RegistryEntry e{0, 10 + i, "tok", i % 2 ? "agent.create" : "upload", "{}"};
      LICENSOR_RETURN_IF_ERROR(tx.AppendRegistryEntry(e));
      entries.push_back(e);
    }
    return Status::Ok();
  });
  const auto batch = ReadValue<std::vector<RegistryEntry>>(
      *store_, [&](StoreTx& tx) { return tx.ListRegistryEntries(0, 2); });
  ASSERT_TRUE(batch.ok());
  ASSERT_EQ(batch->size(), 2u);
  EXPECT_EQ((*batch)[1].seq, entries[1].seq);
  // Uploads are entries 0, 2 and 4; two to a page.
  const auto first = ReadValue<Page<RegistryEntry>>(*store_, [&](StoreTx& tx) {
    return tx.ListRegistryUploads(PageRequest{0, 2});
  });
  ASSERT_TRUE(first.ok());
  ASSERT_EQ(first->items.size(), 2u);
  EXPECT_EQ(first->items[1].seq, entries[2].seq);
  ASSERT_TRUE(first->next_after_seq.has_value());
  const auto rest = ReadValue<Page<RegistryEntry>>(*store_, [&](StoreTx& tx) {
    return tx.ListRegistryUploads(PageRequest{*first->next_after_seq, 2});
  });
  ASSERT_TRUE(rest.ok());
  ASSERT_EQ(rest->items.size(), 1u);
  EXPECT_EQ(rest->items[0].seq, entries[4].seq);
  EXPECT_EQ(rest->items[0].kind, "upload");
  EXPECT_FALSE(rest->next_after_seq.has_value());
}

TEST_F(StoreConformance, AReminderIsRecordedOncePerResourceEndAndThreshold) {
  Write(*store_, [&](StoreTx& tx) -> Status {
    LICENSOR_ASSIGN_OR_RETURN(const bool first, tx.InsertRegistryReminder(Reminder("a", 30, true)));
    LICENSOR_ASSIGN_OR_RETURN(const bool again, tx.InsertRegistryReminder(Reminder("a", 30, true)));
    LICENSOR_ASSIGN_OR_RETURN(const bool other, tx.InsertRegistryReminder(Reminder("b", 30, true)));
    LICENSOR_ASSIGN_OR_RETURN(const bool skipped,
                              tx.InsertRegistryReminder(Reminder("a", 45, false)));
    EXPECT_TRUE(first);
    EXPECT_FALSE(again);  // a new id does not make it a new reminder
    EXPECT_TRUE(other);
    EXPECT_TRUE(skipped);
    return Status::Ok();
  });
  const auto sent = ReadValue<Page<RegistryReminder>>(*store_, [](StoreTx& tx) {
    return tx.ListRegistryReminders(false, PageRequest{0, 50});
  });
  ASSERT_TRUE(sent.ok());
  ASSERT_EQ(sent->items.size(), 2u);
  EXPECT_EQ(sent->items[0].resource_name, "Agent a");
  EXPECT_EQ(sent->items[0].threshold_days, 30);
  EXPECT_TRUE(sent->items[0].sent);
  const auto all = ReadValue<Page<RegistryReminder>>(*store_, [](StoreTx& tx) {
    return tx.ListRegistryReminders(true, PageRequest{0, 2});
  });
  ASSERT_TRUE(all.ok());
  ASSERT_EQ(all->items.size(), 2u);
  ASSERT_TRUE(all->next_after_seq.has_value());
  const auto rest = ReadValue<Page<RegistryReminder>>(*store_, [&](StoreTx& tx) {
    return tx.ListRegistryReminders(true, PageRequest{*all->next_after_seq, 2});
  });
  ASSERT_TRUE(rest.ok());
  ASSERT_EQ(rest->items.size(), 1u);
  EXPECT_FALSE(rest->items[0].sent);
  EXPECT_FALSE(rest->next_after_seq.has_value());
}

TEST_F(StoreConformance, RacingWritersRecordAReminderOnce) {
  constexpr int kWriters = 4;
  std::atomic<int> inserted{0};
  std::vector<std::thread> writers;
  for (int i = 0; i < kWriters; ++i) {
    writers.emplace_back([&] {
      const Status s = store_->Write([&](StoreTx& tx) -> Status {
        LICENSOR_ASSIGN_OR_RETURN(const bool added,
                                  tx.InsertRegistryReminder(Reminder("raced", 7, true)));
        if (added) inserted.fetch_add(1);
        return Status::Ok();
      });
      EXPECT_TRUE(s.ok()) << s.message();
    });
  }
  for (auto& t : writers) t.join();
  EXPECT_EQ(inserted.load(), 1);
}

TEST_F(StoreConformance, WebhooksAndTheirDeliveryOutbox) {
  const Webhook hook{0, "whk_1", "http://127.0.0.1:9/hook", "whsec_x", 5, "tok", std::nullopt};
  const Webhook gone{0, "whk_2", "http://127.0.0.1:9/gone", "whsec_y", 6, "tok", 7};
  std::vector<WebhookDelivery> deliveries = {
      Delivery("whk_1", 200, "PENDING"), Delivery("whk_1", 100, "PENDING"),
      Delivery("whk_1", 50, "DELIVERED"), Delivery("whk_1", 900, "PENDING")};
  Write(*store_, [&](StoreTx& tx) -> Status {
    LICENSOR_RETURN_IF_ERROR(tx.InsertWebhook(hook));
    LICENSOR_RETURN_IF_ERROR(tx.InsertWebhook(gone));
    for (const auto& d : deliveries) LICENSOR_RETURN_IF_ERROR(tx.InsertWebhookDelivery(d));
    return Status::Ok();
  });
  const auto active = ReadValue<Page<Webhook>>(*store_, [](StoreTx& tx) {
    return tx.ListActiveWebhooks(PageRequest{0, 10});
  });
  ASSERT_TRUE(active.ok());
  ASSERT_EQ(active->items.size(), 1u);
  EXPECT_EQ(active->items[0].secret, "whsec_x");
  EXPECT_FALSE(active->next_after_seq.has_value());

  // Due: pending and at or before now, earliest first.
  auto due = ReadValue<std::vector<WebhookDelivery>>(
      *store_, [](StoreTx& tx) { return tx.ListDueWebhookDeliveries(200, 10); });
  ASSERT_TRUE(due.ok());
  ASSERT_EQ(due->size(), 2u);
  EXPECT_EQ((*due)[0].id, deliveries[1].id);
  EXPECT_EQ((*due)[1].id, deliveries[0].id);

  WebhookDelivery sent = (*due)[0];
  sent.state = "DELIVERED";
  sent.attempts = 2;
  sent.delivered_at = 150;
  sent.last_error = "HTTP 503";
  Write(*store_, [&](StoreTx& tx) { return tx.UpdateWebhookDelivery(sent); });
  due = ReadValue<std::vector<WebhookDelivery>>(
      *store_, [](StoreTx& tx) { return tx.ListDueWebhookDeliveries(1000, 1); });
  ASSERT_TRUE(due.ok());
  ASSERT_EQ(due->size(), 1u);
  EXPECT_EQ((*due)[0].id, deliveries[0].id);

  const auto listed = ReadValue<Page<WebhookDelivery>>(*store_, [](StoreTx& tx) {
    return tx.ListWebhookDeliveries("whk_1", PageRequest{0, 10});
  });
  ASSERT_TRUE(listed.ok());
  ASSERT_EQ(listed->items.size(), 4u);
  EXPECT_EQ(listed->items[1].attempts, 2);
  EXPECT_EQ(listed->items[1].delivered_at, 150);
  EXPECT_EQ(listed->items[1].last_error, "HTTP 503");

  const Status missing = store_->Write([&](StoreTx& tx) {
    WebhookDelivery nobody = sent;
    nobody.id = "dlv_missing";
    return tx.UpdateWebhookDelivery(nobody);
  });
  EXPECT_EQ(missing.code(), ErrorCode::kNotFound);
  const Status no_hook = store_->Write([&](StoreTx& tx) {
    Webhook other = hook;
    other.id = "whk_missing";
    return tx.UpdateWebhook(other);
  });
  EXPECT_EQ(no_hook.code(), ErrorCode::kNotFound);
}

TEST_F(StoreConformance, TheOutboxIsSummarisedByStateWithItsOldest) {
  std::vector<WebhookDelivery> deliveries = {
      Delivery("whk_1", 200, "PENDING"), Delivery("whk_1", 100, "PENDING"),
      Delivery("whk_1", 50, "DELIVERED"), Delivery("whk_1", 900, "FAILED")};
  deliveries[1].created_at = 40;
  deliveries[2].created_at = 10;  // delivered: not waiting, however old
  const auto summary = [&] {
    return ReadValue<std::vector<OutboxState>>(
        *store_, [](StoreTx& tx) { return tx.SummarizeWebhookOutbox(); });
  };
  ASSERT_TRUE(summary().ok());
  EXPECT_TRUE(summary()->empty());
  Write(*store_, [&](StoreTx& tx) -> Status {
    LICENSOR_RETURN_IF_ERROR(tx.InsertWebhook(
        Webhook{0, "whk_1", "http://127.0.0.1:9/hook", "whsec_x", 5, "tok", std::nullopt}));
    for (const auto& d : deliveries) LICENSOR_RETURN_IF_ERROR(tx.InsertWebhookDelivery(d));
    return Status::Ok();
  });
  auto states = summary();
  ASSERT_TRUE(states.ok());
  ASSERT_EQ(states->size(), 2u);
  std::sort(states->begin(), states->end(),
            [](const OutboxState& a, const OutboxState& b) { return a.state < b.state; });
  EXPECT_EQ((*states)[0].state, "FAILED");
  EXPECT_EQ((*states)[0].count, 1);
  EXPECT_EQ((*states)[1].state, "PENDING");
  EXPECT_EQ((*states)[1].count, 2);
  EXPECT_EQ((*states)[1].oldest_created_at, 40);
}

}  // namespace
}  // namespace licensor::storage
