#include "server/router.hpp"

#include <gtest/gtest.h>

namespace licensor::server {
namespace {

Route Make(std::string method, std::string pattern) {
  Route route;
  route.method = std::move(method);
  route.pattern = std::move(pattern);
  route.handler = [](RequestContext&) -> Result<Reply> { return Reply{}; };
  return route;
}

class RouterTest : public ::testing::Test {
 protected:
  void SetUp() override {
    router_.Add(Make("GET", "/v1/licenses"));
    router_.Add(Make("GET", "/v1/licenses/{id}"));
    router_.Add(Make("GET", "/v1/{kind}/{id}"));  // a parameter as the second segment
    router_.Add(Make("PATCH", "/v1/licenses/{id}"));
    router_.Add(Make("POST", "/v1/client/validate"));
    router_.Add(Make("DELETE", "/v1/{kind}/{id}"));
    router_.Add(Make("GET", "/healthz"));
  }
  Router router_;
};

TEST_F(RouterTest, TheFirstRouteAddedForTheMethodWins) {
  const auto match = router_.Find("GET", "/v1/licenses/lic_1");
  ASSERT_NE(match.route, nullptr);
  EXPECT_EQ(match.route->pattern, "/v1/licenses/{id}");
  EXPECT_EQ(match.params.at("id"), "lic_1");
  EXPECT_EQ(match.allowed, (std::vector<std::string>{"GET", "GET", "PATCH", "DELETE"}));
}

TEST_F(RouterTest, APatternWithAParameterSecondMatchesAnySecondSegment) {
  const auto match = router_.Find("DELETE", "/v1/licenses/lic_1");
  ASSERT_NE(match.route, nullptr);
  EXPECT_EQ(match.route->pattern, "/v1/{kind}/{id}");
  EXPECT_EQ(match.params.at("kind"), "licenses");
  const auto other = router_.Find("GET", "/v1/products/p1");
  ASSERT_NE(other.route, nullptr);
  EXPECT_EQ(other.route->pattern, "/v1/{kind}/{id}");
}

TEST_F(RouterTest, APathOfAnotherLengthOrMethodFindsNoRoute) {
  // A literal second segment still meets the patterns with a parameter there, in order.
  const auto validate = router_.Find("PUT", "/v1/client/validate");
  EXPECT_EQ(validate.route, nullptr);
  EXPECT_EQ(validate.allowed, (std::vector<std::string>{"GET", "POST", "DELETE"}));
  EXPECT_TRUE(router_.Find("GET", "/v1/client/validate/x").allowed.empty());
  EXPECT_TRUE(router_.Find("GET", "/v1/licenses/").allowed.empty());  // an empty {id}
  EXPECT_NE(router_.Find("GET", "/healthz").route, nullptr);
  EXPECT_EQ(router_.Find("GET", "healthz").route, nullptr);
  EXPECT_EQ(router_.Find("GET", "").route, nullptr);
}

}  // namespace
}  // namespace licensor::server
