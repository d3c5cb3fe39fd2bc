// Token use cases. Secrets exist only in the caller's hands; the store holds keyed hashes.
#include "core/token_service.hpp"

#include "common/text.hpp"
#include "core/audit.hpp"
#include "crypto/random.hpp"

namespace licensor::core {
namespace {

ApiToken MakeToken(const crypto::TokenHasher& hasher, const std::string& secret,
                   const std::string& name, Role role, UnixSeconds now) {
  ApiToken t;
  t.id = crypto::NewId("tok");
  t.name = name;
  t.role = role;
  t.hash = hasher.Hash(secret);
  t.created_at = now;
  return t;
}

}  // namespace

Result<std::optional<NewToken>> TokenService::Bootstrap(
    const std::optional<std::string>& preset_secret) {
  if (preset_secret && (preset_secret->size() < 32 || preset_secret->size() > 256)) {
    return Status::InvalidField("LICENSOR_ADMIN_TOKEN must be 32 to 256 characters");
  }
  std::optional<NewToken> created;
  LICENSOR_RETURN_IF_ERROR(store_.Write([&](StoreTx& tx) -> Status {
    LICENSOR_ASSIGN_OR_RETURN(const auto existing, tx.ListTokens(PageRequest{0, 1}));
    if (!existing.items.empty()) return Status::Ok();
    NewToken t;
    t.secret = preset_secret.value_or(crypto::NewApiToken());
    t.token = MakeToken(hasher_, t.secret, "initial admin", Role::kAdmin, clock_.Now());
    LICENSOR_RETURN_IF_ERROR(tx.InsertToken(t.token));
    LICENSOR_RETURN_IF_ERROR(RecordEvent(tx, t.token.created_at, "system", "token.created", "token",
                                         t.token.id, nullptr, ToJson(t.token)));
    created = std::move(t);
    return Status::Ok();
  }));
  return created;
}

Result<ApiToken> TokenService::Authenticate(const std::string& secret) {
  if (secret.empty() || secret.size() > 256) {
    return Status(ErrorCode::kUnauthorized, "invalid token");
  }
  const std::string hash = hasher_.Hash(secret);
  const auto now = clock_.Monotonic();
  {
    std::shared_lock lock(remembered_mutex_);
    const auto it = remembered_.find(hash);
    if (it != remembered_.end() && now - it->second.checked_at < kRecheckAfter) {
      return it->second.token;
    }
  }
  std::optional<ApiToken> token;
  LICENSOR_RETURN_IF_ERROR(store_.Read([&](StoreTx& tx) {
    LICENSOR_ASSIGN_OR_RETURN(token, tx.FindTokenByHash(hash));
    return Status::Ok();
  }));
  // The lookup is by an index on the keyed hash; comparing again in constant time keeps the
  // decision itself free of timing differences.
  if (!token || !crypto::ConstantTimeEquals(token->hash, hash) || token->revoked_at) {
    std::unique_lock lock(remembered_mutex_);
    remembered_.erase(hash);
    return Status(ErrorCode::kUnauthorized, "invalid or revoked token");
  }
  std::unique_lock lock(remembered_mutex_);
  if (remembered_.size() >= kMaxRemembered) remembered_.clear();  // bounded; refills on use
  remembered_[hash] = Remembered{*token, now};
  return *token;
}

Result<NewToken> TokenService::Create(const Actor& actor, const std::string& name, Role role,
                                      const std::optional<std::string>& customer_id) {
  LICENSOR_RETURN_IF_ERROR(CheckTextLength(name, "name", 1, kMaxNameLength));
  if (IsCustomerRole(role) != customer_id.has_value()) {
    return Status::InvalidField(
        "customer_admin and customer_viewer tokens need a customer_id; other roles take none");
  }
  NewToken t;
  t.secret = crypto::NewApiToken();
  t.token = MakeToken(hasher_, t.secret, name, role, clock_.Now());
  t.token.customer_id = customer_id;
  LICENSOR_RETURN_IF_ERROR(store_.Write([&](StoreTx& tx) {
    if (customer_id) {
      LICENSOR_RETURN_IF_ERROR(Require(tx.GetCustomer(*customer_id), "customer").status());
    }
    LICENSOR_RETURN_IF_ERROR(tx.InsertToken(t.token));
    return RecordEvent(tx, t.token.created_at, actor, "token.created", "token", t.token.id, nullptr,
                       ToJson(t.token));
  }));
  return t;
}

Result<Page<ApiToken>> TokenService::List(const PageRequest& page) {
  return ReadValue<Page<ApiToken>>(store_, [&](StoreTx& tx) { return tx.ListTokens(page); });
}

Result<ApiToken> TokenService::Revoke(const Actor& actor, const std::string& id) {
  ApiToken t;
  LICENSOR_RETURN_IF_ERROR(store_.Write([&](StoreTx& tx) {
    LICENSOR_ASSIGN_OR_RETURN(t, Require(tx.GetToken(id), "token"));
    if (t.revoked_at) return Status::Conflict("the token is already revoked");
    const Json before = ToJson(t);
    t.revoked_at = clock_.Now();
    LICENSOR_RETURN_IF_ERROR(tx.UpdateToken(t));
    return RecordEvent(tx, *t.revoked_at, actor, "token.revoked", "token", id, before, ToJson(t));
  }));
  std::unique_lock lock(remembered_mutex_);
  remembered_.erase(t.hash);  // refused at once on this node
  return t;
}

}  // namespace licensor::core
