// A machine's fingerprint, and the request file a collector writes on an offline machine so the
// vendor can issue a license file bound to it.
#pragma once

#include <string>
#include <string_view>

#include "common/clock.hpp"
#include "common/fingerprint_rule.hpp"
#include "common/status.hpp"

namespace licensor::crypto {

inline constexpr std::size_t kMaxComponents = 16;
inline constexpr std::size_t kMaxComponentName = 64;
inline constexpr std::size_t kMaxComponentValue = 256;

// The fingerprint of a set of components: "fp1-" and 64 hex digits of BLAKE2b-256 over
// "<length>:<name><length>:<value>" for each component in name order.
std::string FingerprintOf(const Components& components);

struct FingerprintRequest {
  std::string fingerprint;
  Components components;
  std::string hostname;
  std::string platform;        // e.g. "linux-x86_64"
  std::string virtualization;  // "none", "vm:<kind>" or "container:<kind>"
  UnixSeconds created_at = 0;
};

std::string WriteFingerprintRequest(const FingerprintRequest& request);
// Strict: the right type and format, known fields only, sizes within limits, and a fingerprint
// that matches its components. Errors: kInvalidField, naming the problem.
Result<FingerprintRequest> ReadFingerprintRequest(std::string_view text);

}  // namespace licensor::crypto
