// Framing rules: what is refused before a body is read.
#include "server/http_framing.hpp"

#include <gtest/gtest.h>

namespace licensor::server {
namespace {
namespace http = boost::beast::http;

http::request_header<> Header(std::initializer_list<std::pair<const char*, const char*>> fields,
                              unsigned version = 11) {
  http::request_header<> h;
  h.version(version);
  h.method(http::verb::post);
  h.target("/v1/client/validate");
  for (const auto& [name, value] : fields) h.insert(name, value);
  return h;
}

TEST(Framing, TransferEncodingMustBeExactlyChunked) {
  EXPECT_TRUE(CheckFraming(Header({{"Host", "x"}, {"Transfer-Encoding", "chunked"}})).ok());
  EXPECT_TRUE(CheckFraming(Header({{"Host", "x"}, {"Transfer-Encoding", " Chunked "}})).ok());
  for (const char* te : {"xchunked", "chunked, identity", "identity", "gzip, chunked", "", ","}) {
    SCOPED_TRACE(te);
    const Status s = CheckFraming(Header({{"Host", "x"}, {"Transfer-Encoding", te}}));
    EXPECT_EQ(s.code(), ErrorCode::kMalformedRequest);
  }
  // Two lines are one list: "chunked" then "chunked" is two codings.
  EXPECT_FALSE(CheckFraming(Header({{"Host", "x"},
                                    {"Transfer-Encoding", "chunked"},
                                    {"Transfer-Encoding", "chunked"}}))
                   .ok());
}

TEST(Framing, Http11NeedsExactlyOneHost) {
  EXPECT_FALSE(CheckFraming(Header({})).ok());
  EXPECT_FALSE(CheckFraming(Header({{"Host", "a"}, {"Host", "b"}})).ok());
  EXPECT_TRUE(CheckFraming(Header({}, 10)).ok());  // HTTP/1.0 has no Host requirement
  EXPECT_FALSE(CheckFraming(Header({{"Host", "a"}, {"Host", "b"}}, 10)).ok());
}

TEST(Framing, TwoAuthorizationHeadersAreRefused) {
  EXPECT_FALSE(
      CheckFraming(Header({{"Host", "x"}, {"Authorization", "Bearer a"}, {"authorization", "b"}}))
          .ok());
}

TEST(Framing, ObsoleteFoldingIsFound) {
  EXPECT_TRUE(HasObsoleteLineFolding("GET / HTTP/1.1\r\nX-A: 1\r\n 2\r\n\r\n"));
  EXPECT_TRUE(HasObsoleteLineFolding("GET / HTTP/1.1\r\nX-A: 1\r\n\t2\r\n\r\n"));
  EXPECT_FALSE(HasObsoleteLineFolding("GET / HTTP/1.1\r\nX-A: 1 2\r\nHost: x\r\n\r\n"));
}

TEST(Framing, AbsoluteFormTargetsBecomePaths) {
  EXPECT_EQ(*OriginFormTarget("/v1/products?limit=2"), "/v1/products?limit=2");
  EXPECT_EQ(*OriginFormTarget("http://licensor.example:8080/v1/products"), "/v1/products");
  EXPECT_EQ(*OriginFormTarget("HTTPS://h/v1/x?y=1"), "/v1/x?y=1");
  EXPECT_EQ(*OriginFormTarget("http://h"), "/");
  EXPECT_EQ(*OriginFormTarget("http://h?a=1"), "/?a=1");
  for (const char* bad : {"*", "licensor.example:443", "http:///v1", "v1/products", ""}) {
    SCOPED_TRACE(bad);
    EXPECT_FALSE(OriginFormTarget(bad).ok());
  }
}

TEST(Framing, JsonMediaTypeMustMatchExactly) {
  for (const char* ok : {"application/json", "Application/JSON", "application/json; charset=utf-8",
                         "application/json;charset=\"UTF-8\"", "application/json;"}) {
    EXPECT_TRUE(IsJsonMediaType(ok)) << ok;
  }
  for (const char* bad : {"application/jsonx", "application/json-patch+json", "text/json",
                          "application/json; charset=latin1", "application/json; x=y", ""}) {
    EXPECT_FALSE(IsJsonMediaType(bad)) << bad;
  }
}

}  // namespace
}  // namespace licensor::server
