// The server's request pipeline, independent of the network: route, authenticate, authorise,
// check the body, rate-limit, call one handler, map errors, record metrics.
#pragma once

#include <atomic>
#include <memory>
#include <optional>
#include <string>

#include "common/clock.hpp"
#include "core/account_links.hpp"
#include "core/actor_names.hpp"
#include "core/audit.hpp"
#include "core/backup_service.hpp"
#include "core/card_service.hpp"
#include "core/catalog_service.hpp"
#include "core/client_service.hpp"
#include "core/customer_overview.hpp"
#include "core/daily_counts.hpp"
#include "core/dashboard_service.hpp"
#include "core/fleet_service.hpp"
#include "core/installation_service.hpp"
#include "core/key_ring.hpp"
#include "core/license_file_service.hpp"
#include "core/license_notices.hpp"
#include "core/license_service.hpp"
#include "core/mail_service.hpp"
#include "core/maintenance_service.hpp"
#include "core/registry_reminders.hpp"
#include "core/registry_service.hpp"
#include "core/session_service.hpp"
#include "core/token_service.hpp"
#include "core/user_service.hpp"
#include "core/webhook_service.hpp"
#include "crypto/answer_signature.hpp"
#include "crypto/encoding.hpp"
#include "crypto/token_hasher.hpp"
#include "server/console_files.hpp"
#include "server/jobs/mail_sender.hpp"
#include "server/metrics.hpp"
#include "server/rate_limiter.hpp"
#include "server/router.hpp"
#include "server/session_cookie.hpp"
#include "server/timed_store.hpp"

namespace licensor::server {

struct AppOptions {
  double client_rate_limit = 50;  // per second, per address and per code; 0 disables
  std::size_t max_json_depth = 32;
  // "https://licensor.example.com" (--public-url): the console's origin as browsers see it.
  // Empty: taken from each request's Host, over HTTPS when a trusted proxy says so.
  std::string public_origin;
  core::SessionOptions sessions;
  // Password hashes and checks that may run at once (crypto::PasswordHasher::SlotsFor).
  int password_slots = 2;
  // Sign-in, setup and password changes per second per address, with a burst of 30 seconds'
  // worth; 0 disables. Checked before any password is.
  double sign_in_rate_limit = 1;
  // The relay e-mail goes through (--smtp-url); without one licensord sends no e-mail. Links in
  // mail point to public_origin, which is then required.
  std::optional<SmtpConfig> smtp;
};

// Everything handlers call; built once in main and shared by every request.
struct Services {
  Services(core::Store& store, const Clock& clock, const crypto::TokenHasher& hasher,
           core::KeyRing& keys, const core::SessionOptions& session_options, int password_slots)
      : clock(clock),
        keys(keys),
        answer_secret(hasher.Subkey("answers1")),
        cookies(hasher),
        actor_names(store),
        passwords(password_slots),
        catalog(store, clock),
        licenses(store, clock),
        client(store, clock),
        files(store, clock, keys, client),
        installations(store, clock, keys),
        registry(store, clock),
        mail(store, clock, keys.master()),
        reminders(store, clock, registry, mail),
        license_notices(store, clock, mail),
        webhooks(store, clock, keys.master()),
        cards(store, clock),
        fleet(store, clock, hasher),
        overview(store, clock),
        tokens(store, clock, hasher),
        users(store, clock, passwords),
        sessions(store, clock, hasher, users, session_options),
        links(store, clock, hasher, users, mail),
        maintenance(store, clock),
        backups(store, clock),
        events(store),
        daily_counts(store, clock),
        dashboard(store, clock) {}
  const Clock& clock;
  core::KeyRing& keys;
  // Derives each caller's answer key (crypto::DeriveAnswerKey), for MACs on its answers.
  crypto::AnswerKey answer_secret;
  SessionCookies cookies;  // the console session's, named for this deployment
  core::ActorNames actor_names;
  crypto::PasswordHasher passwords;
  core::CatalogService catalog;
  core::LicenseService licenses;
  core::ClientService client;
  core::LicenseFileService files;
  core::InstallationService installations;
  core::RegistryService registry;
  core::MailService mail;
  core::MailSender mail_sender;  // set by App when there is a relay: SMTP with libcurl
  core::RegistryReminderService reminders;
  core::LicenseExpiryNotices license_notices;
  core::WebhookService webhooks;
  core::WebhookSender webhook_sender;  // set by App: HTTP(S) with libcurl
  core::CardService cards;
  core::FleetService fleet;
  core::CustomerOverviewService overview;
  core::TokenService tokens;
  core::UserService users;
  core::SessionService sessions;
  core::AccountLinkService links;
  core::MaintenanceService maintenance;
  core::BackupService backups;
  core::EventLog events;
  core::DailyCounts daily_counts;
  core::DashboardService dashboard;
  Metrics metrics;
  std::atomic<bool> ready{false};
};

struct IncomingRequest {
  std::string method;
  std::string target;  // path and query
  std::string content_type;
  std::string authorization;
  std::string body;
  std::string remote_address;
  // RateLimitKey(remote_address), when the HTTP server knows it already (it is the same for
  // every request of a connection not behind a proxy); empty, it is worked out here.
  std::string rate_limit_key;
  std::string fingerprint;  // the Licensor-Fingerprint header of client requests
  // What signed answers cover and how: Licensor-Nonce and Licensor-Accept-Signature.
  std::string nonce;
  std::string accept_signature;
  // What a browser sends: the session cookie, and what tells its page's site.
  std::string cookie;
  std::string csrf_token;  // X-CSRF-Token
  std::string origin;
  std::string sec_fetch_site;
  std::string host;
  bool https = false;  // a trusted proxy says the browser reached it over HTTPS
  std::string accept_encoding;
  // Set by HandleInline on a request it hands on after the rate limits counted it, so that the
  // worker pool does not count it again.
  bool rate_limits_counted = false;
};

class App {
 public:
  App(core::Store& store, const Clock& clock, const crypto::TokenHasher& hasher,
      core::KeyRing& keys, AppOptions options);

  // Never throws; every failure becomes a problem+json reply.
  Reply Handle(const IncomingRequest& request);
  // Handle() on a network thread: nullopt when the handler may wait for the store (see
  // Blocking in router.hpp), and the request is to be handled again on the worker pool.
  // Every other answer (the console's files, 404, 405) is given here.
  std::optional<Reply> HandleInline(IncomingRequest& request);

  const Router& router() const { return router_; }
  Services& services() { return services_; }

 private:
  Result<Reply> Dispatch(const IncomingRequest& request, RequestContext& ctx,
                         const Route*& matched);
  // The token or console session the request is signed with; a session's changes must also
  // carry its CSRF token and come from the console's own origin.
  Result<core::Principal> Authenticate(const IncomingRequest& request, RequestContext& ctx);
  // Adds Licensor-Signature to an answer of a route that signs its answers (Route).
  void SignAnswer(const IncomingRequest& request, const RequestContext& ctx, const Route& route,
                  Reply& reply) const;
  // The answer key of the caller (a machine, a device, a token's holder), when it asked for
  // MACs (Licensor-Accept-Signature: blake2b-mac); else nullopt, and the answer is signed.
  std::optional<crypto::AnswerKey> AnswerKeyFor(const IncomingRequest& request,
                                                const RequestContext& ctx,
                                                const Route& route) const;
  // The console's origin as the browser sees it.
  std::string OwnOrigin(const IncomingRequest& request) const;
  // kRateLimited, with its retry time, when `key` is over its rate.
  static Status CheckRateLimit(RateLimiter& limiter, const std::string& key);

  AppOptions options_;
  TimedStore store_;  // what every service uses: the store, with its transactions timed
  Services services_;
  ConsoleFiles console_;
  Router router_;
  std::optional<Reply> HandleWith(const IncomingRequest& request, bool may_block,
                                  RequestContext& ctx);
  RateLimiter address_limiter_;
  RateLimiter code_limiter_;
  RateLimiter sign_in_limiter_;
};

// A device's or a token holder's answer key, base64, as the answer that creates the
// credential shows it (once, beside the credential).
inline std::string AnswerKeyText(const Services& s, crypto::AnswerKeyOwner owner,
                                 std::string_view credential) {
  const crypto::AnswerKey key = crypto::DeriveAnswerKey(s.answer_secret, owner, credential);
  return crypto::Base64(std::string_view(reinterpret_cast<const char*>(key.data()), key.size()));
}

// Builds the route table; used by App and by the test that checks the OpenAPI document.
void RegisterAllRoutes(Router& router, Services& services);

}  // namespace licensor::server
