#include "crypto/key_store.hpp"

#include <gtest/gtest.h>
#include <sys/stat.h>

#include <filesystem>
#include <fstream>
#include <regex>
#include <set>

#include "crypto/key_directory.hpp"
#include "crypto/master_key.hpp"
#include "crypto/random.hpp"
#include "tests/support/legacy_keys_dir.hpp"
#include "tests/support/temp_dir.hpp"

namespace licensor::crypto {
namespace {

namespace fs = std::filesystem;

class KeyStore : public ::testing::Test {
 protected:
  void SetUp() override { ASSERT_TRUE(Initialize()); }
  testing::TempDir temp_;
  const fs::path dir_ = temp_.path() / "data";
};

TEST_F(KeyStore, SignaturesVerifyAndTamperingIsDetected) {
  const auto key = std::optional<SigningKey>(NewSigningKey());
  const auto signature = Sign(*key, "license payload");
  EXPECT_TRUE(Verify(key->public_key, "license payload", signature));
  EXPECT_FALSE(Verify(key->public_key, "license payloaD", signature));
  auto flipped = signature;
  flipped[10] ^= 1;
  EXPECT_FALSE(Verify(key->public_key, "license payload", flipped));
}

TEST_F(KeyStore, ASecretMustHoldItsOwnPublicKey) {
  const SigningKey key = NewSigningKey();
  const auto same = SigningKeyFromSecret(SecretBytes(key));
  ASSERT_TRUE(same.ok());
  EXPECT_EQ(same->key_id, key.key_id);
  std::string mismatched(SecretBytes(key));
  mismatched[40] ^= 1;  // the public half no longer belongs to the seed
  EXPECT_FALSE(SigningKeyFromSecret(mismatched).ok());
  EXPECT_FALSE(SigningKeyFromSecret("too short").ok());
}

TEST_F(KeyStore, ReadsAnEarlierReleasesKeysDirectory) {
  EXPECT_FALSE(ReadKeysDirectory(dir_.string())->has_value());  // none at all
  const SigningKey old_key = NewSigningKey();
  const SigningKey new_key = NewSigningKey();
  testing::WriteLegacyKeysDirectory(dir_, {old_key});
  // Keys are ordered by their files' times; the newer one is written a moment later.
  fs::last_write_time(dir_ / "keys" / ("signing-" + old_key.key_id + ".key"),
                      fs::file_time_type::clock::now() - std::chrono::hours(1));
  testing::WriteLegacyKeysDirectory(dir_, {new_key}, new_key.key_id, {old_key.key_id});
  std::ofstream(dir_ / "keys" / "token.key", std::ios::binary) << std::string(32, 'k');

  const auto read = ReadKeysDirectory(dir_.string());
  ASSERT_TRUE(read.ok() && read->has_value());
  const KeysDirectory& keys = **read;
  ASSERT_EQ(keys.signing_keys.size(), 2u);
  EXPECT_EQ(keys.signing_keys[0].key_id, old_key.key_id);
  EXPECT_EQ(keys.current_id, new_key.key_id);
  EXPECT_EQ(keys.retired_ids, std::vector<std::string>{old_key.key_id});
  ASSERT_TRUE(keys.token_key.has_value());
  EXPECT_EQ((*keys.token_key)[0], 'k');

  ASSERT_TRUE(RemoveKeysDirectory(dir_.string(), keys).ok());
  EXPECT_FALSE(fs::exists(dir_ / "keys"));
}

TEST_F(KeyStore, RefusesACorruptOrInconsistentKeysDirectory) {
  fs::create_directories(dir_ / "keys");
  std::ofstream(dir_ / "keys" / "signing-0000000000000000.key") << "too short";
  EXPECT_FALSE(ReadKeysDirectory(dir_.string()).ok());
  fs::remove_all(dir_ / "keys");
  testing::WriteLegacyKeysDirectory(dir_, {NewSigningKey()},
                                    "0123456789abcdef");  // names a key not there
  EXPECT_FALSE(ReadKeysDirectory(dir_.string()).ok());
}

TEST_F(KeyStore, SealedSecretsOpenOnlyWithTheirKeyAndPlace) {
  const MasterKey master = MasterKey::Generate();
  const std::string sealed = master.Seal("whsec_secret", "webhook-secret:whk_1");
  EXPECT_TRUE(MasterKey::IsSealed(sealed));
  EXPECT_EQ(sealed.find("whsec_secret"), std::string::npos);
  EXPECT_NE(master.Seal("whsec_secret", "webhook-secret:whk_1"), sealed);  // fresh nonces
  EXPECT_EQ(*master.Open(sealed, "webhook-secret:whk_1"), "whsec_secret");

  EXPECT_FALSE(master.Open(sealed, "webhook-secret:whk_2").ok());  // moved to another row
  EXPECT_FALSE(MasterKey::Generate().Open(sealed, "webhook-secret:whk_1").ok());
  std::string altered = sealed;
  altered[20] = altered[20] == 'A' ? 'B' : 'A';
  EXPECT_FALSE(master.Open(altered, "webhook-secret:whk_1").ok());
  EXPECT_FALSE(master.Open("whsec_secret", "webhook-secret:whk_1").ok());  // never sealed
  EXPECT_FALSE(master.Open("sealed1:", "webhook-secret:whk_1").ok());
}

TEST_F(KeyStore, MasterKeyFilesAreOwnerOnlyAndReadBack) {
  fs::create_directories(dir_);
  const std::string path = (dir_ / "master.key").string();
  bool created = false;
  const auto first = LoadOrCreateMasterKeyFile(path, created);
  ASSERT_TRUE(first.ok());
  EXPECT_TRUE(created);
  struct stat st {};
  ASSERT_EQ(::stat(path.c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0777, 0600u);
  const auto again = LoadOrCreateMasterKeyFile(path, created);
  ASSERT_TRUE(again.ok());
  EXPECT_FALSE(created);
  EXPECT_EQ(again->Hex(), first->Hex());
  EXPECT_EQ(again->Id(), first->Id());
  EXPECT_NE(again->Id(), MasterKey::Generate().Id());

  EXPECT_TRUE(MasterKey::FromHex(std::string(64, 'a') + "\n").ok());
  for (const std::string& bad :
       {std::string(63, 'a'), std::string(64, 'g'), std::string(), std::string(66, 'a')}) {
    const auto refused = MasterKey::FromHex(bad);
    EXPECT_EQ(refused.status().code(), ErrorCode::kInvalidField) << bad;
  }
  std::ofstream(path, std::ios::trunc) << "not a key\n";
  const auto unreadable = ReadMasterKeyFile(path);
  ASSERT_FALSE(unreadable.ok());
  EXPECT_NE(unreadable.status().message().find("64 hex digits"), std::string::npos);
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
