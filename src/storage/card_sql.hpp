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

// The steps of the deduction run after the due devices are chosen into the temp table
// deduction_due; `now` is the backend's placeholder for the time.
// A deduction already made for the same device and period is never made again.
#define LICENSOR_DROP_DONE_SQL                                                \
  "DELETE FROM deduction_due WHERE EXISTS (SELECT 1 FROM deductions x WHERE " \
  "x.device_number = deduction_due.device_number AND x.period_start = "       \
  "deduction_due.period_start)"
// In the order of the (device, period) unique index, which then fills at its end: a third
// faster at a million records than in device-table order.
#define LICENSOR_INSERT_DEDUCTIONS_SQL(now)                                                   \
  "INSERT INTO deductions (card_number, device_number, customer_id, period_start, at, days, " \
  "balance_after) SELECT card_number, device_number, customer_id, period_start, " now         \
  ", 1, balance_after FROM deduction_due ORDER BY device_number"
#define LICENSOR_CHARGE_CARDS_SQL(now)                                    \
  "UPDATE cards SET available_days = available_days - 1, activated_at = " \
  "COALESCE(activated_at, " now ") FROM deduction_due WHERE cards.seq = deduction_due.card_seq"
#define LICENSOR_EXTEND_DEVICES_SQL                                                    \
  "UPDATE devices SET usage_until = deduction_due.period_start + " LICENSOR_PERIOD_SQL \
  " FROM deduction_due WHERE devices.seq = deduction_due.device_seq"

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
