// Password hashing for the console's users: Argon2id through libsodium's crypto_pwhash_str,
// whose string carries its own salt and limits, so stronger limits can come later without a
// migration.
#pragma once

#include <string>
#include <string_view>

#include "common/status.hpp"

namespace licensor::crypto {

inline constexpr std::size_t kMinPasswordLength = 12;
inline constexpr std::size_t kMaxPasswordLength = 256;  // bounds the work one attempt costs

// kInternal only when the memory the hash needs cannot be had.
Result<std::string> HashPassword(std::string_view password);

// Whether `password` is the one `hash` was made from. Takes the same time for a wrong password
// as for a right one; with DummyPasswordHash() it takes the same time for an unknown user too.
bool VerifyPassword(const std::string& hash, std::string_view password);

// A hash of a random password made once per process, checked against when the account asked
// for does not exist, so that an unknown email costs what a wrong password costs.
const std::string& DummyPasswordHash();

}  // namespace licensor::crypto
