// Statements of the catalogue (products, customers, policies), of API tokens and of the audit
// log, one text for
// both stores: each table's own statements come from its column list (storage/tables.hpp), and
// the lists below add their filters to them. A nullable filter is cast to its type, which
// PostgreSQL needs to know the placeholder's type and SQLite reads the same.
#pragma once

#include <string>

#include "storage/sql_text.hpp"
#include "storage/table_statements.hpp"

namespace licensor::storage {

struct CatalogSql {
  explicit CatalogSql(Dialect dialect);

  TableStatements tokens;
  std::string update_token;  // only what changes: the name and the revocation
  std::string find_token_by_hash;
  std::string list_tokens;

  TableStatements products;
  std::string list_products;

  TableStatements customers;
  std::string list_customers;
  std::string count_child_customers;

  TableStatements policies;
  std::string list_policies;
  std::string count_policies;

  std::string append_event;  // answers the event's seq
  // ?3 resource type, ?4 resource id, ?5 since, ?6 until, ?7 action, ?8 actor.
  std::string list_events;
};

}  // namespace licensor::storage
