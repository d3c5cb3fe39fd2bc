// Webhooks: endpoints that receive Licensor's events (today the registry's expiry reminders) as
// signed JSON. Events are queued in the store inside the transaction that produced them (an
// outbox), so none is lost to a crash, and delivered by the jobs with retries and backoff.
#pragma once

#include <functional>
#include <string>
#include <utility>
#include <vector>

#include "common/clock.hpp"
#include "core/serialize.hpp"
#include "core/store.hpp"
#include "crypto/master_key.hpp"

namespace licensor::core {

struct WebhookRequest {
  std::string url;
  std::string body;
  std::vector<std::pair<std::string, std::string>> headers;
};

struct WebhookOutcome {
  bool delivered = false;  // the endpoint answered 2xx
  std::string error;       // otherwise why not, e.g. "HTTP 503" or "connection refused"
};

// Performs one HTTP POST; the server provides it (core does no network I/O).
using WebhookSender = std::function<WebhookOutcome(const WebhookRequest&)>;

struct DeliveryReport {
  int attempted = 0;
  int delivered = 0;
  int retrying = 0;  // failed this time, tried again later
  int failed = 0;    // failed for the last time
};

class WebhookService {
 public:
  static constexpr std::size_t kMaxUrlLength = 2000;

  // Webhook secrets are kept sealed under `master`.
  WebhookService(Store& store, const Clock& clock, const crypto::MasterKey& master)
      : store_(store), clock_(clock), master_(master) {}

  // The returned webhook carries its secret in clear; it is never shown again.
  // Errors: kInvalidField.
  Result<Webhook> Create(const Actor& actor, const std::string& url);
  Result<Page<Webhook>> List(const PageRequest& page);
  Status Delete(const Actor& actor, const std::string& id);  // kNotFound
  Result<Page<WebhookDelivery>> Deliveries(const std::string& webhook_id, const PageRequest& page);
  // Seals the secrets that a release before sealing stored in clear; answers how many.
  Result<int> SealPlainSecrets();

  // Queues an event for every active webhook, inside the caller's transaction.
  static Status Enqueue(StoreTx& tx, UnixSeconds now, const std::string& type,
                        const std::string& event_id, const Json& data);

  // Sends every delivery that is due, once each. A failed one is retried after
  // outbox::Backoff(attempts), up to outbox::kMaxAttempts in all (core/outbox_retry.hpp).
  Result<DeliveryReport> DeliverDue(const WebhookSender& send);

  // The Licensor-Signature header: "t=<unix time>,v1=<hex HMAC-SHA256 of "<t>.<body>">".
  static std::string Signature(const std::string& secret, UnixSeconds at, const std::string& body);

 private:
  // Claims up to `limit` due deliveries (moves their next attempt past a lease, so another node
  // does not send them too) with the webhook each goes to.
  Result<std::vector<std::pair<WebhookDelivery, Webhook>>> Claim(UnixSeconds now, int limit,
                                                                 DeliveryReport& report);

  Store& store_;
  const Clock& clock_;
  const crypto::MasterKey& master_;
};

}  // namespace licensor::core
