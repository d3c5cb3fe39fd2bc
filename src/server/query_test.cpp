#include "server/query.hpp"

#include <gtest/gtest.h>

namespace licensor::server {
namespace {

TEST(Query, DecodesPercentAndPlus) {
  const auto q = ParseQuery("a=1&b=x%20y+z&c=&d");
  ASSERT_TRUE(q.ok());
  EXPECT_EQ(q->at("a"), "1");
  EXPECT_EQ(q->at("b"), "x y z");
  EXPECT_EQ(q->at("c"), "");
  EXPECT_EQ(q->at("d"), "");
}

TEST(Query, RejectsMalformedEscapesAndRepeats) {
  EXPECT_FALSE(ParseQuery("a=%").ok());
  EXPECT_FALSE(ParseQuery("a=%4").ok());
  EXPECT_FALSE(ParseQuery("a=%g1").ok());
  EXPECT_FALSE(ParseQuery("a=1&a=2").ok());
}

TEST(Query, PagingDefaultsAndBounds) {
  auto page = PageRequestFrom({});
  ASSERT_TRUE(page.ok());
  EXPECT_EQ(page->limit, 50);
  EXPECT_EQ(page->after_seq, 0);
  EXPECT_TRUE(PageRequestFrom({{"cursor", EncodeCursor(42)}}).ok());
  EXPECT_EQ(PageRequestFrom({{"cursor", EncodeCursor(42)}})->after_seq, 42);
  EXPECT_FALSE(PageRequestFrom({{"cursor", "42"}}).ok());
  EXPECT_FALSE(PageRequestFrom({{"cursor", "c-1"}}).ok());
  EXPECT_FALSE(PageRequestFrom({{"limit", "1e3"}}).ok());
}

TEST(CanonicalPath, EachPathIsServedInOneSpellingOnly) {
  for (const char* path : {"/", "/v1/tokens", "/v1/licenses/lic_1", "/assets/index-1.js",
                           "/v1/customers/a%20b", "/v1/x/..a", "/v1/x/.hidden"}) {
    EXPECT_TRUE(CheckCanonicalPath(path).ok()) << path;
  }
  for (const char* path :
       {"", "v1/tokens", "//v1//tokens", "//v1/tokens", "/v1//tokens", "/v1/tokens/",
        "/v1/./tokens", "/v1/tokens/..", "/v1/%2e%2E/tokens", "/v1/%2E", "/v1/tokens%2Fx",
        "/v1/tokens%2fx", "/v1/a%5Cb", "/v1/a\\b", "/./v1/tokens"}) {
    const Status status = CheckCanonicalPath(path);
    EXPECT_EQ(status.code(), ErrorCode::kNotFound) << path;
  }
}

}  // namespace
}  // namespace licensor::server
