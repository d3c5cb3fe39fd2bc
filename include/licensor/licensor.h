/* Licensor client SDK, C ABI. Opaque handles and status returns; no function throws or aborts.
 * The codes and their meanings are those of licensor.hpp and never change. See docs/sdk.md. */
#ifndef LICENSOR_H
#define LICENSOR_H

#include <stddef.h>
#include <stdint.h>

#if defined(LICENSOR_SDK_BUILD)
#define LICENSOR_C_API __attribute__((visibility("default")))
#else
#define LICENSOR_C_API
#endif

#ifdef __cplusplus
extern "C" {
#endif

typedef enum licensor_code {
  LICENSOR_VALID = 0,
  LICENSOR_IN_GRACE_PERIOD = 1,
  LICENSOR_OFFLINE_GRACE = 2,
  LICENSOR_NOT_ACTIVATED = 10,
  LICENSOR_EXPIRED = 11,
  LICENSOR_NOT_YET_VALID = 12,
  LICENSOR_FINGERPRINT_MISMATCH = 13,
  LICENSOR_REFRESH_REQUIRED = 14,
  LICENSOR_CLOCK_TAMPERED = 15,
  LICENSOR_REPLAYED = 16,
  LICENSOR_FEATURE_MISSING = 17,
  LICENSOR_MALFORMED = 20,
  LICENSOR_UNSUPPORTED_VERSION = 21,
  LICENSOR_UNSUPPORTED_ALGORITHM = 22,
  LICENSOR_UNKNOWN_KEY = 23,
  LICENSOR_RETIRED_KEY = 24,
  LICENSOR_BAD_SIGNATURE = 25,
  LICENSOR_BAD_PAYLOAD = 26,
  LICENSOR_CANNOT_DECRYPT = 27,
  LICENSOR_WRONG_LICENSE = 28,
  LICENSOR_WRONG_PRODUCT = 29,
  LICENSOR_SERVER_UNREACHABLE = 30,
  LICENSOR_LICENSE_NOT_FOUND = 31,
  LICENSOR_LICENSE_NOT_ACTIVE = 32,
  LICENSOR_ACTIVATION_LIMIT_REACHED = 33,
  LICENSOR_SERVER_REFUSED = 34,
  LICENSOR_DEACTIVATED = 35,
  LICENSOR_RELEASED = 36,
  LICENSOR_LICENSE_SUSPENDED = 37,
  LICENSOR_LICENSE_REVOKED = 38,
  LICENSOR_INVALID_ARGUMENT = 40,
  LICENSOR_IO_ERROR = 41
} licensor_code;

typedef struct licensor_client licensor_client;

/* Set struct_size to sizeof(licensor_config). Fields added later go at the end: a program
 * built with an earlier licensor.h passes a smaller struct_size and gets their defaults. */
typedef struct licensor_config {
  size_t struct_size;
  const char* server_url;       /* NULL or "": offline only */
  const char* public_keys_json; /* the text of the vendor's public keys file */
  const char* license_code;
  const char* data_dir;
  int64_t clock_tolerance_s; /* 0: the default (600) */
  const char* product_id;    /* required: this product's id on the license server */
  /* Since 0.2. */
  long http_timeout_ms;        /* each request's connect and exchange limit; 0: 10000 */
  const char* components_json; /* NULL: this machine's; else {"name":"value",...} to use */
  const char* messages_json;   /* NULL: English; else {"NOT_ACTIVATED":"sentence",...} */
  const char* proxy_url;       /* NULL: libcurl's default (http_proxy, https_proxy) */
  const char* proxy_user;      /* with proxy_password: the proxy's credentials */
  const char* proxy_password;
  const char* ca_file;           /* NULL: the system's authorities; else a PEM file */
  const char* pinned_public_key; /* NULL: none; else "sha256//<base64>[;...]" */
} licensor_config;

/* "VALID", "CLOCK_TAMPERED", ...; and one sentence for people. Never NULL. */
LICENSOR_C_API const char* licensor_code_name(licensor_code code);
LICENSOR_C_API const char* licensor_code_message(licensor_code code);
LICENSOR_C_API int licensor_code_is_valid(licensor_code code);
/* 1 for NOT_ACTIVATED, RELEASED and ACTIVATION_LIMIT_REACHED: no license file here, and
   licensor_activate may succeed now. Since 0.2. */
LICENSOR_C_API int licensor_code_needs_activation(licensor_code code);

/* On success *out is a client to free with licensor_client_free. */
LICENSOR_C_API licensor_code licensor_client_open(const licensor_config* config,
                                                  licensor_client** out);
LICENSOR_C_API void licensor_client_free(licensor_client* client);

LICENSOR_C_API licensor_code licensor_activate(licensor_client* client);
LICENSOR_C_API licensor_code licensor_validate(licensor_client* client);
/* 1 when the license is valid and grants the feature, else 0. */
LICENSOR_C_API int licensor_has_feature(licensor_client* client, const char* feature);
LICENSOR_C_API licensor_code licensor_deactivate(licensor_client* client);
/* Offline deactivation: forgets the license file and writes a proof sealed with the license code
   to proof_path, for the vendor to upload to free this machine's slot. */
LICENSOR_C_API licensor_code licensor_deactivate_offline(licensor_client* client,
                                                         const char* proof_path);
LICENSOR_C_API licensor_code licensor_load_license_file(licensor_client* client, const char* path);
LICENSOR_C_API licensor_code licensor_apply_bundle(licensor_client* client, const char* path);
/* Heartbeats from the SDK's own thread, each a margin before the file's refresh-by. */
LICENSOR_C_API licensor_code licensor_start_heartbeat(licensor_client* client);
/* Stops the SDK's thread; a request in flight is abandoned at once. */
LICENSOR_C_API void licensor_stop_heartbeat(licensor_client* client);
/* One heartbeat now, on the caller's thread. */
LICENSOR_C_API licensor_code licensor_heartbeat_once(licensor_client* client);
/* Fetches and installs this machine's current license file now, waiting for the answer (at most
   http_timeout_ms to connect and as long for the exchange). licensor_validate never waits. */
LICENSOR_C_API licensor_code licensor_refresh(licensor_client* client);

/* The loaded license as a JSON object (see licensor_fingerprint for buf and the return):
 * loaded, license_id, product_name, customer_name, mode, version, features,
 * differing_components, heartbeat_interval_s, and the times in Unix seconds (null when none):
 * issued_at, expires_at, expiry_grace_ends_at, refresh_by, offline_grace_ends_at; days_left,
 * whole days until expiry (null when perpetual); and trial, true for a trial license (its
 * expires_at is the trial's end). {"loaded":false} when none is loaded. */
LICENSOR_C_API size_t licensor_license_info(licensor_client* client, char* buf, size_t size);
/* The loaded license's expiry: returns 1 and sets *expires_at, or 0 when perpetual or none. */
LICENSOR_C_API int licensor_expires_at(licensor_client* client, int64_t* expires_at);
/* Copies a NUL-terminated string into buf (at most size bytes). Returns the length the full
 * string needs, excluding the NUL, so a caller can retry with a larger buffer. */
LICENSOR_C_API size_t licensor_fingerprint(licensor_client* client, char* buf, size_t size);
/* This machine as the SDK reads it, as a JSON object (buf and the return as for
 * licensor_fingerprint): fingerprint, components (name to value), hostname, platform and
 * virtualization. A product that adds a component of its own passes these components with it
 * added as licensor_config.components_json. Needs no client. Since 0.2. */
LICENSOR_C_API size_t licensor_collect_machine(char* buf, size_t size);
/* A sentence for the product's user about the last failed call, or else the current state. */
LICENSOR_C_API size_t licensor_detail(licensor_client* client, char* buf, size_t size);
/* The technical cause behind it (the server's problem and HTTP status, the transport's error). */
LICENSOR_C_API size_t licensor_cause(licensor_client* client, char* buf, size_t size);

/* The SDK's log lines (level: 0 debug, 1 info, 2 warning, 3 error), never with a secret in
 * them; called on the thread that did the work. NULL stops them. */
typedef void (*licensor_log_callback)(int level, const char* message, void* user);
LICENSOR_C_API licensor_code licensor_set_logger(licensor_client* client,
                                                 licensor_log_callback callback, void* user);
/* Called on the SDK's own thread when what licensor_validate answers changes. NULL stops it. */
typedef void (*licensor_state_callback)(licensor_code previous, licensor_code current, void* user);
LICENSOR_C_API licensor_code licensor_on_state_change(licensor_client* client,
                                                      licensor_state_callback callback, void* user);

#ifdef __cplusplus
}
#endif

#endif /* LICENSOR_H */
