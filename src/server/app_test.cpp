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
    auto keys = crypto::KeyRing::LoadOrCreate(path_.string() + ".keys");
    ASSERT_TRUE(keys.ok());
    keys_ = std::move(keys.value());
    AppOptions options;
    options.client_rate_limit = 2;  // a burst of 20
    app_ = std::make_unique<App>(*store_, clock_, hasher_, *keys_, options);
  }
  void TearDown() override {
    app_.reset();
    store_.reset();
    for (const char* suffix : {"", "-wal", "-shm"})
      std::filesystem::remove(path_.string() + suffix);
    std::filesystem::remove_all(path_.string() + ".keys");
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
  int Validate(const std::string& code, const std::string& address) {
    return app_->Handle(ValidateRequest(code, address)).status;
  }

  std::filesystem::path path_;
  ManualClock clock_{0};
  crypto::TokenHasher hasher_{{}};
  std::unique_ptr<storage::sqlite::SqliteStore> store_;
  std::unique_ptr<crypto::KeyRing> keys_;
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
  ASSERT_EQ(reply.headers.size(), 1u);
  EXPECT_EQ(reply.headers[0].first, "Retry-After");
}

}  // namespace
}  // namespace licensor::server
