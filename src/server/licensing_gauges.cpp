#include "server/licensing_gauges.hpp"

#include <sstream>

#include "core/dashboard_service.hpp"

namespace licensor::server {

void RenderLicensingGauges(core::Store& store, const Clock& clock, std::string& out) {
  std::map<std::string, std::int64_t> licenses;
  std::vector<core::OutboxState> outbox;
  const Status read = store.Read([&](core::StoreTx& tx) -> Status {
    LICENSOR_ASSIGN_OR_RETURN(licenses, core::LicensesByStatus(tx));
    LICENSOR_ASSIGN_OR_RETURN(outbox, tx.SummarizeWebhookOutbox());
    return Status::Ok();
  });
  std::ostringstream text;
  text << "# HELP licensor_scrape_store_readable Whether this scrape could read the store's "
          "figures (licenses, outbox).\n"
       << "# TYPE licensor_scrape_store_readable gauge\n"
       << "licensor_scrape_store_readable " << (read.ok() ? 1 : 0) << "\n";
  if (read.ok()) {
    text << "# HELP licensor_licenses Licenses by status.\n"
         << "# TYPE licensor_licenses gauge\n";
    for (const auto& [status, count] : licenses) {
      text << "licensor_licenses{status=\"" << status << "\"} " << count << "\n";
    }
    std::int64_t pending = 0, failed = 0, oldest_pending_age = 0;
    for (const auto& state : outbox) {
      if (state.state == "PENDING") {
        pending = state.count;
        oldest_pending_age = std::max<std::int64_t>(0, clock.Now() - state.oldest_created_at);
      } else if (state.state == "FAILED") {
        failed = state.count;
      }
    }
    text << "# HELP licensor_webhook_outbox_deliveries Webhook deliveries not delivered: "
            "waiting to be sent or retried (PENDING), or given up (FAILED).\n"
         << "# TYPE licensor_webhook_outbox_deliveries gauge\n"
         << "licensor_webhook_outbox_deliveries{state=\"PENDING\"} " << pending << "\n"
         << "licensor_webhook_outbox_deliveries{state=\"FAILED\"} " << failed << "\n"
         << "# HELP licensor_webhook_outbox_oldest_pending_age_seconds How long the oldest "
            "pending webhook delivery has waited; 0 when none waits.\n"
         << "# TYPE licensor_webhook_outbox_oldest_pending_age_seconds gauge\n"
         << "licensor_webhook_outbox_oldest_pending_age_seconds " << oldest_pending_age << "\n";
  }
  out += text.str();
}

}  // namespace licensor::server
