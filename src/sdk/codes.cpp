#include "sdk/codes.hpp"

#include "common/verdict.hpp"

namespace licensor::sdk {
namespace {

// The SDK's codes are the verdicts of the same names (common/verdict.hpp), with their numbers:
// each is checked here, so the public header can never drift from the table.
#define LICENSOR_SAME_NUMBER(name) static_cast<int>(Code::name) == static_cast<int>(Verdict::name)
static_assert(LICENSOR_SAME_NUMBER(kValid) && LICENSOR_SAME_NUMBER(kInGracePeriod) &&
              LICENSOR_SAME_NUMBER(kOfflineGrace) && LICENSOR_SAME_NUMBER(kNotActivated) &&
              LICENSOR_SAME_NUMBER(kExpired) && LICENSOR_SAME_NUMBER(kNotYetValid) &&
              LICENSOR_SAME_NUMBER(kFingerprintMismatch) &&
              LICENSOR_SAME_NUMBER(kRefreshRequired) && LICENSOR_SAME_NUMBER(kClockTampered) &&
              LICENSOR_SAME_NUMBER(kReplayed) && LICENSOR_SAME_NUMBER(kFeatureMissing) &&
              LICENSOR_SAME_NUMBER(kMalformed) && LICENSOR_SAME_NUMBER(kUnsupportedVersion) &&
              LICENSOR_SAME_NUMBER(kUnsupportedAlgorithm) && LICENSOR_SAME_NUMBER(kUnknownKey) &&
              LICENSOR_SAME_NUMBER(kRetiredKey) && LICENSOR_SAME_NUMBER(kBadSignature) &&
              LICENSOR_SAME_NUMBER(kBadPayload) && LICENSOR_SAME_NUMBER(kCannotDecrypt) &&
              LICENSOR_SAME_NUMBER(kWrongLicense) && LICENSOR_SAME_NUMBER(kWrongProduct) &&
              LICENSOR_SAME_NUMBER(kServerUnreachable) && LICENSOR_SAME_NUMBER(kLicenseNotFound) &&
              LICENSOR_SAME_NUMBER(kLicenseNotActive) &&
              LICENSOR_SAME_NUMBER(kActivationLimitReached) &&
              LICENSOR_SAME_NUMBER(kServerRefused) && LICENSOR_SAME_NUMBER(kDeactivated) &&
              LICENSOR_SAME_NUMBER(kReleased) && LICENSOR_SAME_NUMBER(kLicenseSuspended) &&
              LICENSOR_SAME_NUMBER(kLicenseRevoked) && LICENSOR_SAME_NUMBER(kInvalidArgument) &&
              LICENSOR_SAME_NUMBER(kIoError));
#undef LICENSOR_SAME_NUMBER

constexpr Verdict AsVerdict(Code code) { return static_cast<Verdict>(code); }

// What each code tells the product's user, in English (Config::messages replaces them).
struct CodeText {
  Code code;
  std::string_view message;
};

constexpr CodeText kCodes[] = {
    {Code::kValid, "The license is valid."},
    {Code::kInGracePeriod,
     "The license has expired but is within its grace period; renew it soon."},
    {Code::kOfflineGrace,
     "The license server has not been reached in time; running on the offline grace."},
    {Code::kNotActivated, "This machine has no license yet; activate it with your license code."},
    {Code::kExpired, "The license has expired."},
    {Code::kNotYetValid, "The license is not valid yet."},
    {Code::kFingerprintMismatch,
     "This machine has changed too much since its license was issued; activate it again, or ask "
     "your vendor for a license file for this machine."},
    {Code::kRefreshRequired,
     "The license server must be reached to renew the license file; the offline grace is over."},
    {Code::kClockTampered,
     "The system clock is behind a time this machine has already seen; correct the clock."},
    {Code::kReplayed, "This license file is older than one already installed."},
    {Code::kFeatureMissing, "The license does not include this feature."},
    {Code::kMalformed, "The file is not a Licensor license file."},
    {Code::kUnsupportedVersion, "The license file has a format this version does not read."},
    {Code::kUnsupportedAlgorithm, "The license file is signed with an unsupported algorithm."},
    {Code::kUnknownKey, "The license file is signed by a key this product does not trust."},
    {Code::kRetiredKey, "The license file is signed by a retired key; ask for a new file."},
    {Code::kBadSignature, "The license file has been altered or damaged."},
    {Code::kBadPayload, "The license file's contents are not understood."},
    {Code::kCannotDecrypt, "The license file is encrypted for another license code or machine."},
    {Code::kWrongLicense, "The license file is for another license."},
    {Code::kWrongProduct,
     "The license code or file is for another product; use the one bought for this product."},
    {Code::kServerUnreachable,
     "The license server cannot be reached; check the network connection and try again."},
    {Code::kLicenseNotFound,
     "This license code is not known; check that it was typed as it was given to you."},
    {Code::kLicenseNotActive, "The license is suspended, revoked or expired; contact your vendor."},
    {Code::kActivationLimitReached,
     "Every activation of this license is in use; deactivate it on another machine, or ask your "
     "vendor for more."},
    {Code::kServerRefused,
     "The license server refused the request; try again later or contact your vendor."},
    {Code::kDeactivated,
     "This machine's activation was released; activate it again to use the product here."},
    {Code::kReleased,
     "The license server released this machine's activation; activate it again to use the "
     "product here."},
    {Code::kLicenseSuspended,
     "Your vendor has suspended this license; contact your vendor to have it reinstated."},
    {Code::kLicenseRevoked, "Your vendor has revoked this license; it can no longer be used."},
    {Code::kInvalidArgument, "The SDK was given an invalid argument."},
    {Code::kIoError, "A file in the license data directory cannot be read or written."},
};

const CodeText& Find(Code code) {
  for (const auto& c : kCodes) {
    if (c.code == code) return c;
  }
  return Find(Code::kInvalidArgument);
}

}  // namespace

std::string_view CodeName(Code code) { return VerdictName(AsVerdict(Find(code).code)); }
std::optional<Code> CodeNamed(std::string_view name) {
  const auto verdict = VerdictNamed(name, kFromSdk);
  if (!verdict) return std::nullopt;
  return static_cast<Code>(*verdict);
}
std::string_view CodeMessage(Code code) { return Find(code).message; }
bool IsValid(Code code) { return IsValidVerdict(AsVerdict(code)); }

bool NeedsActivation(Code code) {
  return code == Code::kNotActivated || code == Code::kReleased ||
         code == Code::kActivationLimitReached;
}

Code RefusalOr(int stored, Code fallback) {
  const Code code = static_cast<Code>(stored);
  const bool known = Find(code).code == code;
  return known && !IsValid(code) ? code : fallback;
}

// A file's verdict is the SDK's code of the same number.
Code FromFileCode(crypto::FileCode code) { return static_cast<Code>(crypto::AsVerdict(code)); }

Code FromServerProblem(std::string_view problem) {
  const auto verdict = VerdictNamed(problem, kFromServerProblem);
  return verdict ? static_cast<Code>(*verdict) : Code::kServerRefused;
}

}  // namespace licensor::sdk
