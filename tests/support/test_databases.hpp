// Test databases: which backend a test run uses, and fresh PostgreSQL databases on the
// server that the CTest fixture "postgres" started (tests/support/postgres.sh).
#pragma once

#include <string>

namespace licensor::testing {

// "postgres" when the environment variable `variable` says so, else "sqlite".
std::string BackendFromEnvironment(const char* variable);

// Creates a new, empty database and returns its URL. Throws when the fixture's server is not
// running (run the tests through ctest, e.g. `make test`).
std::string CreatePostgresDatabase();

}  // namespace licensor::testing
