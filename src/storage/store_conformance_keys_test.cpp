// The server keys in the store (core/key_ring.hpp): sealed at rest, shared by every ring that
// opens the store, rotated and retired one change at a time, refused under another master key.
#include <algorithm>
#include <filesystem>
#include <fstream>
#include <thread>

#include "core/key_ring.hpp"
#include "crypto/key_store.hpp"
#include "storage/store_conformance_fixture.hpp"
#include "tests/support/legacy_keys_dir.hpp"

namespace licensor::storage {
namespace {

using namespace core;
namespace fs = std::filesystem;

class KeyRingConformance : public StoreConformance {
 protected:
  std::unique_ptr<KeyRing> OpenRing(const crypto::MasterKey& master) {
    std::string report;
    auto ring = KeyRing::Open(*store_, clock_, master, data_dir_.string(), report);
    EXPECT_TRUE(ring.ok()) << ring.status().message();
    last_report_ = report;
    return ring.ok() ? std::move(ring.value()) : nullptr;
  }
  std::vector<SigningKeyRecord> Records() {
    return ReadValue<std::vector<SigningKeyRecord>>(
               *store_, [](StoreTx& tx) { return tx.ListSigningKeys(); })
        .value();
  }
  const crypto::MasterKey master_ = crypto::MasterKey::Generate();
  const fs::path data_dir_ = dir_.path() / "data";
  std::string last_report_;
};

TEST_F(KeyRingConformance, KeysAreCreatedOnceSealedAndReadBack) {
  const auto ring = OpenRing(master_);
  ASSERT_TRUE(ring);
  EXPECT_NE(last_report_.find("created"), std::string::npos) << last_report_;
  const crypto::SigningKey current = ring->Current();
  const auto records = Records();
  ASSERT_EQ(records.size(), 1u);
  EXPECT_EQ(records[0].id, current.key_id);
  EXPECT_EQ(records[0].state, "CURRENT");
  EXPECT_TRUE(crypto::MasterKey::IsSealed(records[0].sealed_secret));
  const std::string secret(crypto::SecretBytes(current));
  EXPECT_EQ(records[0].sealed_secret.find(secret), std::string::npos);

  const auto again = OpenRing(master_);  // a restart, or another node
  ASSERT_TRUE(again);
  EXPECT_EQ(again->Current().key_id, current.key_id);
  EXPECT_EQ(again->Current().secret_key, current.secret_key);
  EXPECT_EQ(again->token_key(), ring->token_key());
  EXPECT_EQ(Records().size(), 1u);
}

TEST_F(KeyRingConformance, AnotherMasterKeyIsRefusedWithAClearMessage) {
  ASSERT_TRUE(OpenRing(master_));
  std::string report;
  const auto refused =
      KeyRing::Open(*store_, clock_, crypto::MasterKey::Generate(), data_dir_.string(), report);
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.status().code(), ErrorCode::kForbidden);
  EXPECT_NE(refused.status().message().find("master key"), std::string::npos);
  EXPECT_NE(refused.status().message().find(master_.Id()), std::string::npos);
}

TEST_F(KeyRingConformance, RotationAndRetirementReachEveryRingAtOnce) {
  const auto node_a = OpenRing(master_);
  const auto node_b = OpenRing(master_);
  ASSERT_TRUE(node_a && node_b);
  const std::string first = node_a->Current().key_id;

  const auto rotated = node_a->Rotate("tok_admin");
  ASSERT_TRUE(rotated.ok()) << rotated.status().message();
  EXPECT_EQ(node_a->Current().key_id, rotated->key_id);
  if (store_->SharedByNodes()) {
    // Node B signs its next file with the key node A made, without a restart.
    EXPECT_EQ(node_b->Current().key_id, rotated->key_id);
    EXPECT_EQ(node_b->OldestActive().key_id, first);
  }

  EXPECT_EQ(node_a->Retire("tok_admin", rotated->key_id).code(), ErrorCode::kConflict);
  EXPECT_EQ(node_a->Retire("tok_admin", "0123456789abcdef").code(), ErrorCode::kNotFound);
  ASSERT_TRUE(node_a->Retire("tok_admin", first).ok());
  ASSERT_TRUE(node_a->Retire("tok_admin", first).ok());  // once retired, it stays so
  for (const SigningKeyRecord& record : Records()) {
    if (record.id != first) continue;
    EXPECT_EQ(record.state, "RETIRED");
    EXPECT_TRUE(record.sealed_secret.empty());  // the secret is destroyed
    EXPECT_TRUE(record.retired_at.has_value());
  }
  EXPECT_TRUE(node_a->Trusted().at(first).retired);  // its public half still recognises files
  EXPECT_EQ(node_a->OldestActive().key_id, rotated->key_id);
  if (store_->SharedByNodes()) {
    EXPECT_TRUE(node_b->Trusted().at(first).retired);
  }

  const auto restarted = OpenRing(master_);
  ASSERT_TRUE(restarted);
  EXPECT_EQ(restarted->Current().key_id, rotated->key_id);
  EXPECT_EQ(restarted->Keys().size(), 2u);
}

TEST_F(KeyRingConformance, RotationsOnTwoRingsAtOnceLeaveOneCurrentKey) {
  const auto node_a = OpenRing(master_);
  const auto node_b = OpenRing(master_);
  ASSERT_TRUE(node_a && node_b);
  std::thread other([&] {
    for (int i = 0; i < 5; ++i) EXPECT_TRUE(node_b->Rotate("b").ok());
  });
  for (int i = 0; i < 5; ++i) EXPECT_TRUE(node_a->Rotate("a").ok());
  other.join();
  const auto records = Records();
  EXPECT_EQ(records.size(), 11u);
  EXPECT_EQ(std::count_if(records.begin(), records.end(),
                          [](const SigningKeyRecord& r) { return r.state == "CURRENT"; }),
            1);
}

TEST_F(KeyRingConformance, AnEarlierReleasesKeysDirectoryIsImportedOnceAndRemoved) {
  const crypto::SigningKey retired = crypto::NewSigningKey();
  const crypto::SigningKey current = crypto::NewSigningKey();
  const fs::path keys = data_dir_ / "keys";
  const std::string token_key(32, 't');
  std::array<unsigned char, 32> token_bytes{};
  std::copy(token_key.begin(), token_key.end(), token_bytes.begin());
  testing::WriteLegacyKeysDirectory(data_dir_, {retired, current}, current.key_id, {retired.key_id},
                                    token_bytes);

  const auto ring = OpenRing(master_);
  ASSERT_TRUE(ring);
  EXPECT_NE(last_report_.find("imported 2 signing key(s) (1 retired"), std::string::npos)
      << last_report_;
  EXPECT_FALSE(fs::exists(keys));  // no secret is left in a file
  EXPECT_EQ(ring->Current().key_id, current.key_id);
  EXPECT_EQ(ring->Current().secret_key, current.secret_key);
  EXPECT_EQ(std::string(ring->token_key().begin(), ring->token_key().end()), token_key);
  EXPECT_TRUE(ring->Trusted().at(retired.key_id).retired);
  for (const SigningKeyRecord& record : Records()) {
    if (record.id == retired.key_id) {
      EXPECT_TRUE(record.sealed_secret.empty());
    }
  }
  const auto events = ReadValue<Page<Event>>(*store_, [](StoreTx& tx) {
    return tx.ListEvents(EventFilter{}, PageRequest{0, 10});
  });
  ASSERT_TRUE(events.ok());
  ASSERT_EQ(events->items.size(), 1u);
  EXPECT_EQ(events->items[0].action, "key.imported");

  // A directory seen again after the import (the files could not be removed) is removed.
  fs::create_directories(keys);
  std::ofstream(keys / "token.key", std::ios::binary) << token_key;
  ASSERT_TRUE(OpenRing(master_));
  EXPECT_NE(last_report_.find("already imported"), std::string::npos) << last_report_;
  EXPECT_FALSE(fs::exists(keys));
  // Keys the store does not hold are left alone, and said so.
  fs::create_directories(keys);
  std::ofstream(keys / "token.key", std::ios::binary) << std::string(32, 'x');
  ASSERT_TRUE(OpenRing(master_));
  EXPECT_NE(last_report_.find("was not imported"), std::string::npos) << last_report_;
  EXPECT_TRUE(fs::exists(keys / "token.key"));
}

}  // namespace
}  // namespace licensor::storage
