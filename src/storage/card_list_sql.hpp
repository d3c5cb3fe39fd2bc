// The day-cards' list statements, one text for both stores: the lists filter by customers,
// models or kinds given as a JSON array (InJsonList, storage/sql_text.hpp), the one thing the
// dialects say differently here. The plain statements and the deduction rules are in
// storage/card_sql.hpp.
#pragma once

#include <string>

#include "storage/sql_text.hpp"

namespace licensor::storage {

struct CardListSql {
  explicit CardListSql(Dialect dialect);

  // ?1 after, ?2 limit, ?3 customers, ?4 models, ?5 number, ?6 blacklisted.
  std::string list_devices;
  // A card's binding before a change, locked: which card pays is decided from what it was.
  std::string card_binding;
  // ?3 customers, ?4 type, ?5 number, ?6 device, ?7 ?8 days, ?9 ?10 activated, ?11 status,
  // ?12 locked, ?13 bound. Filtered by card or device number, a list adds it once more as a
  // plain condition: the "IS NULL OR" form alone keeps SQLite from using the index on it.
  std::string list_cards;
  std::string list_cards_by_number;
  std::string list_cards_of_device;
  std::string count_cards;  // ?1 customers
  // ?3 customers (sender or receiver), ?4 card, ?5 type, ?6 kinds, ?7 since, ?8 until.
  std::string list_records;
  std::string list_records_of_card;
  // ?3 customers, ?4 card, ?5 device. Deductions are indexed by device only (each day's run
  // writes one index, not two): a device's are a range of that index; a card's are among those
  // of the devices it was bound to, which its own records name.
  std::string list_deductions;
  std::string list_device_deductions;
  std::string list_card_deductions;
};

const CardListSql& CardListStatements(Dialect dialect);

}  // namespace licensor::storage
