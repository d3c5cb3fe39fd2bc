// Argon2id at libsodium's "interactive" limits: about 64 MiB and a few tens of milliseconds.
#include "crypto/password.hpp"

#include <sodium.h>

#include <algorithm>

#include "crypto/random.hpp"

namespace licensor::crypto {
namespace {

Status Busy() {
  return Status::TryAgainIn(ErrorCode::kUnavailable,
                            "the server is busy checking passwords; retry in a moment", 1);
}

// Empty when the memory cannot be had.
std::string Argon2id(std::string_view password) {
  char out[crypto_pwhash_STRBYTES];
  if (crypto_pwhash_str(out, password.data(), password.size(), crypto_pwhash_OPSLIMIT_INTERACTIVE,
                        crypto_pwhash_MEMLIMIT_INTERACTIVE) != 0) {
    return {};
  }
  return out;
}

}  // namespace

PasswordHasher::Slot::Slot(const PasswordHasher& owner) : owner_(owner) {
  taken_ = owner_.in_use_.fetch_add(1) < owner_.slots_;
  if (!taken_) owner_.in_use_.fetch_sub(1);
}

PasswordHasher::Slot::~Slot() {
  if (taken_) owner_.in_use_.fetch_sub(1);
}

PasswordHasher::PasswordHasher(int slots) : slots_(std::max(1, slots)) {}

std::size_t PasswordHasher::MemoryPerSlot() { return crypto_pwhash_MEMLIMIT_INTERACTIVE; }

int PasswordHasher::SlotsFor(std::size_t memory_bytes, unsigned cores) {
  const std::size_t by_memory = memory_bytes / 8 / MemoryPerSlot();
  return static_cast<int>(std::max<std::size_t>(1, std::min<std::size_t>(cores / 2, by_memory)));
}

Status PasswordHasher::CheckAvailable() const {
  return in_use_.load() < slots_ ? Status::Ok() : Busy();
}

Result<std::string> PasswordHasher::Hash(std::string_view password) const {
  const Slot slot(*this);
  if (!slot.taken()) return Busy();
  std::string hash = Argon2id(password);
  if (hash.empty()) return Status::Internal("out of memory hashing a password");
  return hash;
}

Result<bool> PasswordHasher::Verify(const std::string& hash, std::string_view password) const {
  const std::string& checked = hash.empty() ? DummyHash() : hash;
  const Slot slot(*this);
  if (!slot.taken()) return Busy();
  if (checked.size() >= crypto_pwhash_STRBYTES) return false;
  return crypto_pwhash_str_verify(checked.c_str(), password.data(), password.size()) == 0;
}

const std::string& PasswordHasher::DummyHash() const {
  static const std::string hash = Argon2id(NewSessionSecret());
  return hash;
}

}  // namespace licensor::crypto
