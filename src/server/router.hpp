// Route table: method + path pattern → handler, with the access each route needs.
#pragma once

#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "common/unlinked_file.hpp"
#include "core/authz.hpp"
#include "core/entities.hpp"
#include "core/json_fields.hpp"

namespace licensor::server {

// Handlers read request bodies with core's typed, bounded field readers.
using Json = core::Json;
using core::kMaxStringField;
using core::NullableInt;
using core::NullableString;
using core::NullableTime;
using core::OptionalBool;
using core::OptionalChoice;
using core::OptionalInt;
using core::OptionalString;
using core::OptionalStringList;
using core::OptionalStringMap;
using core::RejectUnknownFields;
using core::RequiredString;

// Who may call a route.
enum class Access {
  kPublic,  // health, readiness, the API description
  kClient,  // the client API: the license code in the body is the credential; rate limited
  // The admin API: a bearer token, or a console session (whose changes carry the session's
  // CSRF token), of a role that grants `permission`.
  kSignedIn,
  // Signing in and first-run setup: public, but refused from another site's page.
  kSignIn,
  kDevice,  // a device's own requests: "Authorization: Device <credential>"
};

// What a handler sees of a request.
struct RequestContext {
  std::string method;
  std::string path;
  std::map<std::string, std::string> path_params;  // from "{name}" segments
  std::map<std::string, std::string> query;
  Json body;  // an object when the request had a JSON body, else null
  std::optional<core::Principal> principal;  // set on kSignedIn routes
  std::string session_secret;  // the session cookie's value, when a session authenticated
  std::string session_cookie;  // kSignIn routes: the session cookie's value, not yet checked
  bool https = false;          // the console is served over HTTPS (see IncomingRequest)
  std::string remote_address;
  std::string license_code;          // client routes: from "Authorization: License <code>"
  std::string fingerprint;           // client routes: from the Licensor-Fingerprint header
  std::string device_credential;     // device routes: from "Authorization: Device <credential>"
  bool may_block = true;             // false on a network thread (Blocking::kInlineFirst)
  bool rate_limits_counted = false;  // the client and sign-in rate limits counted this request

  const std::string& Param(const std::string& name) const { return path_params.at(name); }
  // The token's or user's id (or "anonymous") and the client's address; recorded with audit
  // events.
  core::Actor Actor() const { return {principal ? principal->id : "anonymous", remote_address}; }
};

struct Reply {
  Reply() = default;
  Reply(int status, Json body) : status(status), body(std::move(body)) {}

  int status = 200;
  Json body;  // null → no body (204)
  // Always a constant of static storage (a literal, an embedded asset's type): answers are
  // made by the thousand, and a string would be allocated for each.
  std::string_view content_type = "application/json";
  std::string raw_body;  // used instead of `body` when not empty (metrics, openapi)
  // Used instead of both when set: a body too large to hold in memory (a backup), sent from
  // the file in pieces.
  std::shared_ptr<UnlinkedFile> body_file;
  std::vector<std::pair<std::string, std::string>> headers;
};

using Handler = std::function<Result<Reply>(RequestContext&)>;

// Where a handler may run. Handlers that write go to the worker pool: a write may wait for a
// commit and its fsync. Handlers that touch only process memory run on the network thread, and
// so do handlers that only read the store when the store's reads never wait (SQLite's WAL
// snapshots): their work costs less than the two thread hand-offs the pool would add.
enum class Blocking {
  kMayBlock,     // always on the worker pool
  kReadsStore,   // on the network thread unless Store::ReadsMayBlock()
  kNonBlocking,  // always on the network thread
  // On the network thread with RequestContext::may_block false; a handler that must wait for
  // the store returns ErrorCode::kWouldBlock and runs again on the worker pool.
  kInlineFirst,
};

struct Route {
  std::string method;   // "GET", "POST", "PATCH", "DELETE"
  std::string pattern;  // "/v1/licenses/{id}"
  Access access = Access::kSignedIn;
  core::Permission permission = core::Permission::kRead;
  Handler handler;
  Blocking blocking = Blocking::kMayBlock;
  std::vector<std::string> segments = {};  // filled by Router::Add
  std::size_t metrics_slot = 0;            // filled by App
  bool runs_inline = false;  // filled by App: may start on a network thread (see Blocking)
  // Checks or hashes a password (sign-in, setup, a password change): each address is held to
  // AppOptions::sign_in_rate_limit before the handler runs. See ChecksPassword.
  bool checks_password = false;
  // Answers a product, a device or a platform acts on: each answer carries Licensor-Signature
  // (crypto/answer_signature.hpp). Client and device routes always; others by SignsAnswers.
  bool signs_answers = false;
};

// `route`, marked as one whose answers are signed.
inline Route SignsAnswers(Route route) {
  route.signs_answers = true;
  return route;
}

// `route`, marked as one that checks or hashes a password.
inline Route ChecksPassword(Route route) {
  route.checks_password = true;
  return route;
}

class Router {
 public:
  void Add(Route route);

  struct Match {
    const Route* route = nullptr;      // null: no route for this method
    std::vector<std::string> allowed;  // methods the path accepts (for 405)
    std::map<std::string, std::string> params;
  };
  // Matches the path (without query) against every pattern that could match it: those with
  // as many segments, and the same second one ("/v1/client/…") unless that is a parameter.
  Match Find(std::string_view method, std::string_view path) const;

  const std::vector<Route>& routes() const { return routes_; }
  std::vector<Route>& mutable_routes() { return routes_; }

 private:
  // The routes (indexes into routes_, in the order added) by segment count and second segment;
  // "" holds those whose second segment is a parameter.
  std::map<std::pair<std::size_t, std::string>, std::vector<std::size_t>> buckets_;
  std::vector<Route> routes_;
};

}  // namespace licensor::server
