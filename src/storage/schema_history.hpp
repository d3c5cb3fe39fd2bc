// The schema's one history, shared by both stores (storage/schema_history.cpp). Each backend
// runs the steps it has not run yet, in order, each in its own transaction.
#pragma once

#include <cstddef>
#include <string>

#include "storage/sql_text.hpp"

namespace licensor::storage {

// How many steps the history has: the schema version this build writes.
std::size_t SchemaSteps();

// Step `index` (0-based; the schema version it makes is index + 1) in the dialect's own words.
std::string SchemaStep(std::size_t index, Dialect dialect);

}  // namespace licensor::storage
