// The store conformance suite: every backend must pass it. LICENSOR_TEST_STORE=postgres runs
// it on PostgreSQL (ctest does both); otherwise it runs on SQLite.
#include <gtest/gtest.h>

#include <filesystem>
#include <stdexcept>
#include <thread>

#include "core/catalog_service.hpp"
#include "core/client_service.hpp"
#include "core/license_service.hpp"
#include "crypto/random.hpp"
#include "storage/store_conformance_fixture.hpp"

namespace licensor::storage {
namespace {

namespace fs = std::filesystem;
using namespace core;

TEST_F(StoreConformance, ReopeningKeepsDataAndSchema) {
  const License l = Issue(3);
  Reopen();
  std::optional<License> found;
  ASSERT_TRUE(store_
                  ->Read([&](StoreTx& tx) {
                    LICENSOR_ASSIGN_OR_RETURN(found, tx.GetLicenseByCode(l.code));
                    return Status::Ok();
                  })
                  .ok());
  ASSERT_TRUE(found.has_value());
  EXPECT_EQ(found->id, l.id);
  EXPECT_EQ(found->expires_at, l.expires_at);
}

TEST_F(StoreConformance, FailedTransactionLeavesNothingBehind) {
  const Status s = store_->Write([&](StoreTx& tx) {
    LICENSOR_RETURN_IF_ERROR(tx.InsertProduct(Product{"prod_x", "x", 1, 1}));
    return Status::Conflict("changed my mind");
  });
  EXPECT_EQ(s.code(), ErrorCode::kConflict);
  ASSERT_TRUE(store_
                  ->Read([&](StoreTx& tx) {
                    LICENSOR_ASSIGN_OR_RETURN(const auto p, tx.GetProduct("prod_x"));
                    EXPECT_FALSE(p.has_value());
                    return Status::Ok();
                  })
                  .ok());
}

TEST_F(StoreConformance, DuplicateLicenseCodeIsAConflict) {
  License l = Issue(1);
  l.id = "lic_other";
  const Status s = store_->Write([&](StoreTx& tx) { return tx.InsertLicense(l); });
  EXPECT_EQ(s.code(), ErrorCode::kConflict);
}

TEST_F(StoreConformance, DerivedCountAndPendingSyncFollowActivations) {
  const License l = Issue(5);
  ClientService client(*store_, clock_);
  LicenseService licenses(*store_, clock_);
  ASSERT_TRUE(client.Activate(ActivateRequest{l.code, "a", {}, "", ""}).ok());
  ASSERT_TRUE(client.Activate(ActivateRequest{l.code, "b", {}, "", ""}).ok());
  auto details = licenses.Get(l.id);
  EXPECT_EQ(details->activations_count, 2);
  EXPECT_FALSE(details->pending_sync);
  LicenseChanges changes;
  changes.max_activations = 9;
  auto updated = licenses.Update("t", l.id, changes);
  EXPECT_TRUE(updated->pending_sync);
  ASSERT_TRUE(client.Activate(ActivateRequest{l.code, "a", {}, "", ""}).ok());
  EXPECT_TRUE(licenses.Get(l.id)->pending_sync);  // "b" has not fetched yet
  ASSERT_TRUE(client.Activate(ActivateRequest{l.code, "b", {}, "", ""}).ok());
  EXPECT_FALSE(licenses.Get(l.id)->pending_sync);
}

// A license's activations page by page, filtered by liveness, mode, fingerprint and host.
TEST_F(StoreConformance, ActivationPagesFilterAndCoverEveryActivationOnce) {
  const License l = Issue(20);  // heartbeat every 60 s, no grace
  ClientService client(*store_, clock_);
  LicenseService licenses(*store_, clock_);
  for (int i = 0; i < 7; ++i) {
    ActivateRequest r{l.code, "fp-" + std::to_string(i), {}, i % 2 ? "odd" : "even", ""};
    ASSERT_TRUE(client.Activate(r).ok());
  }
  clock_.Advance(120);  // all overdue now
  ASSERT_TRUE(client.Heartbeat(l.code, "fp-3", "").ok());
  ASSERT_TRUE(client.Heartbeat(l.code, "fp-4", "").ok());
  std::vector<std::string> seen;
  PageRequest page{0, 3};
  for (;;) {
    auto got = licenses.ListActivations(l.id, {}, page);
    ASSERT_TRUE(got.ok()) << got.status().message();
    for (const auto& v : got->items) seen.push_back(v.activation.fingerprint);
    if (!got->next_after_seq) break;
    page.after_seq = *got->next_after_seq;
  }
  EXPECT_EQ(seen,
            (std::vector<std::string>{"fp-0", "fp-1", "fp-2", "fp-3", "fp-4", "fp-5", "fp-6"}));
  const auto fingerprints = [&](ActivationFilter f) {
    std::vector<std::string> out;
    auto got = licenses.ListActivations(l.id, std::move(f), PageRequest{0, 50});
    EXPECT_TRUE(got.ok()) << got.status().message();
    for (const auto& v : got->items) out.push_back(v.activation.fingerprint);
    return out;
  };
  ActivationFilter alive;
  alive.alive = true;
  EXPECT_EQ(fingerprints(alive), (std::vector<std::string>{"fp-3", "fp-4"}));
  ActivationFilter dead;
  dead.alive = false;
  EXPECT_EQ(fingerprints(dead).size(), 5u);
  ActivationFilter odd_alive = alive;
  odd_alive.hostname = "odd";
  EXPECT_EQ(fingerprints(odd_alive), std::vector<std::string>{"fp-3"});
  ActivationFilter one;
  one.fingerprint = "fp-5";
  EXPECT_EQ(fingerprints(one), std::vector<std::string>{"fp-5"});
  ActivationFilter offline;
  offline.offline = true;
  EXPECT_TRUE(fingerprints(offline).empty());
  EXPECT_EQ(licenses.ListActivations("lic_missing", {}, PageRequest{}).status().code(),
            ErrorCode::kNotFound);
}

// The component index follows every activation written, changed and deleted.
TEST_F(StoreConformance, ComponentIndexFollowsActivations) {
  const License l = Issue(5);
  ClientService client(*store_, clock_);
  ASSERT_TRUE(
      client.Activate(ActivateRequest{l.code, "fp-1", {{"mac", "m1"}, {"cpu", "c1"}}, "", ""})
          .ok());
  ASSERT_TRUE(
      client.Activate(ActivateRequest{l.code, "fp-2", {{"mac", "m2"}, {"cpu", "c1"}}, "", ""})
          .ok());
  const auto lookup = [&](const char* name, const char* value, int limit = 10) {
    std::vector<std::string> ids;
    EXPECT_TRUE(store_
                    ->Read([&](StoreTx& tx) -> Status {
                      LICENSOR_ASSIGN_OR_RETURN(
                          ids, tx.FindActivationsWithComponent(l.id, name, value, limit));
                      return Status::Ok();
                    })
                    .ok());
    return ids;
  };
  const auto id_of = [&](const char* fingerprint) {
    std::string id;
    EXPECT_TRUE(store_
                    ->Read([&](StoreTx& tx) -> Status {
                      LICENSOR_ASSIGN_OR_RETURN(auto a, tx.FindActivation(l.id, fingerprint));
                      id = a->id;
                      return Status::Ok();
                    })
                    .ok());
    return id;
  };
  const std::string first = id_of("fp-1");
  EXPECT_EQ(lookup("mac", "m1"), std::vector<std::string>{first});
  EXPECT_EQ(lookup("cpu", "c1").size(), 2u);
  EXPECT_EQ(lookup("cpu", "c1", 1).size(), 1u);
  EXPECT_TRUE(lookup("mac", "c1").empty());  // the name is part of the key
  // A changed component moves in the index with the activation.
  ASSERT_TRUE(store_
                  ->Write([&](StoreTx& tx) -> Status {
                    LICENSOR_ASSIGN_OR_RETURN(auto a, tx.FindActivation(l.id, "fp-1"));
                    a->components = {{"mac", "m9"}, {"cpu", "c1"}};
                    return tx.UpdateActivation(*a);
                  })
                  .ok());
  EXPECT_TRUE(lookup("mac", "m1").empty());
  EXPECT_EQ(lookup("mac", "m9"), std::vector<std::string>{first});
  ASSERT_TRUE(client.Deactivate(l.code, "fp-1", "").ok());
  EXPECT_TRUE(lookup("mac", "m9").empty());
  EXPECT_EQ(lookup("cpu", "c1").size(), 1u);
}

TEST_F(StoreConformance, OverdueAndPastExpiryQueriesUseThePolicy) {
  const License l = Issue(5);
  ClientService client(*store_, clock_);
  ASSERT_TRUE(client.Activate(ActivateRequest{l.code, "a", {}, "", ""}).ok());
  auto count_overdue = [&](UnixSeconds now) {
    std::size_t n = 0;
    EXPECT_TRUE(store_
                    ->Read([&](StoreTx& tx) {
                      LICENSOR_ASSIGN_OR_RETURN(const auto rows,
                                                tx.ListOverdueActivations(now, 10));
                      n = rows.size();
                      return Status::Ok();
                    })
                    .ok());
    return n;
  };
  EXPECT_EQ(count_overdue(clock_.Now() + 60), 0u);
  EXPECT_EQ(count_overdue(clock_.Now() + 61), 1u);
  std::size_t expired = 0;
  ASSERT_TRUE(store_
                  ->Read([&](StoreTx& tx) {
                    LICENSOR_ASSIGN_OR_RETURN(const auto rows,
                                              tx.ListLicensesPastExpiry(*l.expires_at, 10));
                    expired = rows.size();
                    return Status::Ok();
                  })
                  .ok());
  EXPECT_EQ(expired, 1u);
}

TEST_F(StoreConformance, KeysetPagesCoverEveryRowOnce) {
  ASSERT_TRUE(store_
                  ->Write([&](StoreTx& tx) {
                    for (int i = 0; i < 11; ++i) {
                      LICENSOR_RETURN_IF_ERROR(
                          tx.InsertProduct(Product{"prod_" + std::to_string(i), "p", 1, 1}));
                    }
                    return Status::Ok();
                  })
                  .ok());
  std::vector<std::string> seen;
  PageRequest page{0, 4};
  for (int guard = 0; guard < 10; ++guard) {
    std::optional<Page<Product>> out;
    ASSERT_TRUE(store_
                    ->Read([&](StoreTx& tx) {
                      LICENSOR_ASSIGN_OR_RETURN(out, tx.ListProducts(page));
                      return Status::Ok();
                    })
                    .ok());
    for (const auto& p : out->items) seen.push_back(p.id);
    if (!out->next_after_seq) break;
    page.after_seq = *out->next_after_seq;
  }
  ASSERT_EQ(seen.size(), 11u);
  EXPECT_EQ(seen.front(), "prod_0");
  EXPECT_EQ(seen.back(), "prod_10");
}

// Validation views come from a cache; every kind of write must be visible to the next read.
TEST_F(StoreConformance, ValidationViewsFollowEveryCommittedWrite) {
  const License l = Issue(5);
  ClientService client(*store_, clock_);
  LicenseService licenses(*store_, clock_);
  auto validate = [&](const std::string& fp) {
    auto r = client.Validate(ValidateRequest{l.code, fp, {}, {}});
    EXPECT_TRUE(r.ok());
    return std::string(ToString(r->verdict.code));
  };
  EXPECT_EQ(validate("a"), "NOT_ACTIVATED");
  EXPECT_EQ(validate("a"), "NOT_ACTIVATED");  // now cached
  ASSERT_TRUE(client.Activate(ActivateRequest{l.code, "a", {}, "", ""}).ok());
  EXPECT_EQ(validate("a"), "VALID");
  ASSERT_TRUE(licenses.Act("t", l.id, LicenseAction::kSuspend).ok());
  EXPECT_EQ(validate("a"), "SUSPENDED");
  ASSERT_TRUE(licenses.Act("t", l.id, LicenseAction::kReinstate).ok());
  EXPECT_EQ(validate("a"), "VALID");
  clock_.Advance(61);  // the policy wants a heartbeat every 60 s
  EXPECT_EQ(validate("a"), "HEARTBEAT_DEAD");
  ASSERT_TRUE(client.Heartbeat(l.code, "a", "").ok());
  EXPECT_EQ(validate("a"), "VALID");
  ASSERT_TRUE(client.Deactivate(l.code, "a", "").ok());
  EXPECT_EQ(validate("a"), "NOT_ACTIVATED");
  ASSERT_TRUE(client.Activate(ActivateRequest{l.code, "a", {}, "", ""}).ok());
  EXPECT_EQ(validate("a"), "VALID");
  SetHeartbeatInterval(l.policy_id, 10);
  clock_.Advance(11);
  EXPECT_EQ(validate("a"), "HEARTBEAT_DEAD");  // the new policy, not a cached old one
}

// Concurrent writers share commits; a failing or throwing one is rolled back alone.
TEST_F(StoreConformance, GroupCommitIsolatesFailingWrites) {
  constexpr int kWriters = 32;
  std::vector<Status> results(kWriters);
  std::vector<std::thread> threads;
  for (int i = 0; i < kWriters; ++i) {
    threads.emplace_back([&, i] {
      results[i] = store_->Write([&](StoreTx& tx) -> Status {
        LICENSOR_RETURN_IF_ERROR(tx.InsertProduct(Product{"prod_" + std::to_string(i), "p", 1, 1}));
        if (i % 4 == 1) return Status::Conflict("rejected");
        if (i % 4 == 2) throw std::runtime_error("boom");
        return Status::Ok();
      });
    });
  }
  for (auto& t : threads) t.join();
  for (int i = 0; i < kWriters; ++i) {
    const ErrorCode expected = i % 4 == 1   ? ErrorCode::kConflict
                               : i % 4 == 2 ? ErrorCode::kInternal
                                            : ErrorCode::kOk;
    EXPECT_EQ(results[i].code(), expected) << i;
    ASSERT_TRUE(store_
                    ->Read([&](StoreTx& tx) {
                      LICENSOR_ASSIGN_OR_RETURN(const auto p,
                                                tx.GetProduct("prod_" + std::to_string(i)));
                      EXPECT_EQ(p.has_value(), expected == ErrorCode::kOk) << i;
                      return Status::Ok();
                    })
                    .ok());
  }
  // The store still takes writes after a callback threw.
  EXPECT_TRUE(
      store_->Write([](StoreTx& tx) {
              return tx.InsertProduct(Product{"prod_after", "p", 1, 1});
            })
          .ok());
}

}  // namespace
}  // namespace licensor::storage
