// A test fixture with a fresh licensord per test and helpers to set up the catalogue.
#pragma once

#include <gtest/gtest.h>

#include <atomic>
#include <thread>

#include "tests/support/licensord_process.hpp"

namespace licensor::testing {

struct RaceOutcome {
  int created = 0;
  int limit_reached = 0;
  int other = 0;
};

// `machines` threads, each with its own connection, activate `code` at the same moment with
// distinct fingerprints; machine i goes through urls[i % urls.size()] (one node or several).
inline RaceOutcome RaceActivations(const std::vector<std::string>& urls, const std::string& code,
                                   int machines) {
  std::atomic<int> created{0}, limit{0}, other{0}, ready{0};
  std::atomic<bool> go{false};
  std::vector<std::thread> threads;
  for (int i = 0; i < machines; ++i) {
    threads.emplace_back([&, i] {
      Api api(urls[i % urls.size()], "");
      api.Get("/healthz");  // connected before the start signal
      ++ready;
      while (!go.load()) std::this_thread::yield();
      const ApiResponse res = api.Post(
          "/v1/client/activate", {{"code", code}, {"fingerprint", "racer-" + std::to_string(i)}});
      if (res.status == 201) {
        ++created;
      } else if (res.status == 409 && res.json["code"] == "ACTIVATION_LIMIT_REACHED") {
        ++limit;
      } else {
        ++other;
      }
    });
  }
  while (ready.load() < machines) std::this_thread::yield();
  go = true;
  for (auto& t : threads) t.join();
  return RaceOutcome{created.load(), limit.load(), other.load()};
}

// Replaces the base64 character at `pos` with another base64 character, so the file still
// decodes (the change is caught by the signature, not by the layout check), whatever the
// random keys and ids made that character.
inline void ChangeBase64Char(std::string& text, std::size_t pos) {
  text[pos] = text[pos] == 'A' ? 'B' : 'A';
}

// Every item of a paged list, following next_cursor `limit` at a time; `filter` is more
// query, e.g. "&alive=true". Fails the test on any answer but 200. `api` is an Api or
// anything else with its Get (a BrowserSession).
template <typename Client>
Json ListAll(Client& api, const std::string& path, const std::string& filter = "", int limit = 37) {
  Json all = Json::array();
  std::string cursor;
  for (;;) {
    const ApiResponse res = api.Get(path + "?limit=" + std::to_string(limit) + filter +
                                    (cursor.empty() ? "" : "&cursor=" + cursor));
    EXPECT_EQ(res.status, 200) << res.body;
    if (res.status != 200) return all;
    for (const auto& a : res.json["data"]) all.push_back(a);
    if (!res.json["next_cursor"].is_string()) return all;
    cursor = res.json["next_cursor"];
  }
}

// Every activation of a license (GET /v1/licenses/{id}/activations), 37 to a page so that
// lists of a hundred cross pages.
inline Json ListActivations(Api& api, const std::string& license_id,
                            const std::string& filter = "") {
  return ListAll(api, "/v1/licenses/" + license_id + "/activations", filter);
}

class LicensordTest : public ::testing::Test {
 protected:
  explicit LicensordTest(std::vector<std::string> extra_args = {"--client-rate-limit", "0"})
      : server_(std::move(extra_args)) {}

  void SetUp() override {
    server_.Start();
    admin_ = std::make_unique<Api>(server_.Admin());
    client_ = std::make_unique<Api>(server_.Client());
  }

  Api& admin() { return *admin_; }
  Api& client() { return *client_; }

  // Creates what a license needs and returns the created resource's JSON.
  Json CreateProduct(const std::string& name = "Widget Server") {
    return Created(admin().Post("/v1/products", {{"name", name}}));
  }
  Json CreateCustomer(const std::string& name = "Acme") {
    return Created(admin().Post("/v1/customers", {{"name", name}}));
  }
  Json CreatePolicy(const std::string& product_id, Json fields) {
    fields["product_id"] = product_id;
    if (!fields.contains("name")) fields["name"] = "policy";
    return Created(admin().Post("/v1/policies", fields));
  }
  // A license from a fresh product, customer and policy with `policy_fields`.
  Json IssueLicense(const Json& policy_fields, Json license_fields = Json::object()) {
    const Json product = CreateProduct();
    const Json customer = CreateCustomer();
    const Json policy = CreatePolicy(product["id"], policy_fields);
    license_fields["policy_id"] = policy["id"];
    license_fields["customer_id"] = customer["id"];
    return Created(admin().Post("/v1/licenses", license_fields));
  }

  ApiResponse Activate(const std::string& code, const std::string& fingerprint,
                       Json extra = Json::object()) {
    extra["code"] = code;
    extra["fingerprint"] = fingerprint;
    return client().Post("/v1/client/activate", extra);
  }
  Json Validate(const std::string& code, Json extra = Json::object()) {
    extra["code"] = code;
    const ApiResponse res = client().Post("/v1/client/validate", extra);
    EXPECT_EQ(res.status, 200) << res.body;
    return res.json;
  }
  Json RunJobs() {
    const ApiResponse res = admin().Post("/v1/jobs/maintenance/run");
    EXPECT_EQ(res.status, 200) << res.body;
    return res.json;
  }

  Json Activations(const std::string& license_id, const std::string& filter = "") {
    return ListActivations(admin(), license_id, filter);
  }

  static Json Created(const ApiResponse& res) {
    EXPECT_EQ(res.status, 201) << res.body;
    return res.json;
  }

  LicensordProcess server_;
  std::unique_ptr<Api> admin_;
  std::unique_ptr<Api> client_;
};

}  // namespace licensor::testing
