// The request pipeline without the network: rate limits per address and per code.
#include "server/app.hpp"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>

#include "crypto/random.hpp"
#include "storage/sqlite/sqlite_store.hpp"

namespace licensor::server {
namespace {

class AppTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(crypto::Initialize());
    path_ = std::filesystem::temp_directory_path() /
            ("licensor-app-" + std::to_string(::getpid()) + ".db");
    auto store = storage::sqlite::SqliteStore::Open(path_.string(), 1);
    ASSERT_TRUE(store.ok());
    store_ = std::move(store.value());
    std::string report;
    auto keys = core::KeyRing::Open(*store_, clock_, crypto::MasterKey::Generate(),
                                    path_.string() + ".keys", report);
    ASSERT_TRUE(keys.ok());
    keys_ = std::move(keys.value());
    AppOptions options;
    options.client_rate_limit = 2;  // a burst of 20
    options.password_slots = 1;
    Rebuild(options);
  }
  void Rebuild(const AppOptions& options) {
    app_.reset();
    app_ = std::make_unique<App>(*store_, clock_, hasher_, *keys_, options);
  }
  void TearDown() override {
    app_.reset();
    store_.reset();
    for (const char* suffix : {"", "-wal", "-shm"})
      std::filesystem::remove(path_.string() + suffix);
  }
  static IncomingRequest ValidateRequest(const std::string& code, const std::string& address) {
    IncomingRequest in;
    in.method = "POST";
    in.target = "/v1/client/validate";
    in.content_type = "application/json";
    in.body = R"({"code":")" + code + R"("})";
    in.remote_address = address;
    return in;
  }
  static IncomingRequest Post(const std::string& target, const Json& body,
                              const std::string& address = "10.0.0.1") {
    IncomingRequest in;
    in.method = "POST";
    in.target = target;
    in.content_type = "application/json";
    in.body = body.dump();
    in.remote_address = address;
    return in;
  }
  Reply Setup(const std::string& link, const std::string& address = "10.0.0.1") {
    return app_->Handle(Post("/v1/setup",
                             {{"setup_token", link},
                              {"email", "admin@example.com"},
                              {"display_name", "Admin"},
                              {"password", "a long enough password"}},
                             address));
  }
  Reply SignIn(const std::string& address, const std::string& password = "a wrong password!") {
    return app_->Handle(
        Post("/v1/auth/login", {{"email", "admin@example.com"}, {"password", password}}, address));
  }
  static std::string RetryAfter(const Reply& reply) {
    for (const auto& [name, value] : reply.headers) {
      if (name == "Retry-After") return value;
    }
    return "";
  }
  int Validate(const std::string& code, const std::string& address) {
    return app_->Handle(ValidateRequest(code, address)).status;
  }

  std::filesystem::path path_;
  ManualClock clock_{0};
  crypto::TokenHasher hasher_{{}};
  std::unique_ptr<storage::sqlite::SqliteStore> store_;
  std::unique_ptr<core::KeyRing> keys_;
  std::unique_ptr<App> app_;
};

TEST_F(AppTest, OneCodeFromManyAddressesIsLimitedPerCode) {
  int ok = 0;
  for (int i = 0; i < 30; ++i)
    ok += Validate("LIC-2222-same", "10.0.0." + std::to_string(i)) == 200;
  EXPECT_EQ(ok, 20);  // the code's burst, although no address sent more than one request
  EXPECT_EQ(Validate("LIC-2222-other", "10.0.1.1"), 200);
}

TEST_F(AppTest, ManyCodesFromOneAddressAreLimitedPerAddress) {
  int ok = 0;
  for (int i = 0; i < 30; ++i) ok += Validate("LIC-2222-" + std::to_string(i), "10.0.0.1") == 200;
  EXPECT_EQ(ok, 20);
  EXPECT_EQ(Validate("LIC-2222-x", "10.0.0.2"), 200);
}

TEST_F(AppTest, LimitedRepliesCarryRetryAfter) {
  for (int i = 0; i < 20; ++i) Validate("LIC-2222-a", "10.0.0.1");
  const Reply reply = app_->Handle(ValidateRequest("LIC-2222-a", "10.0.0.1"));
  EXPECT_EQ(reply.status, 429);
  EXPECT_EQ(reply.body["code"], "RATE_LIMITED");
  // Retry-After, and the signature every client answer carries, refusals included.
  ASSERT_EQ(reply.headers.size(), 2u);
  EXPECT_EQ(reply.headers[0].first, "Retry-After");
  EXPECT_EQ(reply.headers[1].first, "Licensor-Signature");
}

// Argon2id holds 64 MiB for tens of milliseconds: with every slot taken, nothing that does not
// need a hash waits for one, and what needs one is refused at once.
TEST_F(AppTest, SetupAnswersAWrongLinkBeforeAnyPasswordIsHashed) {
  const auto link = app_->services().sessions.IssueSetupLink();
  ASSERT_TRUE(link.ok() && link->has_value());
  {
    const crypto::PasswordHasher::Slot held(app_->services().passwords);
    ASSERT_TRUE(held.taken());
    Reply reply = Setup("setup_wrong");
    EXPECT_EQ(reply.status, 403);
    EXPECT_EQ(reply.body["code"], "INVALID_SETUP_LINK");
    reply = Setup(**link);
    EXPECT_EQ(reply.status, 503) << reply.body;
    EXPECT_EQ(reply.body["code"], "UNAVAILABLE");
    EXPECT_EQ(RetryAfter(reply), "1");
  }
  EXPECT_EQ(Setup(**link).status, 201);
  // Once an admin exists, setup is over: the answer comes at once, whatever the link.
  const crypto::PasswordHasher::Slot held(app_->services().passwords);
  EXPECT_EQ(Setup(**link).body["code"], "INVALID_SETUP_LINK");
  EXPECT_EQ(app_->Handle(Post("/v1/auth/login", {{"email", "admin@example.com"},
                                                 {"password", "a long enough password"}}))
                .status,
            503);
}

TEST_F(AppTest, SignInIsLimitedPerAddressBeforeAnyPasswordIsChecked) {
  AppOptions options;
  options.sign_in_rate_limit = 0.1;  // a burst of 3, then one every 10 s
  options.password_slots = 1;
  Rebuild(options);
  for (int i = 0; i < 3; ++i) EXPECT_EQ(SignIn("10.0.0.1").status, 401) << i;
  const crypto::PasswordHasher::Slot held(app_->services().passwords);
  const Reply limited = SignIn("10.0.0.1");
  EXPECT_EQ(limited.status, 429);  // not 503: no password was going to be checked
  EXPECT_EQ(RetryAfter(limited), "10");
  EXPECT_EQ(SignIn("10.0.0.2").status, 503);  // another address passes the limit
  // Setup and password changes draw on the same bucket.
  EXPECT_EQ(Setup("setup_wrong").status, 429);
  clock_.Advance(10);
  EXPECT_EQ(Setup("setup_wrong").status, 403);
}

TEST_F(AppTest, APathIsServedInItsOneSpellingOnly) {
  IncomingRequest in;
  in.method = "GET";
  for (const char* target : {"//v1//openapi.json", "/v1/./openapi.json", "/v1//openapi.json",
                             "/v1/openapi.json/", "/v1/x/../openapi.json", "//"}) {
    in.target = target;
    const Reply reply = app_->Handle(in);
    EXPECT_EQ(reply.status, 404) << target;
    EXPECT_EQ(reply.body["code"], "NOT_FOUND") << target;
  }
  in.target = "/v1/openapi.json";
  EXPECT_EQ(app_->Handle(in).status, 200);
}

}  // namespace
}  // namespace licensor::server
