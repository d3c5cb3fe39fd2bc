// SQL both store backends share for device day-cards, so the status a list is filtered by and
// the card a deduction takes are decided by one text (and checked against core/card_rules by
// the conformance suite).
#pragma once

#include <string_view>

#include "core/card_rules.hpp"

// A card's status from its row (core::cards::StatusOf).
#define LICENSOR_CARD_STATUS_SQL                                                  \
  "(CASE WHEN available_days <= 0 THEN 'EXPIRED' WHEN device_number IS NOT NULL " \
  "THEN (CASE WHEN activated_at IS NULL THEN 'INACTIVE' ELSE 'IN_USE' END) "      \
  "WHEN activated_at IS NULL THEN 'UNUSED' ELSE 'DEACTIVATED' END)"

// Who pays for a device. One of its bound cards is its payer (`paying`; at most one per device,
// by a unique partial index): the one the rule below picks among those with days left, kept
// until its usage time runs out even if it spent its last day. The payer carries the device's
// usage time (`paid_until`); a device with no payer (no card with days, or blacklisted) keeps
// its usage time itself (`devices.usage_until`, NULL while a card pays).
// So the daily run touches the rows it charges and nothing else: one conditional UPDATE of
// the payers whose time has run out, which is also what makes a period paid once.
//
// Re-choosing a device's payer, after anything that changes which card should pay (binding,
// unbinding, days added, the payer running out, the blacklist lifted): park the usage time on
// the device, clear the payer, pick by the rule, hand the usage time to it. `device` is the
// backend's placeholder for the device number.
#define LICENSOR_PARK_USAGE_SQL(device)                                                   \
  "UPDATE devices SET usage_until = COALESCE((SELECT paid_until FROM cards WHERE paying " \
  "AND device_number = " device "), usage_until) WHERE number = " device
#define LICENSOR_CLEAR_PAYER_SQL(device) \
  "UPDATE cards SET paying = FALSE, paid_until = NULL WHERE paying AND device_number = " device
#define LICENSOR_PICK_PAYER_SQL(device) \
  "UPDATE cards SET paying = TRUE, paid_until = (SELECT usage_until FROM devices WHERE "  \
  "number = " device ") WHERE seq = (" LICENSOR_PICK_CARD_SQL(device) ") AND NOT (SELECT " \
  "blacklisted FROM devices WHERE number = " device ")"
#define LICENSOR_UNPARK_USAGE_SQL(device)                        \
  "UPDATE devices SET usage_until = NULL WHERE number = " device \
  " AND EXISTS (SELECT 1 FROM cards WHERE paying AND device_number = " device ")"

// A device's usage time, wherever it is kept (for reading a device row as `devices`).
#define LICENSOR_DEVICE_USAGE_SQL                                                             \
  "COALESCE((SELECT paid_until FROM cards WHERE paying AND device_number = devices.number), " \
  "devices.usage_until)"

// The payers whose usage time has run out and that have a day to pay with. A run for one device
// (a report) adds "AND device_number = <its number>": an index constraint, which an
// "<param> IS NULL OR ..." form would not be (the planner would scan every payer).
#define LICENSOR_DUE_PAYER_SQL(now) \
  "paying AND available_days > 0 AND (paid_until IS NULL OR paid_until <= " now ")"
// Payers whose usage time has run out with no day left: their devices re-choose. `cards` names
// the table, with a hint to use the partial index cards_exhausted where the backend needs one
// (the index is small, but without statistics SQLite's planner cannot know it).
#define LICENSOR_EXHAUSTED_PAYERS_SQL(cards, now)            \
  "SELECT device_number FROM " cards                         \
  " WHERE available_days = 0 AND device_number IS NOT NULL " \
  "AND paying AND (paid_until IS NULL OR paid_until <= " now ")"
// Charging a payer: one day, activation at the first, and usage time one period on.
#define LICENSOR_CHARGE_SET_SQL(now)                                                \
  "available_days = available_days - 1, activated_at = COALESCE(activated_at, " now \
  "), paid_until = " LICENSOR_PERIOD_START_SQL("paid_until", now) " + " LICENSOR_PERIOD_SQL
// Blacklisting: a device whose usage time has run out, with no payer and no card with days.
#define LICENSOR_BLACKLIST_SQL(now)                                                 \
  "UPDATE devices SET blacklisted = TRUE, blacklisted_at = " now                    \
  " WHERE NOT blacklisted AND (usage_until IS NULL OR usage_until <= " now          \
  ") AND NOT EXISTS (SELECT 1 FROM cards WHERE device_number = devices.number AND " \
  "(paying OR available_days > 0)) AND "
// The job's candidates: devices with a bound card and no day left on it (`cards` as above); a
// report's: the device itself, even with no card at all.
#define LICENSOR_BLACKLIST_CANDIDATES_SQL(cards) \
  "number IN (SELECT device_number FROM " cards  \
  " WHERE available_days = 0 AND device_number " \
  "IS NOT NULL AND NOT paying)"

// The deduction run's record of what it charged, completed by each store's SELECT of the
// charged cards (SQLite records before it charges; PostgreSQL records from its UPDATE's
// RETURNING, in one statement).
#define LICENSOR_INSERT_DEDUCTIONS_SQL                                                        \
  "INSERT INTO deductions (card_number, device_number, customer_id, period_start, at, days, " \
  "balance_after) "

// One period of usage time, in seconds (core::cards::kPeriod, checked below).
#define LICENSOR_PERIOD_SQL "86400"

namespace licensor::storage::card_sql {
constexpr std::int64_t DecimalValue(std::string_view digits) {
  std::int64_t value = 0;
  for (const char c : digits) value = value * 10 + (c - '0');
  return value;
}
static_assert(DecimalValue(LICENSOR_PERIOD_SQL) == core::cards::kPeriod,
              "the SQL's period is the rules' period");
}  // namespace licensor::storage::card_sql

// The period a deduction pays for (core::cards::PeriodStart).
#define LICENSOR_PERIOD_START_SQL(usage_until, now)                                \
  "(CASE WHEN " usage_until " IS NOT NULL AND " usage_until " <= " now " AND " now \
  " - " usage_until " < " LICENSOR_PERIOD_SQL " THEN " usage_until " ELSE " now " END)"

// The card a device pays with: among its bound cards with a day left, the one activated
// earliest, then the bound-but-inactive ones in the order they were bound.
#define LICENSOR_PICK_CARD_SQL(device)                        \
  "SELECT p.seq FROM cards p WHERE p.device_number = " device \
  " AND p.available_days > 0 "                                \
  "ORDER BY p.activated_at IS NULL, p.activated_at, p.bound_at, p.seq LIMIT 1"
