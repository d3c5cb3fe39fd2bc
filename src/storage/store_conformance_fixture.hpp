// The store conformance suite's fixture: a fresh store on SQLite, or on PostgreSQL when
// LICENSOR_TEST_STORE=postgres (ctest runs both).
#pragma once

#include <gtest/gtest.h>

#include <memory>
#include <string>

#include "core/catalog_service.hpp"
#include "core/license_service.hpp"
#include "crypto/random.hpp"
#include "storage/postgres/pg_store.hpp"
#include "storage/sqlite/sqlite_store.hpp"
#include "tests/support/temp_dir.hpp"
#include "tests/support/test_databases.hpp"

namespace licensor::storage {

class StoreConformance : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(crypto::Initialize());
    postgres_ = testing::BackendFromEnvironment("LICENSOR_TEST_STORE") == "postgres";
    if (postgres_) url_ = testing::CreatePostgresDatabase();
    Reopen();
  }
  void Reopen() {
    store_.reset();
    if (postgres_) {
      auto store = postgres::PgStore::Open(url_, 4);
      ASSERT_TRUE(store.ok()) << store.status().message();
      store_ = std::move(store.value());
    } else {
      auto store = sqlite::SqliteStore::Open((dir_.path() / "db").string(), 2);
      ASSERT_TRUE(store.ok()) << store.status().message();
      store_ = std::move(store.value());
    }
  }
  // A license from a fresh catalogue, through the services.
  core::License Issue(int cap) {
    core::CatalogService catalog(*store_, clock_);
    core::LicenseService licenses(*store_, clock_);
    auto product = catalog.CreateProduct("t", core::Product{"", "p", 0, 0});
    auto customer = catalog.CreateCustomer("t", core::Customer{"", "c", "", std::nullopt, 0, 0});
    core::Policy draft;
    draft.product_id = product->id;
    draft.name = "pol";
    draft.max_activations = cap;
    draft.duration_days = 10;
    draft.heartbeat_interval_s = 60;
    auto policy = catalog.CreatePolicy("t", draft);
    EXPECT_TRUE(policy.ok()) << policy.status().message();
    auto license =
        licenses.Issue("t", core::IssueLicenseRequest{policy->id, customer->id, {}, {}, {}});
    EXPECT_TRUE(license.ok()) << license.status().message();
    return *license;
  }

  // Sets the license's policy to want a heartbeat every `seconds`.
  void SetHeartbeatInterval(const std::string& policy_id, int seconds) {
    core::CatalogService catalog(*store_, clock_);
    const auto updated = catalog.UpdatePolicy("t", policy_id, [&](core::Policy& p) {
      p.heartbeat_interval_s = seconds;
      return Status::Ok();
    });
    ASSERT_TRUE(updated.ok()) << updated.status().message();
  }

  bool postgres_ = false;
  testing::TempDir dir_;  // declared before the store: it outlives it
  std::string url_;
  ManualClock clock_{1798761600};
  std::unique_ptr<core::Store> store_;
};

}  // namespace licensor::storage
