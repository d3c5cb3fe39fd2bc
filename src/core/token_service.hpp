// API tokens: bootstrap of the first admin token, authentication, and token management.
#pragma once

#include <chrono>
#include <mutex>
#include <optional>
#include <shared_mutex>
#include <string>
#include <unordered_map>

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

  // kUnauthorized for unknown or revoked secrets. A token that authenticated is remembered for
  // kRecheckAfter, so busy callers (the platform asking the registry before each action) do not
  // read the store on every request: a revocation takes effect at once on the node that made
  // it, and within kRecheckAfter on the other nodes of a deployment.
  Result<ApiToken> Authenticate(const std::string& secret);
  static constexpr auto kRecheckAfter = std::chrono::seconds(1);

  // Customer roles act for `customer_id` (required for them, refused for the others).
  Result<NewToken> Create(const Actor& actor, const std::string& name, Role role,
                          const std::optional<std::string>& customer_id = std::nullopt);
  Result<Page<ApiToken>> List(const PageRequest& page);
  Result<ApiToken> Revoke(const Actor& actor, const std::string& id);

 private:
  struct Remembered {
    ApiToken token;
    std::chrono::nanoseconds checked_at;  // by clock_.Monotonic()
  };
  static constexpr std::size_t kMaxRemembered = 10000;

  Store& store_;
  const Clock& clock_;
  const crypto::TokenHasher& hasher_;
  std::shared_mutex remembered_mutex_;
  std::unordered_map<std::string, Remembered> remembered_;  // by keyed hash; successes only
};

}  // namespace licensor::core
