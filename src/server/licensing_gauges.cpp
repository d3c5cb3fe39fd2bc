#include "server/licensing_gauges.hpp"

#include <sstream>

#include "core/dashboard_service.hpp"

namespace licensor::server {
namespace {

// One outbox's gauges: <outbox>_<items>{state} counts and <outbox>_oldest_pending_age_seconds.
void RenderOutbox(std::ostringstream& text, const std::string& outbox_metric,
                  const std::string& items, const std::string& what,
                  const std::vector<core::OutboxState>& outbox, UnixSeconds now) {
  const std::string metric = outbox_metric + "_" + items;
  const std::string age = outbox_metric + "_oldest_pending_age_seconds";
  std::int64_t pending = 0, failed = 0, oldest_pending_age = 0;
  for (const auto& state : outbox) {
    if (state.state == "PENDING") {
      pending = state.count;
      oldest_pending_age = std::max<std::int64_t>(0, now - state.oldest_created_at);
    } else if (state.state == "FAILED") {
      failed = state.count;
    }
  }
  text << "# HELP " << metric << " " << what
       << " not sent: waiting to be sent or retried (PENDING), or given up (FAILED).\n"
       << "# TYPE " << metric << " gauge\n"
       << metric << "{state=\"PENDING\"} " << pending << "\n"
       << metric << "{state=\"FAILED\"} " << failed << "\n"
       << "# HELP " << age << " How long the oldest pending of the " << what
       << " has waited; 0 when none waits.\n"
       << "# TYPE " << age << " gauge\n"
       << age << " " << oldest_pending_age << "\n";
}

}  // namespace

void RenderLicensingGauges(core::Store& store, const Clock& clock, std::string& out) {
  std::map<std::string, std::int64_t> licenses;
  std::vector<core::OutboxState> webhooks, mail;
  const Status read = store.Read([&](core::StoreTx& tx) -> Status {
    LICENSOR_ASSIGN_OR_RETURN(licenses, core::LicensesByStatus(tx));
    LICENSOR_ASSIGN_OR_RETURN(webhooks, tx.SummarizeWebhookOutbox());
    LICENSOR_ASSIGN_OR_RETURN(mail, tx.SummarizeMailOutbox());
    return Status::Ok();
  });
  std::ostringstream text;
  text << "# HELP licensor_scrape_store_readable Whether this scrape could read the store's "
          "figures (licenses, outboxes).\n"
       << "# TYPE licensor_scrape_store_readable gauge\n"
       << "licensor_scrape_store_readable " << (read.ok() ? 1 : 0) << "\n";
  if (read.ok()) {
    text << "# HELP licensor_licenses Licenses by status.\n"
         << "# TYPE licensor_licenses gauge\n";
    for (const auto& [status, count] : licenses) {
      text << "licensor_licenses{status=\"" << status << "\"} " << count << "\n";
    }
    RenderOutbox(text, "licensor_webhook_outbox", "deliveries", "webhook deliveries", webhooks,
                 clock.Now());
    RenderOutbox(text, "licensor_mail_outbox", "messages", "e-mail messages", mail, clock.Now());
  }
  out += text.str();
}

}  // namespace licensor::server
