// A license's credentials, and who sees them. The client API takes a license's code as its
// credential, and a code with a machine's fingerprint releases that machine, so the code and
// each machine's fingerprint and components go only to the callers who may manage the
// license; everyone else sees them masked. One rule, taken by every answer that carries them.
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

#include "core/authz.hpp"
#include "core/card_rules.hpp"
#include "core/entities.hpp"

namespace licensor::core {

using Json = nlohmann::json;

enum class Credentials { kShown, kMasked };

// The vendor's callers that manage licensing see them (admins and operators, not viewers). Of a
// customer's users, only an admin whose customer manages the owning customer does: its own, or
// a sub-customer that allows its superior to manage its licenses. `access` is the caller's
// access to the owning customer (CustomerAccess); the vendor's callers are judged by role.
Credentials CredentialsFor(const Principal& by, cards::Access access);

// What a masked credential shows: kMaskPrefix and its last four characters, enough to tell two
// apart on a page and to match one a customer reads out.
inline constexpr std::string_view kMaskPrefix = "****";
std::string Masked(std::string_view credential);

// Masks, in place, the credentials of a license's JSON (its code) and of an activation's (its
// fingerprint and its components' values), as ToJson writes them.
void MaskLicenseJson(Json& license);
void MaskActivationJson(Json& activation);
// An audit event's before and after, by its resource type, when `shown` is kMasked: a license's
// (which may hold an activation) and an activation's.
void MaskEventCredentials(Json& event, Credentials shown);

}  // namespace licensor::core
