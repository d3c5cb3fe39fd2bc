#include "crypto/key_store.hpp"

#include <gtest/gtest.h>
#include <sys/stat.h>

#include <filesystem>
#include <fstream>
#include <regex>
#include <set>

#include "crypto/key_ring.hpp"
#include "crypto/random.hpp"
#include "tests/support/temp_dir.hpp"

namespace licensor::crypto {
namespace {

namespace fs = std::filesystem;

class KeyStore : public ::testing::Test {
 protected:
  void SetUp() override { ASSERT_TRUE(Initialize()); }
  testing::TempDir temp_;
  const fs::path dir_ = temp_.path() / "data";  // created by the code under test
};

TEST_F(KeyStore, CreatesOwnerOnlyKeysOnceAndReloadsThem) {
  const auto ring = KeyRing::LoadOrCreate(dir_.string());
  ASSERT_TRUE(ring.ok());
  const auto first = std::optional<SigningKey>((*ring)->Current());
  EXPECT_EQ(first->key_id.size(), 16u);
  const fs::path file = dir_ / "keys" / ("signing-" + first->key_id + ".key");
  struct stat st {};
  ASSERT_EQ(::stat(file.c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0777, 0600u);
  const auto reloaded = KeyRing::LoadOrCreate(dir_.string());
  ASSERT_TRUE(reloaded.ok());
  const auto again = std::optional<SigningKey>((*reloaded)->Current());
  EXPECT_EQ(again->key_id, first->key_id);
  EXPECT_EQ(again->public_key, first->public_key);

  const auto token_key = LoadOrCreateTokenKey(dir_.string());
  ASSERT_TRUE(token_key.ok());
  EXPECT_EQ(*LoadOrCreateTokenKey(dir_.string()), *token_key);
}

TEST_F(KeyStore, SignaturesVerifyAndTamperingIsDetected) {
  const auto key = std::optional<SigningKey>(NewSigningKey());
  const auto signature = Sign(*key, "license payload");
  EXPECT_TRUE(Verify(key->public_key, "license payload", signature));
  EXPECT_FALSE(Verify(key->public_key, "license payloaD", signature));
  auto flipped = signature;
  flipped[10] ^= 1;
  EXPECT_FALSE(Verify(key->public_key, "license payload", flipped));
}

TEST_F(KeyStore, RefusesACorruptKeyFile) {
  fs::create_directories(dir_ / "keys");
  std::ofstream(dir_ / "keys" / "signing-0000000000000000.key") << "too short";
  EXPECT_FALSE(KeyRing::LoadOrCreate(dir_.string()).ok());
}

TEST_F(KeyStore, RotationKeepsOldKeysVerifyingUntilRetired) {
  auto ring = std::move(*KeyRing::LoadOrCreate(dir_.string()));
  const SigningKey first = ring->Current();
  const auto second = ring->Rotate();
  ASSERT_TRUE(second.ok());
  EXPECT_NE(second->key_id, first.key_id);
  EXPECT_EQ(ring->Current().key_id, second->key_id);
  EXPECT_FALSE(ring->Trusted().at(first.key_id).retired);
  EXPECT_EQ(ring->OldestActive().key_id, first.key_id);

  EXPECT_EQ(ring->Retire(second->key_id).code(), ErrorCode::kConflict);  // the current key
  EXPECT_EQ(ring->Retire("0123456789abcdef").code(), ErrorCode::kNotFound);
  ASSERT_TRUE(ring->Retire(first.key_id).ok());
  EXPECT_TRUE(ring->Trusted().at(first.key_id).retired);
  EXPECT_EQ(ring->OldestActive().key_id, second->key_id);

  // All of it survives a restart.
  auto reloaded = std::move(*KeyRing::LoadOrCreate(dir_.string()));
  EXPECT_EQ(reloaded->Current().key_id, second->key_id);
  EXPECT_TRUE(reloaded->Trusted().at(first.key_id).retired);
  EXPECT_EQ(reloaded->Keys().size(), 2u);
}

TEST(RandomIds, LicenseCodesHaveTheSeedShapeAndDoNotRepeat) {
  ASSERT_TRUE(Initialize());
  const std::regex shape("LIC-[2-9]{4}-[2-9A-HJ-NP-Z]{12}-[2-9A-HJ-NP-Z]{4}");
  std::set<std::string> seen;
  for (int i = 0; i < 10000; ++i) {
    const std::string code = NewLicenseCode();
    ASSERT_TRUE(std::regex_match(code, shape)) << code;
    ASSERT_TRUE(seen.insert(code).second) << code;
  }
}

TEST(RandomIds, IdsAndTokensHaveTheirPrefixesAndLengths) {
  ASSERT_TRUE(Initialize());
  const std::string id = NewId("lic");
  EXPECT_TRUE(id.starts_with("lic_"));
  EXPECT_EQ(id.size(), 4u + 22u);
  const std::string token = NewApiToken();
  EXPECT_TRUE(token.starts_with("lsr_"));
  EXPECT_EQ(token.size(), 4u + 43u);
  EXPECT_NE(NewApiToken(), token);
}

}  // namespace
}  // namespace licensor::crypto
