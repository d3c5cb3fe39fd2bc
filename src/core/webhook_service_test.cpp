#include "core/webhook_service.hpp"

#include <gtest/gtest.h>

#include "core/outbox_retry.hpp"
#include "crypto/encoding.hpp"
#include "crypto/random.hpp"

namespace licensor::core {
namespace {

TEST(Outbox, BackoffDoublesFromAMinuteUpToSixHours) {
  // 12 attempts span the waits after the first 11 failures: about 20.5 hours in all.
  std::int64_t total = 0;
  for (int failures = 1; failures < outbox::kMaxAttempts; ++failures) {
    total += outbox::Backoff(failures);
  }
  EXPECT_EQ(total, 73860);
  EXPECT_EQ(outbox::Backoff(1), 60);
  EXPECT_EQ(outbox::Backoff(2), 120);
  EXPECT_EQ(outbox::Backoff(3), 240);
  EXPECT_EQ(outbox::Backoff(7), 3840);
  EXPECT_EQ(outbox::Backoff(9), 15360);
  EXPECT_EQ(outbox::Backoff(10), 6 * 3600);
  EXPECT_EQ(outbox::Backoff(1000), 6 * 3600);  // no overflow
}

TEST(WebhookService, TheSignatureCoversTimeAndBody) {
  ASSERT_TRUE(crypto::Initialize());
  const std::string body = R"({"id":"rem_1"})";
  const std::string signature = WebhookService::Signature("whsec_k", 1798761600, body);
  EXPECT_EQ(signature, "t=1798761600,v1=" + crypto::HmacSha256Hex("whsec_k", "1798761600." + body));
  EXPECT_NE(signature, WebhookService::Signature("whsec_k", 1798761601, body));
  EXPECT_NE(signature, WebhookService::Signature("whsec_k", 1798761600, body + " "));
  EXPECT_NE(signature, WebhookService::Signature("whsec_j", 1798761600, body));
}

}  // namespace
}  // namespace licensor::core
