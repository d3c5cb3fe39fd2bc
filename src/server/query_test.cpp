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

}  // namespace
}  // namespace licensor::server
