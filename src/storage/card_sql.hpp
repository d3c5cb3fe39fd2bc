// SQL both store backends share for device day-cards, so the status a list is filtered by and
// the card a deduction takes are decided by one text (and checked against core/card_rules by
// the conformance suite).
#pragma once

// A card's status from its row (core::cards::StatusOf).
#define LICENSOR_CARD_STATUS_SQL                                                  \
  "(CASE WHEN available_days <= 0 THEN 'EXPIRED' WHEN device_number IS NOT NULL " \
  "THEN (CASE WHEN activated_at IS NULL THEN 'INACTIVE' ELSE 'IN_USE' END) "      \
  "WHEN activated_at IS NULL THEN 'UNUSED' ELSE 'DEACTIVATED' END)"

// Cards counted by type and status, with their days; the caller adds the customer filter
// (a placeholder for it sits after WHERE) and the GROUP BY.
#define LICENSOR_COUNT_CARDS_SQL                                       \
  "SELECT type_code, " LICENSOR_CARD_STATUS_SQL                        \
  " AS status, COUNT(*), SUM(available_days), "                        \
  "SUM(CASE WHEN available_days BETWEEN 1 AND 29 THEN 1 ELSE 0 END), " \
  "SUM(CASE WHEN available_days BETWEEN 1 AND 6 THEN 1 ELSE 0 END) FROM cards WHERE "

// One period of usage time, in seconds (core::cards::kPeriod).
#define LICENSOR_PERIOD_SQL "86400"

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
