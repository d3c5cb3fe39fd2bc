// Device day-cards (seed 002), the customers' side: a customer (or its superior, when allowed)
// locks, binds, unbinds, sells and returns cards, and sells or returns devices; every
// operation is recorded with who and when. Views are limited to the actor's subtree.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "common/clock.hpp"
#include "core/card_rules.hpp"
#include "core/store.hpp"

namespace licensor::core {

// Who acts: a token, and the customer it acts for (none for the vendor's own tokens, which see
// every customer).
struct CardActor {
  std::string token_id;
  std::optional<std::string> customer_id;
  std::string address;  // the client's, for the audit log
  Actor Who() const { return {token_id, address}; }
};

// Which cards a sale or return moves: a quantity the system picks, or a list.
struct CardSelection {
  std::optional<std::int64_t> quantity;
  std::vector<std::string> numbers;
};

class CardService {
 public:
  static constexpr std::int64_t kMaxBatch = 10000;

  CardService(Store& store, const Clock& clock) : store_(store), clock_(clock) {}

  // Views. `customer_id` narrows to one customer of the actor's subtree.
  Result<Page<Card>> ListCards(const CardActor& actor, CardFilter filter,
                               const std::optional<std::string>& customer_id,
                               const PageRequest& page);
  Result<Card> GetCard(const CardActor& actor, const std::string& number);
  // Cards counted by type and status, over the actor's subtree or one customer of it.
  Result<std::vector<CardCount>> CountCards(const CardActor& actor,
                                            const std::optional<std::string>& customer_id);
  Result<Page<CardRecord>> ListRecords(const CardActor& actor, CardRecordFilter filter,
                                       const std::optional<std::string>& customer_id,
                                       const PageRequest& page);
  Result<Page<Deduction>> ListDeductions(const CardActor& actor, DeductionFilter filter,
                                         const std::optional<std::string>& customer_id,
                                         const PageRequest& page);
  Result<Page<Device>> ListDevices(const CardActor& actor, DeviceFilter filter,
                                   const std::optional<std::string>& customer_id,
                                   const PageRequest& page);
  Result<Device> GetDevice(const CardActor& actor, const std::string& number);
  // The customers whose cards the actor sees: its subtree, itself first, a page at a time by
  // position (every customer, by creation, for the vendor's tokens).
  Result<Page<Customer>> ListCustomers(const CardActor& actor, const PageRequest& page);

  // Operations. Errors: kNotFound (also for what the actor may not see), kSuperiorNotAllowed,
  // kCardLocked, kModelMismatch, kConflict (wrong state), kNotEnoughCards, kInvalidField.
  Result<Card> Lock(const CardActor& actor, const std::string& number, bool locked);
  Result<Card> Bind(const CardActor& actor, const std::string& number,
                    const std::string& device_number);
  Result<Card> Unbind(const CardActor& actor, const std::string& number);
  // Moves cards of `from` (the actor's own when not given) to a direct sub-customer.
  Result<std::vector<Card>> Sell(const CardActor& actor, const std::optional<std::string>& from,
                                 const std::string& to, const CardSelection& selection);
  // Moves cards of `from` (the actor's own when not given) up to its superior.
  Result<std::vector<Card>> Return(const CardActor& actor, const std::optional<std::string>& from,
                                   const CardSelection& selection);
  // A device (with the cards bound to it) down to a direct sub-customer of its owner, or up to
  // its owner's superior (`to` empty).
  Result<Device> MoveDevice(const CardActor& actor, const std::string& number,
                            const std::optional<std::string>& to);

  // Only the customer's own administrator changes whether its superior may manage its cards.
  Result<Customer> SetAllowSuperior(const CardActor& actor, const std::string& customer_id,
                                    bool allow);

 private:
  Store& store_;
  const Clock& clock_;
};

}  // namespace licensor::core
