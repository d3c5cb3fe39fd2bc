// The licensing part of a store transaction: licenses, their activations, and what validating
// one reads.
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/entities.hpp"
#include "core/store_basics.hpp"

namespace licensor::core {

struct LicenseFilter {
  std::optional<std::string> customer_id;
  std::optional<std::string> policy_id;
  std::optional<std::string> product_id;
  std::optional<LicenseStatus> status;
  std::optional<UnixSeconds> expires_by;  // licenses with an expiry at or before this time
  std::optional<std::string> code;        // the license with this code
};

// Which activations of a license to list; unset fields do not filter.
struct ActivationFilter {
  std::optional<bool> alive;
  std::optional<UnixSeconds> alive_since;  // with `alive`: core::AliveSince of the policy
  std::optional<bool> offline;
  std::optional<std::string> fingerprint;
  std::optional<std::string> hostname;
};

// What validation reads for one code and fingerprint. The license and policy are shared, not
// copied: a store's cache keeps one copy of each however many machines' views point to it.
struct ValidationView {
  std::shared_ptr<const License> license;
  std::shared_ptr<const Policy> policy;
  std::optional<Activation> activation;  // the activation with exactly this fingerprint
};

class LicensingTx {
 public:
  virtual ~LicensingTx() = default;

  // InsertLicense returns kConflict when the code is already taken.
  virtual Status InsertLicense(const License& license) = 0;
  virtual Status UpdateLicense(const License& license) = 0;
  virtual Status DeleteLicense(const std::string& id) = 0;
  virtual Result<std::optional<License>> GetLicense(const std::string& id) = 0;
  // Inside a write transaction this also locks the license row against concurrent writers, so
  // activation caps can be checked and enforced in one step.
  virtual Result<std::optional<License>> GetLicenseByCode(const std::string& code) = 0;
  virtual Result<Page<License>> ListLicenses(const LicenseFilter& filter,
                                             const PageRequest& page) = 0;
  virtual Result<std::int64_t> CountLicenses(const LicenseFilter& filter) = 0;
  // Every license by status, and the activations by state (ALIVE, DEAD): the dashboard's
  // figures, one grouped count each.
  virtual Result<std::map<std::string, std::int64_t>> CountLicensesByStatus() = 0;
  virtual Result<std::map<std::string, std::int64_t>> CountActivationsByState() = 0;
  // Active licenses whose expiry plus their policy's grace is before `now`.
  virtual Result<std::vector<License>> ListLicensesPastExpiry(UnixSeconds now, int limit) = 0;
  // Active licenses that end after `after` and at or before `until`, a page at a time.
  virtual Result<Page<License>> ListLicensesEnding(UnixSeconds after, UnixSeconds until,
                                                   const PageRequest& page) = 0;

  virtual Status InsertActivation(const Activation& activation) = 0;
  virtual Status UpdateActivation(const Activation& activation) = 0;
  virtual Status DeleteActivation(const std::string& id) = 0;
  virtual Result<std::optional<Activation>> GetActivation(const std::string& id) = 0;
  virtual Result<std::optional<Activation>> FindActivation(const std::string& license_id,
                                                           const std::string& fingerprint) = 0;
  // A page of the license's activations in the order they were made.
  virtual Result<Page<Activation>> ListActivationPage(const std::string& license_id,
                                                      const ActivationFilter& filter,
                                                      const PageRequest& page) = 0;
  // Ids of at most `limit` activations of the license whose component `name` has `value`, from
  // an index kept with the activations: finding a machine with a replaced part costs
  // O(components x limit), never O(activations).
  virtual Result<std::vector<std::string>> FindActivationsWithComponent(
      const std::string& license_id, const std::string& name, const std::string& value,
      int limit) = 0;
  // Alive activations whose last heartbeat is older than their policy's interval plus grace.
  virtual Result<std::vector<Activation>> ListOverdueActivations(UnixSeconds now, int limit) = 0;

  // The validation hot path: the license with `code`, its policy, and (when `fingerprint` is
  // given) the activation holding it; null when no license has the code. A store may serve it
  // from a cache, which must never return data older than the last committed write.
  virtual Result<std::shared_ptr<const ValidationView>> GetValidationView(
      const std::string& code, const std::optional<std::string>& fingerprint) = 0;
};

}  // namespace licensor::core
