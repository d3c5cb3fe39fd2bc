// Request pipeline.
#include "server/app.hpp"

#include <spdlog/spdlog.h>

#include <chrono>

#include "common/text.hpp"
#include "server/client_address.hpp"
#include "server/http_framing.hpp"
#include "server/jobs/webhook_sender.hpp"
#include "server/json_body.hpp"
#include "server/licensing_gauges.hpp"
#include "server/problem.hpp"
#include "server/process_metrics.hpp"
#include "server/query.hpp"
#include "server/session_cookie.hpp"

namespace licensor::server {
namespace {

constexpr double kBurstSeconds = 10;  // a bucket holds this many seconds' worth of requests
// Sign-in's bucket holds more seconds' worth: a person mistyping costs a few, a script many.
constexpr double kSignInBurstSeconds = 30;
// The longest credential an answer key is derived from (a code, fingerprint, device credential
// or token); longer ones are refused by their routes anyway.
constexpr std::size_t kMaxAnswerCredential = 256;
constexpr std::string_view kBearer = "bearer ";  // how an API token is sent, in any case

// The body's string member `name`, else `fallback` (what a body-less request sent in a header).
std::string BodyStringOr(const RequestContext& ctx, const char* name, const std::string& fallback) {
  if (!ctx.body.is_object()) return fallback;
  const auto member = ctx.body.find(name);
  return member != ctx.body.end() && member->is_string() ? member->get<std::string>() : fallback;
}

// The license code a client request names, in its body or its Authorization header, as issued.
std::string ClientRequestCode(const RequestContext& ctx) {
  return CanonicalLicenseCode(BodyStringOr(ctx, "code", ctx.license_code));
}

}  // namespace

App::App(core::Store& store, const Clock& clock, const crypto::TokenHasher& hasher,
         core::KeyRing& keys, AppOptions options)
    : options_(options),
      store_(store),
      services_(store_, clock, hasher, keys, options.sessions, options.password_slots),
      console_(ConsoleAssets()),
      address_limiter_(clock, options.client_rate_limit, options.client_rate_limit * kBurstSeconds),
      code_limiter_(clock, options.client_rate_limit, options.client_rate_limit * kBurstSeconds),
      sign_in_limiter_(clock, options.sign_in_rate_limit,
                       options.sign_in_rate_limit * kSignInBurstSeconds) {
  services_.webhook_sender = SendWebhook;
  if (options.smtp) {
    services_.mail.Enable(options.public_origin);
    services_.mail_sender = [smtp = *options.smtp, &clock](const core::OutgoingMail& mail) {
      return SendMail(smtp, mail, clock.Now());
    };
  }
  services_.metrics.AddCollector(
      [](std::string& out) { RenderProcessMetrics(SampleProcess(), out); });
  services_.metrics.AddCollector([this](std::string& out) { store_.Render(out); });
  services_.metrics.AddCollector(
      [this, &clock](std::string& out) { RenderLicensingGauges(store_, clock, out); });
  RegisterAllRoutes(router_, services_);
  for (Route& route : router_.mutable_routes()) {
    route.metrics_slot = services_.metrics.RegisterRoute(route.method, route.pattern);
    if (route.access == Access::kClient || route.access == Access::kDevice) {
      route.signs_answers = true;
    }
    route.runs_inline = route.blocking == Blocking::kNonBlocking ||
                        route.blocking == Blocking::kInlineFirst ||
                        (route.blocking == Blocking::kReadsStore && !store.ReadsMayBlock());
  }
}

Reply App::Handle(const IncomingRequest& request) {
  RequestContext ctx;
  return *HandleWith(request, true, ctx);
}

std::optional<Reply> App::HandleInline(IncomingRequest& request) {
  RequestContext ctx;
  auto reply = HandleWith(request, false, ctx);
  if (!reply) request.rate_limits_counted = ctx.rate_limits_counted;
  return reply;
}

std::optional<Reply> App::HandleWith(const IncomingRequest& request, bool may_block,
                                     RequestContext& ctx) {
  const auto start = std::chrono::steady_clock::now();
  ctx.may_block = may_block;
  const Route* route = nullptr;
  Reply reply;
  try {
    Result<Reply> result = Dispatch(request, ctx, route);
    if (!may_block && !result.ok() && result.status().code() == ErrorCode::kWouldBlock) {
      return std::nullopt;
    }
    if (result.ok()) {
      reply = std::move(result.value());
    } else {
      if (result.status().code() == ErrorCode::kInternal) {
        spdlog::error("{} {} from {}: {}", request.method, route ? route->pattern : "unmatched",
                      request.remote_address, result.status().message());
      }
      reply = ProblemReply(result.status());
      if (result.status().code() == ErrorCode::kUnauthorized) {
        reply.headers.emplace_back("WWW-Authenticate", "Bearer");
      }
    }
  } catch (const std::exception& e) {
    spdlog::error("{} {} from {}: unhandled exception: {}", request.method,
                  route ? route->pattern : "unmatched", request.remote_address, e.what());
    reply = ProblemReply(Status::Internal(e.what()));
  }
  if (route && route->signs_answers) SignAnswer(request, ctx, *route, reply);
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  services_.metrics.ObserveRequest(route ? route->metrics_slot : Metrics::kUnmatchedRoute,
                                   reply.status, seconds);
  return reply;
}

Result<Reply> App::Dispatch(const IncomingRequest& request, RequestContext& ctx,
                            const Route*& matched) {
  const std::string_view target = request.target;
  const std::size_t qmark = target.find('?');
  ctx.method = request.method;
  ctx.path = std::string(target.substr(0, qmark));
  ctx.remote_address = request.remote_address;
  if (qmark != std::string_view::npos) {
    LICENSOR_ASSIGN_OR_RETURN(ctx.query, ParseQuery(target.substr(qmark + 1)));
  }

  LICENSOR_RETURN_IF_ERROR(CheckCanonicalPath(ctx.path));
  Router::Match match = router_.Find(request.method, ctx.path);
  if (!match.route) {
    if (request.method == "GET") {
      if (auto file = console_.Serve(ctx.path, request.accept_encoding)) return std::move(*file);
    }
    if (match.allowed.empty()) {
      return Status::NotFound("no endpoint at " + ctx.path.substr(0, 200));
    }
    Reply reply = ProblemReply(Status(ErrorCode::kMethodNotAllowed,
                                      request.method.substr(0, 16) + " is not allowed here"));
    std::string allow;
    for (const auto& m : match.allowed) allow += (allow.empty() ? "" : ", ") + m;
    reply.headers.emplace_back("Allow", allow);
    return reply;
  }
  const Route& route = *match.route;
  matched = &route;
  if (route.signs_answers && !request.nonce.empty() && !crypto::IsValidNonce(request.nonce)) {
    return Status::InvalidField(
        "Licensor-Nonce must be 1 to 128 characters of A-Z, a-z, 0-9, '-' and '_'");
  }
  // Found on a network thread, a route that may wait for the store goes to the worker pool.
  if (!ctx.may_block && !route.runs_inline) {
    return Status(ErrorCode::kWouldBlock, "the handler may wait for the store");
  }
  for (auto& [name, value] : match.params) {
    LICENSOR_ASSIGN_OR_RETURN(value, DecodeUrlComponent(value, UrlPart::kPath));
  }
  ctx.path_params = std::move(match.params);

  if (route.access == Access::kClient) {
    // Body-less client requests (GET /v1/client/license-file) carry the code in a header.
    constexpr std::string_view kLicense = "license ";
    if (StartsWithNoCase(request.authorization, kLicense)) {
      ctx.license_code = CanonicalLicenseCode(request.authorization.substr(kLicense.size()));
    }
    ctx.fingerprint = request.fingerprint;
  }
  if (route.access == Access::kDevice) {
    constexpr std::string_view kDevice = "device ";
    if (!StartsWithNoCase(request.authorization, kDevice)) {
      return Status(ErrorCode::kUnauthorized,
                    "send the device credential as 'Authorization: Device <credential>'");
    }
    ctx.device_credential = request.authorization.substr(kDevice.size());
  }
  ctx.https = request.https || options_.public_origin.starts_with("https://");
  if (route.access == Access::kSignedIn) {
    LICENSOR_ASSIGN_OR_RETURN(ctx.principal, Authenticate(request, ctx));
    if (!core::Allows(ctx.principal->role, route.permission)) {
      return Status::Forbidden("the " + std::string(core::ToString(ctx.principal->role)) +
                               " role may not do this");
    }
  }
  if (route.access == Access::kSignIn) {
    LICENSOR_RETURN_IF_ERROR(
        CheckSameOrigin(request.origin, request.sec_fetch_site, OwnOrigin(request)));
    ctx.session_cookie = services_.cookies.SecretFrom(request.cookie, ctx.https);
  }

  // Client routes, and those that check a password, are limited per address before any
  // parsing, so a flood of malformed bodies is limited too; the per-code limit needs the parsed
  // body and comes after. A request an inline-first handler handed to the worker pool was
  // counted on the network thread already.
  const bool counted = request.rate_limits_counted;
  if (!counted && (route.access == Access::kClient || route.checks_password)) {
    const std::string address_key =
        request.rate_limit_key.empty() ? RateLimitKey(ctx.remote_address) : request.rate_limit_key;
    LICENSOR_RETURN_IF_ERROR(
        CheckRateLimit(route.checks_password ? sign_in_limiter_ : address_limiter_, address_key));
  }

  if (!request.body.empty()) {
    if (!IsJsonMediaType(request.content_type)) {
      return Status(ErrorCode::kUnsupportedMediaType, "send the body as application/json");
    }
    LICENSOR_ASSIGN_OR_RETURN(ctx.body, ParseJsonObject(request.body, options_.max_json_depth));
    // Every PATCH changes something: an empty one is a client's mistake, not a no-op to
    // acknowledge with a new updated_at.
    if (request.method == "PATCH" && ctx.body.empty()) {
      return Status::InvalidField("nothing to change: the body names no field");
    }
  } else if (request.method == "PATCH") {
    return Status::InvalidField("nothing to change: send the fields to change as a JSON object");
  } else if (request.method == "POST") {
    ctx.body = Json::object();
  }

  if (route.access == Access::kClient && !counted) {
    const std::string code = ClientRequestCode(ctx);
    if (!code.empty() && code.size() <= 64) {
      LICENSOR_RETURN_IF_ERROR(CheckRateLimit(code_limiter_, code));
    }
  }
  ctx.rate_limits_counted = true;
  return route.handler(ctx);
}

void App::SignAnswer(const IncomingRequest& request, const RequestContext& ctx, const Route& route,
                     Reply& reply) const {
  const bool has_body = reply.status >= 200 && reply.status != 204 && reply.status != 304;
  // Signed as it will be sent (http_server.cpp writes `raw_body` as it is).
  if (has_body && reply.raw_body.empty() && !reply.body.is_null()) {
    reply.raw_body = reply.body.dump(-1, ' ', false, Json::error_handler_t::replace);
  }
  const crypto::AnswerFields answer{
      reply.status,
      request.method,
      ctx.path,
      crypto::IsValidNonce(request.nonce) ? std::string_view(request.nonce) : std::string_view(),
      services_.clock.Now(),
      has_body ? std::string_view(reply.raw_body) : std::string_view()};
  std::string signature;
  if (const auto key = AnswerKeyFor(request, ctx, route)) {
    signature = crypto::MacAnswer(*key, answer);
  } else {
    signature = crypto::SignAnswer(services_.keys.CurrentForAnswers(), answer);
  }
  reply.headers.emplace_back(crypto::kSignatureHeader, std::move(signature));
}

std::optional<crypto::AnswerKey> App::AnswerKeyFor(const IncomingRequest& request,
                                                   const RequestContext& ctx,
                                                   const Route& route) const {
  if (request.accept_signature != crypto::kMacAlgorithm) return std::nullopt;
  using Owner = crypto::AnswerKeyOwner;
  const auto key = [this](Owner owner, std::string_view credential,
                          std::string_view fingerprint = {}) -> std::optional<crypto::AnswerKey> {
    if (credential.empty() || credential.size() > kMaxAnswerCredential ||
        fingerprint.size() > kMaxAnswerCredential) {
      return std::nullopt;
    }
    return crypto::DeriveAnswerKey(services_.answer_secret, owner, credential, fingerprint);
  };
  switch (route.access) {
    case Access::kClient: {
      // The machine the request names, by its code and fingerprint, in its header or its body.
      const std::string fingerprint = BodyStringOr(ctx, "fingerprint", ctx.fingerprint);
      if (fingerprint.empty()) return std::nullopt;
      return key(Owner::kMachine, ClientRequestCode(ctx), fingerprint);
    }
    case Access::kDevice:
      return key(Owner::kDevice, ctx.device_credential);
    case Access::kSignedIn:
      if (!StartsWithNoCase(request.authorization, kBearer)) return std::nullopt;
      return key(Owner::kToken, std::string_view(request.authorization).substr(kBearer.size()));
    default:
      return std::nullopt;
  }
}

std::string App::OwnOrigin(const IncomingRequest& request) const {
  if (!options_.public_origin.empty()) return options_.public_origin;
  return (request.https ? "https://" : "http://") + request.host;
}

Result<core::Principal> App::Authenticate(const IncomingRequest& request, RequestContext& ctx) {
  if (StartsWithNoCase(request.authorization, kBearer)) {
    LICENSOR_ASSIGN_OR_RETURN(const auto token, services_.tokens.Authenticate(
                                                    request.authorization.substr(kBearer.size())));
    return core::Principal{token.id, token.role, token.customer_id, false};
  }
  const std::string secret = services_.cookies.SecretFrom(request.cookie, ctx.https);
  if (!request.authorization.empty() || secret.empty()) {
    return Status(ErrorCode::kUnauthorized,
                  "sign in to the console, or send an API token as 'Authorization: Bearer "
                  "<token>'");
  }
  const bool changes = ctx.method != "GET" && ctx.method != "HEAD";
  if (changes) {
    LICENSOR_RETURN_IF_ERROR(
        CheckSameOrigin(request.origin, request.sec_fetch_site, OwnOrigin(request)));
    if (!crypto::ConstantTimeEquals(request.csrf_token, services_.sessions.CsrfToken(secret))) {
      return Status(ErrorCode::kCsrfRejected,
                    "a change made with the console's session must carry its X-CSRF-Token");
    }
  }
  LICENSOR_ASSIGN_OR_RETURN(const auto user, services_.sessions.Authenticate(secret));
  ctx.session_secret = secret;
  return core::Principal{user.id, user.role, user.customer_id, true};
}

Status App::CheckRateLimit(RateLimiter& limiter, const std::string& key) {
  int retry_after = 0;
  if (limiter.Allow(key, retry_after)) return Status::Ok();
  return Status::TryAgainIn(ErrorCode::kRateLimited,
                            "too many requests; retry after " + std::to_string(retry_after) + " s",
                            retry_after);
}

}  // namespace licensor::server
