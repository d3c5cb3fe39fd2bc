'use strict';
// Licensor client SDK for Node.js, over liblicensor's C ABI (licensor.h) with koffi.
//
// A product proves its license with it: activate once online (or load an offline license file),
// then ask validate() and hasFeature() as often as it likes; the answers come from a verified
// license file held in memory and never wait for the network. The calls that talk to the server
// return promises and run off the main thread, so the SDK's own thread can always reach the
// product's callbacks. Where the library is looked for: see libraryCandidates().

const fs = require('fs');
const path = require('path');
const koffi = require('koffi');

/** Every answer of the SDK, with the numbers of licensor.h (they never change). */
const Code = Object.freeze({
  VALID: 0, IN_GRACE_PERIOD: 1, OFFLINE_GRACE: 2,
  NOT_ACTIVATED: 10, EXPIRED: 11, NOT_YET_VALID: 12, FINGERPRINT_MISMATCH: 13,
  REFRESH_REQUIRED: 14, CLOCK_TAMPERED: 15, REPLAYED: 16, FEATURE_MISSING: 17,
  MALFORMED: 20, UNSUPPORTED_VERSION: 21, UNSUPPORTED_ALGORITHM: 22, UNKNOWN_KEY: 23,
  RETIRED_KEY: 24, BAD_SIGNATURE: 25, BAD_PAYLOAD: 26, CANNOT_DECRYPT: 27, WRONG_LICENSE: 28,
  WRONG_PRODUCT: 29, SERVER_UNREACHABLE: 30, LICENSE_NOT_FOUND: 31, LICENSE_NOT_ACTIVE: 32,
  ACTIVATION_LIMIT_REACHED: 33, SERVER_REFUSED: 34, DEACTIVATED: 35, RELEASED: 36,
  LICENSE_SUSPENDED: 37, LICENSE_REVOKED: 38, INVALID_ARGUMENT: 40, IO_ERROR: 41,
});
const codeNames = Object.fromEntries(Object.entries(Code).map(([name, n]) => [n, name]));

/** How much a log line of the SDK matters. */
const LogLevel = Object.freeze({ DEBUG: 0, INFO: 1, WARNING: 2, ERROR: 3 });

/** VALID, IN_GRACE_PERIOD and OFFLINE_GRACE: the product may run. */
function isValid(code) {
  return code === Code.VALID || code === Code.IN_GRACE_PERIOD || code === Code.OFFLINE_GRACE;
}

/**
 * NOT_ACTIVATED, RELEASED and ACTIVATION_LIMIT_REACHED: no license file here, and activate()
 * may succeed now (a slot may have been freed since the last refusal).
 */
function needsActivation(code) {
  return (
    code === Code.NOT_ACTIVATED || code === Code.RELEASED || code === Code.ACTIVATION_LIMIT_REACHED
  );
}

const LIBRARY = 'liblicensor.so.0';
const MULTIARCH = { x64: 'x86_64-linux-gnu', arm64: 'aarch64-linux-gnu' }[process.arch];

/**
 * Where liblicensor is looked for: $LICENSOR_LIBRARY alone when set; else the dynamic loader's
 * search (its cache, LD_LIBRARY_PATH), then the library directories of the prefix this package
 * was installed into (`npm install --global --prefix P` puts it in P/lib/node_modules), of
 * Node's own prefix, /usr/local and /usr: `cmake --install` puts the SDK there, and the loader
 * does not find it there until ldconfig has run.
 */
function libraryCandidates() {
  const named = process.env.LICENSOR_LIBRARY;
  if (named) return [named];
  const prefixes = [];
  if (path.basename(path.dirname(__dirname)) === 'node_modules') {
    prefixes.push(path.resolve(__dirname, '..', '..', '..'));
  }
  prefixes.push(path.resolve(path.dirname(process.execPath), '..'), '/usr/local', '/usr');
  const libdirs = ['lib', ...(MULTIARCH ? [path.join('lib', MULTIARCH)] : []), 'lib64'];
  const candidates = [LIBRARY];
  for (const prefix of new Set(prefixes)) {
    for (const libdir of libdirs) {
      const file = path.join(prefix, libdir, LIBRARY);
      if (!candidates.includes(file) && fs.existsSync(file)) candidates.push(file);
    }
  }
  return candidates;
}

function openLibrary() {
  const candidates = libraryCandidates();
  for (const candidate of candidates) {
    try {
      return koffi.load(candidate);
    } catch {
      // Not loadable there: try the next place.
    }
  }
  throw new Error(
    `${LIBRARY} was not found (tried: ${candidates.join(', ')}): install the SDK ` +
      '(cmake --install build --component sdk), run ldconfig, or set LICENSOR_LIBRARY to its path');
}

let native = null;
function library() {
  if (native) return native;
  const lib = openLibrary();
  const config = koffi.struct('licensor_config', {
    struct_size: 'size_t', server_url: 'const char*', public_keys_json: 'const char*',
    license_code: 'const char*', data_dir: 'const char*', clock_tolerance_s: 'int64_t',
    product_id: 'const char*', http_timeout_ms: 'long', components_json: 'const char*',
    messages_json: 'const char*', proxy_url: 'const char*', proxy_user: 'const char*',
    proxy_password: 'const char*', ca_file: 'const char*', pinned_public_key: 'const char*',
  });
  koffi.opaque('licensor_client');
  const log = koffi.proto('void licensor_log_callback(int level, const char* message, void* user)');
  const state = koffi.proto(
    'void licensor_state_callback(int previous, int current, void* user)');
  const f = (signature) => lib.func(signature);
  native = {
    config, log, state,
    codeName: f('const char* licensor_code_name(int code)'),
    codeMessage: f('const char* licensor_code_message(int code)'),
    open: f('int licensor_client_open(const licensor_config* config, _Out_ licensor_client** out)'),
    free: f('void licensor_client_free(licensor_client* client)'),
    activate: f('int licensor_activate(licensor_client* client)'),
    validate: f('int licensor_validate(licensor_client* client)'),
    hasFeature: f('int licensor_has_feature(licensor_client* client, const char* feature)'),
    deactivate: f('int licensor_deactivate(licensor_client* client)'),
    deactivateOffline: f('int licensor_deactivate_offline(licensor_client* client, const char* proof_path)'),
    loadLicenseFile: f('int licensor_load_license_file(licensor_client* client, const char* path)'),
    applyBundle: f('int licensor_apply_bundle(licensor_client* client, const char* path)'),
    refresh: f('int licensor_refresh(licensor_client* client)'),
    heartbeatOnce: f('int licensor_heartbeat_once(licensor_client* client)'),
    startHeartbeat: f('int licensor_start_heartbeat(licensor_client* client)'),
    stopHeartbeat: f('void licensor_stop_heartbeat(licensor_client* client)'),
    fingerprint: f('size_t licensor_fingerprint(licensor_client* client, _Out_ uint8_t* buf, size_t size)'),
    detail: f('size_t licensor_detail(licensor_client* client, _Out_ uint8_t* buf, size_t size)'),
    cause: f('size_t licensor_cause(licensor_client* client, _Out_ uint8_t* buf, size_t size)'),
    licenseInfo: f('size_t licensor_license_info(licensor_client* client, _Out_ uint8_t* buf, size_t size)'),
    collectMachine: f('size_t licensor_collect_machine(_Out_ uint8_t* buf, size_t size)'),
    setLogger: f('int licensor_set_logger(licensor_client* client, licensor_log_callback* callback, void* user)'),
    onStateChange: f('int licensor_on_state_change(licensor_client* client, licensor_state_callback* callback, void* user)'),
  };
  return native;
}

/** The English sentence for a code: what happened and what to do. */
function codeMessage(code) {
  return library().codeMessage(code);
}

/**
 * This machine as the SDK reads it: fingerprint, components (name to value), hostname, platform
 * and virtualization. To add a component of the product's own, pass
 * `components: { ...collectMachine().components, dongle: serial }` to the Client.
 */
function collectMachine() {
  const fn = library().collectMachine;
  const size = Number(fn(null, 0)) + 1;
  const buf = Buffer.alloc(size);
  fn(buf, size);
  return JSON.parse(buf.toString('utf8', 0, buf.indexOf(0)));
}

/** A client could not be opened: the configuration or the data directory is wrong. */
class LicensorError extends Error {
  constructor(code) {
    super(`${codeNames[code]}: ${codeMessage(code)}`);
    this.name = 'LicensorError';
    this.code = code;
  }
}

// A call run on a worker thread: the main thread stays free for the SDK's callbacks.
function inBackground(fn, ...args) {
  return new Promise((resolve, reject) =>
    fn.async(...args, (error, result) => (error ? reject(error) : resolve(result))));
}

/** One product's license on this machine, kept in `dataDir`. */
class Client {
  constructor(options) {
    const n = library();
    const json = (value) => (value === undefined || value === null ? null : JSON.stringify(value));
    const messages = options.messages
      ? Object.fromEntries(Object.entries(options.messages).map(([code, text]) => [codeNames[code] ?? code, text]))
      : null;
    const config = {
      struct_size: koffi.sizeof(n.config),
      server_url: options.serverUrl ?? '',
      public_keys_json: options.publicKeysJson,
      license_code: options.licenseCode ?? '',
      data_dir: options.dataDir,
      clock_tolerance_s: options.clockToleranceS ?? 0,
      product_id: options.productId,
      http_timeout_ms: options.httpTimeoutMs ?? 0,
      components_json: json(options.components),
      messages_json: json(messages),
      proxy_url: options.proxyUrl ?? null,
      proxy_user: options.proxyUser ?? null,
      proxy_password: options.proxyPassword ?? null,
      ca_file: options.caFile ?? null,
      pinned_public_key: options.pinnedPublicKey ?? null,
    };
    const out = [null];
    const code = n.open(config, out);
    if (code !== Code.VALID) throw new LicensorError(code);
    this._n = n;
    this._handle = out[0];
    this._registered = []; // callbacks handed to the library, released when the client is freed
  }

  _live() {
    if (!this._handle) throw new Error('the client is closed');
    return this._handle;
  }

  _string(fn) {
    const size = Number(fn(this._live(), null, 0)) + 1;
    const buf = Buffer.alloc(size);
    fn(this._live(), buf, size);
    return buf.toString('utf8', 0, buf.indexOf(0));
  }

  /** Activates this machine online, then downloads and installs its license file. */
  activate() { return inBackground(this._n.activate, this._live()); }
  /** The license's state now, from the file in hand; never waits for the network. */
  validate() { return this._n.validate(this._live()); }
  /** Whether the license is valid and grants `feature`. */
  hasFeature(feature) { return this._n.hasFeature(this._live(), feature) === 1; }
  /** Releases this machine's activation on the server and forgets the file. */
  deactivate() { return inBackground(this._n.deactivate, this._live()); }
  /** Offline deactivation: forgets the file and writes a proof to `proofPath` for the vendor to upload, which frees this machine's slot. */
  deactivateOffline(proofPath) { return this._n.deactivateOffline(this._live(), proofPath); }
  /** Installs a license file delivered by hand (offline activation). */
  loadLicenseFile(path) { return this._n.loadLicenseFile(this._live(), path); }
  /** Installs an offline update bundle: its public keys, then its license file. */
  applyBundle(path) { return this._n.applyBundle(this._live(), path); }
  /** Fetches this machine's current license file now. */
  refresh() { return inBackground(this._n.refresh, this._live()); }
  /** One heartbeat now. */
  heartbeatOnce() { return inBackground(this._n.heartbeatOnce, this._live()); }
  /** Heartbeats from the SDK's own thread, each a margin before the file's refresh-by. */
  startHeartbeat() { this._n.startHeartbeat(this._live()); }
  /** Stops the heartbeats. */
  stopHeartbeat() { return inBackground(this._n.stopHeartbeat, this._live()); }

  /** This machine's fingerprint, as the server and the license files know it. */
  get fingerprint() { return this._string(this._n.fingerprint); }
  /** A sentence for the user: the last failed call, or else the current state. */
  detail() { return this._string(this._n.detail); }
  /** The technical cause behind detail(), for logs and support. */
  cause() { return this._string(this._n.cause); }
  /** What the loaded license says; times are Unix seconds, null when there is none. */
  get info() {
    const raw = JSON.parse(this._string(this._n.licenseInfo));
    const camel = (name) => name.replace(/_([a-z])/g, (_, c) => c.toUpperCase());
    return Object.fromEntries(Object.entries(raw).map(([k, v]) => [camel(k), v]));
  }

  /** Gets the SDK's log lines (never with a secret in them); null stops them. */
  setLogger(logger) {
    const callback = logger
      ? koffi.register((level, message) => logger(level, message), koffi.pointer(this._n.log))
      : null;
    if (callback) this._registered.push(callback);
    this._n.setLogger(this._live(), callback, null);
  }

  /** Calls listener(previous, current) when validate()'s answer changes; null stops it. */
  onStateChange(listener) {
    const callback = listener
      ? koffi.register((previous, current) => listener(previous, current), koffi.pointer(this._n.state))
      : null;
    if (callback) this._registered.push(callback);
    this._n.onStateChange(this._live(), callback, null);
  }

  /** Stops the SDK's thread and frees the client (off the main thread, for its callbacks). */
  async close() {
    if (!this._handle) return;
    const handle = this._handle;
    this._handle = null;
    await inBackground(this._n.free, handle);
    for (const callback of this._registered) koffi.unregister(callback);
    this._registered = [];
  }
}

module.exports = { Code, LogLevel, Client, LicensorError, isValid, needsActivation, codeMessage, collectMachine, codeName: (c) => codeNames[c] };
