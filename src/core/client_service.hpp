// The client API's use cases: the license code is the credential.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "common/clock.hpp"
#include "common/fingerprint_rule.hpp"
#include "core/store.hpp"
#include "core/validation.hpp"

namespace licensor::core {

// The most components a client may present for one machine.
inline constexpr std::size_t kMaxComponentsPresented = 16;

struct ActivateRequest {
  std::string code;
  std::string fingerprint;
  Components components;
  std::string hostname;
  std::string platform;
  bool offline = false;      // by an offline license file issued from a collected fingerprint
  std::string address = {};  // the client's, for the audit log
  // The product the client was built for (the SDK's Config::product_id); empty: not checked.
  std::string product_id = {};
};

struct ActivateResult {
  Activation activation;
  License license;
  bool created = false;  // false: this machine was already activated and used no new slot
};

struct ValidateRequest {
  std::string code;
  std::optional<std::string> fingerprint;
  Components components;
  std::vector<std::string> features;
};

struct ValidateResult {
  Verdict verdict;
  std::shared_ptr<const ValidationView> view;  // null when no license has the code
};

struct HeartbeatResult {
  License license;
  bool update_available = false;
  std::optional<std::int64_t> next_heartbeat_in;
};

class ClientService {
 public:
  ClientService(Store& store, const Clock& clock) : store_(store), clock_(clock) {}

  // Errors: kLicenseNotFound, kLicenseNotActive (suspended, revoked, expired), kInvalidField,
  // kActivationLimitReached. The cap check and the insert share one write transaction.
  Result<ActivateResult> Activate(const ActivateRequest& request);
  // With `may_wait` false (a network thread) it answers only from what the store holds in
  // memory, and kWouldBlock when it would have to wait for the database.
  Result<ValidateResult> Validate(const ValidateRequest& request, bool may_wait = true);
  // Errors: kLicenseNotFound, kNotActivated.
  // `address` is the client's, for the audit log.
  Result<HeartbeatResult> Heartbeat(const std::string& code, const std::string& fingerprint,
                                    const std::string& address);
  Status Deactivate(const std::string& code, const std::string& fingerprint,
                    const std::string& address);

 private:
  Store& store_;
  const Clock& clock_;
};

}  // namespace licensor::core
