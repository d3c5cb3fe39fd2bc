// An offline update bundle: one signed file carrying a refreshed license file, the vendor's
// current public keys and a configuration template, delivered by hand to a machine that never
// reaches the server.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "common/clock.hpp"
#include "crypto/key_store.hpp"
#include "crypto/license_envelope.hpp"
#include "crypto/license_file.hpp"

namespace licensor::crypto {

struct Bundle {
  std::string license_file;     // armored license file text
  nlohmann::json public_keys;   // a licensor-public-keys document
  std::string config_template;  // the client configuration to start from
  UnixSeconds issued_at = 0;
};

// Signed like a license file, with payload type "bundle", so a bundle never passes for a license.
std::string IssueBundle(const SigningKey& key, const Bundle& bundle);

struct OpenedBundle {
  bool ok = false;
  FileCode code = FileCode::kMalformed;  // kValid, or why the bundle was refused
  std::string detail;
  Bundle bundle;
};
OpenedBundle OpenBundle(std::string_view text, const PublicKeys& trusted);

}  // namespace licensor::crypto
