// Licensor client SDK (C++). A product links this to prove its license: activate once online or
// load an offline license file, then ask Validate() / HasFeature() as often as it likes; the
// answers come from a verified license file held in memory. See docs/sdk.md.
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#if defined(LICENSOR_SDK_BUILD)
#define LICENSOR_API __attribute__((visibility("default")))
#else
#define LICENSOR_API
#endif

namespace licensor::sdk {

// Every answer the SDK gives. The numbers are the C ABI's (licensor.h) and never change.
enum class Code : int {
  kValid = 0,
  kInGracePeriod = 1,  // expired, within the policy's expiry grace: still valid
  kOfflineGrace = 2,   // the server is overdue, within the offline grace: still valid
  kNotActivated = 10,  // no license file yet: Activate() or LoadLicenseFile()
  kExpired = 11,
  kNotYetValid = 12,
  kFingerprintMismatch = 13,
  kRefreshRequired = 14,  // the server has not been reached for longer than the grace allows
  kClockTampered = 15,    // the system clock ran back behind a time already seen
  kReplayed = 16,         // an older license version than one already seen
  kFeatureMissing = 17,
  kMalformed = 20,
  kUnsupportedVersion = 21,
  kUnsupportedAlgorithm = 22,
  kUnknownKey = 23,
  kRetiredKey = 24,
  kBadSignature = 25,
  kBadPayload = 26,
  kCannotDecrypt = 27,
  kWrongLicense = 28,  // a file for another license code
  kWrongProduct = 29,  // a license code or file of another of the vendor's products
  kServerUnreachable = 30,
  kLicenseNotFound = 31,
  kLicenseNotActive = 32,  // suspended, revoked or expired on the server (activation refused)
  kActivationLimitReached = 33,
  kServerRefused = 34,  // any other refusal; Detail() has the server's problem code
  kDeactivated = 35,    // the file is of an activation released from this machine
  kReleased = 36,       // the server released this machine's activation (the vendor, or its rule)
  kLicenseSuspended = 37,  // the vendor suspended the license; it may be reinstated
  kLicenseRevoked = 38,    // the vendor revoked the license for good
  kInvalidArgument = 40,
  kIoError = 41,
};

LICENSOR_API std::string_view CodeName(Code code);  // "VALID", "CLOCK_TAMPERED", ...
// What happened and what to do, in English, for the product's user. Config::messages replaces
// these per code (another language, the vendor's own words).
LICENSOR_API std::string_view CodeMessage(Code code);
LICENSOR_API bool IsValid(Code code);  // kValid, kInGracePeriod, kOfflineGrace
// No license file here, and Activate() may succeed now: kNotActivated, kReleased (an operator
// freed the slot; it may be taken again) and kActivationLimitReached (a slot may have been
// freed since). The quick start's `if (NeedsActivation(Validate())) Activate();`.
LICENSOR_API bool NeedsActivation(Code code);

// The hardware and system identifiers of this machine, and what it runs on.
struct Fingerprint {
  std::string fingerprint;                        // "fp1-" + 64 hex digits
  std::map<std::string, std::string> components;  // machine_id, product_uuid, mac, cpu, disk, host
  std::string hostname;
  std::string platform;        // e.g. "linux-x86_64"
  std::string virtualization;  // "none", "vm:<kind>" or "container:<kind>"
};
// Reads this machine's identifiers (Linux). Components that cannot be read are left out.
LICENSOR_API Fingerprint CollectFingerprint();
// The fingerprint of a set of components, as the server and the license files compute it.
LICENSOR_API std::string FingerprintOf(const std::map<std::string, std::string>& components);
// The offline request file (JSON) a vendor turns into a license file.
LICENSOR_API std::string FingerprintRequestJson(const Fingerprint& fingerprint,
                                                std::int64_t created_at);

// How much a log line matters, for the product's own logger.
enum class LogLevel : int { kDebug = 0, kInfo = 1, kWarning = 2, kError = 3 };
// Gets the SDK's log lines: each request and its answer, each license installed, each change of
// state. Called on the thread that did it; keep it short. Never given a secret: no license
// code, no file contents, no credentials.
using Logger = std::function<void(LogLevel level, std::string_view message)>;
// Called on the SDK's own thread when what Validate() answers changes (within about a second
// of the change): a product reacts to a suspension or a renewal without polling.
using StateListener = std::function<void(Code previous, Code current)>;

struct Config {
  // The product this build is (its id on the license server). Required: license codes and
  // files of the vendor's other products are refused with kWrongProduct.
  std::string product_id;
  std::string server_url;        // e.g. "https://licensing.example.com"; empty: offline only
  std::string public_keys_json;  // the vendor's public keys file (licensorctl keys public)
  std::string license_code;
  std::string data_dir;  // where the license file and state are kept; must be writable
  // How far the clock may run back behind the latest trusted time before CLOCK_TAMPERED.
  std::int64_t clock_tolerance_s = 600;
  // Tests and unusual platforms: this machine's components instead of CollectFingerprint().
  std::optional<std::map<std::string, std::string>> components;
  // Tests: the time source (Unix seconds). Default: the system clock.
  std::function<std::int64_t()> now;
  // Every request to the server: at most this long to connect, and as long for the exchange.
  long http_timeout_ms = 10000;
  // A proxy to reach the server through ("http://proxy.example:3128"), with its credentials;
  // empty: libcurl's default (the http_proxy and https_proxy environment variables).
  std::string proxy_url, proxy_user, proxy_password;
  // For an https server_url: the authorities to trust instead of the system's (a PEM file), and
  // the server's public key to insist on ("sha256//<base64>", several separated by ';').
  std::string ca_file;
  std::string pinned_public_key;
  // The sentences Detail() and Message() give, by code, instead of the English CodeMessage().
  std::map<Code, std::string> messages;
};

// What the loaded license says; empty when none is loaded.
struct LicenseInfo {
  bool loaded = false;
  std::string license_id;
  std::string product_name;
  std::string customer_name;
  std::string mode;  // ONLINE, OFFLINE, HYBRID
  std::int64_t version = 0;
  std::optional<std::int64_t> expires_at;            // nullopt: perpetual
  std::optional<std::int64_t> expiry_grace_ends_at;  // still usable until then
  std::optional<std::int64_t> refresh_by;
  std::optional<std::int64_t> offline_grace_ends_at;  // runs without the server until then
  std::optional<std::int64_t> days_left;  // whole days until expires_at, now (0 once past)
  std::optional<std::int64_t> heartbeat_interval_s;
  // A trial: expires_at is the trial's end and days_left counts down to it. When the vendor
  // converts the license to a paid one, the next heartbeat brings a file without it.
  bool trial = false;
  std::int64_t issued_at = 0;
  std::vector<std::string> features;
  std::vector<std::string> differing_components;  // replaced parts tolerated by the rule
};

class LICENSOR_API Client {
 public:
  // Reads the public keys and any license file and state already in data_dir. On failure
  // returns null and sets `error` (kInvalidArgument, kIoError).
  static std::unique_ptr<Client> Open(Config config, Code* error = nullptr);
  ~Client();
  Client(const Client&) = delete;
  Client& operator=(const Client&) = delete;

  // Online activation of this machine, then download of its license file.
  Code Activate();
  // Local: verified file, clock, binding, times; never waits for the network, from any thread.
  // Past the file's refresh-by time it asks the SDK's own thread to fetch a fresh file (at most
  // once a minute) and answers from the file it has meanwhile.
  Code Validate();
  // Validate() is valid and the license grants `feature`. Never waits for the network.
  bool HasFeature(std::string_view feature);
  // Fetches this machine's current license file now and installs it, waiting for the answer (at
  // most http_timeout_ms to connect and as long again for the exchange). For a product starting
  // with a file past its refresh-by that prefers to wait for the server than to start in grace.
  Code Refresh();
  // Releases this machine's activation on the server and forgets the local file.
  Code Deactivate();
  // Offline deactivation, for a machine that cannot reach the server: forgets the license file
  // (it never loads here again), stops the heartbeats, and writes to `proof_path` a proof sealed
  // with the license code, for the vendor to upload (licensorctl license release-offline, or
  // the console's License page) to free this machine's slot. Then Validate() answers
  // NOT_ACTIVATED. kNotActivated when no file is loaded; kIoError when the proof cannot be
  // written (the file is then kept).
  Code DeactivateOffline(const std::string& proof_path);
  // Installs a license file delivered by hand (offline activation).
  Code LoadLicenseFile(const std::string& path);
  // Installs an offline update bundle: its public keys, then its license file.
  Code ApplyBundle(const std::string& path);
  // Sends heartbeats from the SDK's own thread on the policy's interval, each a margin before
  // the file's refresh-by (so a client whose server answers never reports it overdue); when the
  // server has a newer license, fetches and swaps it in atomically. Idempotent.
  void StartHeartbeat();
  // Stops the heartbeats and the SDK's thread; a request in flight is abandoned at once.
  void StopHeartbeat();
  // One heartbeat now (what the thread does each interval).
  Code HeartbeatOnce();

  LicenseInfo Info() const;
  const Fingerprint& MachineFingerprint() const;
  // A sentence for the product's user about the last failed call (since the last success), or
  // else about what Validate() answers now: what happened and what to do, with the machine's
  // changed parts named on FINGERPRINT_MISMATCH. From Config::messages when given.
  std::string Detail() const;
  // The technical cause behind Detail(), for logs and support: the server's problem code and
  // text with the HTTP status, the transport's error, the file check's finding.
  std::string Cause() const;
  // The sentence for `code` (Config::messages, else CodeMessage()).
  std::string Message(Code code) const;
  // Replaces the logger (none: no logging). Safe from any thread.
  void SetLogger(Logger logger);
  // Replaces the state listener (none: no calls) and starts the SDK's thread to watch. The
  // listener may call Validate(), Info() and Detail(); it must not destroy the client.
  void OnStateChange(StateListener listener);

 private:
  struct Impl;
  explicit Client(std::unique_ptr<Impl> impl);
  static Code HeartbeatOnceFor(Impl& impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace licensor::sdk
