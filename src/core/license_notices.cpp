#include "core/license_notices.hpp"

#include <charconv>

#include "core/mail_messages.hpp"
#include "core/registry_rules.hpp"
#include "core/user_service.hpp"

namespace licensor::core {
namespace {

constexpr const char* kScannedUntil = "license_notices.scanned_until";
constexpr UnixSeconds kDay = 86400;
constexpr int kPageSize = 200;

std::optional<UnixSeconds> ParseSeconds(const std::optional<std::string>& text) {
  UnixSeconds value = 0;
  if (!text || std::from_chars(text->data(), text->data() + text->size(), value).ec != std::errc{})
    return std::nullopt;
  return value;
}

}  // namespace

Result<int> LicenseExpiryNotices::NoticeThreshold(int days, UnixSeconds from, UnixSeconds to) {
  int queued = 0;
  PageRequest page{0, kPageSize};
  for (;;) {
    std::optional<std::int64_t> next;
    int queued_here = 0;
    LICENSOR_RETURN_IF_ERROR(store_.Write([&](StoreTx& tx) -> Status {
      queued_here = 0;  // a store may run the function again after a retry
      LICENSOR_ASSIGN_OR_RETURN(const auto ending,
                                tx.ListLicensesEnding(from + days * kDay, to + days * kDay, page));
      next = ending.next_after_seq;
      for (const License& license : ending.items) {
        // Only the nearest threshold: one that passed long ago is not sent late.
        if (registry::DueReminder(*license.expires_at, to, {}).send != days) continue;
        LICENSOR_ASSIGN_OR_RETURN(const auto customer, tx.GetCustomer(license.customer_id));
        if (!customer || !CheckEmail(customer->email).ok()) continue;
        LICENSOR_ASSIGN_OR_RETURN(const auto product, tx.GetProduct(license.product_id));
        const MailMessage message =
            LicenseExpiryMessage(license, product ? product->name : license.product_id, days);
        const std::string once = "license-expiry:" + license.id + ":" +
                                 std::to_string(*license.expires_at) + ":" + std::to_string(days);
        LICENSOR_ASSIGN_OR_RETURN(const bool sent,
                                  mail_.EnqueueOnce(tx, once, "license.expiring", customer->email,
                                                    message.subject, message.body));
        queued_here += sent ? 1 : 0;
      }
      return Status::Ok();
    }));
    queued += queued_here;
    if (!next) return queued;
    page.after_seq = *next;
  }
}

Result<int> LicenseExpiryNotices::RunOnce() {
  if (!mail_.enabled()) return 0;
  const UnixSeconds now = clock_.Now();
  LICENSOR_ASSIGN_OR_RETURN(const auto stored,
                            ReadValue<std::optional<std::string>>(
                                store_, [](StoreTx& tx) { return tx.GetSetting(kScannedUntil); }));
  // The first run looks back a day, so that a relay configured today still tells of today.
  const UnixSeconds from = ParseSeconds(stored).value_or(now - kDay);
  if (from >= now) return 0;
  int queued = 0;
  for (const int days : registry::kReminderDays) {
    LICENSOR_ASSIGN_OR_RETURN(const int n, NoticeThreshold(days, from, now));
    queued += n;
  }
  LICENSOR_RETURN_IF_ERROR(store_.Write(
      [&](StoreTx& tx) { return tx.PutSetting(kScannedUntil, std::to_string(now), now); }));
  return queued;
}

}  // namespace licensor::core
