// JSON views; times as RFC 3339 UTC strings, enums by their stable names.
#include "core/serialize.hpp"

#include "common/time_format.hpp"
#include "core/license_actions.hpp"
#include "core/policy_fields.hpp"
#include "core/registry_rules.hpp"

namespace licensor::core {

Json TimeOrNull(const std::optional<UnixSeconds>& t) {
  return t ? Json(FormatRfc3339(*t)) : Json(nullptr);
}

Json ToJson(const Product& v) {
  return {{"id", v.id},
          {"name", v.name},
          {"created_at", FormatRfc3339(v.created_at)},
          {"updated_at", FormatRfc3339(v.updated_at)}};
}

Json ToJson(const Customer& v) {
  return {{"id", v.id},
          {"name", v.name},
          {"email", v.email},
          {"parent_id", OrNull(v.parent_id)},
          {"allow_superior_manage_licenses", v.allow_superior_manage_licenses},
          {"created_at", FormatRfc3339(v.created_at)},
          {"updated_at", FormatRfc3339(v.updated_at)}};
}

Json ToJson(const Policy& v) { return FieldsToJson(PolicyFields(), v); }

Json ToJson(const License& v, Credentials shown) {
  Json out = {{"id", v.id},
              {"code", v.code},
              {"policy_id", v.policy_id},
              {"product_id", v.product_id},
              {"customer_id", v.customer_id},
              {"status", ToString(v.status)},
              {"duration_days", OrNull(v.duration_days)},
              {"validity_basis", ToString(v.validity_basis)},
              {"expires_at", TimeOrNull(v.expires_at)},
              {"max_activations", v.max_activations},
              {"activations_count", v.activations_count},
              {"features", v.features},
              {"version", v.version},
              {"pending_sync", v.pending_sync},
              {"actions", AllowedLicenseActions(v)},
              {"first_activated_at", TimeOrNull(v.first_activated_at)},
              {"created_at", FormatRfc3339(v.created_at)},
              {"updated_at", FormatRfc3339(v.updated_at)}};
  if (shown == Credentials::kMasked) MaskLicenseJson(out);
  return out;
}

Json ToJson(const Activation& v, bool alive, Credentials shown) {
  Json out = {{"id", v.id},
              {"license_id", v.license_id},
              {"fingerprint", v.fingerprint},
              {"components", v.components},
              {"hostname", v.hostname},
              {"platform", v.platform},
              {"state", alive ? "ALIVE" : "DEAD"},
              {"fetched_version", v.fetched_version},
              {"activated_at", FormatRfc3339(v.activated_at)},
              {"last_seen_at", FormatRfc3339(v.last_seen_at)},
              {"offline", v.offline}};
  if (shown == Credentials::kMasked) MaskActivationJson(out);
  return out;
}

Json ToJson(const Installation& v) {
  return {{"id", v.id},
          {"customer_id", v.customer_id},
          {"tenant_id", v.tenant_id},
          {"environment", v.environment},
          {"name", v.name},
          {"license_id", v.license_id},
          {"created_at", FormatRfc3339(v.created_at)}};
}

Json ToJson(const RegistryReminder& v) {
  const std::int64_t days_left = registry::ReminderDaysLeft(v);
  return {
      {"id", v.id},
      {"resource", {{"kind", v.resource_kind}, {"id", v.resource_id}, {"name", v.resource_name}}},
      {"threshold_days", v.threshold_days},
      {"days_left", days_left},
      {"expires_at", FormatRfc3339(v.expires_at)},
      {"created_at", FormatRfc3339(v.created_at)},
      {"sent", v.sent},
      {"message", registry::ReminderResource(v) + " expires in " + DaysText(days_left) + ", on " +
                      FormatRfc3339(v.expires_at) +
                      ": upload a renewed certificate package to keep it running."}};
}

Json ToJson(const Webhook& v) {
  return {{"id", v.id},
          {"url", v.url},
          {"created_at", FormatRfc3339(v.created_at)},
          {"created_by", v.actor}};
}

Json ToJson(const WebhookDelivery& v) {
  return {{"id", v.id},
          {"webhook_id", v.webhook_id},
          {"event_id", v.event_id},
          {"event_type", v.event_type},
          {"state", v.state},
          {"attempts", v.attempts},
          {"next_attempt_at",
           v.state == "PENDING" ? Json(FormatRfc3339(v.next_attempt_at)) : Json(nullptr)},
          {"delivered_at", TimeOrNull(v.delivered_at)},
          {"last_error", v.last_error},
          {"created_at", FormatRfc3339(v.created_at)}};
}

Json ToJson(const AccountLink& v) {
  return {{"id", v.id},
          {"email", v.email},
          {"display_name", v.display_name},
          {"role", ToString(v.role)},
          {"customer_id", v.customer_id ? Json(*v.customer_id) : Json(nullptr)},
          {"created_by", v.created_by},
          {"created_at", FormatRfc3339(v.created_at)},
          {"expires_at", FormatRfc3339(v.expires_at)}};
}

Json ToJson(const ApiToken& v) {
  return {{"id", v.id},
          {"name", v.name},
          {"role", ToString(v.role)},
          {"customer_id", OrNull(v.customer_id)},
          {"created_at", FormatRfc3339(v.created_at)},
          {"revoked_at", TimeOrNull(v.revoked_at)}};
}

Json ToJson(const User& v) {
  return {{"id", v.id},
          {"email", v.email},
          {"display_name", v.display_name},
          {"role", ToString(v.role)},
          {"customer_id", OrNull(v.customer_id)},
          {"disabled", v.disabled},
          {"created_at", FormatRfc3339(v.created_at)},
          {"updated_at", FormatRfc3339(v.updated_at)},
          {"last_login_at", TimeOrNull(v.last_login_at)}};
}

Json ToJson(const Event& v) {
  auto parse = [](const std::string& text) {
    return text.empty() ? Json(nullptr) : Json::parse(text, nullptr, false);
  };
  return {{"id", v.id},
          {"seq", v.seq},
          {"at", FormatRfc3339(v.at)},
          {"actor", v.actor},
          {"address", v.address.empty() ? Json(nullptr) : Json(v.address)},
          {"action", v.action},
          {"resource_type", v.resource_type},
          {"resource_id", v.resource_id},
          {"before", parse(v.before)},
          {"after", parse(v.after)}};
}

}  // namespace licensor::core
