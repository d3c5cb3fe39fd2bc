#include "storage/card_table_sql.hpp"

#include "storage/card_sql.hpp"
#include "storage/table_statements.hpp"
#include "storage/tables.hpp"

namespace licensor::storage {

CardTableSql::CardTableSql(Dialect d) {
  using namespace tables;
  const std::string models = SelectFrom("device_models", kDeviceModels);
  insert_model = InDialect(InsertInto("device_models", kDeviceModels), d);
  get_model = InDialect(models + " WHERE name = ?1", d);
  list_models = InDialect(models + " WHERE seq > ?1 ORDER BY seq LIMIT ?2", d);
  const std::string types = SelectFrom("card_types", kCardTypes);
  insert_type = InDialect(InsertInto("card_types", kCardTypes), d);
  get_type = InDialect(types + " WHERE code = ?1", d);
  list_types = InDialect(types + " WHERE seq > ?1 ORDER BY seq LIMIT ?2", d);
  const std::string devices = SelectFrom("devices", kDevices);
  insert_device = InDialect(InsertInto("devices", kDevices), d);
  update_device = InDialect(UpdateByKey<core::Device>("devices", kDeviceChanges), d);
  get_device = InDialect(devices + " WHERE number = ?1", d);
  const std::string all_cards = SelectFrom("cards", kCards);
  insert_card = InDialect(InsertInto("cards", kCards), d);
  update_card = InDialect(UpdateByKey<core::Card>("cards", kCardChanges), d);
  get_card = InDialect(all_cards + " WHERE number = ?1", d);
  insert_record = InDialect(InsertInto("card_records", kCardRecords), d);

  list_devices = InDialect(devices + " WHERE seq > ?1 AND " + InJsonList("customer_id", "?3", d) +
                               " AND " + InJsonList("model", "?4", d) +
                               " AND (CAST(?5 AS TEXT) IS NULL OR number = ?5) AND "
                               "(CAST(?6 AS BOOLEAN) IS NULL OR blacklisted = ?6) "
                               "ORDER BY seq LIMIT ?2",
                           d);
  card_binding = InDialect(
      "SELECT " + NameList<core::Card>(kCardBinding) + " FROM cards WHERE number = ?1" + RowLock(d),
      d);
  const std::string cards =
      all_cards + " WHERE seq > ?1 AND " + InJsonList("customer_id", "?3", d) +
      " AND (CAST(?4 AS TEXT) IS NULL OR type_code = ?4) AND (CAST(?5 AS TEXT) IS NULL OR "
      "number = ?5) AND (CAST(?6 AS TEXT) IS NULL OR device_number = ?6) AND "
      "(CAST(?7 AS BIGINT) IS NULL OR available_days >= ?7) AND "
      "(CAST(?8 AS BIGINT) IS NULL OR available_days <= ?8) AND "
      "(CAST(?9 AS BIGINT) IS NULL OR activated_at >= ?9) AND "
      "(CAST(?10 AS BIGINT) IS NULL OR activated_at <= ?10) AND "
      "(CAST(?11 AS TEXT) IS NULL OR " LICENSOR_CARD_STATUS_SQL
      " = ?11) AND "
      "(CAST(?12 AS BOOLEAN) IS NULL OR locked = ?12) AND "
      "(CAST(?13 AS BOOLEAN) IS NULL OR (device_number IS NOT NULL) = ?13) ";
  list_cards = InDialect(cards + "ORDER BY seq LIMIT ?2", d);
  list_cards_by_number = InDialect(cards + "AND number = ?5 ORDER BY seq LIMIT ?2", d);
  list_cards_of_device = InDialect(cards + "AND device_number = ?6 ORDER BY seq LIMIT ?2", d);
  count_cards = InDialect("SELECT " + SelectList<core::CardCount>(kCardCounts) +
                              " FROM cards WHERE " + InJsonList("customer_id", "?1", d) +
                              " GROUP BY type_code, status ORDER BY type_code, status",
                          d);

  const std::string records = SelectFrom("card_records", kCardRecords) + " WHERE seq > ?1 AND (" +
                              InJsonList("from_customer", "?3", d) + " OR " +
                              InJsonList("to_customer", "?3", d) +
                              ") AND (CAST(?4 AS TEXT) IS NULL OR card_number = ?4) AND "
                              "(CAST(?5 AS TEXT) IS NULL OR type_code = ?5) AND " +
                              InJsonList("kind", "?6", d) +
                              " AND (CAST(?7 AS BIGINT) IS NULL OR at >= ?7) AND "
                              "(CAST(?8 AS BIGINT) IS NULL OR at <= ?8) ";
  list_records = InDialect(records + "ORDER BY seq LIMIT ?2", d);
  list_records_of_card = InDialect(records + "AND card_number = ?4 ORDER BY seq LIMIT ?2", d);

  const std::string deductions = SelectFrom("deductions", kDeductions) + " WHERE seq > ?1 AND " +
                                 InJsonList("customer_id", "?3", d) +
                                 " AND (CAST(?4 AS TEXT) IS NULL OR card_number = ?4) AND "
                                 "(CAST(?5 AS TEXT) IS NULL OR device_number = ?5) ";
  list_deductions = InDialect(deductions + "ORDER BY seq LIMIT ?2", d);
  list_device_deductions =
      InDialect(deductions + "AND device_number = ?5 ORDER BY seq LIMIT ?2", d);
  list_card_deductions = InDialect(
      deductions +
          "AND device_number IN (SELECT device_number FROM card_records WHERE card_number = ?4 "
          "AND device_number IS NOT NULL) ORDER BY seq LIMIT ?2",
      d);
}

}  // namespace licensor::storage
