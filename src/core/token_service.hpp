// API tokens: bootstrap of the first admin token, authentication, and token management.
#pragma once

#include <optional>
#include <string>

#include "common/clock.hpp"
#include "core/store.hpp"
#include "crypto/token_hasher.hpp"

namespace licensor::core {

struct NewToken {
  ApiToken token;
  std::string secret;  // shown once, never stored
};

class TokenService {
 public:
  TokenService(Store& store, const Clock& clock, const crypto::TokenHasher& hasher)
      : store_(store), clock_(clock), hasher_(hasher) {}

  // On a store with no tokens, creates the first admin token, from `preset_secret` when given
  // (it must look like a token of at least 32 characters). Returns nullopt when tokens exist.
  Result<std::optional<NewToken>> Bootstrap(const std::optional<std::string>& preset_secret);

  // kUnauthorized for unknown or revoked secrets.
  Result<ApiToken> Authenticate(const std::string& secret);

  Result<NewToken> Create(const std::string& actor, const std::string& name, Role role);
  Result<Page<ApiToken>> List(const PageRequest& page);
  Result<ApiToken> Revoke(const std::string& actor, const std::string& id);

 private:
  Store& store_;
  const Clock& clock_;
  const crypto::TokenHasher& hasher_;
};

}  // namespace licensor::core
