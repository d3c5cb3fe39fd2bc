#include "storage/card_list_sql.hpp"

#include "storage/card_sql.hpp"

namespace licensor::storage {

CardListSql::CardListSql(Dialect d) {
  list_devices =
      InDialect(std::string(LICENSOR_SELECT_DEVICE) + "WHERE seq > ?1 AND " +
                    InJsonList("customer_id", "?3", d) + " AND " + InJsonList("model", "?4", d) +
                    " AND (CAST(?5 AS TEXT) IS NULL OR number = ?5) AND "
                    "(CAST(?6 AS BOOLEAN) IS NULL OR blacklisted = ?6) "
                    "ORDER BY seq LIMIT ?2",
                d);
  card_binding =
      InDialect(std::string("SELECT device_number, available_days, activated_at FROM cards WHERE "
                            "number = ?1") +
                    RowLock(d),
                d);
  const std::string cards =
      std::string(LICENSOR_SELECT_CARD) + "WHERE seq > ?1 AND " +
      InJsonList("customer_id", "?3", d) +
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
  count_cards =
      InDialect(std::string(LICENSOR_COUNT_CARDS_SQL) + InJsonList("customer_id", "?1", d) +
                    " GROUP BY type_code, status ORDER BY type_code, status",
                d);

  const std::string records =
      "SELECT seq, id, card_number, type_code, kind, from_customer, to_customer, device_number, "
      "days, actor, at FROM card_records WHERE seq > ?1 AND (" +
      InJsonList("from_customer", "?3", d) + " OR " + InJsonList("to_customer", "?3", d) +
      ") AND (CAST(?4 AS TEXT) IS NULL OR card_number = ?4) AND "
      "(CAST(?5 AS TEXT) IS NULL OR type_code = ?5) AND " +
      InJsonList("kind", "?6", d) +
      " AND (CAST(?7 AS BIGINT) IS NULL OR at >= ?7) AND "
      "(CAST(?8 AS BIGINT) IS NULL OR at <= ?8) ";
  list_records = InDialect(records + "ORDER BY seq LIMIT ?2", d);
  list_records_of_card = InDialect(records + "AND card_number = ?4 ORDER BY seq LIMIT ?2", d);

  const std::string deductions =
      "SELECT seq, card_number, device_number, customer_id, period_start, at, days, "
      "balance_after FROM deductions WHERE seq > ?1 AND " +
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

const CardListSql& CardListStatements(Dialect dialect) {
  static const CardListSql sqlite(Dialect::kSqlite);
  static const CardListSql postgres(Dialect::kPostgres);
  return dialect == Dialect::kSqlite ? sqlite : postgres;
}

}  // namespace licensor::storage
