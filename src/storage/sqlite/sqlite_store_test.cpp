// SQLite specifics; the behaviour every store shares is in storage/store_conformance_test.cpp.
#include "storage/sqlite/sqlite_store.hpp"

#include <gtest/gtest.h>

#include <filesystem>
#include <stdexcept>
#include <thread>

#include "core/catalog_service.hpp"
#include "core/client_service.hpp"
#include "core/license_service.hpp"
#include "crypto/random.hpp"
#include "tests/support/temp_dir.hpp"

namespace licensor::storage::sqlite {
namespace {

namespace fs = std::filesystem;
using namespace core;

class SqliteStoreTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(crypto::Initialize());
    Reopen();
  }
  void Reopen() {
    store_.reset();
    auto store = SqliteStore::Open((dir_.path() / "db").string(), 2);
    ASSERT_TRUE(store.ok()) << store.status().message();
    store_ = std::move(store.value());
  }
  testing::TempDir dir_;  // declared first: it outlives the store
  ManualClock clock_{1798761600};
  std::unique_ptr<SqliteStore> store_;
};

TEST_F(SqliteStoreTest, RefusesADatabaseFromANewerVersion) {
  ASSERT_TRUE(store_->Write([&](StoreTx&) { return Status::Ok(); }).ok());
  store_.reset();
  {
    auto conn = Connection::Open((dir_.path() / "db").string());
    ASSERT_TRUE(conn.ok());
    ASSERT_TRUE((*conn)->Exec("PRAGMA user_version = 999").ok());
  }
  auto reopened = SqliteStore::Open((dir_.path() / "db").string(), 1);
  ASSERT_FALSE(reopened.ok());
  EXPECT_NE(reopened.status().message().find("newer"), std::string::npos);
}

}  // namespace
}  // namespace licensor::storage::sqlite
