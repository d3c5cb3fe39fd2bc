// licensord: configuration, first-start bootstrap, wiring, and serving until a signal.
#include <spdlog/pattern_formatter.h>
#include <spdlog/spdlog.h>
#include <sys/stat.h>
#include <unistd.h>

#include <CLI/CLI.hpp>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>
#include <thread>

#include "common/clock.hpp"
#include "common/time_format.hpp"
#include "core/key_ring.hpp"
#include "crypto/key_store.hpp"
#include "crypto/password.hpp"
#include "crypto/public_keys_file.hpp"
#include "crypto/random.hpp"
#include "server/http_server.hpp"
#include "server/jobs/job_runner.hpp"
#include "server/jobs/state_flusher.hpp"
#include "server/log_format.hpp"
#include "server/startup_keys.hpp"
#include "storage/postgres/pg_store.hpp"
#include "storage/sqlite/restore.hpp"
#include "storage/sqlite/sqlite_store.hpp"

namespace {

using namespace licensor;

struct Config {
  std::string listen = "127.0.0.1:8080";
  std::string data_dir = "./licensor-data";
  int threads = 0;  // 0: one per core
  std::string log_format = "text";
  double client_rate_limit = 50;
  double sign_in_rate_limit = 1;
  int password_slots = 0;        // 0: from the cores and the memory
  int worker_threads = 0;        // 0: twice `threads`
  int database_connections = 0;  // PostgreSQL; 0: one per worker thread, and two
  std::size_t body_limit = 1 << 20;
  std::size_t max_connections = 0;  // 0: from the open-file limit
  std::size_t cache_bytes = storage::sqlite::SqliteStore::kDefaultCacheBytes;
  std::string trusted_proxies;
  std::string client_ip_header{server::TrustedProxies::kDefaultClientIpHeader};
  std::string public_url;  // how browsers reach the console, when not the listen address
  std::string tls_cert;    // PEM chain: with tls_key, --listen serves HTTPS
  std::string tls_key;
  std::string redirect_http;   // HOST:PORT of a plain-HTTP listener that redirects to HTTPS
  std::string metrics_listen;  // HOST:PORT serving /metrics without a token
  int session_idle_timeout_s = 30 * 60;
  int session_lifetime_s = 12 * 60 * 60;
  int jobs_interval_s = 60;
  std::string clock_file;
  std::string database_url;
  std::string master_key_file;           // else LICENSOR_MASTER_KEY, else DATA_DIR/master.key
  std::string registry_installation_id;  // set: this licensord is an installation's registry
  std::string registry_public_keys;      // the vendor's public keys file
  std::string restore;                   // a backup to put in place of the store, then exit
  // E-mail through an SMTP relay (server/jobs/mail_sender.hpp); without a URL, none is sent.
  std::string smtp_url;
  std::string smtp_from;
  std::string smtp_user;
  std::string smtp_password_file;
  std::string smtp_ca_file;
};

// The relay's settings, when e-mail is configured; an error names what is missing.
Result<std::optional<server::SmtpConfig>> SmtpFrom(const Config& config) {
  if (config.smtp_url.empty()) {
    if (!config.smtp_from.empty() || !config.smtp_user.empty()) {
      return Status::InvalidField("--smtp-from and --smtp-user need --smtp-url");
    }
    return std::optional<server::SmtpConfig>();
  }
  if (config.smtp_from.empty() || config.smtp_from.find('@') == std::string::npos) {
    return Status::InvalidField("--smtp-url needs --smtp-from, the address mail comes from");
  }
  if (config.public_url.empty()) {
    return Status::InvalidField(
        "--smtp-url needs --public-url: the links in e-mail point to the console there");
  }
  server::SmtpConfig smtp{config.smtp_url, config.smtp_from, config.smtp_user, "",
                          config.smtp_ca_file};
  if (!config.smtp_password_file.empty()) {
    std::ifstream in(config.smtp_password_file);
    if (!in || !std::getline(in, smtp.password) || smtp.password.empty()) {
      return Status::InvalidField("--smtp-password-file " + config.smtp_password_file +
                                  " cannot be read or its first line is empty");
    }
  }
  return std::optional<server::SmtpConfig>(std::move(smtp));
}

// SQLite in the data directory, or PostgreSQL when a database URL is given.
Result<std::unique_ptr<core::Store>> OpenStore(const Config& config, int connections) {
  if (!config.database_url.empty()) {
    auto store =
        storage::postgres::PgStore::Open(config.database_url, connections, config.cache_bytes);
    if (!store.ok()) return store.status();
    return std::unique_ptr<core::Store>(std::move(store.value()));
  }
  auto store = storage::sqlite::SqliteStore::Open(
      (std::filesystem::path(config.data_dir) / "licensor.db").string(), connections,
      config.cache_bytes);
  if (!store.ok()) return store.status();
  return std::unique_ptr<core::Store>(std::move(store.value()));
}

bool SplitListen(const std::string& listen, std::string& host, std::uint16_t& port) {
  const auto colon = listen.rfind(':');
  if (colon == std::string::npos) return false;
  host = listen.substr(0, colon);
  if (host.size() > 2 && host.front() == '[' && host.back() == ']') {
    host = host.substr(1, host.size() - 2);
  }
  try {
    const int p = std::stoi(listen.substr(colon + 1));
    if (p < 0 || p > 65535) return false;
    port = static_cast<std::uint16_t>(p);
  } catch (...) {
    return false;
  }
  return !host.empty();
}

// An optional listener's HOST:PORT: nullopt when not given; false when not HOST:PORT.
bool OptionalAddress(const std::string& text,
                     std::optional<server::HttpServerOptions::Address>& out) {
  if (text.empty()) return true;
  server::HttpServerOptions::Address address;
  if (!SplitListen(text, address.host, address.port)) return false;
  out = address;
  return true;
}

std::size_t PhysicalMemoryBytes() {
  const long pages = ::sysconf(_SC_PHYS_PAGES);
  const long page_size = ::sysconf(_SC_PAGE_SIZE);
  return pages > 0 && page_size > 0 ? static_cast<std::size_t>(pages) * page_size : 0;
}

// The data directory, made when missing, for the service account only (as is all it holds).
bool PrepareDataDir(const Config& config) {
  ::umask(077);
  std::error_code ec;
  std::filesystem::create_directories(config.data_dir, ec);
  if (ec) {
    std::cerr << "licensord: cannot create data dir " << config.data_dir << ": " << ec.message()
              << "\n";
    return false;
  }
  ::chmod(config.data_dir.c_str(), 0700);
  return true;
}

// Writes the generated first admin token where only the owner can read it.
bool WriteInitialToken(const std::filesystem::path& path, const std::string& secret) {
  std::ofstream out(path, std::ios::trunc);
  if (!out) return false;
  ::chmod(path.c_str(), 0600);
  out << secret << "\n";
  return static_cast<bool>(out);
}

int Serve(const Config& config) {
  std::string host;
  std::uint16_t port = 0;
  if (!SplitListen(config.listen, host, port)) {
    std::cerr << "licensord: --listen must be HOST:PORT, e.g. 127.0.0.1:8080\n";
    return 2;
  }
  if (!crypto::Initialize()) {
    std::cerr << "licensord: libsodium failed to initialise\n";
    return 1;
  }
  if (!PrepareDataDir(config)) return 1;
  const unsigned cores = std::max(1u, std::thread::hardware_concurrency());
  const int threads = config.threads > 0 ? config.threads : static_cast<int>(cores);
  // Network threads and workers (twice as many) may all read at once; one connection each
  // means a read never waits for a connection.
  const int network_threads = threads;
  const int worker_threads = config.worker_threads > 0 ? config.worker_threads : threads * 2;
  // SQLite: a reader connection for every thread that may read, so a read never waits for one.
  // PostgreSQL: network threads never wait for the database (they answer from the cache or hand
  // the request on), so one connection per worker and two for the background jobs.
  const int connections = !config.database_url.empty() && config.database_connections > 0
                              ? config.database_connections
                          : !config.database_url.empty() ? worker_threads + 2
                                                         : network_threads + worker_threads;
  auto store = OpenStore(config, connections);
  if (!store.ok()) {
    std::cerr << "licensord: cannot open the database: " << store.status().message() << "\n";
    return 1;
  }

  std::unique_ptr<Clock> clock;
  if (!config.clock_file.empty()) {
    spdlog::warn("time is read from {} (--clock-file); use this only for testing",
                 config.clock_file);
    clock = std::make_unique<FileClock>(config.clock_file);
  } else {
    clock = std::make_unique<SystemClock>();
  }
  std::string keys_report;
  auto keys =
      server::OpenKeyRing(**store, *clock, config.master_key_file, config.data_dir, keys_report);
  if (!keys.ok()) {
    std::cerr << "licensord: " << keys.status().message() << "\n";
    return 1;
  }
  spdlog::info("{}", keys_report);
  const crypto::TokenHasher hasher((*keys)->token_key());
  server::AppOptions app_options;
  app_options.client_rate_limit = config.client_rate_limit;
  app_options.sign_in_rate_limit = config.sign_in_rate_limit;
  app_options.password_slots =
      config.password_slots > 0
          ? config.password_slots
          : crypto::PasswordHasher::SlotsFor(PhysicalMemoryBytes(), static_cast<unsigned>(threads));
  app_options.public_origin = config.public_url;
  app_options.sessions.idle_timeout_s = config.session_idle_timeout_s;
  app_options.sessions.lifetime_s = config.session_lifetime_s;
  auto smtp = SmtpFrom(config);
  if (!smtp.ok()) {
    std::cerr << "licensord: " << smtp.status().message() << "\n";
    return 2;
  }
  app_options.smtp = std::move(*smtp);
  server::App app(**store, *clock, hasher, **keys, app_options);
  const auto sealed = app.services().webhooks.SealPlainSecrets();
  if (!sealed.ok()) {
    std::cerr << "licensord: cannot seal the webhook secrets: " << sealed.status().message()
              << "\n";
    return 1;
  }
  if (*sealed > 0) spdlog::info("sealed {} webhook secret(s) under the master key", *sealed);

  std::size_t vendor_key_count = 0;
  if (!config.registry_installation_id.empty() || !config.registry_public_keys.empty()) {
    std::ifstream in(config.registry_public_keys);
    std::stringstream text;
    text << in.rdbuf();
    auto vendor_keys = crypto::ReadPublicKeysFile(text.str());
    if (config.registry_installation_id.empty() || !in || !vendor_keys.ok()) {
      std::cerr << "licensord: the registry needs --registry-installation-id and a readable "
                   "--registry-public-keys file"
                << (vendor_keys.ok() ? "" : ": " + vendor_keys.status().message()) << "\n";
      return 1;
    }
    vendor_key_count = vendor_keys->size();
    app.services().registry.Configure({config.registry_installation_id, *vendor_keys});
  }

  const char* preset = std::getenv("LICENSOR_ADMIN_TOKEN");
  const auto bootstrap = app.services().tokens.Bootstrap(
      preset && *preset ? std::optional<std::string>(preset) : std::nullopt);
  if (!bootstrap.ok()) {
    std::cerr << "licensord: " << bootstrap.status().message() << "\n";
    return 1;
  }
  const auto token_path = std::filesystem::path(config.data_dir) / "initial-admin-token";
  if (*bootstrap && !preset) {
    if (!WriteInitialToken(token_path, (*bootstrap)->secret)) {
      std::cerr << "licensord: cannot write " << token_path << "\n";
      return 1;
    }
    // Printed once, on the terminal of the operator who started the first run.
    std::cout << "Initial admin token (shown once, also in " << token_path.string()
              << "): " << (*bootstrap)->secret << std::endl;
  }

  server::HttpServerOptions http;
  auto proxies = server::TrustedProxies::Parse(config.trusted_proxies, config.client_ip_header);
  if (!proxies.ok()) {
    std::cerr << "licensord: " << proxies.status().message() << "\n";
    return 2;
  }
  http.trusted_proxies = std::move(proxies.value());
  http.host = host;
  http.port = port;
  http.public_origin = config.public_url;
  if (!config.tls_cert.empty() || !config.tls_key.empty()) {
    http.tls = server::TlsFiles{config.tls_cert, config.tls_key};
  }
  if (!OptionalAddress(config.redirect_http, http.redirect) || (http.redirect && !http.tls)) {
    std::cerr << "licensord: --redirect-http needs HOST:PORT, and --tls-cert and --tls-key\n";
    return 2;
  }
  if (!OptionalAddress(config.metrics_listen, http.metrics)) {
    std::cerr << "licensord: --metrics-listen must be HOST:PORT, e.g. 127.0.0.1:9464\n";
    return 2;
  }
  http.network_threads = network_threads;
  http.worker_threads = worker_threads;
  http.body_limit = config.body_limit;
  const std::size_t open_files = server::RaiseOpenFileLimit();
  http.max_connections = config.max_connections > 0 ? config.max_connections
                                                    : server::DefaultMaxConnections(open_files);
  spdlog::info("accepting up to {} connections (open-file limit {}); {} password checks at once",
               http.max_connections, open_files, app_options.password_slots);
  server::HttpServer server(app, http);
  if (const Status s = server.Listen(); !s.ok()) {
    std::cerr << "licensord: " << s.message() << "\n";
    return 1;
  }
  server::JobRunner jobs(app.services(), std::chrono::seconds(config.jobs_interval_s));
  server::StateFlusher flusher(app.services(), std::chrono::seconds(1));

  const std::string url = (http.tls ? "https://" : "http://") +
                          (host.find(':') != std::string::npos ? "[" + host + "]" : host) + ":" +
                          std::to_string(server.port());
  spdlog::info("licensord serving {} (data dir {}, store {}, signing key {})", url, config.data_dir,
               config.database_url.empty() ? "SQLite" : "PostgreSQL", (*keys)->Current().key_id);
  const auto setup = app.services().sessions.IssueSetupLink();
  if (!setup.ok()) {
    std::cerr << "licensord: " << setup.status().message() << "\n";
    return 1;
  }
  // Printed before the line that says licensord listens, so whoever waits for that line has
  // the link too.
  if (*setup) {
    // The secret rides in the fragment, which browsers never send: it stays out of proxies'
    // and servers' logs.
    std::cout << "First sign-in: open " << (config.public_url.empty() ? url : config.public_url)
              << "/setup#token=" << **setup
              << " within an hour to create the first administrator (a new link is printed at "
                 "each start until one exists)"
              << std::endl;
  }
  if (server.redirect_port() != 0) {
    spdlog::info("plain HTTP on {}:{} only redirects to HTTPS", http.redirect->host,
                 server.redirect_port());
  }
  if (server.metrics_port() != 0) {
    spdlog::info("metrics on http://{}:{}/metrics, without a token", http.metrics->host,
                 server.metrics_port());
  }
  if (app.services().registry.configured()) {
    // An installation's licensord serves its platform, not the vendor's licensing: say so, and
    // where the platform's license files go.
    std::cout << "Serving the registry of installation " << config.registry_installation_id
              << ": upload the platform's certificate package and .lic license at "
              << (config.public_url.empty() ? url : config.public_url)
              << "/platform/license, which accepts files signed by the "
              << std::to_string(vendor_key_count) << " vendor key(s) in "
              << config.registry_public_keys << std::endl;
  }
  std::cout << "licensord listening on " << url << std::endl;
  if (std::filesystem::exists(token_path)) {
    std::cout << "Admin token: " << token_path.string() << std::endl;
  } else {
    std::cout << "Admin token: the value of LICENSOR_ADMIN_TOKEN given at first start" << std::endl;
  }
  server.Run();
  jobs.Stop();
  flusher.Stop();
  spdlog::info("licensord stopped");
  return 0;
}

// --restore: the backup replaces the SQLite store in the data directory, with licensord stopped.
int Restore(const Config& config) {
  if (!config.database_url.empty()) {
    std::cerr << "licensord: --restore is for the SQLite store; restore a PostgreSQL database "
                 "with pg_restore (see the operations guide)\n";
    return 2;
  }
  // A restore onto a new machine starts from no data directory at all.
  if (!PrepareDataDir(config)) return 1;
  const std::string database = (std::filesystem::path(config.data_dir) / "licensor.db").string();
  const auto restored = storage::sqlite::RestoreFromBackup(
      config.restore, database, ".replaced-" + FormatFileNameTime(SystemClock().Now()));
  if (!restored.ok()) {
    std::cerr << "licensord: cannot restore: " << restored.status().message() << "\n";
    return 1;
  }
  std::cout << "Restored " << database << " from " << config.restore << ".\n";
  if (!restored->replaced_path.empty()) {
    std::cout << "The store it replaced is kept as " << restored->replaced_path << ".\n";
  }
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  Config config;
  CLI::App cli{"licensord: the Licensor license server"};
  cli.set_config("--config", "", "TOML configuration file (flags and LICENSOR_* override it)");
  cli.add_option("--listen", config.listen, "HOST:PORT to serve HTTP on")
      ->envname("LICENSOR_LISTEN")
      ->capture_default_str();
  cli.add_option("--data-dir", config.data_dir,
                 "Directory for the SQLite database and the generated master key")
      ->envname("LICENSOR_DATA_DIR")
      ->capture_default_str();
  cli.add_option("--threads", config.threads, "Network threads (0: one per core)")
      ->envname("LICENSOR_THREADS")
      ->check(CLI::Range(0, 256))
      ->capture_default_str();
  cli.add_option("--worker-threads", config.worker_threads,
                 "Threads for requests that wait for the store: writes, and on PostgreSQL the "
                 "reads the cache cannot answer (0: twice --threads)")
      ->envname("LICENSOR_WORKER_THREADS")
      ->check(CLI::Range(0, 1024))
      ->capture_default_str();
  cli.add_option("--database-connections", config.database_connections,
                 "PostgreSQL connections this node keeps (0: one per worker thread, and two for "
                 "the background jobs); the nodes' sum must stay under the server's "
                 "max_connections")
      ->envname("LICENSOR_DATABASE_CONNECTIONS")
      ->check(CLI::Range(0, 1024))
      ->capture_default_str();
  cli.add_option("--log-format", config.log_format, "Log format: text or json")
      ->envname("LICENSOR_LOG_FORMAT")
      ->check(CLI::IsMember({"text", "json"}))
      ->capture_default_str();
  cli.add_option("--client-rate-limit", config.client_rate_limit,
                 "Client API requests per second per address and per code, with a 10 s burst "
                 "(0 turns limiting off)")
      ->envname("LICENSOR_CLIENT_RATE_LIMIT")
      ->check(CLI::Range(0.0, 1e6))
      ->capture_default_str();
  cli.add_option("--sign-in-rate-limit", config.sign_in_rate_limit,
                 "Sign-ins, setups and password changes per second per address, with a 30 s "
                 "burst, checked before any password is (0 turns limiting off)")
      ->envname("LICENSOR_SIGN_IN_RATE_LIMIT")
      ->check(CLI::Range(0.0, 1e6))
      ->capture_default_str();
  cli.add_option("--password-slots", config.password_slots,
                 "Password hashes and checks run at once, each holding 64 MiB; more get 503 "
                 "with Retry-After (0: half the threads, within an eighth of the memory)")
      ->envname("LICENSOR_PASSWORD_SLOTS")
      ->check(CLI::Range(0, 1024))
      ->capture_default_str();
  cli.add_option("--body-limit", config.body_limit, "Largest request body accepted, in bytes")
      ->envname("LICENSOR_BODY_LIMIT")
      ->check(CLI::Range(std::size_t{1024}, std::size_t{64} << 20))
      ->capture_default_str();
  cli.add_option("--max-connections", config.max_connections,
                 "Open connections at most; at the cap the longest idle one is closed for a new "
                 "client (0: the open-file limit less an eighth, at least 64, for files)")
      ->envname("LICENSOR_MAX_CONNECTIONS")
      ->check(CLI::Range(std::size_t{0}, std::size_t{10'000'000}))
      ->capture_default_str();
  cli.add_option("--cache-bytes", config.cache_bytes,
                 "Memory the validation cache may hold, in bytes (an eighth of it for machines a "
                 "license does not know); 0 turns the cache off")
      ->envname("LICENSOR_CACHE_BYTES")
      ->check(CLI::Range(std::size_t{0}, std::size_t{1} << 40))
      ->capture_default_str();
  cli.add_option("--trusted-proxies", config.trusted_proxies,
                 "Proxies and load balancers (addresses or CIDR ranges, comma-separated) whose "
                 "--client-ip-header names the client; rate limits and logs then use that client "
                 "address")
      ->envname("LICENSOR_TRUSTED_PROXIES");
  cli.add_option("--client-ip-header", config.client_ip_header,
                 "The one header the trusted proxies write the client's address in "
                 "(X-Forwarded-For, Forwarded, X-Real-IP, ...); the rightmost address in it "
                 "that is not a trusted proxy is the client, and every other forwarding header "
                 "is ignored")
      ->envname("LICENSOR_CLIENT_IP_HEADER")
      ->capture_default_str();
  cli.add_option("--public-url", config.public_url,
                 "The console's address as browsers reach it (https://licensor.example.com), "
                 "when a proxy stands between; its origin is the only one changes are accepted "
                 "from, and with https the session cookie is Secure")
      ->envname("LICENSOR_PUBLIC_URL")
      ->check([](const std::string& url) -> std::string {
        const bool scheme = url.starts_with("https://") || url.starts_with("http://");
        const auto rest = url.substr(url.find("//") + 2);
        return scheme && !rest.empty() && rest.find('/') == std::string::npos
                   ? ""
                   : "must be http(s)://host[:port] with no path";
      });
  cli.add_option("--tls-cert", config.tls_cert,
                 "PEM file with the server's certificate and then its intermediates: with "
                 "--tls-key, --listen serves HTTPS (TLS 1.2 and 1.3) with HSTS, and both files "
                 "are read again on SIGHUP")
      ->envname("LICENSOR_TLS_CERT");
  cli.add_option("--tls-key", config.tls_key, "PEM file with the certificate's private key")
      ->envname("LICENSOR_TLS_KEY");
  cli.add_option("--redirect-http", config.redirect_http,
                 "HOST:PORT to listen on with plain HTTP, answering every request with a "
                 "redirect to the same path over HTTPS (needs --tls-cert)")
      ->envname("LICENSOR_REDIRECT_HTTP");
  cli.add_option("--metrics-listen", config.metrics_listen,
                 "HOST:PORT to serve GET /metrics on without a token, for a Prometheus that "
                 "reaches only that address; on --listen, /metrics needs a token of any role")
      ->envname("LICENSOR_METRICS_LISTEN");
  cli.add_option("--session-idle-timeout", config.session_idle_timeout_s,
                 "Seconds a console session may go unused before it is over")
      ->envname("LICENSOR_SESSION_IDLE_TIMEOUT")
      ->check(CLI::Range(60, 7 * 86400))
      ->capture_default_str();
  cli.add_option("--session-lifetime", config.session_lifetime_s,
                 "Seconds after sign-in a console session is over however it is used")
      ->envname("LICENSOR_SESSION_LIFETIME")
      ->check(CLI::Range(300, 30 * 86400))
      ->capture_default_str();
  cli.add_option("--jobs-interval", config.jobs_interval_s,
                 "Seconds between maintenance runs (0: only on demand)")
      ->envname("LICENSOR_JOBS_INTERVAL")
      ->check(CLI::Range(0, 86400))
      ->capture_default_str();
  cli.add_option("--database-url", config.database_url,
                 "PostgreSQL URL (postgresql://user@host/db) to share one database between "
                 "several nodes; without it, SQLite in the data dir")
      ->envname("LICENSOR_DATABASE_URL");
  cli.add_option("--master-key-file", config.master_key_file,
                 "File holding the master key (64 hex digits) that seals the store's keys and "
                 "secrets; every node of a deployment needs the same one. Without it, "
                 "LICENSOR_MASTER_KEY, else DATA_DIR/master.key (created on the first start)")
      ->envname("LICENSOR_MASTER_KEY_FILE");
  cli.add_option("--smtp-url", config.smtp_url,
                 "SMTP relay for e-mail (reminders, invitations, password resets): "
                 "smtp://HOST:587 (upgraded with STARTTLS, which the relay must offer) or "
                 "smtps://HOST:465; needs --smtp-from and --public-url")
      ->envname("LICENSOR_SMTP_URL")
      ->check([](const std::string& url) -> std::string {
        return url.starts_with("smtp://") || url.starts_with("smtps://")
                   ? ""
                   : "must start with smtp:// or smtps://";
      });
  cli.add_option("--smtp-from", config.smtp_from,
                 "The sender of e-mail: licensor@vendor.example or \"Licensor <...>\"")
      ->envname("LICENSOR_SMTP_FROM");
  cli.add_option("--smtp-user", config.smtp_user, "User name to authenticate to the relay with")
      ->envname("LICENSOR_SMTP_USER");
  cli.add_option("--smtp-password-file", config.smtp_password_file,
                 "File whose first line is the relay's password")
      ->envname("LICENSOR_SMTP_PASSWORD_FILE");
  cli.add_option("--smtp-ca-file", config.smtp_ca_file,
                 "PEM file of the authorities the relay's certificate is verified against; "
                 "without it, the system's")
      ->envname("LICENSOR_SMTP_CA_FILE");
  cli.add_option("--registry-installation-id", config.registry_installation_id,
                 "Serve the license registry of this installation (its id at the vendor)")
      ->envname("LICENSOR_REGISTRY_INSTALLATION_ID");
  cli.add_option("--registry-public-keys", config.registry_public_keys,
                 "The vendor's public keys file (licensorctl keys public), for the registry")
      ->envname("LICENSOR_REGISTRY_PUBLIC_KEYS");
  cli.add_option("--clock-file", config.clock_file,
                 "Testing only: read the current time (Unix seconds) from this file")
      ->envname("LICENSOR_CLOCK_FILE");
  cli.add_option("--restore", config.restore,
                 "Put this backup (licensorctl backup) in place of the SQLite store in the data "
                 "directory, then exit; licensord must be stopped")
      ->check(CLI::ExistingFile);
  CLI11_PARSE(cli, argc, argv);
  licensor::server::ConfigureLogging(config.log_format);
  if (!config.restore.empty()) return Restore(config);
  return Serve(config);
}
