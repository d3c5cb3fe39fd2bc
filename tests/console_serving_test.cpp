// licensord serves the console at /: its files, index.html for its routes, the right caching
// and security headers, and nothing of the API's space.
#include <regex>

#include "tests/support/browser_session.hpp"
#include "tests/support/e2e_fixture.hpp"

namespace licensor::testing {
namespace {

class ConsoleServing : public LicensordTest {};

TEST_F(ConsoleServing, TheIndexCarriesAFreshNonceAndIsNeverCached) {
  const ApiResponse index = client().Get("/");
  ASSERT_EQ(index.status, 200);
  EXPECT_EQ(index.headers.at("content-type"), "text/html; charset=utf-8");
  EXPECT_EQ(index.headers.at("cache-control"), "no-store");
  EXPECT_EQ(index.headers.at("x-content-type-options"), "nosniff");
  EXPECT_EQ(index.headers.at("x-frame-options"), "DENY");
  EXPECT_EQ(index.headers.at("referrer-policy"), "same-origin");
  const std::string csp = index.headers.at("content-security-policy");
  EXPECT_NE(csp.find("script-src 'self';"), std::string::npos) << csp;
  EXPECT_NE(csp.find("frame-ancestors 'none'"), std::string::npos) << csp;
  EXPECT_EQ(csp.find("unsafe-inline"), std::string::npos) << csp;
  std::smatch nonce;
  ASSERT_TRUE(std::regex_search(csp, nonce, std::regex("'nonce-([A-Za-z0-9_-]{22})'"))) << csp;
  EXPECT_NE(index.body.find("content=\"" + nonce[1].str() + "\""), std::string::npos);
  EXPECT_EQ(index.body.find("__LICENSOR_CSP_NONCE__"), std::string::npos);
  EXPECT_NE(client().Get("/").headers.at("content-security-policy"), csp);
}

TEST_F(ConsoleServing, ConsoleRoutesGetTheIndexAndMissingFilesA404) {
  for (const char* route : {"/sign-in", "/licenses/lic_123", "/admin/users?x=1"}) {
    const ApiResponse res = client().Get(route);
    EXPECT_EQ(res.status, 200) << route;
    EXPECT_NE(res.body.find("<div id=\"root\">"), std::string::npos) << route;
  }
  const ApiResponse missing = client().Get("/assets/nothing-here.js");
  EXPECT_EQ(missing.status, 404);
  EXPECT_EQ(missing.json["code"], "NOT_FOUND");
  const ApiResponse api = client().Get("/v1/no-such-endpoint");
  EXPECT_EQ(api.status, 404);
  EXPECT_EQ(api.json["code"], "NOT_FOUND");
  EXPECT_EQ(client().Raw("POST", "/sign-in", "{}").status, 404);
}

TEST_F(ConsoleServing, BundlesAreCachedForGoodAndSentCompressedToWhoAcceptsIt) {
  const ApiResponse index = client().Get("/");
  std::smatch script;
  ASSERT_TRUE(std::regex_search(index.body, script, std::regex("src=\"(/assets/[^\"]+\\.js)\"")));
  const std::string path = script[1];
  const ApiResponse plain = client().Get(path);
  ASSERT_EQ(plain.status, 200);
  EXPECT_EQ(plain.headers.at("content-type"), "text/javascript; charset=utf-8");
  EXPECT_EQ(plain.headers.at("cache-control"), "public, max-age=31536000, immutable");
  EXPECT_EQ(plain.headers.count("content-encoding"), 0u);
  const ApiResponse gzip =
      client().Raw("GET", path, "", "application/json", {{"Accept-Encoding", "br, gzip"}});
  EXPECT_EQ(gzip.headers.at("content-encoding"), "gzip");
  EXPECT_EQ(gzip.headers.at("vary"), "Accept-Encoding");
  EXPECT_LT(gzip.body.size(), plain.body.size() / 2);
  EXPECT_EQ(static_cast<unsigned char>(gzip.body[0]), 0x1f);  // the gzip magic number
  const ApiResponse refused =
      client().Raw("GET", path, "", "application/json", {{"Accept-Encoding", "gzip;q=0"}});
  EXPECT_EQ(refused.headers.count("content-encoding"), 0u);
}

TEST_F(ConsoleServing, TheSessionEndpointAnswersSignedOutVisitorsWithoutAFailure) {
  EXPECT_EQ(client().Get("/v1/auth/session").json, Json({{"signed_in", false}}));
  const ApiResponse forged = client().Raw("GET", "/v1/auth/session", "", "application/json",
                                          {{"Cookie", "licensor_session=ses_forged"}});
  EXPECT_EQ(forged.status, 200);
  EXPECT_EQ(forged.json["signed_in"], false);
  BrowserSession browser(server_.url());
  ASSERT_EQ(
      browser.Setup(SetupTokenFrom(server_.Stdout()), "a@example.com", "a long password 1").status,
      201);
  const ApiResponse in = browser.Get("/v1/auth/session");
  EXPECT_EQ(in.json["signed_in"], true);
  EXPECT_EQ(in.json["user"]["email"], "a@example.com");
  EXPECT_EQ(in.json["csrf_token"], browser.csrf());
  EXPECT_EQ(in.json["permissions"].size(), 13u);  // an admin: every permission but operate_cards
}

}  // namespace
}  // namespace licensor::testing
