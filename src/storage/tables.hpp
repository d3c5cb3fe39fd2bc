// The column list of each table whose rows are entities: the one place a stored field is named.
// The first column is each table's key, `id`; `seq`, the order rows were made in, is the
// store's own and is read before these. Adding a field: add it to the entity, here, and to the
// schema history (storage/schema_history.cpp); the statements, binds and reads follow.
#pragma once

#include "core/entities.hpp"
#include "storage/columns.hpp"

namespace licensor::storage::tables {

inline constexpr Column<core::ApiToken> kTokens[] = {
    Col<&core::ApiToken::id>("id"),
    Col<&core::ApiToken::name>("name"),
    Col<&core::ApiToken::role>("role"),
    Col<&core::ApiToken::hash>("hash"),
    Col<&core::ApiToken::created_at>("created_at"),
    Col<&core::ApiToken::revoked_at>("revoked_at"),
    Col<&core::ApiToken::customer_id>("customer_id"),
};
static_assert(FieldsCompleted(kTokens) == FieldCount<core::ApiToken>());

inline constexpr Column<core::Product> kProducts[] = {
    Col<&core::Product::id>("id"),
    Col<&core::Product::name>("name"),
    Col<&core::Product::created_at>("created_at"),
    Col<&core::Product::updated_at>("updated_at"),
};
static_assert(FieldsCompleted(kProducts) == FieldCount<core::Product>());

inline constexpr Column<core::Customer> kCustomers[] = {
    Col<&core::Customer::id>("id"),
    Col<&core::Customer::name>("name"),
    Col<&core::Customer::email>("email"),
    Col<&core::Customer::parent_id>("parent_id"),
    Col<&core::Customer::created_at>("created_at"),
    Col<&core::Customer::updated_at>("updated_at"),
    Col<&core::Customer::allow_superior_manage_licenses>("allow_superior_manage_licenses"),
};
static_assert(FieldsCompleted(kCustomers) == FieldCount<core::Customer>());

inline constexpr Column<core::Policy> kPolicies[] = {
    Col<&core::Policy::id>("id"),
    Col<&core::Policy::product_id>("product_id"),
    Col<&core::Policy::name>("name"),
    Col<&core::Policy::duration_days>("duration_days"),
    Col<&core::Policy::validity_basis>("validity_basis"),
    Col<&core::Policy::max_activations>("max_activations"),
    Col<&core::Policy::features>("features"),
    Col<&core::Policy::deployment_mode>("deployment_mode"),
    Col<&core::Policy::trial>("trial"),
    Col<&core::Policy::heartbeat_interval_s>("heartbeat_interval_s"),
    Col<&core::Policy::heartbeat_grace_s>("heartbeat_grace_s"),
    Col<&core::Policy::offline_grace_s>("offline_grace_s"),
    Col<&core::Policy::dead_activation>("dead_activation"),
    PartCol<&core::Policy::fingerprint_rule, &FingerprintRule::components, true>("fp_components"),
    PartCol<&core::Policy::fingerprint_rule, &FingerprintRule::min_matching, false>(
        "fp_min_matching"),
    Col<&core::Policy::expiry_grace_days>("expiry_grace_days"),
    Col<&core::Policy::created_at>("created_at"),
    Col<&core::Policy::updated_at>("updated_at"),
    Col<&core::Policy::description>("description"),
};
static_assert(FieldsCompleted(kPolicies) == FieldCount<core::Policy>());

}  // namespace licensor::storage::tables
