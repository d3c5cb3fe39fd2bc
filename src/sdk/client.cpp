// The SDK client: a verified license file in memory, swapped atomically when a newer one
// arrives, so Validate() and HasFeature() are a pointer load, a clock read and a few compares.
#include <sys/stat.h>

#include <algorithm>
#include <atomic>
#include <condition_variable>
#include <ctime>
#include <filesystem>
#include <mutex>
#include <nlohmann/json.hpp>
#include <thread>

#include "common/text.hpp"
#include "common/time_format.hpp"
#include "crypto/answer_signature.hpp"
#include "crypto/bundle.hpp"
#include "crypto/deactivation_proof.hpp"
#include "crypto/key_store.hpp"
#include "crypto/license_file.hpp"
#include "crypto/payload_reader.hpp"
#include "crypto/public_keys_file.hpp"
#include "crypto/random.hpp"
#include "licensor/licensor.hpp"
#include "sdk/client_state.hpp"
#include "sdk/codes.hpp"
#include "sdk/heartbeat_schedule.hpp"
#include "sdk/http.hpp"

namespace licensor::sdk {
namespace {

using Json = nlohmann::json;

constexpr std::int64_t kDefaultHeartbeatS = 3600;
// Validate() past refresh-by asks the SDK's thread for a fresh file at most this often.
constexpr auto kRefreshRetry = std::chrono::seconds(60);
// After a heartbeat that did not get through, the next one waits this long (or the interval).
constexpr std::int64_t kHeartbeatRetryS = 60;
// The SDK's thread reads the clock this often: a wall clock that jumps (a machine waking from
// sleep, or a test's clock) is followed within a tick, where a timed wait would oversleep.
constexpr auto kWorkerTick = std::chrono::seconds(1);
// A replaced snapshot is freed once it has been out of use this long and a few newer ones
// exist. Readers hold a snapshot pointer for the nanoseconds of one Validate() (microseconds for
// Info()), so a time-based grace period is enough, without a reference count on the hot path.
constexpr auto kSnapshotGrace = std::chrono::seconds(60);
constexpr std::size_t kSnapshotsKept = 4;
// An answer is acted on only if its signed date is within this much of the machine's clock: a
// recorded answer cannot be played back later. Wide, because the machine's clock may be off.
constexpr std::int64_t kAnswerWindowS = 3600;

// An installed license: immutable once published, so readers need no lock.
struct Snapshot {
  crypto::LicensePayload payload;
  std::vector<std::string> features;  // sorted
  std::vector<std::string> differing;
  Code binding = Code::kValid;  // kFingerprintMismatch when this machine no longer matches
};

std::int64_t SystemNow() {
  timespec ts{};
  clock_gettime(CLOCK_REALTIME_COARSE, &ts);
  return ts.tv_sec;
}

// The time rules of crypto::CheckLicense (the one StandingAt) without building messages: the
// hot path.
Code TimeCode(const crypto::LicensePayload& p, std::int64_t now) {
  switch (StandingAt(crypto::WindowOf(p), now)) {
    case TimeStanding::kValid:
      return Code::kValid;
    case TimeStanding::kInExpiryGrace:
      return Code::kInGracePeriod;
    case TimeStanding::kInOfflineGrace:
      return Code::kOfflineGrace;
    case TimeStanding::kNotYetValid:
      return Code::kNotYetValid;
    case TimeStanding::kExpired:
      return Code::kExpired;
    case TimeStanding::kRefreshRequired:
      return Code::kRefreshRequired;
  }
  return Code::kMalformed;  // unreachable: every standing is named above
}

// What the user's sentence adds on FINGERPRINT_MISMATCH: the parts that changed.
std::string Changed(const std::vector<std::string>& parts) {
  return parts.empty() ? "" : " Changed: " + Join(parts) + ".";
}

}  // namespace

struct Client::Impl {
  Config config;
  Fingerprint machine;
  crypto::PublicKeys embedded_keys;
  crypto::PublicKeys keys;  // embedded plus those adopted from a verified bundle
  Http http;
  std::string license_path, state_path, bundle_path;
  // The code as the customer gave it; config.license_code is its canonical form. An encrypted
  // file of a code issued with lower-case letters opens only with the code as issued.
  std::string typed_code;

  std::atomic<const Snapshot*> current{nullptr};
  std::atomic<std::int64_t> latest_time{0};  // the latest trusted time seen
  std::atomic<int> server_verdict{static_cast<int>(Code::kValid)};

  mutable std::mutex mutex;  // installs, state, detail, retired snapshots
  // Published snapshots, oldest first, with the time each was replaced (the newest: never).
  std::vector<std::pair<std::unique_ptr<const Snapshot>, std::chrono::steady_clock::time_point>>
      snapshots;
  ClientState state;
  // The last failed call since the last success: its code, the sentence for the product's user
  // (Detail()) and the technical cause (Cause()).
  Code failed = Code::kValid;
  std::string detail, cause;
  // What Validate() answers while no file is installed: NOT_ACTIVATED, or why the server has
  // none for this machine (RELEASED, ACTIVATION_LIMIT_REACHED...). Kept in the state.
  std::atomic<int> unlicensed{static_cast<int>(Code::kNotActivated)};
  // How many times this machine's activation was given up (ForgetActivation). A refresh or
  // heartbeat that was already under way then answers about an activation that is gone: its
  // answer is dropped, not reported as this run's failure (one state, one code).
  std::atomic<std::uint64_t> forgotten{0};
  bool ForgottenSince(std::uint64_t before) const { return forgotten.load() != before; }

  // The SDK's own thread: the heartbeats once StartHeartbeat() is called, and the refreshes
  // Validate() asks for, so that no caller of Validate() ever waits for the network.
  std::mutex worker_mutex;
  std::condition_variable worker_wake;
  std::thread worker;
  bool worker_stop = false;
  bool heartbeats = false;             // StartHeartbeat() was called
  std::int64_t next_heartbeat_at = 0;  // by Now()
  // Set by Validate() past refresh-by; only the first caller takes the lock to wake the thread.
  std::atomic<bool> refresh_wanted{false};
  // Steady-clock nanoseconds before which Validate() asks for no other refresh.
  std::atomic<std::int64_t> refresh_allowed_at{0};

  // The product's logger and state listener; copied out under `hooks_mutex`, called without.
  std::mutex hooks_mutex;
  Logger logger;
  StateListener listener;
  std::atomic<Code> reported{Code::kValid};  // the state the listener was last told of

  explicit Impl(Config c)
      : config(std::move(c)),
        http(HttpOptions{config.server_url, config.http_timeout_ms, config.proxy_url,
                         config.proxy_user, config.proxy_password, config.ca_file,
                         config.pinned_public_key}) {}

  std::int64_t Now() const { return config.now ? config.now() : SystemNow(); }

  std::string Message(Code code) const {
    const auto custom = config.messages.find(code);
    return custom != config.messages.end() ? custom->second : std::string(CodeMessage(code));
  }
  // A failed call: `why` is the technical cause; `more`, what the user's sentence adds.
  Code Fail(Code code, std::string why, const std::string& more = "") {
    std::lock_guard lock(mutex);
    Failed(code, std::move(why), more);
    return code;
  }
  void Failed(Code code, std::string why, const std::string& more = "") {  // `mutex` held
    failed = code;
    cause = std::move(why);
    detail = Message(code) + more;
  }
  void Succeeded() {  // `mutex` held
    failed = Code::kValid;
    detail.clear();
    cause.clear();
  }
  // While no file is installed, Validate() answers `code`; remembered across restarts.
  void SetUnlicensed(Code code) {  // `mutex` held
    unlicensed = static_cast<int>(code);
    state.unlicensed = static_cast<int>(code);
    SaveState();
  }
  Code Validate();
  void Log(LogLevel level, const std::string& message) {
    Logger copy;
    {
      std::lock_guard lock(hooks_mutex);
      copy = logger;
    }
    if (copy) copy(level, message);
  }
  // A request to the server, logged by its method, path and answer (never its body or
  // headers, which carry the license code). An answer not signed for this request by a key the
  // product trusts is no answer: the reply says the server was not reached, and why.
  HttpReply Request(const char* method, const std::string& path, const std::string* json,
                    std::map<std::string, std::string> headers = {}) {
    const std::string nonce = crypto::NewNonce();
    headers[std::string(crypto::kNonceHeader)] = nonce;
    HttpReply reply = json ? http.PostJson(path, *json, headers) : http.Get(path, headers);
    if (reply.status != 0) RefuseUnsigned(method, path, nonce, reply);
    if (reply.status == 0) {
      Log(LogLevel::kWarning, std::string(method) + " " + path + ": not reached: " + reply.error);
    } else {
      Log(reply.status < 400 ? LogLevel::kInfo : LogLevel::kWarning,
          std::string(method) + " " + path + ": HTTP " + std::to_string(reply.status));
    }
    return reply;
  }
  void RefuseUnsigned(std::string_view method, std::string_view path, std::string_view nonce,
                      HttpReply& reply) {
    crypto::PublicKeys trusted;
    {
      std::lock_guard lock(mutex);
      trusted = keys;
    }
    const crypto::AnswerCheck check = crypto::VerifyAnswer(
        reply.signature, {static_cast<int>(reply.status), method, path, nonce, 0, reply.body},
        trusted, nullptr, Now(), kAnswerWindowS);
    if (check.ok) return;
    reply.error = "an answer (HTTP " + std::to_string(reply.status) +
                  ") that the vendor's key did not sign for this request: " + check.why;
    reply.status = 0;
    reply.body.clear();
  }
  // From the SDK's thread: tells the listener when what Validate() answers has changed.
  void ReportState();

  Code Install(const std::string& text, bool persist);
  Code InstallFile(const std::string& text, bool persist, std::string* installed_note);
  Code Refresh();
  // From Validate() past refresh-by: wakes the SDK's thread (starting it if need be) to fetch a
  // fresh file, at most once per kRefreshRetry. Never waits for the network.
  void RequestRefresh();
  void NoteServerContact() {
    refresh_allowed_at =
        (std::chrono::steady_clock::now() + kRefreshRetry).time_since_epoch().count();
  }
  // With `worker_mutex` held.
  void StartWorker();
  void StopWorker();
  std::int64_t HeartbeatInterval() const;
  std::int64_t HeartbeatAfter(std::int64_t last) const;
  // The server said the license is suspended or revoked: remembered across restarts, and lifted
  // only by a license file the server signs later than `server_version` (the license's version
  // on the server when it said so, when it said; else the file's).
  void RecordStopped(Code code, std::int64_t server_version = 0);
  bool Stopped(const Snapshot* s) const;  // with `mutex` held
  // What a stopped license answers (LICENSE_SUSPENDED...), or kValid; with `mutex` held.
  Code StoppedCode(const std::string& license_id) const;
  // This machine's activation is gone (deactivated here, or released on the server): its file
  // is forgotten and never loads again; Validate() then answers `then`.
  void ForgetActivation(Code then);
  Code ServerProblem(const HttpReply& reply);
  void RaiseLatestTime(std::int64_t t) {
    std::int64_t seen = latest_time.load(std::memory_order_relaxed);
    while (t > seen && !latest_time.compare_exchange_weak(seen, t, std::memory_order_relaxed)) {
    }
  }
  bool SaveState() {
    state.trusted_time = std::max(state.trusted_time, latest_time.load());
    return WriteClientState(state_path, state);
  }
  Code AdoptBundleKeys(const std::string& bundle_text, std::string* license_file);
  void WorkerLoop();
};

Code Client::Impl::ServerProblem(const HttpReply& reply) {
  if (reply.status == 0) {
    return Fail(Code::kServerUnreachable, "cannot reach " + config.server_url + ": " + reply.error);
  }
  const Json problem = Json::parse(reply.body, nullptr, false);
  const std::string code = crypto::TextOr(problem, "code");
  const std::string text = crypto::TextOr(problem, "detail");
  const Code mapped = FromServerProblem(code);
  Code answer = mapped;
  if (mapped == Code::kLicenseNotActive) {
    RecordStopped(mapped);
    answer = static_cast<Code>(server_verdict.load());  // LICENSE_SUSPENDED when it was said
  }
  // The server no longer knows this machine: released by an operator or its dead-machine rule.
  // (When a part was replaced since the file was issued, the server may know the machine by the
  // file's fingerprint only; Activate() finds it again, so the file is kept.)
  const Snapshot* s = current.load(std::memory_order_acquire);
  const std::string why = code + ": " + text + " (HTTP " + std::to_string(reply.status) + ")";
  if (mapped == Code::kNotActivated && s && s->payload.fingerprint == machine.fingerprint) {
    ForgetActivation(Code::kReleased);
    return Fail(Code::kReleased, why);
  }
  if (!s && mapped != Code::kServerRefused) {
    // No file here: the server's reason is what Validate() answers until one is installed. A
    // machine the server released stays RELEASED when asked again (one state, one code).
    std::lock_guard lock(mutex);
    if (mapped == Code::kNotActivated && unlicensed.load() == static_cast<int>(Code::kReleased)) {
      answer = Code::kReleased;
    } else {
      SetUnlicensed(mapped);
    }
  }
  return Fail(answer, why);
}

Code Client::Impl::Install(const std::string& text, bool persist) {
  std::string note;
  const Code code = InstallFile(text, persist, &note);
  // Logged once the locks are released: the logger may call back into the client.
  if (code == Code::kValid) Log(LogLevel::kInfo, note);
  return code;
}

Code Client::Impl::InstallFile(const std::string& text, bool persist, std::string* installed_note) {
  const std::int64_t now = Now();
  crypto::PublicKeys trusted;
  {
    std::lock_guard lock(mutex);
    trusted = keys;
  }
  const crypto::OpenedLicense opened =
      crypto::OpenLicense(text, trusted, crypto::DecryptionInput{typed_code, machine.fingerprint});
  if (opened.code != crypto::FileCode::kValid)
    return Fail(FromFileCode(opened.code), opened.detail);
  const crypto::LicensePayload& p = opened.payload;
  if (p.product_id != config.product_id) {
    return Fail(Code::kWrongProduct, "the file is for the product " + p.product_name);
  }
  if (!config.license_code.empty() && CanonicalLicenseCode(p.license_code) != config.license_code) {
    return Fail(Code::kWrongLicense, "the file is for license " + p.license_id);
  }
  auto snapshot = std::make_unique<Snapshot>();
  const crypto::LicenseCheck binding =
      crypto::CheckLicense(p, now, crypto::Machine{machine.fingerprint, machine.components});
  snapshot->differing = binding.differing;
  if (binding.code == crypto::FileCode::kFingerprintMismatch) {
    if (persist)
      return Fail(Code::kFingerprintMismatch, binding.detail, Changed(binding.differing));
    snapshot->binding = Code::kFingerprintMismatch;  // installed earlier, machine changed since
  }
  std::lock_guard lock(mutex);
  auto& highest = state.highest_version[p.license_id];
  if (p.license_version < highest) {
    Failed(Code::kReplayed, "version " + std::to_string(p.license_version) +
                                " is older than version " + std::to_string(highest) +
                                " already seen");
    return Code::kReplayed;
  }
  if (std::find(state.released.begin(), state.released.end(), p.activation_id) !=
      state.released.end()) {
    Failed(Code::kDeactivated, "the file is of activation " + p.activation_id +
                                   ", which was released from this machine");
    return Code::kDeactivated;
  }
  highest = p.license_version;
  // A suspension lasts until the server signs a file after it.
  if (const auto stopped = state.stopped.find(p.license_id);
      stopped != state.stopped.end() && p.license_version > stopped->second) {
    state.stopped.erase(stopped);
    state.stopped_codes.erase(p.license_id);
  }
  if (persist && !crypto::WriteSecretFile(license_path, text).ok()) {
    Failed(Code::kIoError, "cannot write " + license_path);
    return Code::kIoError;
  }
  RaiseLatestTime(p.issued_at);  // signed server time
  unlicensed = static_cast<int>(Code::kNotActivated);
  state.unlicensed = 0;
  SaveState();
  const Code snapshot_binding = snapshot->binding;
  snapshot->payload = p;
  snapshot->features = p.features;
  std::sort(snapshot->features.begin(), snapshot->features.end());
  current.store(snapshot.get(), std::memory_order_release);
  const auto replaced_at = std::chrono::steady_clock::now();
  if (!snapshots.empty()) snapshots.back().second = replaced_at;
  snapshots.emplace_back(std::move(snapshot), std::chrono::steady_clock::time_point::max());
  while (snapshots.size() > kSnapshotsKept &&
         replaced_at - snapshots.front().second > kSnapshotGrace) {
    snapshots.erase(snapshots.begin());
  }
  server_verdict = static_cast<int>(StoppedCode(p.license_id));
  if (installed_note) {
    *installed_note = "installed license " + p.license_id + " version " +
                      std::to_string(p.license_version) +
                      (persist ? "" : " (from the data directory)");
  }
  if (snapshot_binding == Code::kFingerprintMismatch) {
    Failed(Code::kFingerprintMismatch, binding.detail, Changed(binding.differing));
  } else {
    Succeeded();
  }
  return Code::kValid;
}

void Client::Impl::RecordStopped(Code code, std::int64_t server_version) {
  const Snapshot* s = current.load(std::memory_order_acquire);
  if (!s) {
    server_verdict = static_cast<int>(code);
    return;
  }
  std::lock_guard lock(mutex);
  std::int64_t& version = state.stopped[s->payload.license_id];
  version = std::max({version, s->payload.license_version, server_version});
  // A refusal that says only "not active" (a file fetch's 403) keeps the more precise code a
  // heartbeat gave for the same stop: a suspended license stays LICENSE_SUSPENDED.
  int& stored = state.stopped_codes[s->payload.license_id];
  const bool precise = stored == static_cast<int>(Code::kLicenseSuspended) ||
                       stored == static_cast<int>(Code::kLicenseRevoked);
  if (!(code == Code::kLicenseNotActive && precise)) stored = static_cast<int>(code);
  server_verdict = stored;
  SaveState();
}

Code Client::Impl::StoppedCode(const std::string& license_id) const {
  if (state.stopped.count(license_id) == 0) return Code::kValid;
  const auto code = state.stopped_codes.find(license_id);
  return code == state.stopped_codes.end() ? Code::kLicenseNotActive
                                           : RefusalOr(code->second, Code::kLicenseNotActive);
}

bool Client::Impl::Stopped(const Snapshot* s) const {
  return s && state.stopped.count(s->payload.license_id) > 0;
}

void Client::Impl::ForgetActivation(Code then) {
  std::lock_guard lock(mutex);
  const Snapshot* s = current.load(std::memory_order_acquire);
  if (!s) return;
  unlicensed = static_cast<int>(then);
  state.unlicensed = static_cast<int>(then);
  if (!s->payload.activation_id.empty()) {
    state.released.push_back(s->payload.activation_id);
    if (state.released.size() > ClientState::kMaxReleased)
      state.released.erase(state.released.begin());
  }
  current.store(nullptr, std::memory_order_release);  // the snapshot itself stays until freed
  ++forgotten;
  std::filesystem::remove(license_path);
  SaveState();
}

Code Client::Impl::Refresh() {
  NoteServerContact();
  const std::uint64_t before = forgotten.load();
  HttpReply reply = Request("GET", "/v1/client/license-file", nullptr,
                            {{"Authorization", "License " + config.license_code},
                             {"Licensor-Fingerprint", machine.fingerprint}});
  if (ForgottenSince(before)) return static_cast<Code>(unlicensed.load());
  if (reply.status != 200) return ServerProblem(reply);
  return Install(reply.body, true);
}

Code Client::Impl::AdoptBundleKeys(const std::string& bundle_text, std::string* license_file) {
  crypto::PublicKeys merged;
  {
    std::lock_guard lock(mutex);
    merged = keys;
  }
  const crypto::OpenedBundle opened = crypto::OpenBundle(bundle_text, merged);
  if (!opened.ok) {
    return Fail(FromFileCode(opened.code), "the bundle: " + opened.detail);
  }
  auto adopted = crypto::ReadPublicKeysDocument(opened.bundle.public_keys);
  if (!adopted.ok()) return Fail(Code::kBadPayload, adopted.status().message());
  for (const auto& [id, key] : *adopted) {
    auto& slot = merged[id];
    const bool retired = slot.retired || key.retired;  // a bundle never un-retires a key
    slot = key;
    slot.retired = retired;
  }
  {
    std::lock_guard lock(mutex);
    keys = std::move(merged);
  }
  if (license_file) *license_file = opened.bundle.license_file;
  return Code::kValid;
}

void Client::Impl::RequestRefresh() {
  if (std::chrono::steady_clock::now().time_since_epoch().count() <
      refresh_allowed_at.load(std::memory_order_relaxed)) {
    return;
  }
  if (refresh_wanted.exchange(true)) return;
  std::lock_guard lock(worker_mutex);
  StartWorker();
  worker_wake.notify_one();
}

void Client::Impl::ReportState() {
  StateListener copy;
  {
    std::lock_guard lock(hooks_mutex);
    copy = listener;
  }
  if (!copy) return;
  const Code now = Validate();
  const Code before = reported.exchange(now);
  if (now == before) return;
  Log(LogLevel::kInfo,
      std::string("state ") + std::string(CodeName(before)) + " -> " + std::string(CodeName(now)));
  copy(before, now);
}

void Client::Impl::StartWorker() {
  if (worker.joinable()) return;
  worker_stop = false;
  worker = std::thread([this] { WorkerLoop(); });
}

std::int64_t Client::Impl::HeartbeatInterval() const {
  const Snapshot* s = current.load(std::memory_order_acquire);
  return std::max<std::int64_t>(1, s && s->payload.heartbeat_interval_s
                                       ? *s->payload.heartbeat_interval_s
                                       : kDefaultHeartbeatS);
}

std::int64_t Client::Impl::HeartbeatAfter(std::int64_t last) const {
  const Snapshot* s = current.load(std::memory_order_acquire);
  return NextHeartbeatAt(last, HeartbeatInterval(), s ? s->payload.refresh_by : std::nullopt);
}

void Client::Impl::WorkerLoop() {
  std::unique_lock lock(worker_mutex);
  while (!worker_stop) {
    worker_wake.wait_for(lock, kWorkerTick, [&] { return worker_stop || refresh_wanted.load(); });
    if (worker_stop) break;
    lock.unlock();
    ReportState();
    lock.lock();
    if (worker_stop) break;
    const bool wanted = refresh_wanted.exchange(false);
    const bool beat = heartbeats;
    if (!wanted && !(beat && Now() >= next_heartbeat_at)) continue;
    lock.unlock();
    // A heartbeat fetches the file itself when it is due or the server has a newer one.
    const Code code = beat ? Client::HeartbeatOnceFor(*this) : Refresh();
    lock.lock();
    if (beat) {
      // A heartbeat that brought no good answer (the server out of reach, or refusing) is tried
      // again after a while, not at every tick once refresh-by has passed.
      const std::int64_t now = Now();
      next_heartbeat_at = code == Code::kValid
                              ? HeartbeatAfter(now)
                              : now + std::min(kHeartbeatRetryS, HeartbeatInterval());
    }
  }
}

// ---- Client ----

Client::Client(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}

Client::~Client() {
  impl_->StopWorker();
  // The latest time this run has seen becomes trusted for the next run's clock check.
  std::lock_guard lock(impl_->mutex);
  impl_->SaveState();
}

std::unique_ptr<Client> Client::Open(Config config, Code* error) {
  const auto fail = [&](Code code) {
    if (error) *error = code;
    return std::unique_ptr<Client>();
  };
  if (!crypto::Initialize()) return fail(Code::kIoError);
  // As the customer may have typed or pasted it: "lic-2345-..." is the code "LIC-2345-...".
  std::string typed_code = config.license_code;
  config.license_code = CanonicalLicenseCode(typed_code);
  if (config.data_dir.empty() || config.license_code.size() > 64 || config.product_id.empty() ||
      config.product_id.size() > 64) {
    return fail(Code::kInvalidArgument);
  }
  auto keys = crypto::ReadPublicKeysFile(config.public_keys_json);
  if (!keys.ok()) return fail(Code::kInvalidArgument);
  std::error_code ec;
  std::filesystem::create_directories(config.data_dir, ec);
  if (ec) return fail(Code::kIoError);
  ::chmod(config.data_dir.c_str(), 0700);

  auto impl = std::make_unique<Impl>(std::move(config));
  impl->typed_code = std::move(typed_code);
  impl->embedded_keys = *keys;
  impl->keys = std::move(*keys);
  if (impl->config.components) {
    impl->machine.components = *impl->config.components;
    impl->machine.fingerprint = FingerprintOf(impl->machine.components);
    const Fingerprint collected = CollectFingerprint();
    impl->machine.hostname = collected.hostname;
    impl->machine.platform = collected.platform;
    impl->machine.virtualization = collected.virtualization;
  } else {
    impl->machine = CollectFingerprint();
  }
  const std::string& dir = impl->config.data_dir;
  impl->license_path = dir + "/license.lic";
  impl->state_path = dir + "/state.json";
  impl->bundle_path = dir + "/bundle.lbundle";
  bool state_whole = false;
  impl->state = ReadClientState(impl->state_path, &state_whole);
  impl->latest_time = impl->state.trusted_time;
  if (impl->state.unlicensed != 0) {
    impl->unlicensed = static_cast<int>(RefusalOr(impl->state.unlicensed, Code::kNotActivated));
  }

  std::string text;
  // Keys adopted from a bundle are trusted only while that bundle still verifies.
  if (ReadFile(impl->bundle_path, text, 1 << 20)) impl->AdoptBundleKeys(text, nullptr);
  const bool installed =
      ReadFile(impl->license_path, text, 1 << 20) && impl->Install(text, false) == Code::kValid;
  auto client = std::unique_ptr<Client>(new Client(std::move(impl)));
  // A file without the state that goes with it (deleted, damaged) may be one released from this
  // machine, or of a stopped license: the server is asked at once, not at refresh-by.
  if (installed && !state_whole && !client->impl_->config.server_url.empty()) {
    client->impl_->RequestRefresh();
  }
  return client;
}

Code Client::Activate() {
  Impl& d = *impl_;
  if (d.config.license_code.empty()) return d.Fail(Code::kInvalidArgument, "no license code");
  const Json body = {{"code", d.config.license_code},        {"product_id", d.config.product_id},
                     {"fingerprint", d.machine.fingerprint}, {"components", d.machine.components},
                     {"hostname", d.machine.hostname},       {"platform", d.machine.platform}};
  const std::string text = body.dump();
  const HttpReply reply = d.Request("POST", "/v1/client/activate", &text);
  if (reply.status != 200 && reply.status != 201) return d.ServerProblem(reply);
  {
    // The server activated this machine (again): that activation's files are good here.
    const std::string activation = crypto::TextOr(Json::parse(reply.body, nullptr, false), "id");
    std::lock_guard lock(d.mutex);
    std::erase(d.state.released, activation);
  }
  return d.Refresh();
}

Code Client::Impl::Validate() {
  const Snapshot* s = current.load(std::memory_order_acquire);
  if (!s) return static_cast<Code>(unlicensed.load(std::memory_order_relaxed));
  const std::int64_t now = Now();
  const std::int64_t latest = latest_time.load(std::memory_order_relaxed);
  if (now + config.clock_tolerance_s < latest) return Code::kClockTampered;
  if (now > latest) latest_time.store(now, std::memory_order_relaxed);
  if (s->binding != Code::kValid) return s->binding;
  const int server = server_verdict.load(std::memory_order_relaxed);
  if (server != static_cast<int>(Code::kValid)) return static_cast<Code>(server);
  const Code code = TimeCode(s->payload, now);
  if ((code == Code::kOfflineGrace || code == Code::kRefreshRequired) &&
      !config.server_url.empty()) {
    RequestRefresh();  // past refresh-by: the SDK's thread fetches a fresh file
  }
  return code;
}

Code Client::Validate() { return impl_->Validate(); }

bool Client::HasFeature(std::string_view feature) {
  if (!IsValid(Validate())) return false;
  // Loaded after the verdict: a deactivation on another thread may have removed the file since.
  const Snapshot* s = impl_->current.load(std::memory_order_acquire);
  if (!s) return false;
  return std::binary_search(
      s->features.begin(), s->features.end(), feature,
      [](const auto& a, const auto& b) { return std::string_view(a) < std::string_view(b); });
}

Code Client::Deactivate() {
  Impl& d = *impl_;
  const Json body = {{"code", d.config.license_code}, {"fingerprint", d.machine.fingerprint}};
  const std::string text = body.dump();
  const HttpReply reply = d.Request("POST", "/v1/client/deactivate", &text);
  if (reply.status == 204 || reply.status == 404) {
    // 404: the server had released this machine already; the file goes all the same.
    d.ForgetActivation(Code::kNotActivated);
    std::lock_guard lock(d.mutex);
    d.Succeeded();
    return Code::kValid;
  }
  return d.ServerProblem(reply);
}

Code Client::DeactivateOffline(const std::string& proof_path) {
  Impl& d = *impl_;
  const Snapshot* s = d.current.load(std::memory_order_acquire);
  if (!s) return d.Fail(Code::kNotActivated, "no license file is loaded");
  const crypto::LicensePayload& p = s->payload;
  const std::string proof = crypto::WriteDeactivationProof(
      {p.license_id, p.activation_id, p.fingerprint, p.license_version, d.Now(), ""},
      p.license_code);
  if (!crypto::WriteSecretFile(proof_path, proof).ok()) {
    return d.Fail(Code::kIoError, "cannot write " + proof_path);
  }
  {
    // The slot is the vendor's to free now: a heartbeat would only fetch the file again.
    std::lock_guard lock(d.worker_mutex);
    d.heartbeats = false;
  }
  d.ForgetActivation(Code::kNotActivated);
  d.Log(LogLevel::kInfo,
        "deactivated license " + p.license_id + " offline; proof written to " + proof_path);
  std::lock_guard lock(d.mutex);
  d.Succeeded();
  return Code::kValid;
}

Code Client::LoadLicenseFile(const std::string& path) {
  std::string text;
  if (!ReadFile(path, text, 1 << 20)) return impl_->Fail(Code::kIoError, "cannot read " + path);
  return impl_->Install(text, true);
}

Code Client::ApplyBundle(const std::string& path) {
  Impl& d = *impl_;
  std::string text;
  if (!ReadFile(path, text, 1 << 20)) return d.Fail(Code::kIoError, "cannot read " + path);
  std::string license_file;
  crypto::PublicKeys before;
  {
    std::lock_guard lock(d.mutex);
    before = d.keys;
  }
  if (const Code code = d.AdoptBundleKeys(text, &license_file); code != Code::kValid) return code;
  const Code installed = d.Install(license_file, true);
  if (installed != Code::kValid) {
    std::lock_guard lock(d.mutex);
    d.keys = std::move(before);
    return installed;
  }
  if (!crypto::WriteSecretFile(d.bundle_path, text).ok())
    return d.Fail(Code::kIoError, "cannot write bundle");
  return Code::kValid;
}

Code Client::HeartbeatOnce() { return HeartbeatOnceFor(*impl_); }

Code Client::Refresh() { return impl_->Refresh(); }

Code Client::HeartbeatOnceFor(Impl& d) {
  d.NoteServerContact();
  const Json body = {{"code", d.config.license_code}, {"fingerprint", d.machine.fingerprint}};
  const std::string text = body.dump();
  const std::uint64_t before = d.forgotten.load();
  const HttpReply reply = d.Request("POST", "/v1/client/heartbeat", &text);
  if (d.ForgottenSince(before)) return static_cast<Code>(d.unlicensed.load());
  if (reply.status != 200) return d.ServerProblem(reply);
  const Json answer = Json::parse(reply.body, nullptr, false);
  const Snapshot* s = d.current.load(std::memory_order_acquire);
  const std::int64_t now = d.Now();
  const bool update = crypto::FlagOr(answer, "update_available");
  const std::string status = crypto::TextOr(answer, "status");
  if (status == "SUSPENDED" || status == "REVOKED") {
    // The vendor stopped the license: the product stops now, not at the file's refresh-by, and
    // stays stopped across restarts while the server is out of reach.
    const Code code = status == "SUSPENDED" ? Code::kLicenseSuspended : Code::kLicenseRevoked;
    const auto version = answer.find("version");
    d.RecordStopped(code, version != answer.end() && version->is_number_integer()
                              ? version->get<std::int64_t>()
                              : 0);
    return d.Fail(code, "the heartbeat's answer: the license is " + status);
  }
  // Fetch when the server has a newer version, or when the file nears its refresh-by time.
  const std::int64_t interval =
      s && s->payload.heartbeat_interval_s ? *s->payload.heartbeat_interval_s : kDefaultHeartbeatS;
  const bool due = !s || (s->payload.refresh_by && now + interval >= *s->payload.refresh_by);
  bool stopped;
  {
    std::lock_guard lock(d.mutex);
    stopped = d.Stopped(s);
  }
  // An answer that the license is active again is not signed; the file the server signs is.
  if (update || due || stopped) return d.Refresh();
  d.server_verdict = static_cast<int>(Code::kValid);
  std::lock_guard lock(d.mutex);
  d.Succeeded();
  d.SaveState();
  return Code::kValid;
}

void Client::StartHeartbeat() {
  Impl& d = *impl_;
  std::lock_guard lock(d.worker_mutex);
  if (d.heartbeats || d.config.server_url.empty()) return;
  d.heartbeats = true;
  d.next_heartbeat_at = d.HeartbeatAfter(d.Now());
  d.StartWorker();
  d.worker_wake.notify_one();
}

void Client::StopHeartbeat() {
  Impl& d = *impl_;
  {
    std::lock_guard lock(d.worker_mutex);
    d.heartbeats = false;
  }
  bool watched;
  {
    std::lock_guard lock(d.hooks_mutex);
    watched = static_cast<bool>(d.listener);
  }
  if (!watched) d.StopWorker();  // a state listener keeps the thread
}

void Client::Impl::StopWorker() {
  {
    std::lock_guard lock(worker_mutex);
    if (!worker.joinable()) return;
    worker_stop = true;
    worker_wake.notify_all();
  }
  http.Cancel();  // a request in flight ends now, not at its timeout
  worker.join();
  http.Resume();
  std::lock_guard lock(mutex);
  SaveState();
}

LicenseInfo Client::Info() const {
  LicenseInfo info;
  const Snapshot* s = impl_->current.load(std::memory_order_acquire);
  if (!s) return info;
  const auto& p = s->payload;
  info.loaded = true;
  info.license_id = p.license_id;
  info.product_name = p.product_name;
  info.customer_name = p.customer_name;
  info.mode = p.mode;
  info.version = p.license_version;
  info.expires_at = p.expires_at;
  info.refresh_by = p.refresh_by;
  info.heartbeat_interval_s = p.heartbeat_interval_s;
  info.trial = p.trial;
  if (p.expires_at) {
    info.expiry_grace_ends_at = *p.expires_at + p.expiry_grace_s;
    const std::int64_t left = *p.expires_at - impl_->Now();
    info.days_left = DaysLeft(left);
  }
  if (p.refresh_by) info.offline_grace_ends_at = *p.refresh_by + p.offline_grace_s;
  info.issued_at = p.issued_at;
  info.features = s->features;
  info.differing_components = s->differing;
  return info;
}

const Fingerprint& Client::MachineFingerprint() const { return impl_->machine; }

std::string Client::Detail() const {
  {
    std::lock_guard lock(impl_->mutex);
    if (impl_->failed != Code::kValid) return impl_->detail;
  }
  const Code code = impl_->Validate();
  const Snapshot* s = impl_->current.load(std::memory_order_acquire);
  if (code == Code::kFingerprintMismatch && s) return impl_->Message(code) + Changed(s->differing);
  return impl_->Message(code);
}

std::string Client::Cause() const {
  std::lock_guard lock(impl_->mutex);
  return impl_->cause;
}

std::string Client::Message(Code code) const { return impl_->Message(code); }

void Client::SetLogger(Logger logger) {
  std::lock_guard lock(impl_->hooks_mutex);
  impl_->logger = std::move(logger);
}

void Client::OnStateChange(StateListener listener) {
  Impl& d = *impl_;
  d.reported = d.Validate();  // changes from now on
  {
    std::lock_guard lock(d.hooks_mutex);
    d.listener = std::move(listener);
  }
  std::lock_guard lock(d.worker_mutex);
  d.StartWorker();
}

}  // namespace licensor::sdk
