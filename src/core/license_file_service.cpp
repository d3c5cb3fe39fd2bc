// Issuing signed license files and bundles, and managing the keys that sign them.
#include "core/license_file_service.hpp"

#include "core/audit.hpp"
#include "core/serialize.hpp"
#include "crypto/bundle.hpp"
#include "crypto/license_file.hpp"
#include "crypto/public_keys_file.hpp"

namespace licensor::core {
namespace {

constexpr std::int64_t kDay = 86400;

// How long an online or hybrid file may go without reaching the server: the heartbeat interval
// when the policy has one, else a day (online) or thirty days (hybrid).
std::optional<UnixSeconds> RefreshBy(const Policy& policy, bool offline_activation,
                                     UnixSeconds now) {
  if (offline_activation || policy.deployment_mode == DeploymentMode::kOffline) return std::nullopt;
  const std::int64_t fallback =
      policy.deployment_mode == DeploymentMode::kOnline ? kDay : 30 * kDay;
  return now + policy.heartbeat_interval_s.value_or(fallback);
}

crypto::LicensePayload PayloadFor(const License& license, const Policy& policy,
                                  const Product& product, const Customer& customer,
                                  const Activation& activation, UnixSeconds now) {
  crypto::LicensePayload p;
  p.license_id = license.id;
  p.license_code = license.code;
  p.license_version = license.version;
  p.activation_id = activation.id;
  p.product_id = product.id;
  p.product_name = product.name;
  p.customer_id = customer.id;
  p.customer_name = customer.name;
  p.features = license.features;
  p.issued_at = now;
  p.not_before = license.created_at;
  p.expires_at = license.expires_at;
  p.expiry_grace_s = policy.expiry_grace_days * kDay;
  p.mode = std::string(ToString(policy.deployment_mode));
  p.fingerprint = activation.fingerprint;
  p.components = activation.components;
  p.rule = policy.fingerprint_rule;
  p.max_activations = license.max_activations;
  p.refresh_by = RefreshBy(policy, activation.offline, now);
  p.offline_grace_s = p.refresh_by ? policy.offline_grace_s.value_or(policy.heartbeat_grace_s) : 0;
  p.heartbeat_interval_s = activation.offline ? std::nullopt : policy.heartbeat_interval_s;
  p.trial = policy.trial;
  return p;
}

Status RefuseInactive(const License& license) {
  if (license.status == LicenseStatus::kSuspended || license.status == LicenseStatus::kRevoked) {
    return Status(ErrorCode::kLicenseNotActive,
                  "the license is " + std::string(ToString(license.status)));
  }
  return Status::Ok();
}

// The client configuration a bundle carries, in the TOML the example app documents. The URL
// was checked by the caller (no quotes or control characters), the code is from our alphabet.
std::string ConfigTemplate(const License& license, const std::string& server_url) {
  std::string text = "# Licensor client configuration for license " + license.id + "\n";
  text += "server_url = \"" + server_url + "\"\n";
  text += "license_code = \"" + license.code + "\"\n";
  text += "# where the client keeps its license file and state\n";
  text += "data_dir = \"/var/lib/licensed-app/license\"\n";
  return text;
}

}  // namespace

Result<std::string> LicenseFileService::IssueFor(StoreTx& tx, const License& license,
                                                 Activation& activation, bool encrypt,
                                                 UnixSeconds now) {
  LICENSOR_ASSIGN_OR_RETURN(const Policy policy,
                            Require(tx.GetPolicy(license.policy_id), "policy"));
  LICENSOR_ASSIGN_OR_RETURN(const Product product,
                            Require(tx.GetProduct(license.product_id), "product"));
  LICENSOR_ASSIGN_OR_RETURN(const Customer customer,
                            Require(tx.GetCustomer(license.customer_id), "customer"));
  if (activation.fetched_version != license.version) {
    activation.fetched_version = license.version;
    LICENSOR_RETURN_IF_ERROR(tx.UpdateActivation(activation));
  }
  const auto payload = PayloadFor(license, policy, product, customer, activation, now);
  return crypto::IssueLicenseFile(keys_.Current(), payload, crypto::IssueOptions{encrypt});
}

Result<IssuedFile> LicenseFileService::ForMachine(const std::string& code,
                                                  const std::string& fingerprint, bool encrypt) {
  IssuedFile issued;
  LICENSOR_RETURN_IF_ERROR(store_.Write([&](StoreTx& tx) -> Status {
    const UnixSeconds now = clock_.Now();
    LICENSOR_ASSIGN_OR_RETURN(auto license, tx.GetLicenseByCode(code));
    if (!license) return Status(ErrorCode::kLicenseNotFound, "no license has this code");
    LICENSOR_RETURN_IF_ERROR(RefuseInactive(*license));
    LICENSOR_ASSIGN_OR_RETURN(auto activation, tx.FindActivation(license->id, fingerprint));
    if (!activation) {
      return Status(ErrorCode::kNotActivated, "this machine is not activated with this license");
    }
    activation->state = ActivationState::kAlive;
    activation->last_seen_at = now;
    activation->fetched_version = license->version;  // the version the file below carries
    LICENSOR_RETURN_IF_ERROR(tx.UpdateActivation(*activation));
    LICENSOR_ASSIGN_OR_RETURN(issued.file, IssueFor(tx, *license, *activation, encrypt, now));
    issued.activation = std::move(*activation);
    issued.license = std::move(*license);
    return Status::Ok();
  }));
  return issued;
}

Result<IssuedFile> LicenseFileService::IssueOffline(const Actor& actor,
                                                    const std::string& license_id,
                                                    const crypto::FingerprintRequest& request,
                                                    bool encrypt) {
  std::string code;
  LICENSOR_RETURN_IF_ERROR(store_.Read([&](StoreTx& tx) -> Status {
    LICENSOR_ASSIGN_OR_RETURN(const License license, Require(tx.GetLicense(license_id), "license"));
    LICENSOR_ASSIGN_OR_RETURN(const Policy policy,
                              Require(tx.GetPolicy(license.policy_id), "policy"));
    if (policy.deployment_mode == DeploymentMode::kOnline) {
      return Status(ErrorCode::kOfflineNotAllowed,
                    "the license's policy is ONLINE: its machines must activate through the "
                    "server; use an OFFLINE or HYBRID policy for offline files");
    }
    code = license.code;
    return Status::Ok();
  }));
  // The same cap check and slot accounting as an online activation, in one write transaction.
  ActivateRequest activate{code,
                           request.fingerprint,
                           request.components,
                           request.hostname,
                           request.platform,
                           /*offline=*/true,
                           actor.address};
  LICENSOR_ASSIGN_OR_RETURN(const ActivateResult activated, client_.Activate(activate));

  IssuedFile issued;
  issued.created = activated.created;
  LICENSOR_RETURN_IF_ERROR(store_.Write([&](StoreTx& tx) -> Status {
    const UnixSeconds now = clock_.Now();
    LICENSOR_ASSIGN_OR_RETURN(issued.license, Require(tx.GetLicense(license_id), "license"));
    LICENSOR_ASSIGN_OR_RETURN(issued.activation,
                              Require(tx.GetActivation(activated.activation.id), "activation"));
    LICENSOR_ASSIGN_OR_RETURN(issued.file,
                              IssueFor(tx, issued.license, issued.activation, encrypt, now));
    return RecordEvent(tx, now, actor, "license_file.issued", "activation", issued.activation.id,
                       nullptr,
                       Json{{"license_id", license_id},
                            {"license_version", issued.license.version},
                            {"offline", true},
                            {"encrypted", encrypt}});
  }));
  return issued;
}

Result<LicenseFileService::OfflineRelease> LicenseFileService::ReleaseByProof(
    const Actor& actor, const std::string& license_id, const crypto::DeactivationProof& proof) {
  OfflineRelease release;
  LICENSOR_RETURN_IF_ERROR(store_.Write([&](StoreTx& tx) -> Status {
    LICENSOR_ASSIGN_OR_RETURN(const License license, Require(tx.GetLicense(license_id), "license"));
    if (proof.license_id != license.id) {
      return Status(ErrorCode::kInvalidDeactivationProof,
                    "the proof is of license " + proof.license_id + ", not " + license.id);
    }
    if (!crypto::SealMatches(proof, license.code)) {
      return Status(ErrorCode::kBadSignature,
                    "the proof is not sealed with this license's code: it was edited");
    }
    // The activation the machine's file named, still bound to that machine: an activation id is
    // never reused, so an old proof cannot free a later activation of the same machine.
    LICENSOR_ASSIGN_OR_RETURN(const auto activation, tx.GetActivation(proof.activation_id));
    if (!activation || activation->license_id != license.id ||
        activation->fingerprint != proof.fingerprint) {
      return Status(ErrorCode::kNotActivated,
                    "the machine of this proof holds no slot on the license: it was released "
                    "already");
    }
    release.released = *activation;
    LICENSOR_RETURN_IF_ERROR(CountOfflineReleases(tx, license.id, proof.fingerprint, release));
    LICENSOR_RETURN_IF_ERROR(tx.DeleteActivation(activation->id));
    // On the license's history, under the operator who uploaded it, with the machine it freed.
    return RecordEvent(tx, clock_.Now(), actor, std::string(kOfflineReleaseAction), "license",
                       license.id, ToJson(*activation, true), nullptr);
  }));
  return release;
}

Status LicenseFileService::CountOfflineReleases(StoreTx& tx, const std::string& license_id,
                                                const std::string& fingerprint,
                                                OfflineRelease& release) {
  // A page at a time: the work grows with this license's offline releases, which are few.
  const EventFilter filter{"license", license_id, {}, {}, std::string(kOfflineReleaseAction), {}};
  PageRequest page{0, 500};
  for (;;) {
    LICENSOR_ASSIGN_OR_RETURN(const auto events, tx.ListEvents(filter, page));
    for (const Event& e : events.items) {
      ++release.earlier_of_license;
      const Json freed = Json::parse(e.before, nullptr, false);
      if (freed.is_object() && freed.value("fingerprint", "") == fingerprint) {
        ++release.earlier_of_machine;
      }
    }
    if (!events.next_after_seq) return Status::Ok();
    page.after_seq = *events.next_after_seq;
  }
}

Result<std::string> LicenseFileService::Bundle(const Actor& actor, const std::string& license_id,
                                               const std::string& activation_id,
                                               const std::string& server_url) {
  std::string bundle;
  LICENSOR_RETURN_IF_ERROR(store_.Write([&](StoreTx& tx) -> Status {
    const UnixSeconds now = clock_.Now();
    LICENSOR_ASSIGN_OR_RETURN(const License license, Require(tx.GetLicense(license_id), "license"));
    LICENSOR_RETURN_IF_ERROR(RefuseInactive(license));
    LICENSOR_ASSIGN_OR_RETURN(auto activation, tx.GetActivation(activation_id));
    if (!activation || activation->license_id != license_id) {
      return Status::NotFound("the license has no activation " + activation_id);
    }
    crypto::Bundle b;
    LICENSOR_ASSIGN_OR_RETURN(b.license_file, IssueFor(tx, license, *activation, false, now));
    b.public_keys = crypto::PublicKeysDocument(keys_.Keys());
    b.config_template = ConfigTemplate(license, server_url);
    b.issued_at = now;
    bundle = crypto::IssueBundle(keys_.OldestActive(), b);
    return RecordEvent(tx, now, actor, "bundle.issued", "activation", activation_id, nullptr,
                       Json{{"license_id", license_id}, {"license_version", license.version}});
  }));
  return bundle;
}

Result<crypto::PublicKeyInfo> LicenseFileService::RotateKey(const Actor& actor) {
  return keys_.Rotate(actor);
}

Status LicenseFileService::RetireKey(const Actor& actor, const std::string& key_id) {
  return keys_.Retire(actor, key_id);
}

}  // namespace licensor::core
