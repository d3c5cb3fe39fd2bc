// Status and Result<T>: how every layer reports an expected failure, with one stable error code.
#pragma once

#include <cassert>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <variant>

namespace licensor {

// Stable error codes. Their names are sent to clients as the problem `code` and must never be
// renamed; new ones may be added. The HTTP status for each lives in server/problem.cpp.
enum class ErrorCode {
  kOk,
  kMalformedRequest,  // the bytes are not an HTTP/1.1 request
  kInvalidJson,       // body is not JSON
  kInvalidField,      // a field is missing, of the wrong type or out of range
  kUnauthorized,      // no token or an unknown/revoked token
  kForbidden,         // the token's role may not do this
  kNotFound,          // generic resource not found
  kLicenseNotFound,   // client API: unknown license code
  kMethodNotAllowed,  // route exists, method does not
  kConflict,          // state does not allow the change (e.g. delete a product with policies)
  kActivationLimitReached,
  kLicenseNotActive,           // suspended, revoked or expired license cannot be used for this
  kNotActivated,               // fingerprint has no activation on this license
  kInvalidFingerprintRequest,  // an offline fingerprint request file that cannot be used
  kInvalidDeactivationProof,   // an offline deactivation proof that is malformed or not this one's
  kOfflineNotAllowed,          // the policy requires online activation
  kBadFormat,                  // registry upload: not a certificate package or deployment license
  kBadSignature,               // registry upload: not signed by a trusted vendor key
  kWrongInstallation,          // registry upload: issued for another installation
  kWrongProduct,               // client API: the license code is for another product
  kAlreadyExpired,             // registry upload: the file's time is already over
  kRegistryNotConfigured,      // this licensord has no installation id and vendor keys
  kBackupNotSupported,         // the store is a database server, backed up with its own tools
  kLicenseLimitReached,        // the deployment license's max users or max agents is reached
  kAlreadyBound,               // an agent certificate is bound once and for good
  kModelMismatch,              // a card's type does not cover the device's model
  kCardLocked,                 // a locked card cannot be sold or bound
  kNotEnoughCards,             // fewer eligible cards than the quantity asked for
  kSuperiorNotAllowed,         // the sub-customer does not allow superior management
  kDeviceBlacklisted,          // the device failed to pay and may not report
  kAlreadyExists,              // a name, code or number that must be unique is taken
  kInvalidCredentials,         // sign-in: no such email, a wrong password or a disabled user
  kCsrfRejected,               // a cookie-signed change without its CSRF token, or cross-site
  kInvalidSetupLink,           // first-run setup: the link is unknown, used or expired
  kInvalidAccountLink,         // an invitation or password-reset link unknown, used or expired
  kMailNotConfigured,          // e-mail is asked for, but licensord has no SMTP relay
  kInvitationRequired,         // a customer admin adds users by invitation only
  kPayloadTooLarge,
  kHeadersTooLarge,  // the request's header section is over the limit (431)
  kUnsupportedMediaType,
  kRateLimited,
  kUnavailable,  // store busy or shutting down
  kInternal,     // a bug or an I/O failure; details are logged, never sent
  // Not an error a client sees: a handler tried on a network thread must wait for the store,
  // and the server runs it again on its worker pool (Blocking::kInlineFirst).
  kWouldBlock,
};

// Name sent to clients, e.g. "ACTIVATION_LIMIT_REACHED".
std::string_view ErrorCodeName(ErrorCode code);

class [[nodiscard]] Status {
 public:
  Status() = default;
  Status(ErrorCode code, std::string message) : code_(code), message_(std::move(message)) {}

  static Status Ok() { return {}; }
  static Status InvalidField(std::string m) { return {ErrorCode::kInvalidField, std::move(m)}; }
  static Status NotFound(std::string m) { return {ErrorCode::kNotFound, std::move(m)}; }
  static Status Conflict(std::string m) { return {ErrorCode::kConflict, std::move(m)}; }
  static Status Forbidden(std::string m) { return {ErrorCode::kForbidden, std::move(m)}; }
  static Status Internal(std::string m) { return {ErrorCode::kInternal, std::move(m)}; }
  static Status Unavailable(std::string m) { return {ErrorCode::kUnavailable, std::move(m)}; }
  // kRateLimited or kUnavailable, with the seconds after which the client may try again; the
  // server sends them as Retry-After.
  static Status TryAgainIn(ErrorCode code, std::string m, long long seconds) {
    Status s(code, std::move(m));
    s.retry_after_s_ = seconds;
    return s;
  }

  bool ok() const { return code_ == ErrorCode::kOk; }
  ErrorCode code() const { return code_; }
  // For kInternal the message is for logs only; the server never sends it to a client.
  const std::string& message() const { return message_; }
  // 0 unless made by TryAgainIn.
  long long retry_after_s() const { return retry_after_s_; }

 private:
  ErrorCode code_ = ErrorCode::kOk;
  std::string message_;
  long long retry_after_s_ = 0;
};

// A value or a failed Status. GCC 12 has no std::expected in C++20, hence this small type.
template <typename T>
class [[nodiscard]] Result {
 public:
  Result(T value) : value_(std::move(value)) {}  // NOLINT: implicit by design
  Result(Status status) : status_(std::move(status)) { assert(!status_.ok()); }  // NOLINT

  bool ok() const { return value_.has_value(); }
  const Status& status() const { return status_; }
  T& value() & { return *value_; }
  const T& value() const& { return *value_; }
  T&& value() && { return std::move(*value_); }
  T* operator->() { return &*value_; }
  const T* operator->() const { return &*value_; }
  T& operator*() { return *value_; }
  const T& operator*() const { return *value_; }

 private:
  std::optional<T> value_;
  Status status_;
};

}  // namespace licensor

// Returns early with the status when an expression yields a failed Status.
#define LICENSOR_RETURN_IF_ERROR(expr)   \
  do {                                   \
    ::licensor::Status status_ = (expr); \
    if (!status_.ok()) return status_;   \
  } while (0)

#define LICENSOR_CONCAT_INNER(a, b) a##b
#define LICENSOR_CONCAT(a, b) LICENSOR_CONCAT_INNER(a, b)
// Declares `lhs` from a Result, or returns its status from the enclosing function.
#define LICENSOR_ASSIGN_OR_RETURN(lhs, expr) \
  LICENSOR_ASSIGN_OR_RETURN_IMPL(LICENSOR_CONCAT(result_, __LINE__), lhs, expr)
#define LICENSOR_ASSIGN_OR_RETURN_IMPL(tmp, lhs, expr) \
  auto tmp = (expr);                                   \
  if (!tmp.ok()) return tmp.status();                  \
  lhs = std::move(tmp).value()
