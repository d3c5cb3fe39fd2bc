#include "core/card_rules.hpp"

#include <algorithm>
#include <array>
#include <utility>

namespace licensor::core::cards {
namespace {

constexpr std::array<std::pair<CardStatus, std::string_view>, 5> kNames = {{
    {CardStatus::kUnused, "UNUSED"},
    {CardStatus::kInactive, "INACTIVE"},
    {CardStatus::kInUse, "IN_USE"},
    {CardStatus::kDeactivated, "DEACTIVATED"},
    {CardStatus::kExpired, "EXPIRED"},
}};

}  // namespace

std::string_view ToString(CardStatus status) {
  for (const auto& [s, name] : kNames) {
    if (s == status) return name;
  }
  return "UNUSED";
}

std::optional<CardStatus> ParseCardStatus(std::string_view text) {
  for (const auto& [s, name] : kNames) {
    if (name == text) return s;
  }
  return std::nullopt;
}

CardStatus StatusOf(bool bound, bool activated, std::int64_t available_days) {
  if (available_days <= 0) return CardStatus::kExpired;
  if (bound) return activated ? CardStatus::kInUse : CardStatus::kInactive;
  return activated ? CardStatus::kDeactivated : CardStatus::kUnused;
}

UnixSeconds PeriodStart(std::optional<UnixSeconds> usage_until, UnixSeconds now) {
  if (usage_until && *usage_until <= now && now - *usage_until < kPeriod) return *usage_until;
  return now;
}

std::optional<UnixSeconds> RunsOutAt(std::int64_t available_days, std::int64_t drawing,
                                     UnixSeconds now) {
  if (drawing <= 0) return std::nullopt;
  // Whole periods in which every drawing device can still be paid for; the days left over pay
  // for some devices only, so the fleet is short from then on.
  return now + std::max<std::int64_t>(0, available_days) / drawing * kPeriod;
}

Access AccessTo(const std::string& actor, const std::string& owner,
                const std::vector<std::string>& owner_superiors, bool owner_allows_superior) {
  if (actor == owner) return Access::kManage;
  if (std::find(owner_superiors.begin(), owner_superiors.end(), actor) == owner_superiors.end()) {
    return Access::kNone;
  }
  return owner_allows_superior ? Access::kManage : Access::kView;
}

}  // namespace licensor::core::cards
