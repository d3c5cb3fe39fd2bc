// Password hashing for the console's users: Argon2id through libsodium's crypto_pwhash_str,
// whose string carries its own salt and limits, so stronger limits can come later without a
// migration.
#pragma once

#include <atomic>
#include <cstddef>
#include <string>
#include <string_view>

#include "common/status.hpp"

namespace licensor::crypto {

inline constexpr std::size_t kMinPasswordLength = 12;
inline constexpr std::size_t kMaxPasswordLength = 256;  // bounds the work one attempt costs

// Hashes and checks passwords, at most `slots` at once. Each one holds 64 MiB and a core for
// tens of milliseconds, so a flood of sign-ins could otherwise take the server's memory and
// every worker; a call beyond the slots is refused at once with kUnavailable and a retry
// time, never queued. Thread-safe.
class PasswordHasher {
 public:
  explicit PasswordHasher(int slots);

  // Slots for a machine with `memory_bytes` of RAM and `cores` cores: half the cores, so that
  // hashing never takes every core from validation, and no more than an eighth of the memory
  // allows; at least one.
  static int SlotsFor(std::size_t memory_bytes, unsigned cores);
  // The memory one hash or check holds.
  static std::size_t MemoryPerSlot();

  // kUnavailable while every slot is taken; kInternal when the memory cannot be had.
  Result<std::string> Hash(std::string_view password) const;
  // Whether `password` is the one `hash` was made from; kUnavailable while every slot is taken.
  // Takes the same time for a wrong password as for a right one. With `hash` empty it checks
  // against a hash of a random password made once, so that an unknown account costs what a
  // wrong password costs.
  Result<bool> Verify(const std::string& hash, std::string_view password) const;

  int slots() const { return slots_; }
  // kUnavailable (as Hash and Verify would answer) while every slot is taken: a request that
  // will need one asks first, before it does any other work, so that a flood of them costs
  // the server no store work either. A slot free now may be taken before it is used; Hash and
  // Verify still decide.
  Status CheckAvailable() const;

  // One slot, held for the length of one hash or check (tests hold them to fill the hasher);
  // taken() is false when every slot was in use.
  class Slot {
   public:
    explicit Slot(const PasswordHasher& owner);
    ~Slot();
    Slot(const Slot&) = delete;
    Slot& operator=(const Slot&) = delete;
    bool taken() const { return taken_; }

   private:
    const PasswordHasher& owner_;
    bool taken_ = false;
  };

 private:
  const std::string& DummyHash() const;

  const int slots_;
  mutable std::atomic<int> in_use_{0};
};

}  // namespace licensor::crypto
