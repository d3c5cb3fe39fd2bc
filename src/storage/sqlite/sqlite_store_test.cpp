// SQLite specifics; the behaviour every store shares is in storage/store_conformance_test.cpp.
#include "storage/sqlite/sqlite_store.hpp"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <stdexcept>
#include <thread>

#include "core/catalog_service.hpp"
#include "core/client_service.hpp"
#include "core/license_service.hpp"
#include "crypto/random.hpp"

namespace licensor::storage::sqlite {
namespace {

namespace fs = std::filesystem;
using namespace core;

class SqliteStoreTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(crypto::Initialize());
    dir_ = fs::temp_directory_path() /
           ("licensor-store-" + std::to_string(::getpid()) + "-" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(dir_);
    fs::create_directories(dir_);
    Reopen();
  }
  void TearDown() override {
    store_.reset();
    fs::remove_all(dir_);
  }
  void Reopen() {
    store_.reset();
    auto store = SqliteStore::Open((dir_ / "db").string(), 2);
    ASSERT_TRUE(store.ok()) << store.status().message();
    store_ = std::move(store.value());
  }
  fs::path dir_;
  ManualClock clock_{1798761600};
  std::unique_ptr<SqliteStore> store_;
};

TEST_F(SqliteStoreTest, RefusesADatabaseFromANewerVersion) {
  ASSERT_TRUE(store_->Write([&](StoreTx&) { return Status::Ok(); }).ok());
  store_.reset();
  {
    auto conn = Connection::Open((dir_ / "db").string());
    ASSERT_TRUE(conn.ok());
    ASSERT_TRUE((*conn)->Exec("PRAGMA user_version = 999").ok());
  }
  auto reopened = SqliteStore::Open((dir_ / "db").string(), 1);
  ASSERT_FALSE(reopened.ok());
  EXPECT_NE(reopened.status().message().find("newer"), std::string::npos);
}

}  // namespace
}  // namespace licensor::storage::sqlite
