// The served OpenAPI document and the router describe the same set of operations.
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <set>

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

TEST(OpenApi, DocumentsEveryRouteAndNothingElse) {
  const auto path = std::filesystem::temp_directory_path() /
                    ("licensor-openapi-" + std::to_string(::getpid()) + ".db");
  auto store = storage::sqlite::SqliteStore::Open(path.string(), 1);
  ASSERT_TRUE(store.ok());
  ManualClock clock(0);
  const crypto::TokenHasher hasher({});
  auto keys = crypto::KeyRing::LoadOrCreate(path.string() + ".keys");
  ASSERT_TRUE(keys.ok());
  App app(**store, clock, hasher, **keys, AppOptions{});

  std::set<std::string> routed;
  for (const auto& route : app.router().routes())
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
  store->reset();
  std::filesystem::remove(path);
  std::filesystem::remove(path.string() + "-wal");
  std::filesystem::remove(path.string() + "-shm");
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

}  // namespace
}  // namespace licensor::server
