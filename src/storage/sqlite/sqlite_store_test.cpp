// SQLite specifics; the behaviour every store shares is in storage/store_conformance_test.cpp.
#include "storage/sqlite/sqlite_store.hpp"

#include <gtest/gtest.h>

#include <filesystem>
#include <stdexcept>
#include <thread>

#include "core/card_rules.hpp"
#include "core/catalog_service.hpp"
#include "core/client_service.hpp"
#include "core/license_service.hpp"
#include "core/token_service.hpp"
#include "crypto/random.hpp"
#include "storage/sqlite/migrations.hpp"
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

// A token that authenticated is remembered for a second of the injected monotonic clock: a
// revocation by another node (here, straight in the store) takes effect once it has passed, and
// setting the date back or forth does not change how long.
TEST_F(SqliteStoreTest, ARememberedTokenIsCheckedAgainAfterASecondOfTheMonotonicClock) {
  const crypto::TokenHasher hasher(std::array<unsigned char, crypto::TokenHasher::kKeyBytes>{});
  TokenService tokens(*store_, clock_, hasher);
  const auto created = tokens.Create("system", "node", Role::kViewer);
  ASSERT_TRUE(created.ok()) << created.status().message();
  ASSERT_TRUE(tokens.Authenticate(created->secret).ok());
  ApiToken revoked = created->token;
  revoked.revoked_at = clock_.Now();
  ASSERT_TRUE(store_->Write([&](StoreTx& tx) { return tx.UpdateToken(revoked); }).ok());

  clock_.Set(clock_.Now() + 3600);  // the date moves; no time has passed
  EXPECT_TRUE(tokens.Authenticate(created->secret).ok());
  clock_.Advance(1);
  const auto refused = tokens.Authenticate(created->secret);
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.status().code(), ErrorCode::kUnauthorized);
}

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

// The cache, the key filter and kept snapshots rest on one writer: a second store on the same
// file is refused until the first closes.
TEST_F(SqliteStoreTest, RefusesASecondStoreOnTheSameFile) {
  auto second = SqliteStore::Open((dir_.path() / "db").string(), 1);
  ASSERT_FALSE(second.ok());
  EXPECT_EQ(second.status().code(), ErrorCode::kUnavailable);
  EXPECT_NE(second.status().message().find("another licensord"), std::string::npos);
  store_.reset();
  EXPECT_TRUE(SqliteStore::Open((dir_.path() / "db").string(), 1).ok());
}

// A read transaction outlives its read until a write commits: a read after the write sees it,
// and no idle reader keeps the old snapshot, which would stop a checkpoint emptying the WAL.
TEST_F(SqliteStoreTest, ReadsKeepTheirSnapshotOnlyUntilAWriteCommits) {
  const auto count_users = [&] {
    std::int64_t n = -1;
    EXPECT_TRUE(store_
                    ->Read([&](StoreTx& tx) -> Status {
                      LICENSOR_ASSIGN_OR_RETURN(n, tx.CountUsers());
                      return Status::Ok();
                    })
                    .ok());
    return n;
  };
  const auto add_user = [&](const std::string& id) {
    ASSERT_TRUE(store_
                    ->Write([&](StoreTx& tx) {
                      User u;
                      u.id = id;
                      u.email = id + "@example.com";
                      return tx.InsertUser(u);
                    })
                    .ok());
  };
  EXPECT_EQ(count_users(), 0);
  EXPECT_EQ(count_users(), 0);  // both readers now hold a snapshot
  add_user("usr_1");
  EXPECT_EQ(count_users(), 1);
  EXPECT_EQ(count_users(), 1);
  add_user("usr_2");
  auto other = Connection::Open((dir_.path() / "db").string());
  ASSERT_TRUE(other.ok());
  auto checkpoint = (*other)->Prepare("PRAGMA wal_checkpoint(TRUNCATE)");
  ASSERT_TRUE(checkpoint.ok());
  const auto row = checkpoint->Next();
  ASSERT_TRUE(row.ok() && *row);
  EXPECT_EQ(checkpoint->Int(0), 0) << "a reader still holds a snapshot older than the last write";
  EXPECT_EQ(checkpoint->Int(1), 0);  // the WAL was emptied
  EXPECT_EQ(count_users(), 2);
}

// Version 7 moved a device's usage time onto the card that pays for it; a fleet written by
// version 6 keeps every device's paid time and pays from the same card after the upgrade.
TEST(SqliteMigration, DevicesKeepTheirPaidTimeAcrossTheUpgradeToPayingCards) {
  ASSERT_TRUE(crypto::Initialize());
  testing::TempDir dir;
  const std::string path = (dir.path() / "db").string();
  constexpr UnixSeconds kNow = 1'800'000'000;
  {
    auto conn = Connection::Open(path);
    ASSERT_TRUE(conn.ok());
    ASSERT_TRUE(Migrate(**conn, 6).ok());
    const Status filled = (*conn)->Exec(
        "INSERT INTO customers (id, name, email, created_at, updated_at) VALUES "
        "('cus_1', 'Shop', '', 0, 0);"
        "INSERT INTO device_models (id, name, created_at) VALUES ('dmd_1', 'M1', 0);"
        "INSERT INTO card_types (id, code, name, models, max_days, created_at) VALUES "
        "('ctp_1', 'T1', 'type', '[\"M1\"]', 365, 0);"
        "INSERT INTO devices (id, number, model, customer_id, credential_hash, blacklisted, "
        "usage_until, created_at) VALUES "
        "('dev_1', 'paid', 'M1', 'cus_1', 'h1', 0, 1800003600, 0),"
        "('dev_2', 'spent', 'M1', 'cus_1', 'h2', 0, 1799999000, 0);"
        "INSERT INTO cards (id, number, type_code, total_days, available_days, activated_at, "
        "device_number, bound_at, customer_id, locked, created_at) VALUES "
        "('crd_1', 'late', 'T1', 9, 5, 200, 'paid', 1, 'cus_1', 0, 0),"
        "('crd_2', 'early', 'T1', 9, 5, 100, 'paid', 2, 'cus_1', 0, 0),"
        "('crd_3', 'empty', 'T1', 9, 0, 100, 'spent', 1, 'cus_1', 0, 0);"
        "INSERT INTO deductions (card_number, device_number, customer_id, period_start, at, days, "
        "balance_after) VALUES ('early', 'paid', 'cus_1', 1799917200, 1799917200, 1, 5);");
    ASSERT_TRUE(filled.ok()) << filled.message();
  }
  auto store = SqliteStore::Open(path, 1);
  ASSERT_TRUE(store.ok()) << store.status().message();
  auto device = [&](const std::string& number) {
    return *ReadValue<Device>(**store,
                              [&](StoreTx& tx) { return Require(tx.GetDevice(number), "device"); });
  };
  EXPECT_EQ(device("paid").usage_until, 1800003600);
  EXPECT_EQ(device("spent").usage_until, 1799999000);
  DeductionRun run;
  auto deduct = [&](UnixSeconds now) {
    ASSERT_TRUE((*store)
                    ->Write([&](StoreTx& tx) -> Status {
                      LICENSOR_ASSIGN_OR_RETURN(run, tx.DeductDue(now, std::nullopt));
                      return Status::Ok();
                    })
                    .ok());
  };
  deduct(kNow);  // "paid" is paid for; "spent" cannot pay
  EXPECT_EQ(run.deducted, 0);
  EXPECT_EQ(run.blacklisted, 1);
  deduct(1800003600);
  EXPECT_EQ(run.deducted, 1);
  const auto early =
      ReadValue<Card>(**store, [](StoreTx& tx) { return Require(tx.GetCard("early"), "card"); });
  EXPECT_EQ(early->available_days, 4);
  EXPECT_EQ(device("paid").usage_until, 1800003600 + cards::kPeriod);
  DeductionFilter of_device;
  of_device.device_number = "paid";
  const auto kept = ReadValue<Page<Deduction>>(**store, [&](StoreTx& tx) {
    return tx.ListDeductions(of_device, PageRequest{0, 10});
  });
  ASSERT_TRUE(kept.ok());
  EXPECT_EQ(kept->items.size(), 2u);  // the one from before the upgrade, and the new one
}

}  // namespace
}  // namespace licensor::storage::sqlite

namespace licensor::storage::sqlite {
namespace {

TEST(SqliteMigration, ActivationsOfAnEarlierVersionAreFoundByComponentAfterTheUpgrade) {
  ASSERT_TRUE(crypto::Initialize());
  testing::TempDir dir;
  const std::string path = (dir.path() / "db").string();
  {
    auto conn = Connection::Open(path);
    ASSERT_TRUE(conn.ok());
    ASSERT_TRUE(Migrate(**conn, 7).ok());
    const Status filled = (*conn)->Exec(
        "INSERT INTO products (id, name, created_at, updated_at) VALUES ('prd_1', 'p', 0, 0);"
        "INSERT INTO customers (id, name, email, created_at, updated_at) VALUES "
        "('cus_1', 'c', '', 0, 0);"
        "INSERT INTO policies (id, product_id, name, validity_basis, max_activations, features, "
        "deployment_mode, trial, heartbeat_grace_s, dead_activation, fp_components, "
        "fp_min_matching, expiry_grace_days, created_at, updated_at) VALUES ('pol_1', 'prd_1', "
        "'p', 'FROM_ISSUE', 9, '[]', 'ONLINE', 0, 0, 'KEEP', '[\"mac\",\"cpu\"]', 1, 0, 0, 0);"
        "INSERT INTO licenses (id, code, policy_id, product_id, customer_id, status, "
        "validity_basis, max_activations, features, version, created_at, updated_at) VALUES "
        "('lic_1', 'LIC-1', 'pol_1', 'prd_1', 'cus_1', 'ACTIVE', 'FROM_ISSUE', 9, '[]', 1, 0, 0);"
        "INSERT INTO activations (id, license_id, fingerprint, components, hostname, platform, "
        "state, fetched_version, activated_at, last_seen_at) VALUES ('act_1', 'lic_1', 'fp', "
        "'{\"cpu\":\"c1\",\"mac\":\"m1\"}', '', '', 'ALIVE', 1, 0, 0);");
    ASSERT_TRUE(filled.ok()) << filled.message();
  }
  auto store = SqliteStore::Open(path, 1);
  ASSERT_TRUE(store.ok()) << store.status().message();
  std::vector<std::string> ids;
  ASSERT_TRUE((*store)
                  ->Read([&](StoreTx& tx) -> Status {
                    LICENSOR_ASSIGN_OR_RETURN(
                        ids, tx.FindActivationsWithComponent("lic_1", "mac", "m1", 10));
                    return Status::Ok();
                  })
                  .ok());
  EXPECT_EQ(ids, std::vector<std::string>{"act_1"});
  // The store's activation key filter was filled from that database when it opened.
  ASSERT_TRUE((*store)
                  ->Read([&](StoreTx& tx) -> Status {
                    LICENSOR_ASSIGN_OR_RETURN(const auto activation,
                                              tx.FindActivation("lic_1", "fp"));
                    EXPECT_TRUE(activation.has_value());
                    return Status::Ok();
                  })
                  .ok());
}

}  // namespace
}  // namespace licensor::storage::sqlite

namespace licensor::storage::sqlite {
namespace {

// A database that cannot grow (a full disk; here a page limit) refuses writes as unavailable,
// with a message that says so, never as an internal error.
TEST(SqliteConnection, AFullDatabaseIsUnavailableAndSaysSo) {
  testing::TempDir dir;
  auto conn = Connection::Open((dir.path() / "full.db").string());
  ASSERT_TRUE(conn.ok());
  ASSERT_TRUE((*conn)->Exec("CREATE TABLE filler (data BLOB)").ok());
  ASSERT_TRUE((*conn)->Exec("PRAGMA max_page_count = 8").ok());
  Status status = Status::Ok();
  for (int i = 0; i < 100 && status.ok(); ++i) {
    status = (*conn)->Exec("INSERT INTO filler VALUES (zeroblob(4096))");
  }
  EXPECT_EQ(status.code(), ErrorCode::kUnavailable);
  EXPECT_EQ(status.message(), core::kStoreFullMessage);
}

}  // namespace
}  // namespace licensor::storage::sqlite
