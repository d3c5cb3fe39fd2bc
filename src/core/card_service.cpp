#include "core/card_service.hpp"

#include <algorithm>

#include "core/audit.hpp"
#include "core/customer_scope.hpp"
#include "core/serialize.hpp"
#include "crypto/random.hpp"

namespace licensor::core {
namespace {

// The card operations' names for the hierarchy's rules (customer_scope.hpp), from an actor.
Result<cards::Access> AccessOf(StoreTx& tx, const CardActor& actor, const std::string& owner) {
  return CustomerAccess(tx, actor.customer_id, owner);
}

Result<CustomerScope> Scope(StoreTx& tx, const CardActor& actor) {
  return ScopeOf(tx, actor.customer_id);
}

// Manage access, or why not: what the actor may not see is not found; what it may only see is
// refused with the sub-customer's setting named.
Status RequireManage(StoreTx& tx, const CardActor& actor, const std::string& owner,
                     const char* what) {
  LICENSOR_ASSIGN_OR_RETURN(const auto access, AccessOf(tx, actor, owner));
  if (access == cards::Access::kNone) return Status::NotFound(std::string(what) + " not found");
  if (access == cards::Access::kView) {
    return Status(ErrorCode::kSuperiorNotAllowed,
                  "customer " + owner +
                      " does not allow its superior to manage its licenses "
                      "(allow_superior_manage_licenses is off)");
  }
  return Status::Ok();
}

Result<Card> VisibleCard(StoreTx& tx, const CardActor& actor, const std::string& number) {
  LICENSOR_ASSIGN_OR_RETURN(const auto card, Require(tx.GetCard(number), "card"));
  LICENSOR_ASSIGN_OR_RETURN(const auto access, AccessOf(tx, actor, card.customer_id));
  if (access == cards::Access::kNone) return Status::NotFound("card not found");
  return card;
}

Status Record(StoreTx& tx, const CardActor& actor, const Card& card, const char* kind,
              UnixSeconds now, std::optional<std::string> from, std::optional<std::string> to,
              std::optional<std::string> device = std::nullopt) {
  return tx.InsertCardRecord(CardRecord{0, crypto::NewId("crd"), card.number, card.type_code, kind,
                                        std::move(from), std::move(to), std::move(device),
                                        std::nullopt, actor.token_id, now});
}

// A card that may change owner by sale or return: not locked, not bound, with days left.
Status Movable(const Card& card) {
  if (card.locked) return Status(ErrorCode::kCardLocked, "card " + card.number + " is locked");
  if (card.device_number) {
    return Status::Conflict("card " + card.number + " is bound to device " + *card.device_number +
                            "; unbind it first");
  }
  if (card.available_days <= 0) return Status::Conflict("card " + card.number + " has no day left");
  return Status::Ok();
}

// The cards a sale or return moves, all owned by `owner` and movable.
Result<std::vector<Card>> Select(StoreTx& tx, const std::string& owner, const CardSelection& s) {
  const bool by_quantity = s.quantity.has_value();
  if (by_quantity == !s.numbers.empty()) {
    return Status::InvalidField("give either quantity or numbers");
  }
  const std::int64_t count = by_quantity ? *s.quantity : std::int64_t(s.numbers.size());
  if (count < 1 || count > CardService::kMaxBatch) {
    return Status::InvalidField("a batch moves 1 to 10000 cards");
  }
  std::vector<Card> out;
  if (by_quantity) {
    CardFilter eligible;
    eligible.customer_ids = std::vector<std::string>{owner};
    eligible.locked = false;
    eligible.bound = false;
    eligible.min_days = 1;
    PageRequest page{0, kMaxPageSize};
    while (std::int64_t(out.size()) < count) {
      page.limit = int(std::min<std::int64_t>(kMaxPageSize, count - std::int64_t(out.size())));
      LICENSOR_ASSIGN_OR_RETURN(auto found, tx.ListCards(eligible, page));
      for (auto& c : found.items) out.push_back(std::move(c));
      if (!found.next_after_seq) break;
      page.after_seq = *found.next_after_seq;
    }
    if (std::int64_t(out.size()) < count) {
      return Status(ErrorCode::kNotEnoughCards, "asked for " + std::to_string(count) + " cards; " +
                                                    std::to_string(out.size()) +
                                                    " are unlocked, unbound and have days left");
    }
    return out;
  }
  for (const auto& number : s.numbers) {
    LICENSOR_ASSIGN_OR_RETURN(auto card, Require(tx.GetCard(number), "card"));
    if (card.customer_id != owner) return Status::NotFound("card " + number + " not found");
    if (std::any_of(out.begin(), out.end(), [&](const Card& c) { return c.number == number; })) {
      return Status::InvalidField("card " + number + " is listed twice");
    }
    LICENSOR_RETURN_IF_ERROR(Movable(card));
    out.push_back(std::move(card));
  }
  return out;
}

}  // namespace

Result<Page<Card>> CardService::ListCards(const CardActor& actor, CardFilter filter,
                                          const std::optional<std::string>& customer_id,
                                          const PageRequest& page) {
  return ReadValue<Page<Card>>(store_, [&](StoreTx& tx) -> Result<Page<Card>> {
    LICENSOR_ASSIGN_OR_RETURN(auto scope, Scope(tx, actor));
    LICENSOR_ASSIGN_OR_RETURN(filter.customer_ids, Narrow(tx, std::move(scope), customer_id));
    return tx.ListCards(filter, page);
  });
}

Result<std::vector<CardCount>> CardService::CountCards(
    const CardActor& actor, const std::optional<std::string>& customer_id) {
  return ReadValue<std::vector<CardCount>>(
      store_, [&](StoreTx& tx) -> Result<std::vector<CardCount>> {
        LICENSOR_ASSIGN_OR_RETURN(auto scope, Scope(tx, actor));
        LICENSOR_ASSIGN_OR_RETURN(scope, Narrow(tx, std::move(scope), customer_id));
        return tx.CountCards(scope);
      });
}

Result<Page<Customer>> CardService::ListCustomers(const CardActor& actor, const PageRequest& page) {
  return ReadValue<Page<Customer>>(store_, [&](StoreTx& tx) -> Result<Page<Customer>> {
    if (!actor.customer_id) return tx.ListCustomers(std::nullopt, page);
    // The cursor counts customers of the subtree, which is read whole for every card view too.
    LICENSOR_ASSIGN_OR_RETURN(const auto subtree, Subtree(tx, *actor.customer_id));
    const std::size_t from = std::min(
        subtree.size(), static_cast<std::size_t>(std::max<std::int64_t>(0, page.after_seq)));
    const std::size_t to = std::min(subtree.size(), from + static_cast<std::size_t>(page.limit));
    Page<Customer> out;
    for (std::size_t i = from; i < to; ++i) {
      LICENSOR_ASSIGN_OR_RETURN(auto customer, Require(tx.GetCustomer(subtree[i]), "customer"));
      out.items.push_back(std::move(customer));
    }
    if (to < subtree.size()) out.next_after_seq = static_cast<std::int64_t>(to);
    return out;
  });
}

Result<Card> CardService::GetCard(const CardActor& actor, const std::string& number) {
  return ReadValue<Card>(store_, [&](StoreTx& tx) { return VisibleCard(tx, actor, number); });
}

Result<Page<CardRecord>> CardService::ListRecords(const CardActor& actor, CardRecordFilter filter,
                                                  const std::optional<std::string>& customer_id,
                                                  const PageRequest& page) {
  return ReadValue<Page<CardRecord>>(store_, [&](StoreTx& tx) -> Result<Page<CardRecord>> {
    LICENSOR_ASSIGN_OR_RETURN(auto scope, Scope(tx, actor));
    LICENSOR_ASSIGN_OR_RETURN(filter.customer_ids, Narrow(tx, std::move(scope), customer_id));
    return tx.ListCardRecords(filter, page);
  });
}

Result<Page<Deduction>> CardService::ListDeductions(const CardActor& actor, DeductionFilter filter,
                                                    const std::optional<std::string>& customer_id,
                                                    const PageRequest& page) {
  return ReadValue<Page<Deduction>>(store_, [&](StoreTx& tx) -> Result<Page<Deduction>> {
    LICENSOR_ASSIGN_OR_RETURN(auto scope, Scope(tx, actor));
    LICENSOR_ASSIGN_OR_RETURN(filter.customer_ids, Narrow(tx, std::move(scope), customer_id));
    return tx.ListDeductions(filter, page);
  });
}

Result<Page<Device>> CardService::ListDevices(const CardActor& actor, DeviceFilter filter,
                                              const std::optional<std::string>& customer_id,
                                              const PageRequest& page) {
  return ReadValue<Page<Device>>(store_, [&](StoreTx& tx) -> Result<Page<Device>> {
    LICENSOR_ASSIGN_OR_RETURN(auto scope, Scope(tx, actor));
    LICENSOR_ASSIGN_OR_RETURN(filter.customer_ids, Narrow(tx, std::move(scope), customer_id));
    return tx.ListDevices(filter, page);
  });
}

Result<Device> CardService::GetDevice(const CardActor& actor, const std::string& number) {
  return ReadValue<Device>(store_, [&](StoreTx& tx) -> Result<Device> {
    LICENSOR_ASSIGN_OR_RETURN(const auto device, Require(tx.GetDevice(number), "device"));
    LICENSOR_ASSIGN_OR_RETURN(const auto access, AccessOf(tx, actor, device.customer_id));
    if (access == cards::Access::kNone) return Status::NotFound("device not found");
    return device;
  });
}

Result<Card> CardService::Lock(const CardActor& actor, const std::string& number, bool locked) {
  Card card;
  LICENSOR_RETURN_IF_ERROR(store_.Write([&](StoreTx& tx) -> Status {
    LICENSOR_ASSIGN_OR_RETURN(card, VisibleCard(tx, actor, number));
    LICENSOR_RETURN_IF_ERROR(RequireManage(tx, actor, card.customer_id, "card"));
    const auto status = cards::StatusOf(card.device_number.has_value(),
                                        card.activated_at.has_value(), card.available_days);
    if (locked && status != cards::CardStatus::kUnused) {
      return Status::Conflict("only UNUSED cards can be locked; card " + number + " is " +
                              std::string(cards::ToString(status)));
    }
    if (card.locked == locked) {
      return Status::Conflict(std::string("card ") + number +
                              (locked ? " is locked already" : " is not locked"));
    }
    card.locked = locked;
    LICENSOR_RETURN_IF_ERROR(tx.UpdateCard(card));
    return Record(tx, actor, card, locked ? "LOCK" : "UNLOCK", clock_.Now(), card.customer_id,
                  std::nullopt);
  }));
  return card;
}

Result<Card> CardService::Bind(const CardActor& actor, const std::string& number,
                               const std::string& device_number) {
  Card card;
  LICENSOR_RETURN_IF_ERROR(store_.Write([&](StoreTx& tx) -> Status {
    const UnixSeconds now = clock_.Now();
    LICENSOR_ASSIGN_OR_RETURN(card, VisibleCard(tx, actor, number));
    LICENSOR_RETURN_IF_ERROR(RequireManage(tx, actor, card.customer_id, "card"));
    LICENSOR_RETURN_IF_ERROR(Movable(card));
    LICENSOR_ASSIGN_OR_RETURN(const auto device, Require(tx.GetDevice(device_number), "device"));
    // The device must be the card owner's or a sub-customer's of it (the card then follows).
    LICENSOR_ASSIGN_OR_RETURN(const auto device_superiors, Superiors(tx, device.customer_id));
    const bool below = std::find(device_superiors.begin(), device_superiors.end(),
                                 card.customer_id) != device_superiors.end();
    if (device.customer_id != card.customer_id && !below) {
      return Status::NotFound("device not found");
    }
    LICENSOR_ASSIGN_OR_RETURN(const auto type,
                              Require(tx.GetCardType(card.type_code), "card type"));
    if (std::find(type.models.begin(), type.models.end(), device.model) == type.models.end()) {
      return Status(ErrorCode::kModelMismatch, "card type " + type.code + " is for models " +
                                                   Json(type.models).dump() + ", not " +
                                                   device.model);
    }
    const std::string owner = card.customer_id;
    card.device_number = device.number;
    card.bound_at = now;
    if (below) card.customer_id = device.customer_id;  // a superior's card goes with the binding
    LICENSOR_RETURN_IF_ERROR(tx.UpdateCard(card));
    if (below) {
      LICENSOR_RETURN_IF_ERROR(
          Record(tx, actor, card, "TRANSFER", now, owner, device.customer_id, device.number));
    }
    return Record(tx, actor, card, "BIND", now, card.customer_id, std::nullopt, device.number);
  }));
  return card;
}

Result<Card> CardService::Unbind(const CardActor& actor, const std::string& number) {
  Card card;
  LICENSOR_RETURN_IF_ERROR(store_.Write([&](StoreTx& tx) -> Status {
    LICENSOR_ASSIGN_OR_RETURN(card, VisibleCard(tx, actor, number));
    LICENSOR_RETURN_IF_ERROR(RequireManage(tx, actor, card.customer_id, "card"));
    if (!card.device_number) return Status::Conflict("card " + number + " is not bound");
    const std::string device = *card.device_number;
    card.device_number.reset();
    card.bound_at.reset();
    LICENSOR_RETURN_IF_ERROR(tx.UpdateCard(card));
    return Record(tx, actor, card, "UNBIND", clock_.Now(), card.customer_id, std::nullopt, device);
  }));
  return card;
}

Result<std::vector<Card>> CardService::Sell(const CardActor& actor,
                                            const std::optional<std::string>& from,
                                            const std::string& to, const CardSelection& selection) {
  std::vector<Card> moved;
  LICENSOR_RETURN_IF_ERROR(store_.Write([&](StoreTx& tx) -> Status {
    const std::string owner = from.value_or(actor.customer_id.value_or(""));
    LICENSOR_RETURN_IF_ERROR(RequireManage(tx, actor, owner, "customer"));
    LICENSOR_ASSIGN_OR_RETURN(const auto buyer, Require(tx.GetCustomer(to), "customer"));
    if (buyer.parent_id != owner) {
      return Status::InvalidField("cards are sold to a direct sub-customer of " + owner);
    }
    LICENSOR_ASSIGN_OR_RETURN(moved, Select(tx, owner, selection));
    const UnixSeconds now = clock_.Now();
    for (Card& c : moved) {
      c.customer_id = to;
      LICENSOR_RETURN_IF_ERROR(tx.UpdateCard(c));
      LICENSOR_RETURN_IF_ERROR(Record(tx, actor, c, "SALE", now, owner, to));
    }
    return Status::Ok();
  }));
  return moved;
}

Result<std::vector<Card>> CardService::Return(const CardActor& actor,
                                              const std::optional<std::string>& from,
                                              const CardSelection& selection) {
  std::vector<Card> moved;
  LICENSOR_RETURN_IF_ERROR(store_.Write([&](StoreTx& tx) -> Status {
    const std::string owner = from.value_or(actor.customer_id.value_or(""));
    LICENSOR_RETURN_IF_ERROR(RequireManage(tx, actor, owner, "customer"));
    LICENSOR_ASSIGN_OR_RETURN(const auto customer, Require(tx.GetCustomer(owner), "customer"));
    if (!customer.parent_id) return Status::Conflict("customer " + owner + " has no superior");
    LICENSOR_ASSIGN_OR_RETURN(moved, Select(tx, owner, selection));
    const UnixSeconds now = clock_.Now();
    for (Card& c : moved) {
      c.customer_id = *customer.parent_id;
      LICENSOR_RETURN_IF_ERROR(tx.UpdateCard(c));
      LICENSOR_RETURN_IF_ERROR(Record(tx, actor, c, "RETURN", now, owner, customer.parent_id));
    }
    return Status::Ok();
  }));
  return moved;
}

Result<Device> CardService::MoveDevice(const CardActor& actor, const std::string& number,
                                       const std::optional<std::string>& to) {
  Device device;
  LICENSOR_RETURN_IF_ERROR(store_.Write([&](StoreTx& tx) -> Status {
    LICENSOR_ASSIGN_OR_RETURN(device, Require(tx.GetDevice(number), "device"));
    const std::string owner = device.customer_id;
    LICENSOR_RETURN_IF_ERROR(RequireManage(tx, actor, owner, "device"));
    LICENSOR_ASSIGN_OR_RETURN(const auto current, Require(tx.GetCustomer(owner), "customer"));
    std::string target;
    if (to) {
      LICENSOR_ASSIGN_OR_RETURN(const auto buyer, Require(tx.GetCustomer(*to), "customer"));
      if (buyer.parent_id != owner) {
        return Status::InvalidField("devices are sold to a direct sub-customer of " + owner);
      }
      target = *to;
    } else if (current.parent_id) {
      target = *current.parent_id;
    } else {
      return Status::Conflict("customer " + owner + " has no superior");
    }
    device.customer_id = target;
    LICENSOR_RETURN_IF_ERROR(tx.UpdateDevice(device));
    // The cards bound to the device go with it.
    CardFilter bound;
    bound.device_number = number;
    LICENSOR_ASSIGN_OR_RETURN(auto cards, tx.ListCards(bound, PageRequest{0, kMaxPageSize}));
    const UnixSeconds now = clock_.Now();
    for (Card& c : cards.items) {
      const std::string from = c.customer_id;
      c.customer_id = target;
      LICENSOR_RETURN_IF_ERROR(tx.UpdateCard(c));
      LICENSOR_RETURN_IF_ERROR(
          Record(tx, actor, c, to ? "SALE" : "RETURN", now, from, target, number));
    }
    return Status::Ok();
  }));
  return device;
}

Result<Customer> CardService::SetAllowSuperior(const CardActor& actor,
                                               const std::string& customer_id, bool allow) {
  if (actor.customer_id != customer_id) {
    return Status::Forbidden("only customer " + customer_id +
                             "'s own administrator changes this setting");
  }
  Customer customer;
  LICENSOR_RETURN_IF_ERROR(store_.Write([&](StoreTx& tx) -> Status {
    LICENSOR_ASSIGN_OR_RETURN(customer, Require(tx.GetCustomer(customer_id), "customer"));
    const Json before = ToJson(customer);
    customer.allow_superior_manage_licenses = allow;
    customer.updated_at = clock_.Now();
    LICENSOR_RETURN_IF_ERROR(tx.UpdateCustomer(customer));
    return RecordEvent(tx, customer.updated_at, actor.Who(), "customer.settings_updated",
                       "customer", customer_id, before, ToJson(customer));
  }));
  return customer;
}

}  // namespace licensor::core
