// Device day-cards (seed 002), the vendor's side and the devices': device models and card
// types, registering devices, issuing cards to customers and adding days, lifting blacklists;
// the device's data report, which pays for usage time when none is left; and the daily
// deduction run.
#pragma once

#include <mutex>
#include <shared_mutex>
#include <string>
#include <unordered_map>
#include <vector>

#include "common/clock.hpp"
#include "core/card_service.hpp"
#include "core/store.hpp"
#include "crypto/token_hasher.hpp"

namespace licensor::core {

struct RegisteredDevice {
  Device device;
  std::string credential;  // shown once; the store keeps only its keyed hash
};

struct ReportResult {
  UnixSeconds usage_until = 0;
  bool deducted = false;  // this report paid for a new period
};

class FleetService {
 public:
  FleetService(Store& store, const Clock& clock, const crypto::TokenHasher& hasher)
      : store_(store), clock_(clock), hasher_(hasher) {}

  Result<DeviceModel> CreateModel(const CardActor& actor, const std::string& name);
  Result<Page<DeviceModel>> ListModels(const PageRequest& page);
  // Errors: kInvalidField (no models, unknown model, max_days out of range), kConflict.
  Result<CardType> CreateType(const CardActor& actor, const std::string& code,
                              const std::string& name, const std::vector<std::string>& models,
                              std::int64_t max_days);
  Result<Page<CardType>> ListTypes(const PageRequest& page);
  // The types with these codes; unknown codes are left out.
  Result<std::vector<CardType>> TypesWithCodes(const std::vector<std::string>& codes);
  Result<RegisteredDevice> RegisterDevice(const CardActor& actor, const std::string& number,
                                          const std::string& model, const std::string& customer_id);
  Result<std::vector<Card>> IssueCards(const CardActor& actor, const std::string& type_code,
                                       const std::string& customer_id, std::int64_t quantity,
                                       std::int64_t days);
  // A purchase: `days` more on the card, up to its type's maximum.
  Result<Card> AddDays(const CardActor& actor, const std::string& number, std::int64_t days);
  Result<Device> LiftBlacklist(const CardActor& actor, const std::string& number);

  // Errors: kUnauthorized (unknown device or wrong credential), kDeviceBlacklisted (now or
  // because nothing could be deducted).
  // `memory_only`: answer only from devices known to have paid, else kWouldBlock (the server
  // then asks again off its network threads).
  Result<ReportResult> Report(const std::string& number, const std::string& credential,
                              bool memory_only = false);
  Result<DeductionRun> RunDeductions();

 private:
  // Devices known to have paid until a time. Nothing shortens paid usage time or blacklists a
  // device before it runs out (only a failed deduction does, and none is due before then), so
  // a report before that time needs no store read — on any node.
  struct PaidDevice {
    std::string credential_hash;
    UnixSeconds usage_until = 0;
  };
  static constexpr std::size_t kMaxPaidDevices = 1'000'000;
  void RememberPaid(const Device& device);

  Store& store_;
  const Clock& clock_;
  const crypto::TokenHasher& hasher_;
  std::shared_mutex paid_mutex_;
  std::unordered_map<std::string, PaidDevice> paid_;  // by device number
};

}  // namespace licensor::core
