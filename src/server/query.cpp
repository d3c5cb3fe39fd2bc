// Query parsing and cursors.
#include "server/query.hpp"

#include <cctype>
#include <charconv>

#include "common/text.hpp"

namespace licensor::server {
namespace {

constexpr std::size_t kMaxQueryParams = 32;

int HexValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

}  // namespace

Result<std::string> DecodeUrlComponent(std::string_view s, UrlPart part) {
  std::string out;
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '+' && part == UrlPart::kQuery) {
      out.push_back(' ');
    } else if (s[i] == '%') {
      if (i + 2 >= s.size()) {
        return Status::InvalidField("malformed percent-escape in the request target");
      }
      const int hi = HexValue(s[i + 1]);
      const int lo = HexValue(s[i + 2]);
      if (hi < 0 || lo < 0)
        return Status::InvalidField("malformed percent-escape in the request target");
      out.push_back(static_cast<char>(hi * 16 + lo));
      i += 2;
    } else {
      out.push_back(s[i]);
    }
  }
  if (!IsValidUtf8(out)) {
    return Status::InvalidField(
        std::string(part == UrlPart::kQuery ? "a query parameter" : "a path segment") +
        " is not valid UTF-8");
  }
  return out;
}

Status CheckCanonicalPath(std::string_view path) {
  const auto refused = [&] {
    return Status::NotFound("no endpoint at " + std::string(path.substr(0, 200)) +
                            ": a path has no empty, '.' or '..' segments and no encoded '/'");
  };
  if (path.empty() || path.front() != '/') return refused();
  if (path == "/") return Status::Ok();
  std::string_view rest = path.substr(1);
  while (true) {
    const std::size_t slash = rest.find('/');
    const std::string_view segment = rest.substr(0, slash);
    if (segment.empty()) return refused();
    const auto forbidden = [](std::string_view name) {
      return name == "." || name == ".." || name.find_first_of("/\\") != std::string_view::npos;
    };
    if (forbidden(segment)) return refused();
    // Decoded only when escaped, since this runs for every request. A malformed escape is
    // refused as such where the segment is decoded for its handler.
    if (segment.find('%') != std::string_view::npos) {
      const auto decoded = DecodeUrlComponent(segment, UrlPart::kPath);
      if (decoded.ok() && forbidden(*decoded)) return refused();
    }
    if (slash == std::string_view::npos) return Status::Ok();
    rest.remove_prefix(slash + 1);
  }
}

std::string EncodeUrlComponent(std::string_view s) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  for (const char c : s) {
    const auto u = static_cast<unsigned char>(c);
    if (std::isalnum(u) || c == '-' || c == '.' || c == '_' || c == '~') {
      out.push_back(c);
    } else {
      out.push_back('%');
      out.push_back(kHex[u >> 4]);
      out.push_back(kHex[u & 15]);
    }
  }
  return out;
}

namespace {

bool ParseInt(std::string_view s, std::int64_t& out) {
  if (s.empty()) return false;
  const auto [ptr, ec] = std::from_chars(s.data(), s.data() + s.size(), out);
  return ec == std::errc() && ptr == s.data() + s.size();
}

}  // namespace

Result<std::map<std::string, std::string>> ParseQuery(std::string_view query) {
  std::map<std::string, std::string> out;
  while (!query.empty()) {
    const std::size_t amp = query.find('&');
    const std::string_view pair = query.substr(0, amp);
    query = amp == std::string_view::npos ? std::string_view() : query.substr(amp + 1);
    if (pair.empty()) continue;
    const std::size_t eq = pair.find('=');
    LICENSOR_ASSIGN_OR_RETURN(std::string key,
                              DecodeUrlComponent(pair.substr(0, eq), UrlPart::kQuery));
    LICENSOR_ASSIGN_OR_RETURN(
        std::string value,
        DecodeUrlComponent(eq == std::string_view::npos ? "" : pair.substr(eq + 1),
                           UrlPart::kQuery));
    if (!out.emplace(std::move(key), std::move(value)).second) {
      return Status::InvalidField("a query parameter is repeated");
    }
    if (out.size() > kMaxQueryParams) return Status::InvalidField("too many query parameters");
  }
  return out;
}

Result<core::PageRequest> PageRequestFrom(const std::map<std::string, std::string>& query) {
  core::PageRequest page;
  if (const auto it = query.find("limit"); it != query.end()) {
    std::int64_t limit = 0;
    if (!ParseInt(it->second, limit) || limit < 1 || limit > core::kMaxPageSize) {
      return Status::InvalidField("query parameter 'limit' must be 1 to 500");
    }
    page.limit = static_cast<int>(limit);
  }
  if (const auto it = query.find("cursor"); it != query.end()) {
    std::int64_t seq = 0;
    if (it->second.size() < 2 || it->second[0] != 'c' ||
        !ParseInt(std::string_view(it->second).substr(1), seq) || seq < 0) {
      return Status::InvalidField("query parameter 'cursor' is not a cursor this server issued");
    }
    page.after_seq = seq;
  }
  return page;
}

std::string EncodeCursor(std::int64_t seq) { return "c" + std::to_string(seq); }

}  // namespace licensor::server
