#include "storage/columns.hpp"

#include <nlohmann/json.hpp>

namespace licensor::storage {

SqlValue SqlCodec<std::vector<std::string>>::Write(const std::vector<std::string>& v) {
  return nlohmann::json(v).dump();
}

std::vector<std::string> SqlCodec<std::vector<std::string>>::Read(SqlValue& v) {
  const auto j = nlohmann::json::parse(SqlCodec<std::string>::Read(v), nullptr, false);
  std::vector<std::string> out;
  if (j.is_array()) {
    for (const nlohmann::json& item : j) {
      if (item.is_string()) out.push_back(item.get_ref<const std::string&>());
    }
  }
  return out;
}

SqlValue SqlCodec<std::map<std::string, std::string>>::Write(
    const std::map<std::string, std::string>& v) {
  return nlohmann::json(v).dump();
}

std::map<std::string, std::string> SqlCodec<std::map<std::string, std::string>>::Read(SqlValue& v) {
  const auto j = nlohmann::json::parse(SqlCodec<std::string>::Read(v), nullptr, false);
  std::map<std::string, std::string> out;
  if (j.is_object()) {
    for (auto it = j.begin(); it != j.end(); ++it) {
      if (it->is_string()) out[it.key()] = it->get_ref<const std::string&>();
    }
  }
  return out;
}

std::string Placeholders(std::size_t n) {
  std::string out;
  for (std::size_t i = 1; i <= n; ++i) {
    if (i > 1) out += ',';
    out += '?' + std::to_string(i);
  }
  return out;
}

}  // namespace licensor::storage
