// The console's files are few (an index, a few hashed bundles), so a linear search is enough.
#include "server/console_files.hpp"

#include "common/text.hpp"
#include "crypto/random.hpp"

namespace licensor::server {
namespace {

constexpr std::string_view kIndex = "/index.html";

bool IsApiPath(std::string_view path) { return path == "/v1" || path.starts_with("/v1/"); }

bool LooksLikeFile(std::string_view path) {
  const std::string_view last = path.substr(path.rfind('/') + 1);
  return last.find('.') != std::string_view::npos;
}

}  // namespace

std::string ConsoleContentSecurityPolicy(std::string_view style_nonce) {
  std::string style = "style-src 'self'";
  if (!style_nonce.empty()) style += " 'nonce-" + std::string(style_nonce) + "'";
  return "default-src 'self'; script-src 'self'; " + style +
         "; img-src 'self' data:; font-src 'self'; connect-src 'self'; object-src 'none'; "
         "base-uri 'none'; form-action 'self'; frame-ancestors 'none'";
}

bool AcceptsGzip(std::string_view header) {
  while (!header.empty()) {
    const std::size_t comma = header.find(',');
    std::string_view item = TrimBlanks(header.substr(0, comma));
    header = comma == std::string_view::npos ? std::string_view() : header.substr(comma + 1);
    const std::size_t semi = item.find(';');
    const std::string_view coding = TrimBlanks(item.substr(0, semi));
    if (coding != "gzip" && coding != "*") continue;
    if (semi == std::string_view::npos) return true;
    const std::string_view params = TrimBlanks(item.substr(semi + 1));
    // "q=0", "q=0.0", "q=0.000" refuse; any other weight accepts.
    if (!(params.starts_with("q=0") &&
          params.substr(3).find_first_not_of(".0") == std::string_view::npos)) {
      return true;
    }
  }
  return false;
}

const ConsoleAsset* ConsoleFiles::Find(std::string_view path) const {
  for (const ConsoleAsset& asset : assets_) {
    if (asset.path == path) return &asset;
  }
  return nullptr;
}

bool ConsoleFiles::Serves(std::string_view path) const {
  if (path.empty() || path.front() != '/' || IsApiPath(path)) return false;
  return Find(path) || !LooksLikeFile(path);
}

std::optional<Reply> ConsoleFiles::Serve(std::string_view path,
                                         std::string_view accept_encoding) const {
  if (!Serves(path)) return std::nullopt;
  const ConsoleAsset* asset = Find(path);
  if (!asset) asset = Find(kIndex);
  if (!asset) return std::nullopt;
  Reply reply;
  reply.content_type = asset->content_type;
  std::string nonce;
  if (asset->path == kIndex) {
    // The page is small and its nonce must be new each time: it is sent as it is.
    nonce = crypto::NewCspNonce();
    reply.raw_body = std::string(asset->body);
    const std::size_t at = reply.raw_body.find(kNoncePlaceholder);
    if (at != std::string::npos) reply.raw_body.replace(at, kNoncePlaceholder.size(), nonce);
  } else {
    const bool gzip = !asset->gzip.empty() && AcceptsGzip(accept_encoding);
    reply.raw_body = std::string(gzip ? asset->gzip : asset->body);
    if (gzip) reply.headers.emplace_back("Content-Encoding", "gzip");
    if (!asset->gzip.empty()) reply.headers.emplace_back("Vary", "Accept-Encoding");
  }
  // Bundles carry a hash of their content in their names: a new build has new names, so they
  // can be kept for good. The index names the current bundles and is never kept.
  reply.headers.emplace_back("Cache-Control", asset->path.starts_with("/assets/")
                                                  ? "public, max-age=31536000, immutable"
                                                  : "no-store");
  reply.headers.emplace_back("Content-Security-Policy", ConsoleContentSecurityPolicy(nonce));
  reply.headers.emplace_back("X-Content-Type-Options", "nosniff");
  reply.headers.emplace_back("Referrer-Policy", "same-origin");
  reply.headers.emplace_back("X-Frame-Options", "DENY");
  reply.headers.emplace_back("Cross-Origin-Opener-Policy", "same-origin");
  return reply;
}

}  // namespace licensor::server
