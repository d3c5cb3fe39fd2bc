// What a browser does with the console's session: keeps the cookie a sign-in set, and sends
// changes with the session's CSRF token and the console's Origin, as the console's pages do.
#pragma once

#include <gtest/gtest.h>

#include <regex>

#include "tests/support/licensord_process.hpp"

namespace licensor::testing {

// The cookie a Set-Cookie header sets, as "name=value".
inline std::string CookieFrom(const ApiResponse& res) {
  const auto it = res.headers.find("set-cookie");
  if (it == res.headers.end()) return "";
  return it->second.substr(0, it->second.find(';'));
}

// The one-time setup link's token, from what licensord printed at start ("" when none).
inline std::string SetupTokenFrom(const std::string& stdout_text) {
  std::smatch m;
  static const std::regex link("/setup#token=([A-Za-z0-9_-]+)");
  std::string last;
  for (auto it = stdout_text.cbegin(); std::regex_search(it, stdout_text.cend(), m, link);
       it = m.suffix().first) {
    last = m[1];
  }
  return last;
}

class BrowserSession {
 public:
  // `origin`: the page's origin when the console is reached at another address than `url`
  // (licensord's --public-url).
  explicit BrowserSession(const std::string& url, const cli::TlsTrust& trust = {},
                          const std::string& origin = "")
      : api_(url, "", trust), origin_(origin.empty() ? url : origin) {}

  // Signs in; the answer is returned whatever it is, and a session it opens is kept.
  ApiResponse SignIn(const std::string& email, const std::string& password) {
    return Keep(Send("POST", "/v1/auth/login", {{"email", email}, {"password", password}}));
  }
  ApiResponse Setup(const std::string& token, const std::string& email, const std::string& password,
                    const std::string& name = "First Admin") {
    return Keep(Send("POST", "/v1/setup",
                     {{"setup_token", token},
                      {"email", email},
                      {"display_name", name},
                      {"password", password}}));
  }

  ApiResponse Get(const std::string& target) { return Send("GET", target, nullptr); }
  ApiResponse Post(const std::string& target, const Json& body = Json::object()) {
    return Send("POST", target, body);
  }
  ApiResponse Patch(const std::string& target, const Json& body) {
    return Send("PATCH", target, body);
  }
  ApiResponse Delete(const std::string& target) { return Send("DELETE", target, nullptr); }

  // A request as a browser sends it: the cookie always; with a change, the CSRF token and the
  // Origin. `extra` adds or overrides headers (an empty value removes one).
  ApiResponse Send(const std::string& method, const std::string& target, const Json& body,
                   std::map<std::string, std::string> extra = {}) {
    std::map<std::string, std::string> headers;
    if (!cookie_.empty()) headers["Cookie"] = cookie_;
    if (method != "GET") {
      headers["Origin"] = origin_;
      if (!csrf_.empty()) headers["X-CSRF-Token"] = csrf_;
    }
    for (auto& [name, value] : extra) {
      if (value.empty()) {
        headers.erase(name);
      } else {
        headers[name] = value;
      }
    }
    return api_.Raw(method, target, body.is_null() ? "" : body.dump(), "application/json", headers);
  }

  const std::string& cookie() const { return cookie_; }
  const std::string& csrf() const { return csrf_; }
  const std::string& origin() const { return origin_; }

 private:
  ApiResponse Keep(ApiResponse res) {
    if (res.status / 100 == 2) {
      cookie_ = CookieFrom(res);
      csrf_ = res.json["csrf_token"];
    }
    return res;
  }

  Api api_;
  std::string origin_;
  std::string cookie_;
  std::string csrf_;
};

// The first administrator, made through the setup link `server` printed, signed in in a browser
// of its own.
inline BrowserSession SetUpFirstAdmin(const LicensordProcess& server, const std::string& email,
                                      const std::string& password) {
  BrowserSession browser(server.url());
  const ApiResponse res = browser.Setup(SetupTokenFrom(server.Stdout()), email, password);
  EXPECT_EQ(res.status, 201) << res.body;
  return browser;
}

}  // namespace licensor::testing
