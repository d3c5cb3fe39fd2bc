// The rules of device day-cards (seed 002), without I/O: a card's status, the period a
// deduction pays for, and who in the customer hierarchy may see or operate a customer's cards.
// The store applies the same status and deduction order in SQL, set-based, for whole fleets;
// its conformance tests check it against these.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/clock.hpp"
#include "common/time_format.hpp"

namespace licensor::core::cards {

// A card type covers at most this many device models.
inline constexpr std::size_t kMaxModelsPerType = 100;

// One deduction pays for this much usage time: one day.
inline constexpr std::int64_t kPeriod = kSecondsPerDay;

enum class CardStatus { kUnused, kInactive, kInUse, kDeactivated, kExpired };
std::string_view ToString(CardStatus status);
std::optional<CardStatus> ParseCardStatus(std::string_view text);

// The seed's table: EXPIRED when no day is left; otherwise UNUSED (not bound, never
// activated), INACTIVE (bound, not activated yet), IN_USE (bound and activated), DEACTIVATED
// (activated, then unbound).
CardStatus StatusOf(bool bound, bool activated, std::int64_t available_days);

// Whether a device must pay now: it never had usage time, or its time has run out.
inline bool NeedsDeduction(std::optional<UnixSeconds> usage_until, UnixSeconds now) {
  return !usage_until || *usage_until <= now;
}

// The start of the period the next deduction pays for: the end of the device's usage time when
// that ran out less than a period ago (a late run continues the days without a gap), else now.
// It is the deduction's identity with the device: one deduction per device and period start.
UnixSeconds PeriodStart(std::optional<UnixSeconds> usage_until, UnixSeconds now);

// What a card record says happened: issued, days purchased, sold down, returned up, moved with
// a device to its owner (TRANSFER), locked, unlocked, bound, unbound.
inline constexpr std::string_view kRecordKinds[] = {
    "ISSUE", "PURCHASE", "SALE", "RETURN", "TRANSFER", "LOCK", "UNLOCK", "BIND", "UNBIND"};

// When `available_days` run out, drawn by `drawing` devices one day each per period from `now`;
// nullopt when no device draws from them.
std::optional<UnixSeconds> RunsOutAt(std::int64_t available_days, std::int64_t drawing,
                                     UnixSeconds now);

enum class Access { kNone, kView, kManage };

// What `actor` may do with what `owner` owns. `owner_superiors` is the owner's chain of
// superiors, nearest first. A customer manages its own; a superior views its subtree's and
// manages them only when the owner allows superior management; nobody else sees anything.
Access AccessTo(const std::string& actor, const std::string& owner,
                const std::vector<std::string>& owner_superiors, bool owner_allows_superior);

}  // namespace licensor::core::cards
