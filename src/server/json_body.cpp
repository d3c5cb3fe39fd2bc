// JSON body parsing with the checks nlohmann's parser does not make.
#include "server/json_body.hpp"

#include <string>
#include <unordered_set>
#include <vector>

namespace licensor::server {
namespace {

// nlohmann's parser recurses per nesting level when it destroys a value; a body of a million
// '[' would overflow the stack. Scanning the depth first keeps hostile input from crashing the
// server.
bool NestingWithin(std::string_view text, std::size_t max_depth) {
  std::size_t depth = 0;
  bool in_string = false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (in_string) {
      if (c == '\\') {
        ++i;
      } else if (c == '"') {
        in_string = false;
      }
    } else if (c == '"') {
      in_string = true;
    } else if (c == '[' || c == '{') {
      if (++depth > max_depth) return false;
    } else if (c == ']' || c == '}') {
      if (depth > 0) --depth;
    }
  }
  return true;
}

}  // namespace

Result<core::Json> ParseJsonObject(std::string_view text, std::size_t max_depth) {
  if (!NestingWithin(text, max_depth)) {
    return Status(ErrorCode::kInvalidJson, "the JSON body is nested too deeply");
  }
  // The keys seen so far in each object being read, innermost last.
  std::vector<std::unordered_set<std::string>> open_objects;
  std::string duplicate;
  const auto watch_keys = [&](int, core::Json::parse_event_t event, core::Json& parsed) {
    switch (event) {
      case core::Json::parse_event_t::object_start:
        open_objects.emplace_back();
        break;
      case core::Json::parse_event_t::object_end:
        if (!open_objects.empty()) open_objects.pop_back();
        break;
      case core::Json::parse_event_t::key:
        if (!open_objects.empty() &&
            !open_objects.back().insert(parsed.get<std::string>()).second && duplicate.empty()) {
          duplicate = parsed.get<std::string>();
        }
        break;
      default:
        break;
    }
    return true;
  };
  core::Json body = core::Json::parse(text, watch_keys, /*allow_exceptions=*/false);
  if (body.is_discarded()) return Status(ErrorCode::kInvalidJson, "the body is not valid JSON");
  if (!body.is_object()) return Status(ErrorCode::kInvalidJson, "the body must be a JSON object");
  if (!duplicate.empty()) {
    return Status(ErrorCode::kInvalidJson,
                  "the body names the key '" + duplicate.substr(0, 64) + "' more than once");
  }
  return body;
}

}  // namespace licensor::server
