// The served OpenAPI document and the router describe the same set of operations.
#include <gtest/gtest.h>
#include <unistd.h>

#include <cctype>
#include <filesystem>
#include <set>

#include "core/policy_fields.hpp"
#include "core/validation.hpp"
#include "server/app.hpp"
#include "server/openapi_document.hpp"
#include "storage/sqlite/sqlite_store.hpp"

namespace licensor::server {
namespace {

std::string Lower(std::string s) {
  for (auto& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

// The routes of a real App, built over a throwaway store. Their handlers are not to be called.
std::vector<Route> RoutesOfAnApp() {
  const auto path = std::filesystem::temp_directory_path() /
                    ("licensor-openapi-" + std::to_string(::getpid()) + ".db");
  std::vector<Route> routes;
  {
    auto store = storage::sqlite::SqliteStore::Open(path.string(), 1);
    EXPECT_TRUE(store.ok());
    ManualClock clock(0);
    std::string report;
    std::unique_ptr<core::KeyRing> keys;
    if (store.ok()) {
      auto opened = core::KeyRing::Open(**store, clock, crypto::MasterKey::Generate(),
                                        path.string() + ".keys", report);
      EXPECT_TRUE(opened.ok()) << opened.status().message();
      if (opened.ok()) keys = std::move(opened.value());
    }
    if (keys) {
      const crypto::TokenHasher hasher({});
      App app(**store, clock, hasher, *keys, AppOptions{});
      routes = app.router().routes();
    }
  }
  for (const char* suffix : {"", "-wal", "-shm"}) std::filesystem::remove(path.string() + suffix);
  return routes;
}

TEST(OpenApi, DocumentsEveryRouteAndNothingElse) {
  std::set<std::string> routed;
  for (const auto& route : RoutesOfAnApp())
    routed.insert(Lower(route.method) + " " + route.pattern);

  const auto doc = core::Json::parse(OpenApiDocument());
  EXPECT_EQ(doc["openapi"], "3.1.0");
  std::set<std::string> documented;
  for (const auto& [p, item] : doc["paths"].items()) {
    for (const auto& [method, operation] : item.items()) {
      if (method == "parameters") continue;
      documented.insert(method + " " + p);
      EXPECT_TRUE(operation.contains("summary")) << method << " " << p;
      EXPECT_TRUE(operation.contains("responses")) << method << " " << p;
    }
  }
  for (const auto& r : routed) EXPECT_TRUE(documented.count(r)) << "undocumented route: " << r;
  for (const auto& d : documented)
    EXPECT_TRUE(routed.count(d)) << "documented but not routed: " << d;
}

// The statuses the request pipeline itself can answer for a route, whatever its handler does
// (App::Dispatch and the HTTP server): a client generated from the document must find each.
std::set<std::string> PipelineStatuses(const Route& route) {
  // A malformed request or query, a header section or body over its limit, and a server at its
  // connection or store limit, for every route.
  std::set<std::string> statuses = {"400", "413", "431", "503"};
  if (route.method != "GET") statuses.insert("415");  // a body that is not JSON
  if (route.access == Access::kSignedIn || route.access == Access::kDevice) {
    statuses.insert("401");
  }
  // A role without the permission, or a change from another site's page.
  if (route.access == Access::kSignedIn || route.access == Access::kSignIn) statuses.insert("403");
  if (route.access == Access::kClient || route.checks_password) statuses.insert("429");
  return statuses;
}

TEST(OpenApi, EveryOperationListsTheStatusesThePipelineCanAnswer) {
  const auto doc = core::Json::parse(OpenApiDocument());
  for (const Route& route : RoutesOfAnApp()) {
    const auto& responses = doc["paths"][route.pattern][Lower(route.method)]["responses"];
    for (const std::string& status : PipelineStatuses(route)) {
      EXPECT_TRUE(responses.contains(status))
          << route.method << " " << route.pattern << " does not list " << status;
    }
  }
}

// Generated clients group operations by tag: each tag an operation names is declared once,
// with a sentence saying what it holds, and none is declared that no operation uses.
TEST(OpenApi, EveryTagIsDeclaredWithADescription) {
  const auto doc = core::Json::parse(OpenApiDocument());
  std::set<std::string> declared, used;
  for (const auto& tag : doc["tags"]) {
    EXPECT_TRUE(declared.insert(tag["name"].get<std::string>()).second) << tag["name"];
    EXPECT_TRUE(tag.contains("description") && !tag["description"].get<std::string>().empty())
        << tag["name"];
  }
  for (const auto& [p, item] : doc["paths"].items()) {
    for (const auto& [method, operation] : item.items()) {
      if (method == "parameters") continue;
      EXPECT_TRUE(operation.contains("tags")) << method << " " << p;
      for (const auto& tag : operation.value("tags", core::Json::array())) used.insert(tag);
    }
  }
  EXPECT_EQ(declared, used);
}

// A client generator turns each description into the method's documentation: every operation
// says in a sentence (or more) what it does, and each sentence ends.
TEST(OpenApi, EveryOperationIsDescribedInSentences) {
  const auto doc = core::Json::parse(OpenApiDocument());
  for (const auto& [p, item] : doc["paths"].items()) {
    for (const auto& [method, operation] : item.items()) {
      if (method == "parameters") continue;
      const std::string text = operation.value("description", "");
      EXPECT_GE(text.size(), 20u) << method << " " << p;
      EXPECT_TRUE(!text.empty() && std::isupper(static_cast<unsigned char>(text.front())))
          << method << " " << p << ": " << text;
      EXPECT_TRUE(text.ends_with('.')) << method << " " << p << ": " << text;
    }
  }
}

// Clients switch on `code`: the document lists every code the server can send, and only those.
TEST(OpenApi, ListsEveryErrorCode) {
  std::set<std::string> sent;
  for (int c = static_cast<int>(ErrorCode::kMalformedRequest);
       c <= static_cast<int>(ErrorCode::kInternal); ++c) {
    sent.insert(std::string(ErrorCodeName(static_cast<ErrorCode>(c))));
  }
  const auto doc = core::Json::parse(OpenApiDocument());
  std::set<std::string> documented;
  for (const auto& code : doc["components"]["schemas"]["Problem"]["properties"]["code"]["enum"]) {
    documented.insert(code.get<std::string>());
  }
  EXPECT_EQ(documented, sent);
}

// The same for the verdicts of POST /v1/client/validate, which products switch on too.
TEST(OpenApi, ListsEveryValidationCode) {
  std::set<std::string> sent;
  for (const VerdictEntry& v : kVerdicts) {
    if (v.sources & kFromValidation) sent.insert(std::string(v.name));
  }
  const auto doc = core::Json::parse(OpenApiDocument());
  std::set<std::string> documented;
  for (const auto& code :
       doc["components"]["schemas"]["Validation"]["properties"]["code"]["enum"]) {
    documented.insert(code.get<std::string>());
  }
  EXPECT_EQ(documented, sent);
}

}  // namespace
}  // namespace licensor::server

namespace licensor::server {
namespace {

// Each "schema" anywhere in the document, with the JSON pointer of where it stands.
void CollectSchemas(const core::Json& node, const std::string& where,
                    std::vector<std::pair<std::string, core::Json>>& out) {
  if (node.is_object()) {
    for (const auto& [key, value] : node.items()) {
      if (key == "schema") out.emplace_back(where + "/schema", value);
      CollectSchemas(value, where + "/" + key, out);
    }
  } else if (node.is_array()) {
    for (std::size_t i = 0; i < node.size(); ++i) {
      CollectSchemas(node[i], where + "/" + std::to_string(i), out);
    }
  }
}

void CollectRefs(const core::Json& node, std::vector<std::string>& out) {
  if (node.is_object()) {
    for (const auto& [key, value] : node.items()) {
      if (key == "$ref" && value.is_string()) out.push_back(value.get<std::string>());
      CollectRefs(value, out);
    }
  } else if (node.is_array()) {
    for (const auto& item : node) CollectRefs(item, out);
  }
}

// A client generator needs a name for each operation and a schema object at each use.
TEST(OpenApi, EveryOperationHasAUniqueOperationId) {
  const auto doc = core::Json::parse(OpenApiDocument());
  std::set<std::string> ids;
  for (const auto& [p, item] : doc["paths"].items()) {
    for (const auto& [method, operation] : item.items()) {
      if (method == "parameters") continue;
      ASSERT_TRUE(operation.contains("operationId")) << method << " " << p;
      EXPECT_TRUE(ids.insert(operation["operationId"].get<std::string>()).second)
          << "operationId used twice: " << operation["operationId"];
    }
  }
}

TEST(OpenApi, SchemasAreObjectsAndEveryReferenceResolves) {
  const auto doc = core::Json::parse(OpenApiDocument());
  std::vector<std::pair<std::string, core::Json>> schemas;
  CollectSchemas(doc["paths"], "/paths", schemas);
  for (const auto& [where, schema] : schemas) {
    EXPECT_TRUE(schema.is_object()) << where << " is " << schema.dump();
  }
  std::vector<std::string> refs;
  CollectRefs(doc, refs);
  for (const auto& ref : refs) {
    ASSERT_EQ(ref.rfind("#/", 0), 0u) << ref;
    EXPECT_TRUE(doc.contains(core::Json::json_pointer(ref.substr(1)))) << "dangling " << ref;
  }
}

// The schema at `key` ("a" or "a.b", an object member's member) of an object schema.
const core::Json* PropertyOf(const core::Json& doc, const core::Json& object,
                             std::string_view key) {
  const auto dot = key.find('.');
  const auto& properties = object["properties"];
  const std::string top(key.substr(0, dot));
  if (!properties.contains(top)) return nullptr;
  if (dot == std::string_view::npos) return &properties[top];
  const auto& ref = properties[top]["$ref"].get_ref<const std::string&>();
  return PropertyOf(doc, doc[core::Json::json_pointer(ref.substr(1))], key.substr(dot + 1));
}

// The policy's field table and the document say the same fields, types and limits: what a
// reply holds (Policy), and what a body may give (PolicyInput).
TEST(OpenApi, DescribesEachPolicyFieldAsItsTableDoes) {
  const auto doc = core::Json::parse(OpenApiDocument());
  const auto& shown = doc["components"]["schemas"]["Policy"];
  const auto& taken = doc["components"]["schemas"]["PolicyInput"];
  std::set<std::string> shown_members;
  std::set<std::string> taken_members;
  for (const auto& f : core::PolicyFields()) {
    const std::string top(f.key.substr(0, f.key.find('.')));
    shown_members.insert(top);
    const core::Json schema = f.schema();
    const core::Json* in_reply = PropertyOf(doc, shown, f.key);
    ASSERT_NE(in_reply, nullptr) << f.key << " is not in Policy";
    EXPECT_EQ((*in_reply)["type"], schema["type"]) << f.key;
    if (schema.contains("enum")) {
      EXPECT_EQ((*in_reply)["enum"], schema["enum"]) << f.key;
    }
    if (f.settable == core::Settable::kNever) continue;
    taken_members.insert(top);
    const core::Json* in_body = PropertyOf(doc, taken, f.key);
    ASSERT_NE(in_body, nullptr) << f.key << " is not in PolicyInput";
    for (const auto& [word, value] : schema.items()) {
      EXPECT_EQ((*in_body).value(word, core::Json()), value) << f.key << " " << word;
    }
  }
  std::set<std::string> documented_shown;
  for (const auto& [name, _] : shown["properties"].items()) documented_shown.insert(name);
  EXPECT_EQ(documented_shown, shown_members);
  EXPECT_EQ(shown["required"].get<std::set<std::string>>(), shown_members);
  std::set<std::string> documented_taken;
  for (const auto& [name, _] : taken["properties"].items()) documented_taken.insert(name);
  EXPECT_EQ(documented_taken, taken_members);
  EXPECT_EQ(taken["additionalProperties"], false);
}

}  // namespace
}  // namespace licensor::server
