// The registry's part of a store transaction (the platform-and-agents model): installations and
// the files issued to them, the registry log, expiry reminders, and the webhooks and deliveries
// that carry them.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/entities.hpp"
#include "core/store_basics.hpp"

namespace licensor::core {

class RegistryTx {
 public:
  virtual ~RegistryTx() = default;

  virtual Status InsertInstallation(const Installation& installation) = 0;
  virtual Result<std::optional<Installation>> GetInstallation(const std::string& id) = 0;
  virtual Result<Page<Installation>> ListInstallations(
      const std::optional<std::string>& customer_id, const PageRequest& page) = 0;
  virtual Status InsertInstallationFile(const InstallationFile& file) = 0;
  virtual Result<Page<InstallationFile>> ListInstallationFiles(const std::string& installation_id,
                                                               const PageRequest& page) = 0;
  virtual Result<std::int64_t> CountInstallationFiles(const std::string& installation_id,
                                                      const std::string& kind) = 0;

  // Serialises registry changes across nodes for the rest of the transaction (SQLite's single
  // writer already does).
  virtual Status LockRegistry() = 0;
  virtual Status AppendRegistryEntry(RegistryEntry& entry) = 0;  // assigns entry.seq
  // At most `limit` entries after `after_seq`, in order.
  virtual Result<std::vector<RegistryEntry>> ListRegistryEntries(std::int64_t after_seq,
                                                                 int limit) = 0;
  // The accepted uploads among the entries, a page at a time.
  virtual Result<Page<RegistryEntry>> ListRegistryUploads(const PageRequest& page) = 0;

  // False when the same resource, end and threshold was recorded before (by any node).
  virtual Result<bool> InsertRegistryReminder(const RegistryReminder& reminder) = 0;
  virtual Result<Page<RegistryReminder>> ListRegistryReminders(bool include_skipped,
                                                               const PageRequest& page) = 0;

  virtual Status InsertWebhook(const Webhook& webhook) = 0;
  virtual Status UpdateWebhook(const Webhook& webhook) = 0;  // kNotFound when missing
  virtual Result<std::optional<Webhook>> GetWebhook(const std::string& id) = 0;
  virtual Result<Page<Webhook>> ListActiveWebhooks(const PageRequest& page) = 0;
  virtual Status InsertWebhookDelivery(const WebhookDelivery& delivery) = 0;
  virtual Status UpdateWebhookDelivery(const WebhookDelivery& delivery) = 0;  // kNotFound
  // PENDING deliveries whose next attempt is due at `now`, oldest first.
  virtual Result<std::vector<WebhookDelivery>> ListDueWebhookDeliveries(UnixSeconds now,
                                                                        int limit) = 0;
  virtual Result<Page<WebhookDelivery>> ListWebhookDeliveries(const std::string& webhook_id,
                                                              const PageRequest& page) = 0;
  // The deliveries not delivered, by state (PENDING, FAILED); a state with none is left out.
  virtual Result<std::vector<OutboxState>> SummarizeWebhookOutbox() = 0;
};

}  // namespace licensor::core
