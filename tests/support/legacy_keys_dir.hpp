// DATA_DIR/keys as releases before the store held the keys wrote it, for the import's tests.
#pragma once

#include <gtest/gtest.h>

#include <array>
#include <filesystem>
#include <fstream>
#include <optional>
#include <string>
#include <vector>

#include "crypto/key_store.hpp"

namespace licensor::testing {

// Writes signing-<id>.key for each key; `current` and `retired` (one id a line) and token.key
// only when given.
inline void WriteLegacyKeysDirectory(
    const std::filesystem::path& data_dir, const std::vector<crypto::SigningKey>& keys,
    const std::string& current = "", const std::vector<std::string>& retired = {},
    const std::optional<std::array<unsigned char, 32>>& token_key = std::nullopt) {
  const std::filesystem::path dir = data_dir / "keys";
  std::filesystem::create_directories(dir);
  for (const auto& key : keys) {
    ASSERT_TRUE(crypto::WriteSecretFile((dir / ("signing-" + key.key_id + ".key")).string(),
                                        crypto::SecretBytes(key))
                    .ok());
  }
  if (!current.empty()) std::ofstream(dir / "current") << current << "\n";
  if (!retired.empty()) {
    std::ofstream out(dir / "retired");
    for (const auto& id : retired) out << id << "\n";
  }
  if (token_key) {
    ASSERT_TRUE(crypto::WriteSecretFile(
                    (dir / "token.key").string(),
                    {reinterpret_cast<const char*>(token_key->data()), token_key->size()})
                    .ok());
  }
}

}  // namespace licensor::testing
