#include "storage/catalog_sql.hpp"

#include "storage/tables.hpp"

namespace licensor::storage {
CatalogSql::CatalogSql(Dialect d)
    : tokens(StatementsOf("tokens", tables::kTokens, d)),
      update_token(InDialect(UpdateByKey<core::ApiToken>("tokens", tables::kTokenChanges), d)),
      find_token_by_hash(InDialect(tokens.select + " WHERE hash = ?1", d)),
      list_tokens(InDialect(Paged(tokens.select, ""), d)),
      products(StatementsOf("products", tables::kProducts, d)),
      list_products(InDialect(Paged(products.select, ""), d)),
      customers(StatementsOf("customers", tables::kCustomers, d)),
      list_customers(InDialect(
          Paged(customers.select, " AND (CAST(?3 AS TEXT) IS NULL OR parent_id = ?3)"), d)),
      count_child_customers(InDialect("SELECT COUNT(*) FROM customers WHERE parent_id = ?1", d)),
      policies(StatementsOf("policies", tables::kPolicies, d)),
      list_policies(InDialect(
          Paged(policies.select,
                " AND (CAST(?3 AS TEXT) IS NULL OR product_id = ?3) AND (CAST(?4 AS TEXT) IS NULL "
                "OR sku = ?4)"),
          d)),
      count_policies(InDialect("SELECT COUNT(*) FROM policies WHERE product_id = ?1", d)) {
  const std::string events = NameList<core::Event>(tables::kEvents);
  append_event = InDialect("INSERT INTO events (" + events + ") VALUES (" +
                               Placeholders(std::size(tables::kEvents)) + ") RETURNING seq",
                           d);
  list_events = InDialect(Paged("SELECT seq, " + events + " FROM events",
                                " AND (CAST(?3 AS TEXT) IS NULL OR resource_type = ?3) AND "
                                "(CAST(?4 AS TEXT) IS NULL OR resource_id = ?4) AND "
                                "(CAST(?5 AS BIGINT) IS NULL OR at >= ?5) AND "
                                "(CAST(?6 AS BIGINT) IS NULL OR at <= ?6) AND "
                                "(CAST(?7 AS TEXT) IS NULL OR action = ?7) AND "
                                "(CAST(?8 AS TEXT) IS NULL OR actor = ?8)"),
                          d);
}

}  // namespace licensor::storage
