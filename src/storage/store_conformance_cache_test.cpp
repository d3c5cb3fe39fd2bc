// The validation cache: a write is seen by the next read on the same store at once, and on
// PostgreSQL by the other nodes' stores when its notification arrives. A read that must not wait
// answers from the cache or says it would block.
#include <chrono>
#include <thread>

#include "core/client_service.hpp"
#include "storage/store_conformance_fixture.hpp"

namespace licensor::storage {
namespace {

using namespace core;

class CacheConformance : public StoreConformance {
 protected:
  // What `store` validates `code` from the fingerprint "a" as.
  static std::string Verdict(Store& store, const Clock& clock, const std::string& code) {
    ClientService client(store, clock);
    auto r = client.Validate(ValidateRequest{code, "a", {}, {}});
    EXPECT_TRUE(r.ok()) << r.status().message();
    return r.ok() ? std::string(ToString(r->verdict.code)) : "";
  }
  // Reads `code` on `store` until it says `expected`, for at most two seconds: another node's
  // change arrives by NOTIFY, a moment after its commit.
  static std::string Eventually(Store& store, const Clock& clock, const std::string& code,
                                const std::string& expected) {
    std::string seen;
    for (int i = 0; i < 200 && (seen = Verdict(store, clock, code)) != expected; ++i) {
      std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    return seen;
  }
};

TEST_F(CacheConformance, AReadThatMustNotWaitAnswersFromTheCacheOrSaysSo) {
  const License l = Issue(5);
  ClientService client(*store_, clock_);
  ASSERT_TRUE(client.Activate(ActivateRequest{l.code, "a", {}, "", ""}).ok());
  const auto without_waiting = [&] {
    return client.Validate(ValidateRequest{l.code, "a", {}, {}}, /*may_wait=*/false);
  };
  if (store_->ReadsMayBlock()) {
    EXPECT_EQ(without_waiting().status().code(), ErrorCode::kWouldBlock);  // not cached yet
  }
  EXPECT_EQ(Verdict(*store_, clock_, l.code), "VALID");  // read, and cached
  const auto cached = without_waiting();
  ASSERT_TRUE(cached.ok()) << cached.status().message();
  EXPECT_EQ(ToString(cached->verdict.code), "VALID");
  const auto before = store_->Stats().cache_hits;
  ASSERT_TRUE(without_waiting().ok());
  EXPECT_EQ(store_->Stats().cache_hits, before + 1);
}

// Two stores on one PostgreSQL database are two nodes: each keeps its own cache, and each sees
// the other's writes.
TEST_F(CacheConformance, EveryNodeSeesAnotherNodesWrites) {
  if (!postgres_) GTEST_SKIP() << "one process at a time opens a SQLite store";
  auto other = postgres::PgStore::Open(url_, 2);
  ASSERT_TRUE(other.ok()) << other.status().message();
  Store& node_b = **other;
  const License l = Issue(5);
  ClientService client(*store_, clock_);
  LicenseService licenses(*store_, clock_);
  ASSERT_TRUE(client.Activate(ActivateRequest{l.code, "a", {}, "", ""}).ok());
  // Node B keeps the view once node A's notifications of the activation have come and gone.
  for (int i = 0; i < 200 && node_b.Stats().cache_hits == 0; ++i) {
    ASSERT_EQ(Verdict(node_b, clock_, l.code), "VALID");
  }
  EXPECT_GT(node_b.Stats().cache_hits, 0u);

  ASSERT_TRUE(licenses.Act("t", l.id, LicenseAction::kSuspend).ok());
  EXPECT_EQ(Verdict(*store_, clock_, l.code), "SUSPENDED");  // the writing node: at once
  EXPECT_EQ(Eventually(node_b, clock_, l.code, "SUSPENDED"), "SUSPENDED");
  ASSERT_TRUE(licenses.Act("t", l.id, LicenseAction::kReinstate).ok());
  EXPECT_EQ(Eventually(node_b, clock_, l.code, "VALID"), "VALID");

  // A policy is shared by many licenses: its change empties every node's cache.
  SetHeartbeatInterval(l.policy_id, 10);
  clock_.Advance(11);
  EXPECT_EQ(Eventually(node_b, clock_, l.code, "HEARTBEAT_DEAD"), "HEARTBEAT_DEAD");
  // And a write through node B reaches node A the same way.
  ClientService client_b(node_b, clock_);
  ASSERT_TRUE(client_b.Heartbeat(l.code, "a", "").ok());
  EXPECT_EQ(Eventually(*store_, clock_, l.code, "VALID"), "VALID");
}

}  // namespace
}  // namespace licensor::storage
