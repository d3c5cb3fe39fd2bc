#include "sdk/codes.hpp"

namespace licensor::sdk {
namespace {

struct CodeText {
  Code code;
  std::string_view name;
  std::string_view message;
};

constexpr CodeText kCodes[] = {
    {Code::kValid, "VALID", "The license is valid."},
    {Code::kInGracePeriod, "IN_GRACE_PERIOD",
     "The license has expired but is within its grace period; renew it soon."},
    {Code::kOfflineGrace, "OFFLINE_GRACE",
     "The license server has not been reached in time; running on the offline grace."},
    {Code::kNotActivated, "NOT_ACTIVATED",
     "This machine has no license yet; activate it with your license code."},
    {Code::kExpired, "EXPIRED", "The license has expired."},
    {Code::kNotYetValid, "NOT_YET_VALID", "The license is not valid yet."},
    {Code::kFingerprintMismatch, "FINGERPRINT_MISMATCH",
     "This machine has changed too much since its license was issued; activate it again, or ask "
     "your vendor for a license file for this machine."},
    {Code::kRefreshRequired, "REFRESH_REQUIRED",
     "The license server must be reached to renew the license file; the offline grace is over."},
    {Code::kClockTampered, "CLOCK_TAMPERED",
     "The system clock is behind a time this machine has already seen; correct the clock."},
    {Code::kReplayed, "REPLAYED", "This license file is older than one already installed."},
    {Code::kFeatureMissing, "FEATURE_MISSING", "The license does not include this feature."},
    {Code::kMalformed, "MALFORMED", "The file is not a Licensor license file."},
    {Code::kUnsupportedVersion, "UNSUPPORTED_VERSION",
     "The license file has a format this version does not read."},
    {Code::kUnsupportedAlgorithm, "UNSUPPORTED_ALGORITHM",
     "The license file is signed with an unsupported algorithm."},
    {Code::kUnknownKey, "UNKNOWN_KEY",
     "The license file is signed by a key this product does not trust."},
    {Code::kRetiredKey, "RETIRED_KEY",
     "The license file is signed by a retired key; ask for a new file."},
    {Code::kBadSignature, "BAD_SIGNATURE", "The license file has been altered or damaged."},
    {Code::kBadPayload, "BAD_PAYLOAD", "The license file's contents are not understood."},
    {Code::kCannotDecrypt, "CANNOT_DECRYPT",
     "The license file is encrypted for another license code or machine."},
    {Code::kWrongLicense, "WRONG_LICENSE", "The license file is for another license."},
    {Code::kWrongProduct, "WRONG_PRODUCT",
     "The license code or file is for another product; use the one bought for this product."},
    {Code::kServerUnreachable, "SERVER_UNREACHABLE",
     "The license server cannot be reached; check the network connection and try again."},
    {Code::kLicenseNotFound, "LICENSE_NOT_FOUND",
     "This license code is not known; check that it was typed as it was given to you."},
    {Code::kLicenseNotActive, "LICENSE_NOT_ACTIVE",
     "The license is suspended, revoked or expired; contact your vendor."},
    {Code::kActivationLimitReached, "ACTIVATION_LIMIT_REACHED",
     "Every activation of this license is in use; deactivate it on another machine, or ask your "
     "vendor for more."},
    {Code::kServerRefused, "SERVER_REFUSED",
     "The license server refused the request; try again later or contact your vendor."},
    {Code::kDeactivated, "DEACTIVATED",
     "This machine's activation was released; activate it again to use the product here."},
    {Code::kReleased, "RELEASED",
     "The license server released this machine's activation; activate it again to use the "
     "product here."},
    {Code::kLicenseSuspended, "LICENSE_SUSPENDED",
     "Your vendor has suspended this license; contact your vendor to have it reinstated."},
    {Code::kLicenseRevoked, "LICENSE_REVOKED",
     "Your vendor has revoked this license; it can no longer be used."},
    {Code::kInvalidArgument, "INVALID_ARGUMENT", "The SDK was given an invalid argument."},
    {Code::kIoError, "IO_ERROR", "A file in the license data directory cannot be read or written."},
};

const CodeText& Find(Code code) {
  for (const auto& c : kCodes) {
    if (c.code == code) return c;
  }
  return Find(Code::kInvalidArgument);
}

}  // namespace

std::string_view CodeName(Code code) { return Find(code).name; }
std::optional<Code> CodeNamed(std::string_view name) {
  for (const auto& c : kCodes) {
    if (c.name == name) return c.code;
  }
  return std::nullopt;
}
std::string_view CodeMessage(Code code) { return Find(code).message; }
bool IsValid(Code code) {
  return code == Code::kValid || code == Code::kInGracePeriod || code == Code::kOfflineGrace;
}

Code FromFileCode(crypto::FileCode code) {
  using F = crypto::FileCode;
  switch (code) {
    case F::kValid:
      return Code::kValid;
    case F::kInGracePeriod:
      return Code::kInGracePeriod;
    case F::kOfflineGrace:
      return Code::kOfflineGrace;
    case F::kMalformed:
      return Code::kMalformed;
    case F::kUnsupportedVersion:
      return Code::kUnsupportedVersion;
    case F::kUnsupportedAlgorithm:
      return Code::kUnsupportedAlgorithm;
    case F::kUnknownKey:
      return Code::kUnknownKey;
    case F::kRetiredKey:
      return Code::kRetiredKey;
    case F::kBadSignature:
      return Code::kBadSignature;
    case F::kBadPayload:
      return Code::kBadPayload;
    case F::kCannotDecrypt:
      return Code::kCannotDecrypt;
    case F::kNotYetValid:
      return Code::kNotYetValid;
    case F::kExpired:
      return Code::kExpired;
    case F::kRefreshRequired:
      return Code::kRefreshRequired;
    case F::kFingerprintMismatch:
      return Code::kFingerprintMismatch;
  }
  return Code::kMalformed;
}

Code FromServerProblem(std::string_view problem) {
  if (problem == "LICENSE_NOT_FOUND") return Code::kLicenseNotFound;
  if (problem == "LICENSE_NOT_ACTIVE") return Code::kLicenseNotActive;
  if (problem == "ACTIVATION_LIMIT_REACHED") return Code::kActivationLimitReached;
  if (problem == "NOT_ACTIVATED") return Code::kNotActivated;
  if (problem == "WRONG_PRODUCT") return Code::kWrongProduct;
  return Code::kServerRefused;
}

}  // namespace licensor::sdk
