// Tokens, products, customers, policies, events and meta in SQLite.
#include "storage/catalog_sql.hpp"
#include "storage/sqlite/sqlite_tx.hpp"
#include "storage/tables.hpp"

namespace licensor::storage::sqlite {
namespace {

using namespace core;

const CatalogSql& Sql() { return StatementsFor<CatalogSql>(Dialect::kSqlite); }

}  // namespace

Status ExpectOneRow(const Connection& conn, const char* kind) {
  if (conn.Changes() == 0) return Status::NotFound(std::string(kind) + " not found");
  return Status::Ok();
}

Status SqliteTx::InsertToken(const ApiToken& t) {
  return InsertRow(conn_, Sql().tokens.insert, t, tables::kTokens);
}

Status SqliteTx::UpdateToken(const ApiToken& t) {
  return UpdateRow(conn_, Sql().update_token, t, tables::kTokenChanges, "token");
}

Result<std::optional<ApiToken>> SqliteTx::GetToken(const std::string& id) {
  LICENSOR_ASSIGN_OR_RETURN(auto stmt, conn_.Prepare(Sql().tokens.get.c_str()));
  return ReadOne<ApiToken>(stmt.Bind(id), RowsOf(tables::kTokens));
}

Result<std::optional<ApiToken>> SqliteTx::FindTokenByHash(const std::string& hash) {
  LICENSOR_ASSIGN_OR_RETURN(auto stmt, conn_.Prepare(Sql().find_token_by_hash.c_str()));
  return ReadOne<ApiToken>(stmt.Bind(hash), RowsOf(tables::kTokens));
}

Result<Page<ApiToken>> SqliteTx::ListTokens(const PageRequest& page) {
  LICENSOR_ASSIGN_OR_RETURN(auto stmt, conn_.Prepare(Sql().list_tokens.c_str()));
  return ReadPage<ApiToken>(stmt.Bind(page.after_seq, page.limit + 1), page.limit,
                            RowsOf(tables::kTokens));
}

Status SqliteTx::InsertProduct(const Product& p) {
  return InsertRow(conn_, Sql().products.insert, p, tables::kProducts);
}

Status SqliteTx::UpdateProduct(const Product& p) {
  return UpdateRow(conn_, Sql().products.update, p, tables::kProducts, "product");
}

Status SqliteTx::DeleteProduct(const std::string& id) {
  LICENSOR_ASSIGN_OR_RETURN(auto stmt, conn_.Prepare(Sql().products.remove.c_str()));
  LICENSOR_RETURN_IF_ERROR(stmt.Bind(id).Run());
  return ExpectOneRow(conn_, "product");
}

Result<std::optional<Product>> SqliteTx::GetProduct(const std::string& id) {
  LICENSOR_ASSIGN_OR_RETURN(auto stmt, conn_.Prepare(Sql().products.get.c_str()));
  return ReadOne<Product>(stmt.Bind(id), RowsOf(tables::kProducts));
}

Result<Page<Product>> SqliteTx::ListProducts(const PageRequest& page) {
  LICENSOR_ASSIGN_OR_RETURN(auto stmt, conn_.Prepare(Sql().list_products.c_str()));
  return ReadPage<Product>(stmt.Bind(page.after_seq, page.limit + 1), page.limit,
                           RowsOf(tables::kProducts));
}

Status SqliteTx::InsertCustomer(const Customer& c) {
  return InsertRow(conn_, Sql().customers.insert, c, tables::kCustomers);
}

Status SqliteTx::UpdateCustomer(const Customer& c) {
  return UpdateRow(conn_, Sql().customers.update, c, tables::kCustomers, "customer");
}

Status SqliteTx::DeleteCustomer(const std::string& id) {
  LICENSOR_ASSIGN_OR_RETURN(auto stmt, conn_.Prepare(Sql().customers.remove.c_str()));
  LICENSOR_RETURN_IF_ERROR(stmt.Bind(id).Run());
  return ExpectOneRow(conn_, "customer");
}

Result<std::optional<Customer>> SqliteTx::GetCustomer(const std::string& id) {
  LICENSOR_ASSIGN_OR_RETURN(auto stmt, conn_.Prepare(Sql().customers.get.c_str()));
  return ReadOne<Customer>(stmt.Bind(id), RowsOf(tables::kCustomers));
}

Result<Page<Customer>> SqliteTx::ListCustomers(const std::optional<std::string>& parent_id,
                                               const PageRequest& page) {
  LICENSOR_ASSIGN_OR_RETURN(auto stmt, conn_.Prepare(Sql().list_customers.c_str()));
  return ReadPage<Customer>(stmt.Bind(page.after_seq, page.limit + 1, parent_id), page.limit,
                            RowsOf(tables::kCustomers));
}

Result<std::int64_t> SqliteTx::CountChildCustomers(const std::string& id) {
  LICENSOR_ASSIGN_OR_RETURN(auto stmt, conn_.Prepare(Sql().count_child_customers.c_str()));
  return ReadCount(stmt.Bind(id));
}

Status SqliteTx::InsertPolicy(const Policy& p) {
  return InsertRow(conn_, Sql().policies.insert, p, tables::kPolicies);
}

Status SqliteTx::UpdatePolicy(const Policy& p) {
  TouchedEverything();
  return UpdateRow(conn_, Sql().policies.update, p, tables::kPolicies, "policy");
}

Status SqliteTx::DeletePolicy(const std::string& id) {
  TouchedEverything();
  LICENSOR_ASSIGN_OR_RETURN(auto stmt, conn_.Prepare(Sql().policies.remove.c_str()));
  LICENSOR_RETURN_IF_ERROR(stmt.Bind(id).Run());
  return ExpectOneRow(conn_, "policy");
}

Result<std::optional<Policy>> SqliteTx::GetPolicy(const std::string& id) {
  LICENSOR_ASSIGN_OR_RETURN(auto stmt, conn_.Prepare(Sql().policies.get.c_str()));
  return ReadOne<Policy>(stmt.Bind(id), RowsOf(tables::kPolicies));
}

Result<Page<Policy>> SqliteTx::ListPolicies(const PolicyFilter& f, const PageRequest& page) {
  LICENSOR_ASSIGN_OR_RETURN(auto stmt, conn_.Prepare(Sql().list_policies.c_str()));
  return ReadPage<Policy>(stmt.Bind(page.after_seq, page.limit + 1, f.product_id, f.sku),
                          page.limit, RowsOf(tables::kPolicies));
}

Result<std::int64_t> SqliteTx::CountPolicies(const std::string& product_id) {
  LICENSOR_ASSIGN_OR_RETURN(auto stmt, conn_.Prepare(Sql().count_policies.c_str()));
  return ReadCount(stmt.Bind(product_id));
}

Status SqliteTx::AppendEvent(Event& e) {
  LICENSOR_ASSIGN_OR_RETURN(auto stmt, conn_.Prepare(Sql().append_event.c_str()));
  LICENSOR_ASSIGN_OR_RETURN(e.seq,
                            InsertReturningSeq(stmt.BindAll(ValuesOf<Event>(e, tables::kEvents))));
  return Status::Ok();
}

Result<Page<Event>> SqliteTx::ListEvents(const EventFilter& f, const PageRequest& page) {
  LICENSOR_ASSIGN_OR_RETURN(auto stmt, conn_.Prepare(Sql().list_events.c_str()));
  return ReadPage<Event>(stmt.Bind(page.after_seq, page.limit + 1, f.resource_type, f.resource_id,
                                   f.since, f.until, f.action, f.actor),
                         page.limit, rows::kEvent);
}

}  // namespace licensor::storage::sqlite
