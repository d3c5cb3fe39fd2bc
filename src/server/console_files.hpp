// Serving the console: its built files at their paths, and index.html for every other path
// outside the API, so that the console's own routes (/licenses/lic_...) load the application.
#pragma once

#include <optional>
#include <span>
#include <string_view>

#include "server/console_assets.hpp"
#include "server/router.hpp"

namespace licensor::server {

// The Content-Security-Policy of the console's pages: scripts, styles and connections only
// from licensord itself, no inline script, no framing. The one exception is the style elements
// the component library writes (responsive layout, theme variables): they carry the nonce
// licensord puts in each index.html it serves, and no other inline style runs.
std::string ConsoleContentSecurityPolicy(std::string_view style_nonce);

// The placeholder in index.html (a <meta name="csp-nonce">) replaced by each page's nonce.
inline constexpr std::string_view kNoncePlaceholder = "__LICENSOR_CSP_NONCE__";

class ConsoleFiles {
 public:
  explicit ConsoleFiles(std::span<const ConsoleAsset> assets) : assets_(assets) {}

  // Whether a GET of `path` is the console's to answer: anything outside /v1/ that is one of
  // its files or looks like one of its routes (a last segment without a dot).
  bool Serves(std::string_view path) const;
  // The reply for a GET of `path`; nullopt when Serves(path) is false.
  std::optional<Reply> Serve(std::string_view path, std::string_view accept_encoding) const;

 private:
  const ConsoleAsset* Find(std::string_view path) const;

  std::span<const ConsoleAsset> assets_;
};

// Whether an Accept-Encoding header admits gzip (a "gzip" coding not given q=0).
bool AcceptsGzip(std::string_view accept_encoding);

}  // namespace licensor::server
