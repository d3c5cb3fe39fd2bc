// The day-cards' statements over their tables, one text for both stores: inserts and reads from
// each table's column list (storage/tables.hpp), and the lists, which filter by customers,
// models or kinds given as a JSON array (InJsonList, storage/sql_text.hpp). The updates change
// only what an operation may change. The payer and deduction rules are in storage/card_sql.hpp.
#pragma once

#include <string>

#include "storage/sql_text.hpp"

namespace licensor::storage {

struct CardTableSql {
  explicit CardTableSql(Dialect dialect);

  std::string insert_model;
  std::string get_model;  // by name
  std::string list_models;
  std::string insert_type;
  std::string get_type;  // by code
  std::string list_types;
  std::string insert_device;
  // Only the owner and the blacklist: usage time is the deduction run's and the payer steps' to
  // change (storage/card_sql.hpp).
  std::string update_device;
  std::string get_device;  // by number
  std::string insert_card;
  // Not which card pays or its usage time: those are the payer steps' (storage/payer_steps.hpp).
  std::string update_card;
  std::string get_card;  // by number
  std::string insert_record;

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

}  // namespace licensor::storage
