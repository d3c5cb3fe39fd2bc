#include "core/fleet_service.hpp"

#include <algorithm>

#include "common/text.hpp"
#include "core/audit.hpp"
#include "core/serialize.hpp"
#include "crypto/random.hpp"

namespace licensor::core {
namespace {

constexpr std::int64_t kMaxCardDays = 36500;

constexpr std::size_t kMaxModelName = 100;

// A card type's code and a device's number are typed into devices and scripts, so they are one
// word of printable ASCII.
Status CheckToken(const std::string& value, const char* field, std::size_t max) {
  LICENSOR_RETURN_IF_ERROR(CheckTextLength(value, field, 1, max));
  if (!IsPrintableToken(value)) {
    return Status::InvalidField(std::string(field) +
                                " may hold letters, digits and punctuation (printable ASCII), "
                                "but no spaces");
  }
  return Status::Ok();
}

// A device model is named as its maker sells it ("Camera C200", in any script): any text but
// control characters, with no space at either end, where two names would look the same.
Status CheckModelName(const std::string& name) {
  LICENSOR_RETURN_IF_ERROR(CheckTextLength(name, "name", 1, kMaxModelName));
  const bool control = std::any_of(name.begin(), name.end(), [](char c) {
    return static_cast<unsigned char>(c) < 0x20 || c == 0x7f;
  });
  if (control || TrimBlanks(name) != name) {
    return Status::InvalidField(
        "name may hold letters, digits, punctuation and spaces between words, but no control "
        "characters and no space at either end");
  }
  return Status::Ok();
}

Status RequireModel(StoreTx& tx, const std::string& name) {
  LICENSOR_ASSIGN_OR_RETURN(const auto model, tx.GetDeviceModel(name));
  if (!model) return Status::InvalidField("no device model " + name);
  return Status::Ok();
}

Status Unauthorized() { return Status(ErrorCode::kUnauthorized, "unknown device or credential"); }

Status Blacklisted(const std::string& number) {
  return Status(ErrorCode::kDeviceBlacklisted,
                "device " + number +
                    " is blacklisted: it had no usage time and no card day to pay with; add days "
                    "or bind a card, then ask an administrator to lift the blacklist");
}

}  // namespace

Result<DeviceModel> FleetService::CreateModel(const CardActor& actor, const std::string& name) {
  LICENSOR_RETURN_IF_ERROR(CheckModelName(name));
  DeviceModel m{0, crypto::NewId("dmd"), name, clock_.Now()};
  LICENSOR_RETURN_IF_ERROR(store_.Write([&](StoreTx& tx) -> Status {
    LICENSOR_RETURN_IF_ERROR(
        AlreadyExistsOn(tx.InsertDeviceModel(m), "a device model named " + name + " exists"));
    return RecordEvent(tx, m.created_at, actor.Who(), "device_model.created", "device_model", m.id,
                       nullptr, Json{{"name", name}});
  }));
  return m;
}

Result<Page<DeviceModel>> FleetService::ListModels(const PageRequest& page) {
  return ReadValue<Page<DeviceModel>>(store_,
                                      [&](StoreTx& tx) { return tx.ListDeviceModels(page); });
}

Result<CardType> FleetService::CreateType(const CardActor& actor, const std::string& code,
                                          const std::string& name,
                                          const std::vector<std::string>& models,
                                          std::int64_t max_days) {
  LICENSOR_RETURN_IF_ERROR(CheckToken(code, "code", 40));
  LICENSOR_RETURN_IF_ERROR(CheckTextLength(name, "name", 1, kMaxNameLength));
  if (models.empty() || models.size() > 100)
    return Status::InvalidField("models must list 1 to 100 models");
  if (max_days < 1 || max_days > kMaxCardDays) {
    return Status::InvalidField("max_days must be 1 to 36500");
  }
  CardType t{0, crypto::NewId("ctp"), code, name, models, max_days, clock_.Now()};
  LICENSOR_RETURN_IF_ERROR(store_.Write([&](StoreTx& tx) -> Status {
    for (const auto& m : models) LICENSOR_RETURN_IF_ERROR(RequireModel(tx, m));
    LICENSOR_RETURN_IF_ERROR(
        AlreadyExistsOn(tx.InsertCardType(t), "a card type with code " + code + " exists"));
    return RecordEvent(tx, t.created_at, actor.Who(), "card_type.created", "card_type", t.id,
                       nullptr, Json{{"code", code}, {"models", models}, {"max_days", max_days}});
  }));
  return t;
}

Result<Page<CardType>> FleetService::ListTypes(const PageRequest& page) {
  return ReadValue<Page<CardType>>(store_, [&](StoreTx& tx) { return tx.ListCardTypes(page); });
}

Result<std::vector<CardType>> FleetService::TypesWithCodes(const std::vector<std::string>& codes) {
  return ReadValue<std::vector<CardType>>(
      store_, [&](StoreTx& tx) -> Result<std::vector<CardType>> {
        std::vector<CardType> types;
        for (const auto& code : codes) {
          LICENSOR_ASSIGN_OR_RETURN(auto type, tx.GetCardType(code));
          if (type) types.push_back(*std::move(type));
        }
        return types;
      });
}

Result<RegisteredDevice> FleetService::RegisterDevice(const CardActor& actor,
                                                      const std::string& number,
                                                      const std::string& model,
                                                      const std::string& customer_id) {
  LICENSOR_RETURN_IF_ERROR(CheckToken(number, "number", 64));
  RegisteredDevice r;
  r.credential = crypto::NewDeviceCredential();
  r.device = Device{0,           crypto::NewId("dev"), number,
                    model,       customer_id,          hasher_.Hash(r.credential),
                    false,       std::nullopt,         std::nullopt,
                    clock_.Now()};
  LICENSOR_RETURN_IF_ERROR(store_.Write([&](StoreTx& tx) -> Status {
    LICENSOR_RETURN_IF_ERROR(Require(tx.GetCustomer(customer_id), "customer").status());
    LICENSOR_RETURN_IF_ERROR(RequireModel(tx, model));
    LICENSOR_ASSIGN_OR_RETURN(const auto existing, tx.GetDevice(number));
    const std::string taken = "a device numbered " + number + " exists";
    if (existing) return Status(ErrorCode::kAlreadyExists, taken);
    LICENSOR_RETURN_IF_ERROR(AlreadyExistsOn(tx.InsertDevice(r.device), taken));
    return RecordEvent(tx, r.device.created_at, actor.Who(), "device.registered", "device", number,
                       nullptr, Json{{"model", model}, {"customer_id", customer_id}});
  }));
  return r;
}

Result<std::vector<Card>> FleetService::IssueCards(const CardActor& actor,
                                                   const std::string& type_code,
                                                   const std::string& customer_id,
                                                   std::int64_t quantity, std::int64_t days) {
  if (quantity < 1 || quantity > CardService::kMaxBatch) {
    return Status::InvalidField("quantity must be 1 to 10000");
  }
  std::vector<Card> issued;
  LICENSOR_RETURN_IF_ERROR(store_.Write([&](StoreTx& tx) -> Status {
    issued.clear();
    LICENSOR_ASSIGN_OR_RETURN(const auto type, Require(tx.GetCardType(type_code), "card type"));
    if (days < 1 || days > type.max_days) {
      return Status::InvalidField("days must be 1 to " + std::to_string(type.max_days) +
                                  " for card type " + type_code);
    }
    LICENSOR_RETURN_IF_ERROR(Require(tx.GetCustomer(customer_id), "customer").status());
    const UnixSeconds now = clock_.Now();
    for (std::int64_t i = 0; i < quantity; ++i) {
      Card c;
      c.id = crypto::NewId("crd");
      c.number = crypto::NewCardNumber();
      c.type_code = type_code;
      c.total_days = c.available_days = days;
      c.customer_id = customer_id;
      c.created_at = now;
      LICENSOR_RETURN_IF_ERROR(tx.InsertCard(c));
      LICENSOR_RETURN_IF_ERROR(tx.InsertCardRecord(
          CardRecord{0, crypto::NewId("crr"), c.number, c.type_code, "ISSUE", std::nullopt,
                     customer_id, std::nullopt, days, actor.token_id, now}));
      issued.push_back(std::move(c));
    }
    return Status::Ok();
  }));
  return issued;
}

Result<Card> FleetService::AddDays(const CardActor& actor, const std::string& number,
                                   std::int64_t days) {
  Card card;
  LICENSOR_RETURN_IF_ERROR(store_.Write([&](StoreTx& tx) -> Status {
    LICENSOR_ASSIGN_OR_RETURN(card, Require(tx.GetCard(number), "card"));
    LICENSOR_ASSIGN_OR_RETURN(const auto type,
                              Require(tx.GetCardType(card.type_code), "card type"));
    if (days < 1 || card.available_days + days > type.max_days) {
      return Status::InvalidField("days must be 1 to " +
                                  std::to_string(type.max_days - card.available_days) +
                                  ": a card of type " + type.code + " holds at most " +
                                  std::to_string(type.max_days) + " days");
    }
    card.total_days += days;
    card.available_days += days;
    LICENSOR_RETURN_IF_ERROR(tx.UpdateCard(card));
    return tx.InsertCardRecord(CardRecord{0, crypto::NewId("crr"), card.number, card.type_code,
                                          "PURCHASE", std::nullopt, card.customer_id,
                                          card.device_number, days, actor.token_id, clock_.Now()});
  }));
  return card;
}

Result<Device> FleetService::LiftBlacklist(const CardActor& actor, const std::string& number) {
  Device device;
  LICENSOR_RETURN_IF_ERROR(store_.Write([&](StoreTx& tx) -> Status {
    LICENSOR_ASSIGN_OR_RETURN(device, Require(tx.GetDevice(number), "device"));
    if (!device.blacklisted) return Status::Conflict("device " + number + " is not blacklisted");
    device.blacklisted = false;
    device.blacklisted_at.reset();
    LICENSOR_RETURN_IF_ERROR(tx.UpdateDevice(device));
    return RecordEvent(tx, clock_.Now(), actor.Who(), "device.blacklist_lifted", "device", number,
                       nullptr, nullptr);
  }));
  return device;
}

Result<ReportResult> FleetService::Report(const std::string& number, const std::string& credential,
                                          bool memory_only) {
  if (number.empty() || number.size() > 64 || credential.empty() || credential.size() > 256) {
    return Unauthorized();
  }
  const std::string hash = hasher_.Hash(credential);
  const UnixSeconds now = clock_.Now();
  {
    std::shared_lock lock(paid_mutex_);
    const auto it = paid_.find(number);
    if (it != paid_.end() && now < it->second.usage_until &&
        crypto::ConstantTimeEquals(it->second.credential_hash, hash)) {
      return ReportResult{it->second.usage_until, false};
    }
  }
  if (memory_only) return Status(ErrorCode::kWouldBlock, "the device's state is in the store");
  LICENSOR_ASSIGN_OR_RETURN(
      const auto device,
      ReadValue<std::optional<Device>>(store_, [&](StoreTx& tx) { return tx.GetDevice(number); }));
  if (!device || !crypto::ConstantTimeEquals(device->credential_hash, hash)) return Unauthorized();
  if (device->blacklisted) return Blacklisted(number);
  if (!cards::NeedsDeduction(device->usage_until, now)) {
    RememberPaid(*device);
    return ReportResult{*device->usage_until, false};
  }
  // No usage time left: pay for a period now, through the same run as the daily job.
  // Another report or the job may have paid meanwhile; the run then finds nothing due.
  std::optional<Device> after;
  DeductionRun run;
  LICENSOR_RETURN_IF_ERROR(store_.Write([&](StoreTx& tx) -> Status {
    LICENSOR_ASSIGN_OR_RETURN(run, tx.DeductDue(now, number));
    LICENSOR_ASSIGN_OR_RETURN(after, tx.GetDevice(number));
    return Status::Ok();
  }));
  if (!after || after->blacklisted) return Blacklisted(number);
  if (cards::NeedsDeduction(after->usage_until, now)) return Blacklisted(number);
  RememberPaid(*after);
  return ReportResult{*after->usage_until, run.deducted > 0};
}

void FleetService::RememberPaid(const Device& device) {
  if (!device.usage_until) return;
  std::unique_lock lock(paid_mutex_);
  if (paid_.size() >= kMaxPaidDevices) paid_.clear();  // bounded; refills from reports
  paid_[device.number] = PaidDevice{device.credential_hash, *device.usage_until};
}

Result<DeductionRun> FleetService::RunDeductions() {
  DeductionRun run;
  const UnixSeconds now = clock_.Now();
  LICENSOR_RETURN_IF_ERROR(store_.Write([&](StoreTx& tx) -> Status {
    LICENSOR_ASSIGN_OR_RETURN(run, tx.DeductDue(now, std::nullopt));
    return Status::Ok();
  }));
  return run;
}

}  // namespace licensor::core
