// JSON body parsing with the checks nlohmann's parser does not make, in the one pass that
// builds the document: nlohmann's SAX interface hands each token to the builder below, which
// refuses a key its object already has and a value nested too deeply as they arrive. (A parse
// callback doing the same cost more than the rest of a validate request.)
#include "server/json_body.hpp"

#include <string>
#include <vector>

namespace licensor::server {
namespace {

using core::Json;

class DocumentBuilder {
 public:
  DocumentBuilder(Json& root, std::size_t max_depth) : root_(root), max_depth_(max_depth) {}

  bool null() { return Put(nullptr); }
  bool boolean(bool value) { return Put(value); }
  bool number_integer(Json::number_integer_t value) { return Put(value); }
  bool number_unsigned(Json::number_unsigned_t value) { return Put(value); }
  bool number_float(Json::number_float_t value, const std::string&) { return Put(value); }
  bool string(std::string& value) { return Put(std::move(value)); }
  bool binary(Json::binary_t&) { return Fail("the body is not valid JSON"); }

  bool start_object(std::size_t) { return Open(Json::object()); }
  bool key(std::string& name) {
    Json& object = *open_.back();
    if (object.contains(name)) {
      return Fail("the body names the key '" + name.substr(0, 64) + "' more than once");
    }
    member_ = &object[std::move(name)];
    return true;
  }
  bool end_object() { return Close(); }
  bool start_array(std::size_t) { return Open(Json::array()); }
  bool end_array() { return Close(); }

  template <typename Exception>
  bool parse_error(std::size_t, const std::string&, const Exception&) {
    return Fail("the body is not valid JSON");
  }

  const std::string& error() const { return error_; }

 private:
  bool Fail(std::string message) {
    if (error_.empty()) error_ = std::move(message);
    return false;
  }

  // Where the next value goes: the root, the member named by the last key, or the end of the
  // innermost open array.
  Json* Place(Json&& value) {
    if (open_.empty()) {
      root_ = std::move(value);
      return &root_;
    }
    Json& parent = *open_.back();
    if (parent.is_array()) {
      parent.push_back(std::move(value));
      return &parent.back();
    }
    *member_ = std::move(value);
    return member_;
  }
  bool Put(Json&& value) {
    Place(std::move(value));
    return true;
  }
  bool Open(Json&& container) {
    // A value nested this deeply is never built: destroying one recurses per level.
    if (open_.size() >= max_depth_) return Fail("the JSON body is nested too deeply");
    open_.push_back(Place(std::move(container)));
    return true;
  }
  bool Close() {
    open_.pop_back();
    return true;
  }

  Json& root_;
  const std::size_t max_depth_;
  std::vector<Json*> open_;  // the objects and arrays being read, innermost last
  Json* member_ = nullptr;
  std::string error_;
};

}  // namespace

Result<core::Json> ParseJsonObject(std::string_view text, std::size_t max_depth) {
  Json body;
  DocumentBuilder builder(body, max_depth);
  if (!Json::sax_parse(text, &builder, Json::input_format_t::json, /*strict=*/true)) {
    return Status(ErrorCode::kInvalidJson,
                  builder.error().empty() ? "the body is not valid JSON" : builder.error());
  }
  if (!body.is_object()) return Status(ErrorCode::kInvalidJson, "the body must be a JSON object");
  return body;
}

}  // namespace licensor::server
