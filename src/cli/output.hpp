// How licensorctl prints: tables and key/value blocks for people, JSON for scripts.
#pragma once

#include <iosfwd>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

namespace licensor::cli {

using Json = nlohmann::json;

struct Column {
  std::string header;
  std::string key;  // a top-level field of each row
};

// A value as a person reads it: strings bare, null as "-", arrays joined by commas.
std::string Display(const Json& value);

void PrintTable(std::ostream& out, const Json& rows, const std::vector<Column>& columns);
// Every top-level scalar or list field as "key: value", nested objects as JSON.
void PrintObject(std::ostream& out, const Json& object);

}  // namespace licensor::cli
