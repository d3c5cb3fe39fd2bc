// What a license file says: the payload schema inside the signed envelope, its canonical JSON
// form, and a strict reader. docs/license-format.md describes every field.
#pragma once

#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "common/clock.hpp"
#include "common/fingerprint_rule.hpp"
#include "common/status.hpp"
#include "common/validity_window.hpp"

namespace licensor::crypto {

inline constexpr int kLicensePayloadFormat = 1;

struct LicensePayload {
  std::string license_id;
  std::string license_code;
  std::int64_t license_version = 1;  // grows with every change; older files are replays
  std::string activation_id;         // the machine's activation this file was issued to
  std::string product_id;
  std::string product_name;
  std::string customer_id;
  std::string customer_name;
  std::vector<std::string> features;  // sorted, no repeats
  UnixSeconds issued_at = 0;
  UnixSeconds not_before = 0;
  std::optional<UnixSeconds> expires_at;  // nullopt: perpetual
  std::int64_t expiry_grace_s = 0;        // still usable this long after expires_at
  std::string mode;                       // "ONLINE", "OFFLINE" or "HYBRID"
  // The machine it is bound to: its fingerprint, its components, and the similarity rule.
  std::string fingerprint;
  Components components;
  FingerprintRule rule;
  int max_activations = 1;
  // Online and hybrid files: the client must reach the server by refresh_by, and may run
  // offline until refresh_by + offline_grace_s.
  std::optional<UnixSeconds> refresh_by;
  std::int64_t offline_grace_s = 0;
  std::optional<std::int64_t> heartbeat_interval_s;
  // Issued under a trial policy. Written only when true (format 1 readers before it still read
  // every paid file); a conversion to a paid policy brings a file without it.
  bool trial = false;
};

// The times the payload gives, for StandingAt.
inline ValidityWindow WindowOf(const LicensePayload& p) {
  return {p.not_before, p.expires_at, p.expiry_grace_s, p.refresh_by, p.offline_grace_s};
}

// The canonical JSON text of the payload (type "license").
std::string CanonicalLicensePayload(const LicensePayload& payload);

// Reads a payload document, refusing missing, unknown or ill-typed fields with a message naming
// the field. Errors: kInvalidField.
Result<LicensePayload> ReadLicensePayload(const nlohmann::json& document);

}  // namespace licensor::crypto
