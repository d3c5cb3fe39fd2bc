// JSON views of device day-cards, as the API returns them.
#include "common/time_format.hpp"
#include "core/card_rules.hpp"
#include "core/serialize.hpp"

namespace licensor::core {

Json ToJson(const DeviceModel& v) {
  return {{"id", v.id}, {"name", v.name}, {"created_at", FormatRfc3339(v.created_at)}};
}

Json ToJson(const CardType& v) {
  return {
      {"id", v.id},         {"code", v.code},         {"name", v.name},
      {"models", v.models}, {"max_days", v.max_days}, {"created_at", FormatRfc3339(v.created_at)}};
}

Json ToJson(const Device& v) {
  return {{"id", v.id},
          {"number", v.number},
          {"model", v.model},
          {"customer_id", v.customer_id},
          {"blacklisted", v.blacklisted},
          {"blacklisted_at", TimeOrNull(v.blacklisted_at)},
          {"usage_until", TimeOrNull(v.usage_until)},
          {"created_at", FormatRfc3339(v.created_at)}};
}

Json ToJson(const Card& v) {
  const auto status =
      cards::StatusOf(v.device_number.has_value(), v.activated_at.has_value(), v.available_days);
  return {{"id", v.id},
          {"number", v.number},
          {"type_code", v.type_code},
          {"status", cards::ToString(status)},
          {"locked", v.locked},
          {"total_days", v.total_days},
          {"available_days", v.available_days},
          {"activated_at", TimeOrNull(v.activated_at)},
          {"device_number", OrNull(v.device_number)},
          {"bound_at", TimeOrNull(v.bound_at)},
          {"customer_id", v.customer_id},
          {"created_at", FormatRfc3339(v.created_at)}};
}

Json ToJson(const CardRecord& v) {
  return {{"id", v.id},
          {"card_number", v.card_number},
          {"type_code", v.type_code},
          {"kind", v.kind},
          {"from_customer", OrNull(v.from_customer)},
          {"to_customer", OrNull(v.to_customer)},
          {"device_number", OrNull(v.device_number)},
          {"days", OrNull(v.days)},
          {"actor", v.actor},
          {"at", FormatRfc3339(v.at)}};
}

Json ToJson(const Deduction& v) {
  return {{"card_number", v.card_number},    {"device_number", v.device_number},
          {"customer_id", v.customer_id},    {"period_start", FormatRfc3339(v.period_start)},
          {"at", FormatRfc3339(v.at)},       {"days", v.days},
          {"balance_after", v.balance_after}};
}

}  // namespace licensor::core
