// The served OpenAPI document and the router describe the same set of operations.
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <set>

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

}  // namespace
}  // namespace licensor::server
