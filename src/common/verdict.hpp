// One vocabulary of verdicts: every answer Licensor gives on whether a license may be used, by
// the server's validation (core::ValidationCode), the license file's check (crypto::FileCode)
// or the SDK (licensor::Code), with its one name and number. Each of the three takes its codes
// from here; the SDK's public Code keeps the same numbers (sdk/codes.cpp checks each), and the
// SDK reads the server's answers by these names.
#pragma once

#include <optional>
#include <string_view>

namespace licensor {

enum class Verdict : int {
  kValid = 0,
  kInGracePeriod = 1,
  kOfflineGrace = 2,
  kNotActivated = 10,
  kExpired = 11,
  kNotYetValid = 12,
  kFingerprintMismatch = 13,
  kRefreshRequired = 14,
  kClockTampered = 15,
  kReplayed = 16,
  kFeatureMissing = 17,
  kMalformed = 20,
  kUnsupportedVersion = 21,
  kUnsupportedAlgorithm = 22,
  kUnknownKey = 23,
  kRetiredKey = 24,
  kBadSignature = 25,
  kBadPayload = 26,
  kCannotDecrypt = 27,
  kWrongLicense = 28,
  kWrongProduct = 29,
  kServerUnreachable = 30,
  kLicenseNotFound = 31,
  kLicenseNotActive = 32,
  kActivationLimitReached = 33,
  kServerRefused = 34,
  kDeactivated = 35,
  kReleased = 36,
  kLicenseSuspended = 37,
  kLicenseRevoked = 38,
  kInvalidArgument = 40,
  kIoError = 41,
  // The server's validation only: the SDK learns these as a refusal (kLicenseNotFound,
  // kLicenseNotActive) or from the heartbeat (kLicenseSuspended, kLicenseRevoked, kReleased).
  kNotFound = 50,
  kSuspended = 51,
  kRevoked = 52,
  kHeartbeatDead = 53,
};

// Who gives a verdict, as bits.
enum VerdictSource : unsigned {
  kFromValidation = 1,  // the server's validation answer (core::ValidationCode)
  kFromFile = 2,        // the license file's check (crypto::FileCode)
  kFromSdk = 4,         // the SDK (licensor::Code)
  // A problem code of the server's client API that the SDK reports as this verdict.
  kFromServerProblem = 8,
};

struct VerdictEntry {
  Verdict verdict;
  std::string_view name;
  bool valid;  // the license may be used
  unsigned sources;
};

// Given by the server's validation, the file check and the SDK alike.
inline constexpr unsigned kFromEvery = kFromValidation | kFromFile | kFromSdk;

inline constexpr VerdictEntry kVerdicts[] = {
    {Verdict::kValid, "VALID", true, kFromEvery},
    {Verdict::kInGracePeriod, "IN_GRACE_PERIOD", true, kFromEvery},
    {Verdict::kOfflineGrace, "OFFLINE_GRACE", true, kFromFile | kFromSdk},
    {Verdict::kNotActivated, "NOT_ACTIVATED", false,
     kFromValidation | kFromSdk | kFromServerProblem},
    {Verdict::kExpired, "EXPIRED", false, kFromEvery},
    {Verdict::kNotYetValid, "NOT_YET_VALID", false, kFromFile | kFromSdk},
    {Verdict::kFingerprintMismatch, "FINGERPRINT_MISMATCH", false, kFromEvery},
    {Verdict::kRefreshRequired, "REFRESH_REQUIRED", false, kFromFile | kFromSdk},
    {Verdict::kClockTampered, "CLOCK_TAMPERED", false, kFromSdk},
    {Verdict::kReplayed, "REPLAYED", false, kFromSdk},
    {Verdict::kFeatureMissing, "FEATURE_MISSING", false, kFromValidation | kFromSdk},
    {Verdict::kMalformed, "MALFORMED", false, kFromFile | kFromSdk},
    {Verdict::kUnsupportedVersion, "UNSUPPORTED_VERSION", false, kFromFile | kFromSdk},
    {Verdict::kUnsupportedAlgorithm, "UNSUPPORTED_ALGORITHM", false, kFromFile | kFromSdk},
    {Verdict::kUnknownKey, "UNKNOWN_KEY", false, kFromFile | kFromSdk},
    {Verdict::kRetiredKey, "RETIRED_KEY", false, kFromFile | kFromSdk},
    {Verdict::kBadSignature, "BAD_SIGNATURE", false, kFromFile | kFromSdk},
    {Verdict::kBadPayload, "BAD_PAYLOAD", false, kFromFile | kFromSdk},
    {Verdict::kCannotDecrypt, "CANNOT_DECRYPT", false, kFromFile | kFromSdk},
    {Verdict::kWrongLicense, "WRONG_LICENSE", false, kFromSdk},
    {Verdict::kWrongProduct, "WRONG_PRODUCT", false, kFromSdk | kFromServerProblem},
    {Verdict::kServerUnreachable, "SERVER_UNREACHABLE", false, kFromSdk},
    {Verdict::kLicenseNotFound, "LICENSE_NOT_FOUND", false, kFromSdk | kFromServerProblem},
    {Verdict::kLicenseNotActive, "LICENSE_NOT_ACTIVE", false, kFromSdk | kFromServerProblem},
    {Verdict::kActivationLimitReached, "ACTIVATION_LIMIT_REACHED", false,
     kFromSdk | kFromServerProblem},
    {Verdict::kServerRefused, "SERVER_REFUSED", false, kFromSdk},
    {Verdict::kDeactivated, "DEACTIVATED", false, kFromSdk},
    {Verdict::kReleased, "RELEASED", false, kFromSdk},
    {Verdict::kLicenseSuspended, "LICENSE_SUSPENDED", false, kFromSdk},
    {Verdict::kLicenseRevoked, "LICENSE_REVOKED", false, kFromSdk},
    {Verdict::kInvalidArgument, "INVALID_ARGUMENT", false, kFromSdk},
    {Verdict::kIoError, "IO_ERROR", false, kFromSdk},
    {Verdict::kNotFound, "NOT_FOUND", false, kFromValidation},
    {Verdict::kSuspended, "SUSPENDED", false, kFromValidation},
    {Verdict::kRevoked, "REVOKED", false, kFromValidation},
    {Verdict::kHeartbeatDead, "HEARTBEAT_DEAD", false, kFromValidation},
};

constexpr const VerdictEntry* FindVerdict(Verdict verdict) {
  for (const VerdictEntry& e : kVerdicts) {
    if (e.verdict == verdict) return &e;
  }
  return nullptr;
}

constexpr std::string_view VerdictName(Verdict verdict) {
  const VerdictEntry* e = FindVerdict(verdict);
  return e ? e->name : "MALFORMED";
}

constexpr bool IsValidVerdict(Verdict verdict) {
  const VerdictEntry* e = FindVerdict(verdict);
  return e && e->valid;
}

// The verdict named `name` among those `source` gives.
constexpr std::optional<Verdict> VerdictNamed(std::string_view name, unsigned source) {
  for (const VerdictEntry& e : kVerdicts) {
    if (e.name == name && (e.sources & source) != 0) return e.verdict;
  }
  return std::nullopt;
}

}  // namespace licensor
