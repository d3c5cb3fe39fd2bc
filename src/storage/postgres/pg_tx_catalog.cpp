// Tokens, products, customers, policies and events in PostgreSQL. The catalogue's statements
// are one text with SQLite's (storage/catalog_sql.hpp).
#include "storage/catalog_sql.hpp"
#include "storage/postgres/pg_results.hpp"
#include "storage/postgres/pg_tx.hpp"
#include "storage/tables.hpp"

namespace licensor::storage::postgres {
namespace {

using namespace core;

const CatalogSql& Sql() { return StatementsFor<CatalogSql>(Dialect::kPostgres); }

}  // namespace

Status PgTx::InsertToken(const ApiToken& t) {
  return InsertRow(conn_, Sql().tokens.insert, t, tables::kTokens);
}
Status PgTx::UpdateToken(const ApiToken& t) {
  return UpdateRow(conn_, Sql().update_token, t, tables::kTokenChanges, "token");
}
Result<std::optional<ApiToken>> PgTx::GetToken(const std::string& id) {
  return One<ApiToken>(conn_.Query(Sql().tokens.get.c_str(), id), RowsOf(tables::kTokens));
}
Result<std::optional<ApiToken>> PgTx::FindTokenByHash(const std::string& hash) {
  return One<ApiToken>(conn_.Query(Sql().find_token_by_hash.c_str(), hash),
                       RowsOf(tables::kTokens));
}
Result<Page<ApiToken>> PgTx::ListTokens(const PageRequest& page) {
  return PageOf<ApiToken>(conn_.Query(Sql().list_tokens.c_str(), page.after_seq, page.limit + 1),
                          page.limit, RowsOf(tables::kTokens));
}

Status PgTx::InsertProduct(const Product& p) {
  return InsertRow(conn_, Sql().products.insert, p, tables::kProducts);
}
Status PgTx::UpdateProduct(const Product& p) {
  return UpdateRow(conn_, Sql().products.update, p, tables::kProducts, "product");
}
Status PgTx::DeleteProduct(const std::string& id) {
  return Changed(conn_.Query(Sql().products.remove.c_str(), id), "product");
}
Result<std::optional<Product>> PgTx::GetProduct(const std::string& id) {
  return One<Product>(conn_.Query(Sql().products.get.c_str(), id), RowsOf(tables::kProducts));
}
Result<Page<Product>> PgTx::ListProducts(const PageRequest& page) {
  return PageOf<Product>(conn_.Query(Sql().list_products.c_str(), page.after_seq, page.limit + 1),
                         page.limit, RowsOf(tables::kProducts));
}

Status PgTx::InsertCustomer(const Customer& c) {
  return InsertRow(conn_, Sql().customers.insert, c, tables::kCustomers);
}
Status PgTx::UpdateCustomer(const Customer& c) {
  return UpdateRow(conn_, Sql().customers.update, c, tables::kCustomers, "customer");
}
Status PgTx::DeleteCustomer(const std::string& id) {
  return Changed(conn_.Query(Sql().customers.remove.c_str(), id), "customer");
}
Result<std::optional<Customer>> PgTx::GetCustomer(const std::string& id) {
  return One<Customer>(conn_.Query(Sql().customers.get.c_str(), id), RowsOf(tables::kCustomers));
}
Result<Page<Customer>> PgTx::ListCustomers(const std::optional<std::string>& parent_id,
                                           const PageRequest& page) {
  return PageOf<Customer>(
      conn_.Query(Sql().list_customers.c_str(), page.after_seq, page.limit + 1, parent_id),
      page.limit, RowsOf(tables::kCustomers));
}
Result<std::int64_t> PgTx::CountChildCustomers(const std::string& id) {
  return Count(conn_.Query(Sql().count_child_customers.c_str(), id));
}

Status PgTx::InsertPolicy(const Policy& p) {
  return InsertRow(conn_, Sql().policies.insert, p, tables::kPolicies);
}
Status PgTx::UpdatePolicy(const Policy& p) {
  TouchedEverything();
  return UpdateRow(conn_, Sql().policies.update, p, tables::kPolicies, "policy");
}
Status PgTx::DeletePolicy(const std::string& id) {
  TouchedEverything();
  return Changed(conn_.Query(Sql().policies.remove.c_str(), id), "policy");
}
Result<std::optional<Policy>> PgTx::GetPolicy(const std::string& id) {
  return One<Policy>(conn_.Query(Sql().policies.get.c_str(), id), RowsOf(tables::kPolicies));
}
Result<Page<Policy>> PgTx::ListPolicies(const PolicyFilter& f, const PageRequest& page) {
  return PageOf<Policy>(
      conn_.Query(Sql().list_policies.c_str(), page.after_seq, page.limit + 1, f.product_id, f.sku),
      page.limit, RowsOf(tables::kPolicies));
}
Result<std::int64_t> PgTx::CountPolicies(const std::string& product_id) {
  return Count(conn_.Query(Sql().count_policies.c_str(), product_id));
}

Status PgTx::AppendEvent(Event& e) {
  LICENSOR_ASSIGN_OR_RETURN(
      const auto result,
      conn_.Query(Sql().append_event.c_str(), PgParams::From(ValuesOf<Event>(e, tables::kEvents))));
  e.seq = result.row(0).Int(0);
  return Status::Ok();
}
Result<Page<Event>> PgTx::ListEvents(const EventFilter& f, const PageRequest& page) {
  return PageOf<Event>(
      conn_.Query(Sql().list_events.c_str(), page.after_seq, page.limit + 1, f.resource_type,
                  f.resource_id, f.since, f.until, f.action, f.actor),
      page.limit, rows::kEvent);
}

}  // namespace licensor::storage::postgres
