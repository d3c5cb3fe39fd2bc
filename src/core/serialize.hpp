// JSON views of the domain nouns, as the API returns them and the audit log records them.
#pragma once

#include <nlohmann/json.hpp>

#include "core/credentials.hpp"
#include "core/entities.hpp"

namespace licensor::core {

using Json = nlohmann::json;

Json ToJson(const Product& v);
Json ToJson(const Customer& v);
Json ToJson(const Installation& v);
Json ToJson(const Policy& v);
// A license's code, and an activation's fingerprint and components, masked unless `shown`
// (core/credentials.hpp says who sees them).
Json ToJson(const License& v, Credentials shown = Credentials::kShown);
Json ToJson(const Activation& v, bool alive, Credentials shown = Credentials::kShown);
Json ToJson(const ApiToken& v);  // never includes the hash
Json ToJson(const User& v);      // never includes the password hash
Json ToJson(const Event& v);
Json ToJson(const RegistryReminder& v);  // with the message a person reads
Json ToJson(const Webhook& v);           // never includes the secret
Json ToJson(const WebhookDelivery& v);   // without the body
Json ToJson(const AccountLink& v);       // an invitation: never its secret's hash
// Device day-cards (card_json.cpp).
Json ToJson(const DeviceModel& v);
Json ToJson(const CardType& v);
Json ToJson(const Device& v);  // never includes the credential's hash
Json ToJson(const Card& v);    // with its status
Json ToJson(const CardRecord& v);
Json ToJson(const Deduction& v);

// null for nullopt, the value otherwise.
template <typename T>
Json OrNull(const std::optional<T>& v) {
  return v ? Json(*v) : Json(nullptr);
}
Json TimeOrNull(const std::optional<UnixSeconds>& t);

}  // namespace licensor::core
