// What the SDK remembers between runs in its data directory, beside the license file: the
// latest trusted time it has seen (for clock-tamper detection) and the highest license version
// seen per license (so an older file cannot be replayed).
#pragma once

#include <cstdint>
#include <map>
#include <string>

namespace licensor::sdk {

struct ClientState {
  std::int64_t trusted_time = 0;
  std::map<std::string, std::int64_t> highest_version;  // by license id
};

// A missing or unreadable state file gives an empty state; a damaged one cannot lower what is
// remembered beyond what the license file itself proves (its version and issue time).
ClientState ReadClientState(const std::string& path);
bool WriteClientState(const std::string& path, const ClientState& state);

bool ReadFile(const std::string& path, std::string& content, std::size_t limit);

}  // namespace licensor::sdk
