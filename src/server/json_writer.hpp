// A JSON object written straight to text, for the answers every licensed product asks for many
// times a day (validate): building a document only to print and destroy it cost more than the
// rest of the request. Members come out in the order written; callers write them in the order
// the document form would (by name), so that both give the same bytes.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace licensor::server {

class JsonObjectWriter {
 public:
  JsonObjectWriter& Bool(std::string_view key, bool value);
  JsonObjectWriter& Int(std::string_view key, std::int64_t value);
  JsonObjectWriter& Null(std::string_view key);
  JsonObjectWriter& String(std::string_view key, std::string_view value);
  JsonObjectWriter& Strings(std::string_view key, const std::vector<std::string>& values);
  // The object's text; the writer is spent.
  std::string Finish() &&;

 private:
  void Key(std::string_view key);
  std::string out_ = Start();
  static std::string Start() {
    std::string out;
    out.reserve(256);  // a validate answer, without growing
    out += '{';
    return out;
  }
};

// `text` as a JSON string, quotes included, escaped as nlohmann's dump() does; a byte that is
// not part of valid UTF-8 becomes U+FFFD.
void AppendJsonString(std::string& out, std::string_view text);

}  // namespace licensor::server
