// The validation cache never serves data older than the last commit.
#include "storage/validation_cache.hpp"

#include <gtest/gtest.h>

namespace licensor::storage {
namespace {

ValidationCache::ViewPtr View(const std::string& license_id, std::int64_t version,
                              std::vector<std::string> features = {}) {
  auto view = std::make_shared<core::ValidationView>();
  auto license = std::make_shared<core::License>();
  license->id = license_id;
  license->version = version;
  auto policy = std::make_shared<core::Policy>();
  policy->id = "pol_1";
  policy->features = std::move(features);
  view->license = std::move(license);
  view->policy = std::move(policy);
  view->activation = core::Activation{};
  return view;
}

// A view of a fingerprint the license has no activation for.
ValidationCache::ViewPtr UnknownMachine(const std::string& license_id) {
  auto view = std::make_shared<core::ValidationView>(*View(license_id, 1));
  view->activation.reset();
  return view;
}

TEST(ValidationCache, ServesWhatWasInserted) {
  ValidationCache cache(1 << 20);
  cache.Insert("LIC-1", "fp", View("lic_1", 1), cache.generation());
  ASSERT_NE(cache.Find("LIC-1", "fp"), nullptr);
  EXPECT_EQ(cache.Find("LIC-1", "fp")->license->version, 1);
  EXPECT_EQ(cache.Find("LIC-1", std::nullopt), nullptr);  // other fingerprint, other entry
}

TEST(ValidationCache, AReadThatRacedACommitIsNotKept) {
  ValidationCache cache(1 << 20);
  const auto before_read = cache.generation();
  cache.InvalidateLicenses({"lic_other"});  // some commit lands while the read runs
  cache.Insert("LIC-1", "fp", View("lic_1", 1), before_read);
  EXPECT_EQ(cache.Find("LIC-1", "fp"), nullptr);
}

// A write that changed nothing cached (or a notification of this node's own write) does not
// cost the reads in flight their insert.
TEST(ValidationCache, AnInvalidationOfNothingKeepsTheReadsInFlight) {
  ValidationCache cache(1 << 20);
  const auto before_read = cache.generation();
  cache.InvalidateLicenses({});
  cache.Invalidate(CacheInvalidations{});
  cache.Insert("LIC-1", "fp", View("lic_1", 1), before_read);
  EXPECT_NE(cache.Find("LIC-1", "fp"), nullptr);
}

TEST(ValidationCache, InvalidationDropsEveryEntryOfTheLicense) {
  ValidationCache cache(1 << 20);
  cache.Insert("LIC-1", "a", View("lic_1", 1), cache.generation());
  cache.Insert("LIC-1", "b", View("lic_1", 1), cache.generation());
  cache.Insert("LIC-2", "a", View("lic_2", 1), cache.generation());
  cache.InvalidateLicenses({"lic_1"});
  EXPECT_EQ(cache.Find("LIC-1", "a"), nullptr);
  EXPECT_EQ(cache.Find("LIC-1", "b"), nullptr);
  EXPECT_NE(cache.Find("LIC-2", "a"), nullptr);
  cache.InvalidateAll();
  EXPECT_EQ(cache.Find("LIC-2", "a"), nullptr);
}

TEST(ValidationCache, UnknownCodesAreNotCachedAndBytesAreBounded) {
  constexpr std::size_t kBudget = 64 * 1024;
  ValidationCache cache(kBudget);
  cache.Insert("LIC-X", "a", nullptr, cache.generation());
  EXPECT_EQ(cache.Find("LIC-X", "a"), nullptr);
  for (int i = 0; i < 1000; ++i) {
    cache.Insert("LIC-" + std::to_string(i), "a", View("lic_" + std::to_string(i), 1),
                 cache.generation());
    ASSERT_LE(cache.bytes(), kBudget);
  }
  EXPECT_NE(cache.Find("LIC-999", "a"), nullptr);
}

TEST(ValidationCache, ALicenseAndPolicyAreHeldOnceForAllTheirMachines) {
  const std::vector<std::string> features(200, std::string(200, 'f'));  // about 45 KB
  ValidationCache cache(8 << 20);
  for (int i = 0; i < 1000; ++i) {
    cache.Insert("LIC-1", "fp-" + std::to_string(i), View("lic_1", 1, features),
                 cache.generation());
  }
  EXPECT_NE(cache.Find("LIC-1", "fp-0"), nullptr);
  EXPECT_NE(cache.Find("LIC-1", "fp-999"), nullptr);
  EXPECT_EQ(cache.Find("LIC-1", "fp-0")->policy, cache.Find("LIC-1", "fp-999")->policy);
  EXPECT_LT(cache.bytes(), 1u << 20);  // a thousand copies would be 45 MB
}

TEST(ValidationCache, AFloodOfUnknownMachinesLeavesKnownMachinesCached) {
  ValidationCache cache(64 * 1024);
  cache.Insert("LIC-1", "real", View("lic_1", 1), cache.generation());
  for (int i = 0; i < 10000; ++i) {
    cache.Insert("LIC-1", "made-up-" + std::to_string(i), UnknownMachine("lic_1"),
                 cache.generation());
  }
  EXPECT_NE(cache.Find("LIC-1", "real"), nullptr);
  EXPECT_LE(cache.bytes(), 64u * 1024);
}

}  // namespace
}  // namespace licensor::storage
