// The activation key filter: never a "no" for a key it was given, rarely a "maybe" for one it
// was not, and filled from the database at start.
#include "storage/sqlite/activation_key_filter.hpp"

#include <gtest/gtest.h>

#include <string>

#include "storage/sqlite/migrations.hpp"
#include "storage/sqlite/sqlite_db.hpp"
#include "tests/support/temp_dir.hpp"

namespace licensor::storage::sqlite {
namespace {

TEST(ActivationKeyFilter, NeverForgetsAKeyItWasGiven) {
  ActivationKeyFilter filter(0);
  constexpr int kKeys = 300'000;  // a third of its planned load
  for (int i = 0; i < kKeys; ++i) {
    const std::string license = "lic_" + std::to_string(i % 7);
    filter.AddFingerprint(license, "fp-" + std::to_string(i));
    filter.AddComponent(license, "mac", "m" + std::to_string(i));
  }
  for (int i = 0; i < kKeys; ++i) {
    const std::string license = "lic_" + std::to_string(i % 7);
    ASSERT_TRUE(filter.MayHaveFingerprint(license, "fp-" + std::to_string(i))) << i;
    ASSERT_TRUE(filter.MayHaveComponent(license, "mac", "m" + std::to_string(i))) << i;
  }
}

TEST(ActivationKeyFilter, RarelySaysMaybeForAKeyItWasNotGiven) {
  ActivationKeyFilter filter(1'000'000);
  for (int i = 0; i < 1'000'000; ++i) filter.AddFingerprint("lic_1", "fp-" + std::to_string(i));
  int maybes = 0;
  constexpr int kAsked = 200'000;
  for (int i = 0; i < kAsked; ++i) {
    maybes += filter.MayHaveFingerprint("lic_1", "other-" + std::to_string(i)) ? 1 : 0;
  }
  // Planned for 1% at this load; a blocked filter runs a little above its plain form.
  EXPECT_LT(maybes, kAsked * 3 / 100) << maybes << " of " << kAsked;
  EXPECT_GE(filter.bytes(), 1'000'000u * 10 / 8);
}

TEST(ActivationKeyFilter, KeepsLicensesKindsAndPartsApart) {
  ActivationKeyFilter filter(0);
  filter.AddComponent("lic_1", "ab", "c");
  EXPECT_TRUE(filter.MayHaveComponent("lic_1", "ab", "c"));
  EXPECT_FALSE(filter.MayHaveComponent("lic_1", "a", "bc"));
  EXPECT_FALSE(filter.MayHaveComponent("lic_2", "ab", "c"));
  EXPECT_FALSE(filter.MayHaveFingerprint("lic_1", "abc"));
  filter.AddFingerprint("lic_1", "abc");
  EXPECT_TRUE(filter.MayHaveFingerprint("lic_1", "abc"));
  EXPECT_FALSE(filter.MayHaveFingerprint("lic_1", "ab"));
  EXPECT_FALSE(filter.MayHaveComponent("lic_1", "abc", ""));
}

TEST(ActivationKeyFilter, LoadsEveryActivationOfTheDatabase) {
  testing::TempDir dir;
  auto conn = Connection::Open((dir.path() / "db").string());
  ASSERT_TRUE(conn.ok());
  ASSERT_TRUE(Migrate(**conn).ok());
  // The component index is filled by the store's triggers, as for every activation written.
  const Status filled = (*conn)->Exec(
      "PRAGMA foreign_keys=OFF;"
      "INSERT INTO activations (id, license_id, fingerprint, components, hostname, platform, "
      "state, fetched_version, activated_at, last_seen_at, offline) VALUES "
      "('act_1', 'lic_1', 'fp-1', '{\"mac\":\"m1\",\"cpu\":\"\"}', '', '', 'ALIVE', 1, 0, 0, 0),"
      "('act_2', 'lic_2', 'fp-2', '{\"disk\":\"d2\"}', '', '', 'ALIVE', 1, 0, 0, 0);");
  ASSERT_TRUE(filled.ok()) << filled.message();
  auto filter = ActivationKeyFilter::Load(**conn);
  ASSERT_TRUE(filter.ok()) << filter.status().message();
  EXPECT_TRUE((*filter)->MayHaveFingerprint("lic_1", "fp-1"));
  EXPECT_TRUE((*filter)->MayHaveFingerprint("lic_2", "fp-2"));
  EXPECT_TRUE((*filter)->MayHaveComponent("lic_1", "mac", "m1"));
  EXPECT_TRUE((*filter)->MayHaveComponent("lic_1", "cpu", ""));  // as the index holds it
  EXPECT_TRUE((*filter)->MayHaveComponent("lic_2", "disk", "d2"));
  EXPECT_FALSE((*filter)->MayHaveFingerprint("lic_1", "fp-2"));
  EXPECT_FALSE((*filter)->MayHaveComponent("lic_2", "mac", "m1"));
}

}  // namespace
}  // namespace licensor::storage::sqlite
