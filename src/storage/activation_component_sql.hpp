// The activation component index, by which a machine with a replaced part is found among a
// license's activations (core::FindSimilarMachine): one text for both stores
// (storage/sql_text.hpp).
#pragma once

namespace licensor::storage::activation_component_sql {

// Reads only the index: the activation id is its last column, so no row of the table is
// visited however many activations share the value.
inline constexpr char kFindActivationsWithComponent[] =
    "SELECT activation_id FROM activation_components WHERE license_id = ?1 AND name = ?2 AND "
    "value = ?3 LIMIT ?4";

}  // namespace licensor::storage::activation_component_sql
