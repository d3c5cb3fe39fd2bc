// RFC 3339 UTC timestamps ("2027-01-31T00:00:00Z") to and from Unix seconds.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "common/clock.hpp"

namespace licensor {

inline constexpr UnixSeconds kSecondsPerDay = 86400;

// Whole days in `seconds`, a part of a day counting as a day; 0 for none or fewer. What "days
// left" means wherever it is shown.
inline constexpr std::int64_t DaysLeft(std::int64_t seconds) {
  return seconds <= 0 ? 0 : (seconds + kSecondsPerDay - 1) / kSecondsPerDay;
}

// "1 day", "5 days": a count of days as a sentence says it.
inline std::string DaysText(std::int64_t days) {
  return std::to_string(days) + (days == 1 ? " day" : " days");
}

std::string FormatRfc3339(UnixSeconds t);
// "20270101T000000Z": ISO 8601's basic format, for file names (no ':' to quote).
std::string FormatFileNameTime(UnixSeconds t);

// Accepts "YYYY-MM-DDTHH:MM:SSZ", optional fractional seconds, and "+HH:MM"/"-HH:MM" offsets.
// Returns nullopt for anything else, including impossible dates.
std::optional<UnixSeconds> ParseRfc3339(std::string_view text);

}  // namespace licensor
