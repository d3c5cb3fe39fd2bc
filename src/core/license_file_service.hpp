// Signed license files from the server's side: the file an activated machine downloads, offline
// activation from a collected fingerprint, update bundles for hand delivery, and the signing keys.
#pragma once

#include <string>
#include <vector>

#include "common/clock.hpp"
#include "core/client_service.hpp"
#include "core/key_ring.hpp"
#include "core/store.hpp"
#include "crypto/deactivation_proof.hpp"
#include "crypto/fingerprint_request.hpp"

namespace licensor::core {

struct IssuedFile {
  Activation activation;
  License license;
  std::string file;      // armored license file text
  bool created = false;  // offline files: a new activation took a slot
};

class LicenseFileService {
 public:
  LicenseFileService(Store& store, const Clock& clock, KeyRing& keys, ClientService& client)
      : store_(store), clock_(clock), keys_(keys), client_(client) {}

  // The current file for an activated machine (code + exact fingerprint as the credential);
  // records that the machine now holds the license's version. Errors: kLicenseNotFound,
  // kNotActivated, kLicenseNotActive (suspended or revoked).
  Result<IssuedFile> ForMachine(const std::string& code, const std::string& fingerprint,
                                bool encrypt);

  // Offline activation: binds a file to the requested machine, taking an activation slot like
  // an online activation (or reusing the machine's own). Errors: kNotFound,
  // kOfflineNotAllowed (ONLINE policy), kActivationLimitReached, kLicenseNotActive.
  Result<IssuedFile> IssueOffline(const Actor& actor, const std::string& license_id,
                                  const crypto::FingerprintRequest& request, bool encrypt);

  // Offline deactivation: frees the slot of the machine that wrote `proof` when it gave up its
  // file. A proof is only the customer's word (anyone with the file can write one), so the
  // answer says how often the license, and this machine, were released that way before.
  // Errors: kNotFound (license), kInvalidDeactivationProof (of another license), kBadSignature
  // (not sealed with this license's code), kNotActivated (no such slot: released already).
  struct OfflineRelease {
    Activation released;
    std::int64_t earlier_of_license = 0;  // offline releases recorded before this one
    std::int64_t earlier_of_machine = 0;  // of them, of this machine (its fingerprint)
  };
  Result<OfflineRelease> ReleaseByProof(const Actor& actor, const std::string& license_id,
                                        const crypto::DeactivationProof& proof);

  // The audit action of an offline release, recorded on the license.
  static constexpr std::string_view kOfflineReleaseAction = "license.released_offline";

  // A signed bundle of the activation's current file, the public keys and a configuration
  // template. Errors: kNotFound.
  Result<std::string> Bundle(const Actor& actor, const std::string& license_id,
                             const std::string& activation_id, const std::string& server_url);

  std::vector<crypto::PublicKeyInfo> Keys() { return keys_.Keys(); }
  Result<crypto::PublicKeyInfo> RotateKey(const Actor& actor);
  Status RetireKey(const Actor& actor, const std::string& key_id);

 private:
  // Builds and signs the file for `activation`, and records the version it now holds.
  Result<std::string> IssueFor(StoreTx& tx, const License& license, Activation& activation,
                               bool encrypt, UnixSeconds now);
  // Fills `release`'s counts of the license's earlier offline releases, from its audit events.
  static Status CountOfflineReleases(StoreTx& tx, const std::string& license_id,
                                     const std::string& fingerprint, OfflineRelease& release);

  Store& store_;
  const Clock& clock_;
  KeyRing& keys_;
  ClientService& client_;
};

}  // namespace licensor::core
