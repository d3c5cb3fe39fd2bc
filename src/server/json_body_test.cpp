#include "server/json_body.hpp"

#include <gtest/gtest.h>

#include <string>

namespace licensor::server {
namespace {

std::string ErrorOf(std::string_view text, std::size_t depth = 8) {
  const auto parsed = ParseJsonObject(text, depth);
  EXPECT_FALSE(parsed.ok()) << text;
  if (parsed.ok()) return "";
  EXPECT_EQ(parsed.status().code(), ErrorCode::kInvalidJson);
  return parsed.status().message();
}

TEST(JsonBody, ReadsAnObjectWithEveryKindOfValue) {
  const auto parsed = ParseJsonObject(
      R"({"s":"a\u00e9\n","i":-3,"u":18446744073709551615,"f":1.5,"t":true,"n":null,)"
      R"("a":[1,[2,{"k":"v"}],{}],"o":{"x":{"y":[]}}})",
      8);
  ASSERT_TRUE(parsed.ok()) << parsed.status().message();
  const core::Json& j = *parsed;
  EXPECT_EQ(j["s"], "a\xc3\xa9\n");
  EXPECT_EQ(j["i"], -3);
  EXPECT_EQ(j["u"].get<std::uint64_t>(), 18446744073709551615ull);
  EXPECT_EQ(j["f"], 1.5);
  EXPECT_EQ(j["t"], true);
  EXPECT_TRUE(j["n"].is_null());
  EXPECT_EQ(j["a"].dump(), R"([1,[2,{"k":"v"}],{}])");
  EXPECT_EQ(j["o"].dump(), R"({"x":{"y":[]}})");
  EXPECT_EQ(j.size(), 8u);
}

TEST(JsonBody, RefusesAKeyNamedTwiceInAnyObject) {
  EXPECT_EQ(ErrorOf(R"({"code":"a","code":"b"})"), "the body names the key 'code' more than once");
  EXPECT_EQ(ErrorOf(R"({"o":{"k":1,"j":2,"k":3}})"), "the body names the key 'k' more than once");
  // The same key in two different objects is fine.
  EXPECT_TRUE(ParseJsonObject(R"({"k":{"k":1},"a":[{"k":1},{"k":2}]})", 8).ok());
}

TEST(JsonBody, RefusesNestingBeyondTheLimitWithoutBuildingIt) {
  EXPECT_TRUE(ParseJsonObject(R"({"a":[[{"b":[]}]]})", 5).ok());
  EXPECT_EQ(ErrorOf(R"({"a":[[{"b":[[]]}]]})", 5), "the JSON body is nested too deeply");
  const std::string deep = "{\"a\":" + std::string(1000000, '[');
  EXPECT_EQ(ErrorOf(deep, 32), "the JSON body is nested too deeply");
}

TEST(JsonBody, RefusesWhatIsNotOneJsonObject) {
  EXPECT_EQ(ErrorOf("[1,2]"), "the body must be a JSON object");
  EXPECT_EQ(ErrorOf("\"text\""), "the body must be a JSON object");
  EXPECT_EQ(ErrorOf("{\"a\":1} {}"), "the body is not valid JSON");
  EXPECT_EQ(ErrorOf("{\"a\":}"), "the body is not valid JSON");
  EXPECT_EQ(ErrorOf("{\"a\":\"\xff\"}"), "the body is not valid JSON");
  EXPECT_EQ(ErrorOf(""), "the body is not valid JSON");
}

}  // namespace
}  // namespace licensor::server
