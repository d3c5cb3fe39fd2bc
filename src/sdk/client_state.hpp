// What the SDK remembers between runs in its data directory, beside the license file: the
// latest trusted time it has seen (for clock-tamper detection), the highest license version
// seen per license (so an older file cannot be replayed), the licenses the server said were
// stopped, and the activations released from this machine.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <vector>

namespace licensor::sdk {

struct ClientState {
  std::int64_t trusted_time = 0;
  std::map<std::string, std::int64_t> highest_version;  // by license id
  // Suspended or revoked on the server, by license id: the license version the server had then.
  // Only a file the server signed later (a higher version) lifts it.
  std::map<std::string, std::int64_t> stopped;
  // What each stopped license answers (Code: LICENSE_SUSPENDED, LICENSE_REVOKED...).
  std::map<std::string, int> stopped_codes;
  // What Validate() answers while no file is installed (a Code; 0: NOT_ACTIVATED).
  int unlicensed = 0;
  // Activations deactivated from this machine, newest last; their files never load again.
  std::vector<std::string> released;
  static constexpr std::size_t kMaxReleased = 256;
};

// A missing or unreadable state file gives an empty state, and a field that does not parse is
// left out: what the license file itself proves (its version and issue time) still holds, and
// the client asks the server at once (`whole` false). Edited by hand, the file can say no more
// than deleting it would: codes are read back only as refusals (RefusalOr).
ClientState ReadClientState(const std::string& path, bool* whole = nullptr);
bool WriteClientState(const std::string& path, const ClientState& state);

bool ReadFile(const std::string& path, std::string& content, std::size_t limit);

}  // namespace licensor::sdk
