// ErrorCode → HTTP status and title.
#include "server/problem.hpp"

namespace licensor::server {

int HttpStatusFor(ErrorCode code) {
  switch (code) {
    case ErrorCode::kOk:
      return 200;
    case ErrorCode::kMalformedRequest:
    case ErrorCode::kInvalidJson:
    case ErrorCode::kInvalidField:
    case ErrorCode::kInvalidFingerprintRequest:
    case ErrorCode::kInvalidDeactivationProof:
    case ErrorCode::kBadFormat:
    case ErrorCode::kInvalidAccountLink:
      return 400;
    case ErrorCode::kBadSignature:
    case ErrorCode::kWrongInstallation:
    case ErrorCode::kWrongProduct:
    case ErrorCode::kAlreadyExpired:
      return 422;
    case ErrorCode::kUnauthorized:
    case ErrorCode::kInvalidCredentials:
      return 401;
    case ErrorCode::kForbidden:
    case ErrorCode::kLicenseNotActive:
    case ErrorCode::kSuperiorNotAllowed:
    case ErrorCode::kDeviceBlacklisted:
    case ErrorCode::kCsrfRejected:
    case ErrorCode::kInvalidSetupLink:
    case ErrorCode::kInvitationRequired:
      return 403;
    case ErrorCode::kNotFound:
    case ErrorCode::kLicenseNotFound:
    case ErrorCode::kNotActivated:
      return 404;
    case ErrorCode::kMethodNotAllowed:
      return 405;
    case ErrorCode::kConflict:
    case ErrorCode::kAlreadyExists:
    case ErrorCode::kMailNotConfigured:
    case ErrorCode::kActivationLimitReached:
    case ErrorCode::kLicenseLimitReached:
    case ErrorCode::kAlreadyBound:
    case ErrorCode::kModelMismatch:
    case ErrorCode::kCardLocked:
    case ErrorCode::kNotEnoughCards:
    case ErrorCode::kOfflineNotAllowed:
    case ErrorCode::kRegistryNotConfigured:
    case ErrorCode::kBackupNotSupported:
      return 409;
    case ErrorCode::kPayloadTooLarge:
      return 413;
    case ErrorCode::kHeadersTooLarge:
      return 431;
    case ErrorCode::kUnsupportedMediaType:
      return 415;
    case ErrorCode::kRateLimited:
      return 429;
    case ErrorCode::kUnavailable:
      return 503;
    case ErrorCode::kInternal:
    case ErrorCode::kWouldBlock:
      return 500;
  }
  return 500;
}

namespace {

const char* TitleFor(int http_status) {
  switch (http_status) {
    case 400:
      return "Bad Request";
    case 401:
      return "Unauthorized";
    case 403:
      return "Forbidden";
    case 404:
      return "Not Found";
    case 405:
      return "Method Not Allowed";
    case 409:
      return "Conflict";
    case 413:
      return "Content Too Large";
    case 431:
      return "Request Header Fields Too Large";
    case 422:
      return "Unprocessable Content";
    case 415:
      return "Unsupported Media Type";
    case 429:
      return "Too Many Requests";
    case 503:
      return "Service Unavailable";
    default:
      return "Internal Server Error";
  }
}

}  // namespace

Json ProblemFor(const Status& status) {
  const int http_status = HttpStatusFor(status.code());
  const bool internal = status.code() == ErrorCode::kInternal;
  return {{"type", "about:blank"},
          {"status", http_status},
          {"title", TitleFor(http_status)},
          {"detail", internal ? "The server failed to handle the request; it has been logged."
                              : status.message()},
          {"code", ErrorCodeName(status.code())}};
}

Reply ProblemReply(const Status& status, std::optional<int> http_status) {
  Reply reply;
  reply.status = http_status.value_or(HttpStatusFor(status.code()));
  reply.body = ProblemFor(status);
  reply.body["status"] = reply.status;
  reply.content_type = "application/problem+json";
  if (status.retry_after_s() > 0) {
    reply.headers.emplace_back("Retry-After", std::to_string(status.retry_after_s()));
  }
  return reply;
}

}  // namespace licensor::server
