// The limits of a license's terms: what a policy gives its licenses, what an issued license may
// override, and what a license file may say. Said once for the API, the services and the file
// reader.
#pragma once

#include <cstddef>
#include <cstdint>

namespace licensor {

inline constexpr std::int64_t kMaxActivations = 1'000'000;  // machines one license activates
inline constexpr std::int64_t kMaxDurationDays = 36'500;    // a validity of up to 100 years
inline constexpr std::size_t kMaxFeatures = 200;            // entitlement codes of a license
inline constexpr std::size_t kMaxFeatureLength = 64;        // characters of one code

}  // namespace licensor
