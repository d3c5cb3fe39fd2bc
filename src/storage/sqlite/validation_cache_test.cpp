// The validation cache never serves data older than the last commit.
#include "storage/sqlite/validation_cache.hpp"

#include <gtest/gtest.h>

namespace licensor::storage::sqlite {
namespace {

ValidationCache::ViewPtr View(const std::string& license_id, std::int64_t version) {
  auto view = std::make_shared<core::ValidationView>();
  view->license.id = license_id;
  view->license.version = version;
  return view;
}

TEST(ValidationCache, ServesWhatWasInserted) {
  ValidationCache cache(10);
  cache.Insert("LIC-1", "fp", View("lic_1", 1), cache.generation());
  ASSERT_NE(cache.Find("LIC-1", "fp"), nullptr);
  EXPECT_EQ(cache.Find("LIC-1", "fp")->license.version, 1);
  EXPECT_EQ(cache.Find("LIC-1", std::nullopt), nullptr);  // other fingerprint, other entry
}

TEST(ValidationCache, AReadThatRacedACommitIsNotKept) {
  ValidationCache cache(10);
  const auto before_read = cache.generation();
  cache.InvalidateLicenses({"lic_other"});  // some commit lands while the read runs
  cache.Insert("LIC-1", "fp", View("lic_1", 1), before_read);
  EXPECT_EQ(cache.Find("LIC-1", "fp"), nullptr);
}

TEST(ValidationCache, InvalidationDropsEveryEntryOfTheLicense) {
  ValidationCache cache(10);
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

TEST(ValidationCache, UnknownCodesAreNotCachedAndSizeIsBounded) {
  ValidationCache cache(3);
  cache.Insert("LIC-X", "a", nullptr, cache.generation());
  EXPECT_EQ(cache.Find("LIC-X", "a"), nullptr);
  for (int i = 0; i < 10; ++i) {
    cache.Insert("LIC-" + std::to_string(i), "a", View("lic_" + std::to_string(i), 1),
                 cache.generation());
  }
  int present = 0;
  for (int i = 0; i < 10; ++i) present += cache.Find("LIC-" + std::to_string(i), "a") != nullptr;
  EXPECT_LE(present, 3);
  EXPECT_NE(cache.Find("LIC-9", "a"), nullptr);
}

}  // namespace
}  // namespace licensor::storage::sqlite
