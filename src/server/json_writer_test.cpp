#include "server/json_writer.hpp"

#include <gtest/gtest.h>

#include "core/serialize.hpp"

namespace licensor::server {
namespace {

std::string Quoted(std::string_view text) {
  std::string out;
  AppendJsonString(out, text);
  return out;
}

TEST(JsonWriter, EscapesStringsAsTheDocumentFormPrintsThem) {
  for (const std::string& text :
       {std::string("plain"), std::string("quote \" and back\\slash"), std::string("\b\f\n\r\t"),
        std::string("\x01\x1f\x7f"), std::string("caf\xc3\xa9 \xe2\x82\xac"),
        std::string("nul \0 inside", 12), std::string("")}) {
    EXPECT_EQ(Quoted(text), core::Json(text).dump()) << text;
  }
}

TEST(JsonWriter, ReplacesBytesThatAreNotUtf8) {
  EXPECT_EQ(Quoted("a\xff"
                   "b"),
            "\"a\xef\xbf\xbd"
            "b\"");
}

TEST(JsonWriter, WritesTheSameObjectAsTheDocumentForm) {
  JsonObjectWriter writer;
  writer.String("code", "VALID")
      .Null("expires_at")
      .Strings("features", {"a", "b\"c"})
      .Strings("none", {})
      .Bool("valid", true)
      .Int("version", -7);
  const core::Json same = {{"code", "VALID"},
                           {"expires_at", nullptr},
                           {"features", {"a", "b\"c"}},
                           {"none", core::Json::array()},
                           {"valid", true},
                           {"version", -7}};
  EXPECT_EQ(std::move(writer).Finish(), same.dump());
  EXPECT_EQ(JsonObjectWriter().Finish(), "{}");
}

}  // namespace
}  // namespace licensor::server
