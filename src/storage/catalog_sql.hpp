// Statements of the catalogue (products, customers, policies) and of API tokens, one text for
// both stores (storage/sql_text.hpp). A nullable filter is cast to its type, which PostgreSQL
// needs to know the placeholder's type and SQLite reads the same.
#pragma once

namespace licensor::storage::catalog_sql {

// Column lists read by storage::ReadToken, ReadProduct, ReadCustomer and ReadPolicy.
#define LICENSOR_TOKEN_COLUMNS "seq, id, name, role, hash, created_at, revoked_at, customer_id"
#define LICENSOR_PRODUCT_COLUMNS "seq, id, name, created_at, updated_at"
#define LICENSOR_CUSTOMER_COLUMNS \
  "seq, id, name, email, parent_id, created_at, updated_at, allow_superior_manage_licenses"
// A policy's columns after seq and id, in the order the binds give them.
#define LICENSOR_POLICY_FIELDS                                                         \
  "product_id, name, duration_days, validity_basis, max_activations, features, "       \
  "deployment_mode, trial, heartbeat_interval_s, heartbeat_grace_s, dead_activation, " \
  "fp_components, fp_min_matching, expiry_grace_days, created_at, updated_at, offline_grace_s"

inline constexpr char kInsertToken[] =
    "INSERT INTO tokens (id, name, role, hash, created_at, revoked_at, customer_id) "
    "VALUES (?1,?2,?3,?4,?5,?6,?7)";
inline constexpr char kUpdateToken[] = "UPDATE tokens SET name = ?2, revoked_at = ?3 WHERE id = ?1";
inline constexpr char kGetToken[] = "SELECT " LICENSOR_TOKEN_COLUMNS " FROM tokens WHERE id = ?1";
inline constexpr char kFindTokenByHash[] =
    "SELECT " LICENSOR_TOKEN_COLUMNS " FROM tokens WHERE hash = ?1";
inline constexpr char kListTokens[] =
    "SELECT " LICENSOR_TOKEN_COLUMNS " FROM tokens WHERE seq > ?1 ORDER BY seq LIMIT ?2";

inline constexpr char kInsertProduct[] =
    "INSERT INTO products (id, name, created_at, updated_at) VALUES (?1,?2,?3,?4)";
inline constexpr char kUpdateProduct[] =
    "UPDATE products SET name = ?2, updated_at = ?3 WHERE id = ?1";
inline constexpr char kDeleteProduct[] = "DELETE FROM products WHERE id = ?1";
inline constexpr char kGetProduct[] =
    "SELECT " LICENSOR_PRODUCT_COLUMNS " FROM products WHERE id = ?1";
inline constexpr char kListProducts[] =
    "SELECT " LICENSOR_PRODUCT_COLUMNS " FROM products WHERE seq > ?1 ORDER BY seq LIMIT ?2";

inline constexpr char kInsertCustomer[] =
    "INSERT INTO customers (id, name, email, parent_id, created_at, updated_at, "
    "allow_superior_manage_licenses) VALUES (?1,?2,?3,?4,?5,?6,?7)";
inline constexpr char kUpdateCustomer[] =
    "UPDATE customers SET name = ?2, email = ?3, parent_id = ?4, updated_at = ?5, "
    "allow_superior_manage_licenses = ?6 WHERE id = ?1";
inline constexpr char kDeleteCustomer[] = "DELETE FROM customers WHERE id = ?1";
inline constexpr char kGetCustomer[] =
    "SELECT " LICENSOR_CUSTOMER_COLUMNS " FROM customers WHERE id = ?1";
inline constexpr char kListCustomers[] =
    "SELECT " LICENSOR_CUSTOMER_COLUMNS
    " FROM customers WHERE seq > ?1 AND (CAST(?3 AS TEXT) IS NULL OR parent_id = ?3) "
    "ORDER BY seq LIMIT ?2";
inline constexpr char kCountChildCustomers[] =
    "SELECT COUNT(*) FROM customers WHERE parent_id = ?1";

inline constexpr char kInsertPolicy[] =
    "INSERT INTO policies (id, " LICENSOR_POLICY_FIELDS
    ") VALUES (?1,?2,?3,?4,?5,?6,?7,?8,?9,?10,?11,?12,?13,?14,?15,?16,?17,?18)";
inline constexpr char kUpdatePolicy[] =
    "UPDATE policies SET product_id = ?2, name = ?3, duration_days = ?4, validity_basis = ?5, "
    "max_activations = ?6, features = ?7, deployment_mode = ?8, trial = ?9, "
    "heartbeat_interval_s = ?10, heartbeat_grace_s = ?11, dead_activation = ?12, "
    "fp_components = ?13, fp_min_matching = ?14, expiry_grace_days = ?15, created_at = ?16, "
    "updated_at = ?17, offline_grace_s = ?18 WHERE id = ?1";
inline constexpr char kDeletePolicy[] = "DELETE FROM policies WHERE id = ?1";
inline constexpr char kGetPolicy[] =
    "SELECT seq, id, " LICENSOR_POLICY_FIELDS " FROM policies WHERE id = ?1";
inline constexpr char kListPolicies[] =
    "SELECT seq, id, " LICENSOR_POLICY_FIELDS
    " FROM policies WHERE seq > ?1 AND (CAST(?3 AS TEXT) IS NULL OR product_id = ?3) "
    "ORDER BY seq LIMIT ?2";
inline constexpr char kCountPolicies[] = "SELECT COUNT(*) FROM policies WHERE product_id = ?1";

}  // namespace licensor::storage::catalog_sql
