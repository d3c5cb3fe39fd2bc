#include "sdk/client_state.hpp"

#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "crypto/key_store.hpp"

namespace licensor::sdk {

ClientState ReadClientState(const std::string& path, bool* whole) {
  ClientState state;
  if (whole) *whole = false;
  std::string text;
  if (!ReadFile(path, text, 1 << 20)) return state;
  const auto json = nlohmann::json::parse(text, nullptr, false);
  if (!json.is_object()) return state;
  if (json.contains("trusted_time") && json["trusted_time"].is_number_integer()) {
    state.trusted_time = json["trusted_time"].get<std::int64_t>();
    if (whole) *whole = true;  // what every state file this SDK writes has
  }
  for (auto* versions : {&state.highest_version, &state.stopped}) {
    const char* name = versions == &state.stopped ? "stopped" : "highest_version";
    if (!json.contains(name) || !json[name].is_object()) continue;
    for (const auto& [id, version] : json[name].items()) {
      if (version.is_number_integer()) (*versions)[id] = version.get<std::int64_t>();
    }
  }
  if (json.contains("stopped_codes") && json["stopped_codes"].is_object()) {
    for (const auto& [id, code] : json["stopped_codes"].items()) {
      if (code.is_number_integer()) state.stopped_codes[id] = code.get<int>();
    }
  }
  if (json.contains("unlicensed") && json["unlicensed"].is_number_integer()) {
    state.unlicensed = json["unlicensed"].get<int>();
  }
  if (json.contains("released") && json["released"].is_array()) {
    for (const auto& id : json["released"]) {
      if (id.is_string() && state.released.size() < ClientState::kMaxReleased)
        state.released.push_back(id.get<std::string>());
    }
  }
  return state;
}

bool WriteClientState(const std::string& path, const ClientState& state) {
  const nlohmann::json json = {
      {"trusted_time", state.trusted_time}, {"highest_version", state.highest_version},
      {"stopped", state.stopped},           {"stopped_codes", state.stopped_codes},
      {"unlicensed", state.unlicensed},     {"released", state.released}};
  return crypto::WriteSecretFile(path, json.dump() + "\n").ok();
}

bool ReadFile(const std::string& path, std::string& content, std::size_t limit) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return false;
  std::ostringstream text;
  text << in.rdbuf();
  if (text.str().size() > limit) return false;
  content = text.str();
  return true;
}

}  // namespace licensor::sdk
