// Plain-text rendering for licensorctl.
#include "cli/output.hpp"

#include <algorithm>
#include <ostream>

namespace licensor::cli {

std::string Display(const Json& value) {
  if (value.is_null()) return "-";
  if (value.is_string()) return value.get<std::string>();
  if (value.is_array()) {
    std::string out;
    for (const auto& item : value) out += (out.empty() ? "" : ",") + Display(item);
    return out.empty() ? "-" : out;
  }
  return value.dump();
}

void PrintTable(std::ostream& out, const Json& rows, const std::vector<Column>& columns) {
  std::vector<std::size_t> widths;
  for (const auto& c : columns) widths.push_back(c.header.size());
  std::vector<std::vector<std::string>> cells;
  for (const auto& row : rows) {
    std::vector<std::string> line;
    for (std::size_t i = 0; i < columns.size(); ++i) {
      line.push_back(Display(row.value(columns[i].key, Json())));
      widths[i] = std::max(widths[i], line.back().size());
    }
    cells.push_back(std::move(line));
  }
  auto print_line = [&](const std::vector<std::string>& line) {
    for (std::size_t i = 0; i < line.size(); ++i) {
      out << line[i];
      if (i + 1 < line.size()) out << std::string(widths[i] - line[i].size() + 2, ' ');
    }
    out << "\n";
  };
  std::vector<std::string> headers;
  for (const auto& c : columns) headers.push_back(c.header);
  print_line(headers);
  for (const auto& line : cells) print_line(line);
}

void PrintObject(std::ostream& out, const Json& object) {
  std::size_t width = 0;
  for (const auto& [key, value] : object.items()) width = std::max(width, key.size());
  for (const auto& [key, value] : object.items()) {
    // Lists of objects (a license's activations) are printed as tables by the caller.
    if (value.is_array() && !value.empty() && value[0].is_object()) continue;
    out << key << ":" << std::string(width - key.size() + 1, ' ')
        << (value.is_object() ? value.dump() : Display(value)) << "\n";
  }
}

}  // namespace licensor::cli
