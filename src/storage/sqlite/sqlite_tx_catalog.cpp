// Tokens, products, customers, policies, events and meta in SQLite.
#include <nlohmann/json.hpp>

#include "storage/catalog_sql.hpp"
#include "storage/rows.hpp"
#include "storage/sqlite/sqlite_tx.hpp"

namespace licensor::storage::sqlite {
namespace {

using namespace core;
using Json = nlohmann::json;
using storage::ReadCustomer;
using storage::ReadEvent;
using storage::ReadPolicy;
using storage::ReadProduct;
using storage::ReadToken;

using namespace catalog_sql;  // the statements (storage/catalog_sql.hpp)

constexpr const char* kAppendEvent =
    "INSERT INTO events (id, at, actor, action, resource_type, resource_id, before, after, "
    "address) VALUES (?1,?2,?3,?4,?5,?6,?7,?8,?9)";
constexpr const char* kListEvents =
    "SELECT seq, id, at, actor, action, resource_type, resource_id, before, after, address "
    "FROM events WHERE seq > ?1 AND (?3 IS NULL OR resource_type = ?3) AND (?4 IS NULL OR "
    "resource_id = ?4) "
    "AND (?5 IS NULL OR at >= ?5) AND (?6 IS NULL OR at <= ?6) AND (?7 IS NULL OR action = ?7) "
    "AND (?8 IS NULL OR actor = ?8) ORDER BY seq LIMIT ?2";

Status BindPolicy(Statement& stmt, const Policy& p) {
  stmt.Bind(p.id, p.product_id, p.name, p.duration_days, ToString(p.validity_basis),
            p.max_activations, Json(p.features).dump(), ToString(p.deployment_mode), p.trial,
            p.heartbeat_interval_s, p.heartbeat_grace_s, ToString(p.dead_activation),
            Json(p.fingerprint_rule.components).dump(), p.fingerprint_rule.min_matching,
            p.expiry_grace_days, p.created_at, p.updated_at, p.offline_grace_s);
  return stmt.Run();
}

}  // namespace

Status ExpectOneRow(const Connection& conn, const char* kind) {
  if (conn.Changes() == 0) return Status::NotFound(std::string(kind) + " not found");
  return Status::Ok();
}

Status SqliteTx::InsertToken(const ApiToken& t) {
  LICENSOR_ASSIGN_OR_RETURN(auto stmt, conn_.Prepare(kInsertToken));
  return stmt
      .Bind(t.id, t.name, ToString(t.role), t.hash, t.created_at, t.revoked_at, t.customer_id)
      .Run();
}

Status SqliteTx::UpdateToken(const ApiToken& t) {
  LICENSOR_ASSIGN_OR_RETURN(auto stmt, conn_.Prepare(kUpdateToken));
  LICENSOR_RETURN_IF_ERROR(stmt.Bind(t.id, t.name, t.revoked_at).Run());
  return ExpectOneRow(conn_, "token");
}

Result<std::optional<ApiToken>> SqliteTx::GetToken(const std::string& id) {
  LICENSOR_ASSIGN_OR_RETURN(auto stmt, conn_.Prepare(kGetToken));
  return ReadOne<ApiToken>(stmt.Bind(id), ReadToken<Statement>);
}

Result<std::optional<ApiToken>> SqliteTx::FindTokenByHash(const std::string& hash) {
  LICENSOR_ASSIGN_OR_RETURN(auto stmt, conn_.Prepare(kFindTokenByHash));
  return ReadOne<ApiToken>(stmt.Bind(hash), ReadToken<Statement>);
}

Result<Page<ApiToken>> SqliteTx::ListTokens(const PageRequest& page) {
  LICENSOR_ASSIGN_OR_RETURN(auto stmt, conn_.Prepare(kListTokens));
  return ReadPage<ApiToken>(stmt.Bind(page.after_seq, page.limit + 1), page.limit,
                            ReadToken<Statement>);
}

Status SqliteTx::InsertProduct(const Product& p) {
  LICENSOR_ASSIGN_OR_RETURN(auto stmt, conn_.Prepare(kInsertProduct));
  return stmt.Bind(p.id, p.name, p.created_at, p.updated_at).Run();
}

Status SqliteTx::UpdateProduct(const Product& p) {
  LICENSOR_ASSIGN_OR_RETURN(auto stmt, conn_.Prepare(kUpdateProduct));
  LICENSOR_RETURN_IF_ERROR(stmt.Bind(p.id, p.name, p.updated_at).Run());
  return ExpectOneRow(conn_, "product");
}

Status SqliteTx::DeleteProduct(const std::string& id) {
  LICENSOR_ASSIGN_OR_RETURN(auto stmt, conn_.Prepare(kDeleteProduct));
  LICENSOR_RETURN_IF_ERROR(stmt.Bind(id).Run());
  return ExpectOneRow(conn_, "product");
}

Result<std::optional<Product>> SqliteTx::GetProduct(const std::string& id) {
  LICENSOR_ASSIGN_OR_RETURN(auto stmt, conn_.Prepare(kGetProduct));
  return ReadOne<Product>(stmt.Bind(id), ReadProduct<Statement>);
}

Result<Page<Product>> SqliteTx::ListProducts(const PageRequest& page) {
  LICENSOR_ASSIGN_OR_RETURN(auto stmt, conn_.Prepare(kListProducts));
  return ReadPage<Product>(stmt.Bind(page.after_seq, page.limit + 1), page.limit,
                           ReadProduct<Statement>);
}

Status SqliteTx::InsertCustomer(const Customer& c) {
  LICENSOR_ASSIGN_OR_RETURN(auto stmt, conn_.Prepare(kInsertCustomer));
  return stmt
      .Bind(c.id, c.name, c.email, c.parent_id, c.created_at, c.updated_at,
            c.allow_superior_manage_licenses)
      .Run();
}

Status SqliteTx::UpdateCustomer(const Customer& c) {
  LICENSOR_ASSIGN_OR_RETURN(auto stmt, conn_.Prepare(kUpdateCustomer));
  LICENSOR_RETURN_IF_ERROR(
      stmt.Bind(c.id, c.name, c.email, c.parent_id, c.updated_at, c.allow_superior_manage_licenses)
          .Run());
  return ExpectOneRow(conn_, "customer");
}

Status SqliteTx::DeleteCustomer(const std::string& id) {
  LICENSOR_ASSIGN_OR_RETURN(auto stmt, conn_.Prepare(kDeleteCustomer));
  LICENSOR_RETURN_IF_ERROR(stmt.Bind(id).Run());
  return ExpectOneRow(conn_, "customer");
}

Result<std::optional<Customer>> SqliteTx::GetCustomer(const std::string& id) {
  LICENSOR_ASSIGN_OR_RETURN(auto stmt, conn_.Prepare(kGetCustomer));
  return ReadOne<Customer>(stmt.Bind(id), ReadCustomer<Statement>);
}

Result<Page<Customer>> SqliteTx::ListCustomers(const std::optional<std::string>& parent_id,
                                               const PageRequest& page) {
  LICENSOR_ASSIGN_OR_RETURN(auto stmt, conn_.Prepare(kListCustomers));
  return ReadPage<Customer>(stmt.Bind(page.after_seq, page.limit + 1, parent_id), page.limit,
                            ReadCustomer<Statement>);
}

Result<std::int64_t> SqliteTx::CountChildCustomers(const std::string& id) {
  LICENSOR_ASSIGN_OR_RETURN(auto stmt, conn_.Prepare(kCountChildCustomers));
  return ReadCount(stmt.Bind(id));
}

Status SqliteTx::InsertPolicy(const Policy& p) {
  LICENSOR_ASSIGN_OR_RETURN(auto stmt, conn_.Prepare(kInsertPolicy));
  return BindPolicy(stmt, p);
}

Status SqliteTx::UpdatePolicy(const Policy& p) {
  TouchedEverything();
  LICENSOR_ASSIGN_OR_RETURN(auto stmt, conn_.Prepare(kUpdatePolicy));
  LICENSOR_RETURN_IF_ERROR(BindPolicy(stmt, p));
  return ExpectOneRow(conn_, "policy");
}

Status SqliteTx::DeletePolicy(const std::string& id) {
  TouchedEverything();
  LICENSOR_ASSIGN_OR_RETURN(auto stmt, conn_.Prepare(kDeletePolicy));
  LICENSOR_RETURN_IF_ERROR(stmt.Bind(id).Run());
  return ExpectOneRow(conn_, "policy");
}

Result<std::optional<Policy>> SqliteTx::GetPolicy(const std::string& id) {
  LICENSOR_ASSIGN_OR_RETURN(auto stmt, conn_.Prepare(kGetPolicy));
  return ReadOne<Policy>(stmt.Bind(id), ReadPolicy<Statement>);
}

Result<Page<Policy>> SqliteTx::ListPolicies(const std::optional<std::string>& product_id,
                                            const PageRequest& page) {
  LICENSOR_ASSIGN_OR_RETURN(auto stmt, conn_.Prepare(kListPolicies));
  return ReadPage<Policy>(stmt.Bind(page.after_seq, page.limit + 1, product_id), page.limit,
                          ReadPolicy<Statement>);
}

Result<std::int64_t> SqliteTx::CountPolicies(const std::string& product_id) {
  LICENSOR_ASSIGN_OR_RETURN(auto stmt, conn_.Prepare(kCountPolicies));
  return ReadCount(stmt.Bind(product_id));
}

Status SqliteTx::AppendEvent(Event& e) {
  LICENSOR_ASSIGN_OR_RETURN(auto stmt, conn_.Prepare(kAppendEvent));
  LICENSOR_RETURN_IF_ERROR(stmt.Bind(e.id, e.at, e.actor, e.action, e.resource_type, e.resource_id,
                                     e.before, e.after, e.address)
                               .Run());
  e.seq = conn_.LastInsertRowId();
  return Status::Ok();
}

Result<Page<Event>> SqliteTx::ListEvents(const EventFilter& f, const PageRequest& page) {
  LICENSOR_ASSIGN_OR_RETURN(auto stmt, conn_.Prepare(kListEvents));
  return ReadPage<Event>(stmt.Bind(page.after_seq, page.limit + 1, f.resource_type, f.resource_id,
                                   f.since, f.until, f.action, f.actor),
                         page.limit, ReadEvent<Statement>);
}

}  // namespace licensor::storage::sqlite
