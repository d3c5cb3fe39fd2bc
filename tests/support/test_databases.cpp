// Fresh PostgreSQL databases for tests.
#include "tests/support/test_databases.hpp"

#include <unistd.h>

#include <atomic>
#include <cstdlib>
#include <fstream>
#include <stdexcept>

#include "storage/postgres/pg_db.hpp"

namespace licensor::testing {

std::string BackendFromEnvironment(const char* variable) {
  const char* value = std::getenv(variable);
  return value && std::string(value) == "postgres" ? "postgres" : "sqlite";
}

std::string CreatePostgresDatabase() {
  std::ifstream in(std::string(LICENSOR_TEST_PG_STATE) + "/url");
  std::string admin_url;
  if (!(in >> admin_url)) {
    throw std::runtime_error(
        "no test PostgreSQL server: run the tests through ctest (make test), whose fixture "
        "starts one");
  }
  static std::atomic<int> counter{0};
  const std::string name =
      "licensor_t" + std::to_string(::getpid()) + "_" + std::to_string(counter++);
  auto conn = storage::postgres::PgConnection::Open(admin_url);
  if (!conn.ok()) throw std::runtime_error(conn.status().message());
  const std::string create = "CREATE DATABASE " + name;  // name is ours: digits and letters
  const Status created = (*conn)->Exec(create.c_str());
  if (!created.ok()) throw std::runtime_error(created.message());
  return admin_url.substr(0, admin_url.rfind('/') + 1) + name;
}

}  // namespace licensor::testing
