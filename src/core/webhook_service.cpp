#include "core/webhook_service.hpp"

#include <algorithm>

#include "common/text.hpp"
#include "common/time_format.hpp"
#include "core/audit.hpp"
#include "core/outbox_retry.hpp"
#include "crypto/encoding.hpp"
#include "crypto/random.hpp"

namespace licensor::core {
namespace {

using outbox::kBatchSize;
using outbox::kClaimLease;
constexpr const char* kSystemActor = "system";

std::string SecretContext(const Webhook& w) { return "webhook-secret:" + w.id; }

Status CheckUrl(const std::string& url) {
  if (url.size() > WebhookService::kMaxUrlLength) {
    return Status::InvalidField("url must be at most 2000 characters");
  }
  const bool https = url.rfind("https://", 0) == 0;
  if (!https && url.rfind("http://", 0) != 0) {
    return Status::InvalidField("url must start with http:// or https://");
  }
  const std::size_t host = https ? 8 : 7;
  if (url.size() == host || url[host] == '/' || url[host] == ':' || url[host] == '?') {
    return Status::InvalidField("url must name a host");
  }
  const bool printable = IsPrintableToken(url);
  if (!printable) return Status::InvalidField("url must not contain spaces or control characters");
  return Status::Ok();
}

// The pending delivery of one event to one webhook.
WebhookDelivery DeliveryOf(const Webhook& w, UnixSeconds now, const std::string& type,
                           const std::string& event_id, const Json& data) {
  WebhookDelivery d;
  d.id = crypto::NewId("dlv");
  d.webhook_id = w.id;
  d.event_id = event_id;
  d.event_type = type;
  d.body =
      Json{{"id", event_id}, {"type", type}, {"created_at", FormatRfc3339(now)}, {"data", data}}
          .dump();
  d.state = "PENDING";
  d.next_attempt_at = now;
  d.created_at = now;
  return d;
}

}  // namespace

std::string WebhookService::Signature(const std::string& secret, UnixSeconds at,
                                      const std::string& body) {
  const std::string t = std::to_string(at);
  return "t=" + t + ",v1=" + crypto::HmacSha256Hex(secret, t + "." + body);
}

Result<Webhook> WebhookService::Create(const Actor& actor, const std::string& url) {
  LICENSOR_RETURN_IF_ERROR(CheckUrl(url));
  Webhook w{0, crypto::NewId("whk"), url, crypto::NewWebhookSecret(), clock_.Now(), actor.id, {}};
  Webhook stored = w;
  stored.secret = master_.Seal(w.secret, SecretContext(w));
  LICENSOR_RETURN_IF_ERROR(store_.Write([&](StoreTx& tx) -> Status {
    LICENSOR_RETURN_IF_ERROR(tx.InsertWebhook(stored));
    return RecordEvent(tx, w.created_at, actor, "webhook.created", "webhook", w.id, nullptr,
                       ToJson(w));
  }));
  return w;
}

Result<int> WebhookService::SealPlainSecrets() {
  int sealed = 0;
  LICENSOR_RETURN_IF_ERROR(store_.Write([&](StoreTx& tx) -> Status {
    sealed = 0;  // a store may run the function again after a retry
    PageRequest page{0, 500};
    for (;;) {
      LICENSOR_ASSIGN_OR_RETURN(auto webhooks, tx.ListActiveWebhooks(page));
      for (Webhook& w : webhooks.items) {
        if (crypto::MasterKey::IsSealed(w.secret)) continue;
        w.secret = master_.Seal(w.secret, SecretContext(w));
        LICENSOR_RETURN_IF_ERROR(tx.UpdateWebhook(w));
        ++sealed;
      }
      if (!webhooks.next_after_seq) return Status::Ok();
      page.after_seq = *webhooks.next_after_seq;
    }
  }));
  return sealed;
}

Result<Page<Webhook>> WebhookService::List(const PageRequest& page) {
  return ReadValue<Page<Webhook>>(store_, [&](StoreTx& tx) { return tx.ListActiveWebhooks(page); });
}

Status WebhookService::Delete(const Actor& actor, const std::string& id) {
  return store_.Write([&](StoreTx& tx) -> Status {
    LICENSOR_ASSIGN_OR_RETURN(Webhook w, Require(tx.GetWebhook(id), "webhook"));
    if (w.deleted_at) return Status::NotFound("webhook not found");
    w.deleted_at = clock_.Now();
    w.secret.clear();  // a deleted webhook signs nothing again
    LICENSOR_RETURN_IF_ERROR(tx.UpdateWebhook(w));
    return RecordEvent(tx, *w.deleted_at, actor, "webhook.deleted", "webhook", w.id, ToJson(w),
                       nullptr);
  });
}

Result<Page<WebhookDelivery>> WebhookService::Deliveries(const std::string& webhook_id,
                                                         const PageRequest& page) {
  return ReadValue<Page<WebhookDelivery>>(
      store_, [&](StoreTx& tx) -> Result<Page<WebhookDelivery>> {
        LICENSOR_RETURN_IF_ERROR(Require(tx.GetWebhook(webhook_id), "webhook").status());
        return tx.ListWebhookDeliveries(webhook_id, page);
      });
}

Status WebhookService::Enqueue(StoreTx& tx, UnixSeconds now, const std::string& type,
                               const std::string& event_id, const Json& data) {
  PageRequest page{0, 500};
  for (;;) {
    LICENSOR_ASSIGN_OR_RETURN(const auto webhooks, tx.ListActiveWebhooks(page));
    for (const Webhook& w : webhooks.items) {
      LICENSOR_RETURN_IF_ERROR(tx.InsertWebhookDelivery(DeliveryOf(w, now, type, event_id, data)));
    }
    if (!webhooks.next_after_seq) return Status::Ok();
    page.after_seq = *webhooks.next_after_seq;
  }
}

Result<std::vector<std::pair<WebhookDelivery, Webhook>>> WebhookService::Claim(
    UnixSeconds now, int limit, DeliveryReport& report) {
  std::vector<std::pair<WebhookDelivery, Webhook>> claimed;
  int orphaned = 0;
  LICENSOR_RETURN_IF_ERROR(store_.Write([&](StoreTx& tx) -> Status {
    claimed.clear();  // a store may run the function again after a retry
    orphaned = 0;
    LICENSOR_RETURN_IF_ERROR(tx.LockRegistry());  // one claimer at a time across nodes
    LICENSOR_ASSIGN_OR_RETURN(auto due, tx.ListDueWebhookDeliveries(now, limit));
    for (WebhookDelivery& d : due) {
      LICENSOR_ASSIGN_OR_RETURN(const auto webhook, tx.GetWebhook(d.webhook_id));
      if (!webhook || webhook->deleted_at) {
        d.state = "FAILED";
        d.last_error = "the webhook was deleted";
        ++orphaned;
      } else {
        d.next_attempt_at = now + kClaimLease;
        claimed.emplace_back(d, *webhook);
      }
      LICENSOR_RETURN_IF_ERROR(tx.UpdateWebhookDelivery(d));
    }
    return Status::Ok();
  }));
  report.failed += orphaned;
  return claimed;
}

Result<DeliveryReport> WebhookService::DeliverDue(const WebhookSender& send) {
  DeliveryReport report;
  for (;;) {
    const UnixSeconds now = clock_.Now();
    LICENSOR_ASSIGN_OR_RETURN(auto claimed, Claim(now, kBatchSize, report));
    for (auto& [d, webhook] : claimed) {
      const UnixSeconds at = clock_.Now();
      auto secret = master_.Open(webhook.secret, SecretContext(webhook));
      const WebhookOutcome outcome =
          secret.ok() ? send({webhook.url,
                              d.body,
                              {{"Content-Type", "application/json"},
                               {"Licensor-Event", d.event_type},
                               {"Licensor-Delivery", d.id},
                               {"Licensor-Signature", Signature(*secret, at, d.body)}}})
                      : WebhookOutcome{false, "the webhook's secret does not open"};
      if (secret.ok()) crypto::Wipe(*secret);
      ++report.attempted;
      ++d.attempts;
      d.last_error = outcome.error;
      if (outcome.delivered) {
        d.state = "DELIVERED";
        d.delivered_at = at;
        ++report.delivered;
      } else if (d.attempts >= outbox::kMaxAttempts) {
        d.state = "FAILED";
        ++report.failed;
      } else {
        d.next_attempt_at = at + outbox::Backoff(d.attempts);
        ++report.retrying;
      }
      LICENSOR_RETURN_IF_ERROR(store_.Write([&](StoreTx& tx) -> Status {
        LICENSOR_RETURN_IF_ERROR(tx.UpdateWebhookDelivery(d));
        if (d.state != "FAILED") return Status::Ok();
        return RecordEvent(tx, at, kSystemActor, "webhook.delivery_failed", "webhook", d.webhook_id,
                           nullptr, ToJson(d));
      }));
    }
    // Claimed deliveries moved past `now`, so each round takes new ones and the loop ends.
    if (static_cast<int>(claimed.size()) < kBatchSize) return report;
  }
}

}  // namespace licensor::core
