// Identifiers, license codes and secrets from the CSPRNG.
#pragma once

#include <array>
#include <string>
#include <string_view>

namespace licensor::crypto {

// Must be called once before any other crypto function; returns false if libsodium cannot start.
bool Initialize();

// A 32-byte key, e.g. the token key.
std::array<unsigned char, 32> NewKey32();

// "<prefix>_" followed by 22 characters (about 128 bits) of an unambiguous alphabet.
std::string NewId(std::string_view prefix);

// A license code shaped like "LIC-2266-ETGAHCYH8HJT-HTAA": four digits, then 12 and 4 upper-case
// characters of an alphabet without look-alikes (no 0/O, 1/I), about 92 bits of entropy.
std::string NewLicenseCode();

// An API token: "lsr_" followed by 43 URL-safe characters (256 bits).
std::string NewApiToken();

// A webhook signing secret: "whsec_" followed by 43 URL-safe characters (256 bits).
std::string NewWebhookSecret();

// A device's reporting credential: "dev_" followed by 43 URL-safe characters (256 bits).
std::string NewDeviceCredential();

// A request's nonce (Licensor-Nonce): 32 hex digits (128 bits).
std::string NewNonce();

// A console session's cookie value: "ses_" followed by 43 URL-safe characters (256 bits).
std::string NewSessionSecret();

// The secret of the first administrator's one-time setup link: "setup_" and 43 characters.
std::string NewSetupSecret();

// The secret of a link sent by e-mail (an invitation, a password reset): "link_" and 43
// characters (256 bits).
std::string NewLinkSecret();

// A Content-Security-Policy nonce: 22 URL-safe characters (128 bits), fresh for each page.
std::string NewCspNonce();

// A day-card number: "CD-" and 16 characters of the license-code alphabet, about 90 bits.
std::string NewCardNumber();

}  // namespace licensor::crypto
