// Every route family answers bad input with a specific problem+json error, never a 500.
#include "tests/support/e2e_fixture.hpp"
#include "tests/support/raw_http.hpp"

namespace licensor::testing {
namespace {

class BadInput : public LicensordTest {
 protected:
  void ExpectProblem(const ApiResponse& res, int status, const std::string& code,
                     const std::string& detail_part = "") {
    EXPECT_EQ(res.status, status) << res.body;
    EXPECT_EQ(res.headers.count("content-type") ? res.headers.at("content-type") : "",
              "application/problem+json");
    EXPECT_EQ(res.json["code"], code) << res.body;
    EXPECT_EQ(res.json["status"], status);
    EXPECT_TRUE(res.json["title"].is_string());
    if (!detail_part.empty()) {
      EXPECT_NE(res.json["detail"].get<std::string>().find(detail_part), std::string::npos)
          << res.body;
    }
  }
};

// Each family's create (or client call) endpoint with the same kinds of broken body.
const std::vector<std::string> kPostEndpoints = {
    "/v1/tokens",          "/v1/products",         "/v1/customers",
    "/v1/policies",        "/v1/licenses",         "/v1/client/activate",
    "/v1/client/validate", "/v1/client/heartbeat", "/v1/client/deactivate"};

TEST_F(BadInput, MalformedJsonIsRejectedEverywhere) {
  for (const auto& path : kPostEndpoints) {
    SCOPED_TRACE(path);
    ExpectProblem(admin().Raw("POST", path, "{\"name\": "), 400, "INVALID_JSON");
    ExpectProblem(admin().Raw("POST", path, "[1,2]"), 400, "INVALID_JSON", "object");
    ExpectProblem(admin().Raw("POST", path, "\"text\""), 400, "INVALID_JSON");
    ExpectProblem(admin().Raw("POST", path, std::string(100, '[') + std::string(100, ']')), 400,
                  "INVALID_JSON", "deeply");
    ExpectProblem(admin().Raw("POST", path, "{\"a\":1}", "text/plain"), 415,
                  "UNSUPPORTED_MEDIA_TYPE");
    ExpectProblem(admin().Post(path, {{"surprise", 1}}), 400, "INVALID_FIELD", "surprise");
  }
}

TEST_F(BadInput, APolicysDescriptionIsKeptUpToItsLimit) {
  const Json product = CreateProduct();
  const std::string longest(500, 'd');
  const Json policy = CreatePolicy(product["id"], {{"description", longest}});
  EXPECT_EQ(policy["description"], longest);
  const std::string path = "/v1/policies/" + policy["id"].get<std::string>();
  EXPECT_EQ(admin().Get(path).json["description"], longest);
  const ApiResponse changed = admin().Patch(path, {{"description", "For resellers"}});
  EXPECT_EQ(changed.status, 200) << changed.body;
  EXPECT_EQ(admin().Get(path).json["description"], "For resellers");
  EXPECT_EQ(CreatePolicy(product["id"], Json::object())["description"], "");
}

// A body member's schema in the served document, with its references followed.
Json Resolved(const Json& doc, const Json& schema) {
  if (!schema.contains("$ref")) return schema;
  return doc[Json::json_pointer(schema["$ref"].get<std::string>().substr(1))];
}

// `n` copies of `text`: "é" twice is 2 characters, 4 bytes.
std::string Repeated(const std::string& text, std::size_t n) {
  std::string out;
  for (std::size_t i = 0; i < n; ++i) out += text;
  return out;
}

// A value that fills a member's schema to its limits: the longest text, the largest number, the
// most items, the last choice, every member of an object.
Json ValueAtLimits(const Json& doc, const Json& schema) {
  if (schema.contains("enum")) return schema["enum"].back();
  const Json type = schema["type"].is_array() ? schema["type"][0] : schema["type"];
  if (type == "string") return Repeated("é", schema.value("maxLength", 16));
  if (type == "integer") return schema.value("maximum", 1);
  if (type == "boolean") return true;
  if (type == "array") {
    Json items = Json::array();
    const std::size_t length = schema["items"].value("maxLength", 8);
    for (int i = 0; i < schema.value("maxItems", 3); ++i) {
      std::string item = std::to_string(i);
      item.resize(length, 'i');
      items.push_back(item);
    }
    return items;
  }
  Json object = Json::object();
  for (const auto& [name, member] : schema["properties"].items()) {
    object[name] = ValueAtLimits(doc, Resolved(doc, member));
  }
  return object;
}

// Values a member's schema refuses, each named for the test's trace.
std::vector<std::pair<std::string, Json>> ValuesPastLimits(const Json& schema) {
  std::vector<std::pair<std::string, Json>> out;
  const Json types = schema["type"].is_array() ? schema["type"] : Json::array({schema["type"]});
  const auto allows = [&](const char* t) {
    return std::find(types.begin(), types.end(), t) != types.end();
  };
  if (!allows("null")) out.emplace_back("null", nullptr);
  out.emplace_back("the wrong type", allows("string") ? Json(42) : Json("1"));
  if (schema.contains("enum")) out.emplace_back("no choice", "NOT_A_CHOICE");
  if (schema.contains("maxLength")) {
    out.emplace_back("too long", Repeated("é", schema["maxLength"].get<std::size_t>() + 1));
  }
  if (schema.value("minLength", 0) > 0) out.emplace_back("too short", "");
  if (schema.contains("maximum"))
    out.emplace_back("too large", schema["maximum"].get<std::int64_t>() + 1);
  if (schema.contains("minimum"))
    out.emplace_back("too small", schema["minimum"].get<std::int64_t>() - 1);
  if (schema.contains("maxItems")) {
    Json items = Json::array();
    for (int i = 0; i <= schema["maxItems"].get<int>(); ++i)
      items.push_back("i" + std::to_string(i));
    out.emplace_back("too many items", items);
  }
  if (schema.contains("items") && schema["items"].contains("maxLength")) {
    out.emplace_back(
        "an item too long",
        Json::array({std::string(schema["items"]["maxLength"].get<std::size_t>() + 1, 'i')}));
  }
  if (schema.contains("items") && schema["items"].value("minLength", 0) > 0) {
    out.emplace_back("an empty item", Json::array({""}));
  }
  return out;
}

// Driven by the served document, so a policy field added there is tried here with no change:
// every member of a policy's body is kept at its limits and refused past them.
TEST_F(BadInput, EveryPolicyFieldIsKeptToItsDocumentedLimits) {
  const Json product = CreateProduct();
  const Json doc = admin().Get("/v1/openapi.json").json;
  const Json& input = doc["components"]["schemas"]["PolicyInput"];
  ASSERT_TRUE(input["properties"].is_object());

  Json full = Json::object();
  for (const auto& [name, member] : input["properties"].items()) {
    full[name] = ValueAtLimits(doc, Resolved(doc, member));
  }
  full["product_id"] = product["id"];
  const ApiResponse created = admin().Post("/v1/policies", full);
  ASSERT_EQ(created.status, 201) << created.body;
  const ApiResponse shown = admin().Get("/v1/policies/" + created.json["id"].get<std::string>());
  for (const auto& [name, value] : full.items()) EXPECT_EQ(shown.json[name], value) << name;

  for (const auto& [name, member] : input["properties"].items()) {
    const Json schema = Resolved(doc, member);
    const auto refuse = [&](const std::string& what, Json body, const std::string& named) {
      SCOPED_TRACE(name + ": " + what);
      ExpectProblem(admin().Post("/v1/policies", body), 400, "INVALID_FIELD", named);
    };
    for (const auto& [what, value] : ValuesPastLimits(schema)) {
      Json body = full;
      body[name] = value;
      refuse(what, body, name);
    }
    if (!schema.contains("properties")) continue;
    for (const auto& [inner, inner_member] : schema["properties"].items()) {
      for (const auto& [what, value] : ValuesPastLimits(Resolved(doc, inner_member))) {
        Json body = full;
        body[name][inner] = value;
        refuse(inner + " " + what, body, inner);
      }
    }
  }
}

// Names are counted in characters, as the document's maxLength counts them: 200 two-byte ones
// are a name, 201 are not, in every family that takes one.
TEST_F(BadInput, TextLimitsCountCharactersNotBytes) {
  const std::string longest = Repeated("é", 200);
  const std::string too_long = longest + "é";
  const std::vector<std::pair<std::string, Json>> creations = {
      {"/v1/products", Json::object()},
      {"/v1/customers", Json::object()},
      {"/v1/tokens", {{"role", "viewer"}}},
  };
  for (const auto& [path, rest] : creations) {
    SCOPED_TRACE(path);
    Json body = rest;
    body["name"] = longest;
    const ApiResponse created = admin().Post(path, body);
    EXPECT_EQ(created.status, 201) << created.body;
    EXPECT_EQ(created.json["name"], longest);
    body["name"] = too_long;
    ExpectProblem(admin().Post(path, body), 400, "INVALID_FIELD", "name");
  }
}

TEST_F(BadInput, WrongTypesAndRangesNameTheField) {
  const Json product = CreateProduct();
  ExpectProblem(admin().Post("/v1/products", {{"name", 42}}), 400, "INVALID_FIELD", "name");
  ExpectProblem(admin().Post("/v1/products", Json::object()), 400, "INVALID_FIELD", "name");
  ExpectProblem(admin().Post("/v1/products", {{"name", std::string(500, 'x')}}), 400,
                "INVALID_FIELD", "name");
  ExpectProblem(admin().Post("/v1/customers", {{"name", "A"}, {"parent_id", "cust_nope"}}), 400,
                "INVALID_FIELD", "parent_id");
  const Json base = {{"product_id", product["id"]}, {"name", "p"}};
  auto policy_with = [&](const char* key, Json value) {
    Json body = base;
    body[key] = std::move(value);
    return admin().Post("/v1/policies", body);
  };
  ExpectProblem(policy_with("max_activations", 0), 400, "INVALID_FIELD", "max_activations");
  ExpectProblem(policy_with("max_activations", "100"), 400, "INVALID_FIELD", "max_activations");
  ExpectProblem(policy_with("max_activations", 1.5), 400, "INVALID_FIELD", "max_activations");
  ExpectProblem(policy_with("max_activations", 18446744073709551615ull), 400, "INVALID_FIELD",
                "max_activations");
  ExpectProblem(policy_with("duration_days", -7), 400, "INVALID_FIELD", "duration_days");
  ExpectProblem(policy_with("offline_grace_s", -1), 400, "INVALID_FIELD", "offline_grace_s");
  ExpectProblem(policy_with("offline_grace_s", "600"), 400, "INVALID_FIELD", "offline_grace_s");
  ExpectProblem(policy_with("deployment_mode", "CLOUD"), 400, "INVALID_FIELD", "deployment_mode");
  ExpectProblem(policy_with("validity_basis", "whenever"), 400, "INVALID_FIELD", "validity_basis");
  ExpectProblem(policy_with("dead_activation", "DROP"), 400, "INVALID_FIELD", "dead_activation");
  ExpectProblem(policy_with("features", {1, 2}), 400, "INVALID_FIELD", "features");
  ExpectProblem(policy_with("trial", "yes"), 400, "INVALID_FIELD", "trial");
  ExpectProblem(policy_with("description", std::string(501, 'x')), 400, "INVALID_FIELD",
                "description");
  ExpectProblem(policy_with("description", nullptr), 400, "INVALID_FIELD", "description");
  ExpectProblem(policy_with("fingerprint_rule", {{"components", {"mac"}}, {"min_matching", 2}}),
                400, "INVALID_FIELD", "min_matching");
  ExpectProblem(admin().Post("/v1/policies", {{"name", "p"}}), 400, "INVALID_FIELD", "product_id");
  ExpectProblem(admin().Post("/v1/policies", {{"name", "p"}, {"product_id", "prod_missing"}}), 400,
                "INVALID_FIELD", "product_id");

  const Json license = IssueLicense({{"duration_days", 30}});
  const std::string id = license["id"];
  ExpectProblem(admin().Patch("/v1/licenses/" + id, {{"expires_at", "next tuesday"}}), 400,
                "INVALID_FIELD", "expires_at");
  ExpectProblem(admin().Patch("/v1/licenses/" + id, {{"expires_at", "2027-02-30T00:00:00Z"}}), 400,
                "INVALID_FIELD", "expires_at");
  ExpectProblem(admin().Patch("/v1/licenses/" + id, Json::object()), 400, "INVALID_FIELD",
                "nothing to change");
  ExpectProblem(admin().Post("/v1/licenses", {{"policy_id", "pol_x"}, {"customer_id", "c"}}), 400,
                "INVALID_FIELD", "policy_id");

  ExpectProblem(client().Post("/v1/client/activate", {{"code", license["code"]}}), 400,
                "INVALID_FIELD", "fingerprint");
  ExpectProblem(client().Post("/v1/client/activate",
                              {{"code", license["code"]}, {"fingerprint", std::string(300, 'f')}}),
                400, "INVALID_FIELD", "fingerprint");
  ExpectProblem(client().Post("/v1/client/activate", {{"code", license["code"]},
                                                      {"fingerprint", "f"},
                                                      {"components", {{"mac", 5}}}}),
                400, "INVALID_FIELD", "components");
  ExpectProblem(client().Post("/v1/client/validate", {{"code", Json::array()}}), 400,
                "INVALID_FIELD", "code");
  ExpectProblem(client().Post("/v1/client/validate", {{"code", "x"}, {"features", "core"}}), 400,
                "INVALID_FIELD", "features");
  ExpectProblem(admin().Post("/v1/tokens", {{"name", "t"}, {"role", "root"}}), 400, "INVALID_FIELD",
                "role");
}

TEST_F(BadInput, QueryStringsAndPagination) {
  for (int i = 0; i < 7; ++i) CreateProduct("p" + std::to_string(i));
  const Json first = admin().Get("/v1/products?limit=3").json;
  ASSERT_EQ(first["data"].size(), 3u);
  const Json second =
      admin().Get("/v1/products?limit=3&cursor=" + first["next_cursor"].get<std::string>()).json;
  ASSERT_EQ(second["data"].size(), 3u);
  EXPECT_EQ(second["data"][0]["name"], "p3");
  const Json third =
      admin().Get("/v1/products?limit=3&cursor=" + second["next_cursor"].get<std::string>()).json;
  EXPECT_EQ(third["data"].size(), 1u);
  EXPECT_TRUE(third["next_cursor"].is_null());

  ExpectProblem(admin().Get("/v1/products?limit=0"), 400, "INVALID_FIELD", "limit");
  ExpectProblem(admin().Get("/v1/products?limit=abc"), 400, "INVALID_FIELD", "limit");
  ExpectProblem(admin().Get("/v1/products?limit=501"), 400, "INVALID_FIELD", "limit");
  ExpectProblem(admin().Get("/v1/products?cursor=zzz"), 400, "INVALID_FIELD", "cursor");
  ExpectProblem(admin().Get("/v1/products?limit=%zz"), 400, "INVALID_FIELD", "percent");
  ExpectProblem(admin().Get("/v1/products?limit=1&limit=2"), 400, "INVALID_FIELD", "repeated");
  ExpectProblem(admin().Get("/v1/licenses?status=GONE"), 400, "INVALID_FIELD", "status");
  ExpectProblem(admin().Get("/v1/events?since=yesterday"), 400, "INVALID_FIELD", "since");
}

TEST_F(BadInput, UnknownRoutesMethodsAndResources) {
  ExpectProblem(admin().Get("/v1/nothing-here"), 404, "NOT_FOUND");
  ExpectProblem(admin().Get("/v1/products/prod_missing"), 404, "NOT_FOUND", "product");
  ExpectProblem(admin().Get("/v1/licenses/lic_missing"), 404, "NOT_FOUND", "license");
  ExpectProblem(admin().Delete("/v1/customers/cust_missing"), 404, "NOT_FOUND");
  ExpectProblem(admin().Delete("/v1/tokens/tok_missing"), 404, "NOT_FOUND");
  const ApiResponse wrong_method = admin().Raw("PUT", "/v1/products", "");
  ExpectProblem(wrong_method, 405, "METHOD_NOT_ALLOWED");
  EXPECT_EQ(wrong_method.headers.at("allow"), "POST, GET");
  ExpectProblem(admin().Raw("DELETE", "/v1/client/activate", ""), 405, "METHOD_NOT_ALLOWED");
}

TEST_F(BadInput, ConflictsProtectReferencedResources) {
  const Json license = IssueLicense({{"max_activations", 1}});
  ExpectProblem(admin().Delete("/v1/products/" + license["product_id"].get<std::string>()), 409,
                "CONFLICT");
  ExpectProblem(admin().Delete("/v1/policies/" + license["policy_id"].get<std::string>()), 409,
                "CONFLICT");
  ExpectProblem(admin().Delete("/v1/customers/" + license["customer_id"].get<std::string>()), 409,
                "CONFLICT");
  const Json parent = CreateCustomer("Parent");
  const Json child =
      Created(admin().Post("/v1/customers", {{"name", "Child"}, {"parent_id", parent["id"]}}));
  ExpectProblem(admin().Patch("/v1/customers/" + parent["id"].get<std::string>(),
                              {{"parent_id", child["id"]}}),
                400, "INVALID_FIELD", "cycle");
  ExpectProblem(admin().Delete("/v1/customers/" + parent["id"].get<std::string>()), 409,
                "CONFLICT");
  EXPECT_EQ(admin().Delete("/v1/customers/" + child["id"].get<std::string>()).status, 204);
  EXPECT_EQ(admin().Delete("/v1/customers/" + parent["id"].get<std::string>()).status, 204);
  // A license without activations can be deleted; then its policy, product and customer too.
  EXPECT_EQ(admin().Delete("/v1/licenses/" + license["id"].get<std::string>()).status, 204);
  EXPECT_EQ(admin().Delete("/v1/policies/" + license["policy_id"].get<std::string>()).status, 204);
  EXPECT_EQ(admin().Delete("/v1/products/" + license["product_id"].get<std::string>()).status, 204);
}

class OversizedBody : public LicensordTest {
 protected:
  OversizedBody() : LicensordTest({"--body-limit", "4096"}) {}
};

TEST_F(OversizedBody, IsRefusedWith413AndTheServerStaysUp) {
  const std::string big = "{\"name\":\"" + std::string(10000, 'x') + "\"}";
  const ApiResponse res = admin().Raw("POST", "/v1/products", big);
  EXPECT_EQ(res.status, 413);
  EXPECT_EQ(res.json["code"], "PAYLOAD_TOO_LARGE");
  Api fresh(server_.url(), server_.admin_token());
  EXPECT_EQ(fresh.Get("/healthz").status, 200);
}

class RateLimited : public LicensordTest {
 protected:
  RateLimited() : LicensordTest({"--client-rate-limit", "2"}) {}
};

TEST_F(RateLimited, ClientCallsBeyondTheBurstGet429WithRetryAfter) {
  // 2 per second with a 10-second burst: 20 requests pass, the next is limited.
  int passed = 0;
  ApiResponse last;
  for (int i = 0; i < 30; ++i) {
    last = client().Post("/v1/client/validate", {{"code", "LIC-2222-" + std::to_string(i)}});
    if (last.status == 200)
      ++passed;
    else
      break;
  }
  EXPECT_GE(passed, 20);
  EXPECT_LT(passed, 30);
  EXPECT_EQ(last.status, 429);
  EXPECT_EQ(last.json["code"], "RATE_LIMITED");
  EXPECT_GE(std::stoi(last.headers.at("retry-after")), 1);
  // The admin API is not limited by the client limiter.
  EXPECT_EQ(admin().Get("/v1/products").status, 200);
}

TEST_F(RateLimited, MalformedBodiesCountAgainstTheAddressToo) {
  int limited = 0;
  for (int i = 0; i < 30; ++i) {
    limited += client().Raw("POST", "/v1/client/activate", "{not json").status == 429;
  }
  EXPECT_GE(limited, 5);
}

}  // namespace
}  // namespace licensor::testing

namespace licensor::testing {
namespace {

class MalformedHttp : public LicensordTest {};

TEST_F(MalformedHttp, GarbageAndOversizedHeadersGetAnErrorAndTheServerStaysUp) {
  const std::string garbage = RawExchange(server_.url(), "THIS IS NOT HTTP\r\n\r\n");
  EXPECT_NE(garbage.find("400 Bad Request"), std::string::npos) << garbage;
  EXPECT_NE(garbage.find("MALFORMED_REQUEST"), std::string::npos) << garbage;
  const std::string huge_header = RawExchange(
      server_.url(),
      "GET /healthz HTTP/1.1\r\nHost: x\r\nX-Fill: " + std::string(64 * 1024, 'a') + "\r\n\r\n");
  EXPECT_NE(huge_header.find("431 Request Header Fields Too Large"), std::string::npos)
      << huge_header.substr(0, 200);
  EXPECT_NE(huge_header.find("HEADERS_TOO_LARGE"), std::string::npos);
  const std::string bad_length = RawExchange(
      server_.url(), "POST /v1/client/validate HTTP/1.1\r\nHost: x\r\nContent-Length: -5\r\n\r\n");
  EXPECT_NE(bad_length.find("400 Bad Request"), std::string::npos) << bad_length;
  EXPECT_EQ(client().Get("/healthz").status, 200);
}

}  // namespace
}  // namespace licensor::testing
