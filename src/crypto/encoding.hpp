// Base64 as the license files use it: the standard alphabet with padding, one canonical text per
// byte string.
#pragma once

#include <string>
#include <string_view>

namespace licensor::crypto {

std::string Base64(std::string_view bytes);
// Decodes standard base64 and insists the text is the one canonical encoding of its bytes (no
// ignored bits, no whitespace), so no two texts decode to the same bytes.
bool DecodeBase64Strict(std::string_view text, std::string& out);

// Lower-case hex of SHA-256, e.g. to recognise a file uploaded twice.
std::string Sha256Hex(std::string_view bytes);

// Lower-case hex of HMAC-SHA256 of `message` under `key` (any length), e.g. to sign a webhook.
std::string HmacSha256Hex(std::string_view key, std::string_view message);

}  // namespace licensor::crypto
