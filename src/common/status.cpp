// Client-visible names of the stable error codes.
#include "common/status.hpp"

namespace licensor {

std::string_view ErrorCodeName(ErrorCode code) {
  switch (code) {
    case ErrorCode::kOk:
      return "OK";
    case ErrorCode::kMalformedRequest:
      return "MALFORMED_REQUEST";
    case ErrorCode::kInvalidJson:
      return "INVALID_JSON";
    case ErrorCode::kInvalidField:
      return "INVALID_FIELD";
    case ErrorCode::kUnauthorized:
      return "UNAUTHORIZED";
    case ErrorCode::kForbidden:
      return "FORBIDDEN";
    case ErrorCode::kNotFound:
      return "NOT_FOUND";
    case ErrorCode::kLicenseNotFound:
      return "LICENSE_NOT_FOUND";
    case ErrorCode::kMethodNotAllowed:
      return "METHOD_NOT_ALLOWED";
    case ErrorCode::kConflict:
      return "CONFLICT";
    case ErrorCode::kActivationLimitReached:
      return "ACTIVATION_LIMIT_REACHED";
    case ErrorCode::kLicenseLimitReached:
      return "LICENSE_LIMIT_REACHED";
    case ErrorCode::kAlreadyBound:
      return "ALREADY_BOUND";
    case ErrorCode::kModelMismatch:
      return "MODEL_MISMATCH";
    case ErrorCode::kCardLocked:
      return "CARD_LOCKED";
    case ErrorCode::kNotEnoughCards:
      return "NOT_ENOUGH_CARDS";
    case ErrorCode::kSuperiorNotAllowed:
      return "SUPERIOR_MANAGEMENT_NOT_ALLOWED";
    case ErrorCode::kDeviceBlacklisted:
      return "DEVICE_BLACKLISTED";
    case ErrorCode::kLicenseNotActive:
      return "LICENSE_NOT_ACTIVE";
    case ErrorCode::kNotActivated:
      return "NOT_ACTIVATED";
    case ErrorCode::kInvalidFingerprintRequest:
      return "INVALID_FINGERPRINT_REQUEST";
    case ErrorCode::kInvalidDeactivationProof:
      return "INVALID_DEACTIVATION_PROOF";
    case ErrorCode::kOfflineNotAllowed:
      return "OFFLINE_NOT_ALLOWED";
    case ErrorCode::kBadFormat:
      return "BAD_FORMAT";
    case ErrorCode::kBadSignature:
      return "BAD_SIGNATURE";
    case ErrorCode::kWrongInstallation:
      return "WRONG_INSTALLATION";
    case ErrorCode::kWrongProduct:
      return "WRONG_PRODUCT";
    case ErrorCode::kAlreadyExpired:
      return "ALREADY_EXPIRED";
    case ErrorCode::kRegistryNotConfigured:
      return "REGISTRY_NOT_CONFIGURED";
    case ErrorCode::kBackupNotSupported:
      return "BACKUP_NOT_SUPPORTED";
    case ErrorCode::kPayloadTooLarge:
      return "PAYLOAD_TOO_LARGE";
    case ErrorCode::kHeadersTooLarge:
      return "HEADERS_TOO_LARGE";
    case ErrorCode::kAlreadyExists:
      return "ALREADY_EXISTS";
    case ErrorCode::kInvalidCredentials:
      return "INVALID_CREDENTIALS";
    case ErrorCode::kCsrfRejected:
      return "CSRF_REJECTED";
    case ErrorCode::kInvalidSetupLink:
      return "INVALID_SETUP_LINK";
    case ErrorCode::kInvalidAccountLink:
      return "INVALID_LINK";
    case ErrorCode::kMailNotConfigured:
      return "EMAIL_NOT_CONFIGURED";
    case ErrorCode::kInvitationRequired:
      return "INVITATION_REQUIRED";
    case ErrorCode::kUnsupportedMediaType:
      return "UNSUPPORTED_MEDIA_TYPE";
    case ErrorCode::kRateLimited:
      return "RATE_LIMITED";
    case ErrorCode::kUnavailable:
      return "UNAVAILABLE";
    case ErrorCode::kInternal:
    case ErrorCode::kWouldBlock:
      return "INTERNAL";
  }
  return "INTERNAL";
}

}  // namespace licensor
