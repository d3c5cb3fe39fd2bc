// The validation verdict: given what the store holds, is this license valid for this machine now?
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/fingerprint_rule.hpp"
#include "common/verdict.hpp"
#include "core/entities.hpp"

namespace licensor::core {

// Stable codes answered by POST /v1/client/validate; documented in docs/api.md.
// Each takes its number and name from the one table of verdicts (common/verdict.hpp).
enum class ValidationCode : int {
  kValid = static_cast<int>(Verdict::kValid),
  // Expired, but within the policy's expiry grace: still valid.
  kInGracePeriod = static_cast<int>(Verdict::kInGracePeriod),
  kNotFound = static_cast<int>(Verdict::kNotFound),
  kSuspended = static_cast<int>(Verdict::kSuspended),
  kRevoked = static_cast<int>(Verdict::kRevoked),
  kExpired = static_cast<int>(Verdict::kExpired),
  kNotActivated = static_cast<int>(Verdict::kNotActivated),
  kFingerprintMismatch = static_cast<int>(Verdict::kFingerprintMismatch),
  kHeartbeatDead = static_cast<int>(Verdict::kHeartbeatDead),
  kFeatureMissing = static_cast<int>(Verdict::kFeatureMissing),
};
inline constexpr Verdict AsVerdict(ValidationCode code) { return static_cast<Verdict>(code); }
inline std::string_view ToString(ValidationCode code) { return VerdictName(AsVerdict(code)); }

struct ValidationInput {
  const License* license = nullptr;  // null: the code is unknown
  const Policy* policy = nullptr;
  bool fingerprint_given = false;
  // The activation that matched the fingerprint exactly or by the similarity rule, if any.
  const Activation* activation = nullptr;
  // When no activation matched but one was compared by components: how close it came.
  std::optional<SimilarityResult> closest;
  std::vector<std::string> required_features;
  UnixSeconds now = 0;
};

struct Verdict {
  bool valid = false;
  ValidationCode code = ValidationCode::kNotFound;
  std::string detail;  // a sentence for the end user
  std::vector<std::string> missing_features;
};

// An activation is alive while it is not marked dead and, when the policy asks for heartbeats,
// its last one is no older than the interval plus the grace.
// The earliest last heartbeat of an activation still alive at `now` under the policy (interval
// plus grace); nullopt when the policy asks for no heartbeats. Stores filter with it, so the
// rule is written once.
std::optional<UnixSeconds> AliveSince(const Policy& policy, UnixSeconds now);
bool IsAlive(const Activation& activation, const Policy& policy, UnixSeconds now);

Verdict Evaluate(const ValidationInput& input);

}  // namespace licensor::core
