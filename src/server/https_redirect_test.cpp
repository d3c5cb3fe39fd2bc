#include "server/https_redirect.hpp"

#include <gtest/gtest.h>

namespace licensor::server {
namespace {

TEST(HttpsRedirect, KeepsThePathAndQueryOnTheHostTheRequestNamed) {
  EXPECT_EQ(HttpsLocation("licensor.example.com", "/v1/health?x=1", 443, ""),
            "https://licensor.example.com/v1/health?x=1");
  EXPECT_EQ(HttpsLocation("licensor.example.com:8080", "/", 8443, ""),
            "https://licensor.example.com:8443/");
  EXPECT_EQ(HttpsLocation("[2001:db8::1]:80", "/setup", 443, ""), "https://[2001:db8::1]/setup");
  EXPECT_EQ(HttpsLocation("127.0.0.1", "/", 8443, ""), "https://127.0.0.1:8443/");
}

TEST(HttpsRedirect, ThePublicUrlWinsOverTheHostHeader) {
  EXPECT_EQ(HttpsLocation("evil.example", "/login", 8443, "https://licensor.example.com"),
            "https://licensor.example.com/login");
  // An http:// public URL is no place to redirect to.
  EXPECT_EQ(HttpsLocation("a.example", "/", 443, "http://b.example"), "https://a.example/");
}

TEST(HttpsRedirect, AHostHeaderThatIsNoHostGetsNoRedirect) {
  for (const char* host : {"", "a b", "evil.example/path", "user@evil.example", "[zz::1]", "[::1",
                           "[::1]x", "a\r\nSet-Cookie: x=1", "a%2fb"}) {
    EXPECT_EQ(HttpsLocation(host, "/", 443, ""), std::nullopt) << host;
  }
  EXPECT_EQ(HttpsLocation(std::string(254, 'a'), "/", 443, ""), std::nullopt);
  EXPECT_EQ(HttpsLocation("a.example", "http://other/", 443, ""), std::nullopt);
}

}  // namespace
}  // namespace licensor::server
