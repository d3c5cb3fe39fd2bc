// The day-cards' part of a store transaction (seed 002): device models, card types, devices,
// cards, their records and the daily deduction.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/entities.hpp"
#include "core/store_basics.hpp"

namespace licensor::core {

// Device day-cards: filters of the card list, the records and the deductions. Customer lists
// limit a query to cards owned by (or records touching) one of those customers.
struct CardFilter {
  std::optional<std::vector<std::string>> customer_ids;
  std::optional<std::string> type_code;
  std::optional<std::string> number;
  std::optional<std::string> device_number;
  std::optional<std::int64_t> min_days;
  std::optional<std::int64_t> max_days;
  std::optional<UnixSeconds> activated_from;
  std::optional<UnixSeconds> activated_to;
  std::optional<std::string> status;  // UNUSED, INACTIVE, IN_USE, DEACTIVATED, EXPIRED
  std::optional<bool> locked;
  std::optional<bool> bound;
};

struct CardRecordFilter {
  std::optional<std::vector<std::string>> customer_ids;  // as sender or receiver
  std::optional<std::string> card_number;
  std::optional<std::string> type_code;
  std::optional<std::vector<std::string>> kinds;
  std::optional<UnixSeconds> since;
  std::optional<UnixSeconds> until;
};

// Devices, for the devices list and the device a card may be bound to.
struct DeviceFilter {
  std::optional<std::vector<std::string>> customer_ids;
  std::optional<std::vector<std::string>> models;  // any of these
  std::optional<std::string> number;
  std::optional<bool> blacklisted;
};

struct DeductionFilter {
  std::optional<std::vector<std::string>> customer_ids;
  std::optional<std::string> card_number;
  std::optional<std::string> device_number;
};

// Cards of one type in one status, for the statistics.
struct CardCount {
  std::string type_code;
  std::string status;
  std::int64_t cards = 0;
  std::int64_t available_days = 0;  // their sum
  std::int64_t under_30_days = 0;   // with 1 to 29 days left
  std::int64_t under_7_days = 0;    // with 1 to 6 days left
  std::int64_t paying = 0;          // paying for a device now: one per device drawing days
};

struct DeductionRun {
  std::int64_t deducted = 0;
  std::int64_t blacklisted = 0;
};

class CardsTx {
 public:
  virtual ~CardsTx() = default;

  virtual Status InsertDeviceModel(const DeviceModel& model) = 0;  // kConflict: name taken
  virtual Result<std::optional<DeviceModel>> GetDeviceModel(const std::string& name) = 0;
  virtual Result<Page<DeviceModel>> ListDeviceModels(const PageRequest& page) = 0;
  virtual Status InsertCardType(const CardType& type) = 0;  // kConflict: code taken
  virtual Result<std::optional<CardType>> GetCardType(const std::string& code) = 0;
  virtual Result<Page<CardType>> ListCardTypes(const PageRequest& page) = 0;
  virtual Status InsertDevice(const Device& device) = 0;  // kConflict: number taken
  virtual Status UpdateDevice(const Device& device) = 0;  // owner and blacklist, not usage
  virtual Result<std::optional<Device>> GetDevice(const std::string& number) = 0;
  virtual Result<Page<Device>> ListDevices(const DeviceFilter& filter, const PageRequest& page) = 0;
  virtual Status InsertCard(const Card& card) = 0;  // kConflict: number taken
  virtual Status UpdateCard(const Card& card) = 0;
  virtual Result<std::optional<Card>> GetCard(const std::string& number) = 0;
  virtual Result<Page<Card>> ListCards(const CardFilter& filter, const PageRequest& page) = 0;
  virtual Result<std::vector<CardCount>> CountCards(
      const std::optional<std::vector<std::string>>& customers) = 0;
  virtual Status InsertCardRecord(const CardRecord& record) = 0;
  virtual Result<Page<CardRecord>> ListCardRecords(const CardRecordFilter& filter,
                                                   const PageRequest& page) = 0;
  // The deduction run (seed 002), set-based: every device whose usage time has run out (only
  // `device_number` when given) pays one day from one bound card — the one activated earliest,
  // then bound-but-inactive cards — and gets one more period; a card's first deduction sets its
  // activation time. At most one deduction per device and period, whatever runs at once. A
  // device that has to pay and cannot is blacklisted: the job blacklists devices whose bound
  // cards have no day left, a device's own report (`device_number`) also one with no card.
  // The store keeps, for each device, which card pays next and the device's usage time on it
  // (storage/card_sql.hpp); InsertCard, UpdateCard and UpdateDevice keep that in step.
  virtual Result<DeductionRun> DeductDue(UnixSeconds now,
                                         const std::optional<std::string>& device_number) = 0;
  virtual Result<Page<Deduction>> ListDeductions(const DeductionFilter& filter,
                                                 const PageRequest& page) = 0;
};

}  // namespace licensor::core
