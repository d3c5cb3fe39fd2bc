// Segment-by-segment path matching; "{name}" captures one non-empty segment.
#include "server/router.hpp"

namespace licensor::server {
namespace {

std::vector<std::string_view> Split(std::string_view path) {
  std::vector<std::string_view> segments;
  std::size_t start = 1;  // skip the leading '/'
  while (start <= path.size()) {
    const std::size_t end = path.find('/', start);
    segments.push_back(path.substr(start, end == std::string_view::npos ? end : end - start));
    if (end == std::string_view::npos) break;
    start = end + 1;
  }
  return segments;
}

bool MatchPattern(std::string_view pattern, std::string_view path,
                  std::map<std::string, std::string>& params) {
  const auto want = Split(pattern);
  const auto have = Split(path);
  if (want.size() != have.size()) return false;
  std::map<std::string, std::string> captured;
  for (std::size_t i = 0; i < want.size(); ++i) {
    if (want[i].size() > 2 && want[i].front() == '{' && want[i].back() == '}') {
      if (have[i].empty()) return false;
      captured.emplace(std::string(want[i].substr(1, want[i].size() - 2)), std::string(have[i]));
    } else if (want[i] != have[i]) {
      return false;
    }
  }
  params = std::move(captured);
  return true;
}

}  // namespace

void Router::Add(Route route) { routes_.push_back(std::move(route)); }

Router::Match Router::Find(std::string_view method, std::string_view path) const {
  Match match;
  if (path.empty() || path.front() != '/') return match;
  for (const auto& route : routes_) {
    std::map<std::string, std::string> params;
    if (!MatchPattern(route.pattern, path, params)) continue;
    match.allowed.push_back(route.method);
    if (route.method == method && !match.route) {
      match.route = &route;
      match.params = std::move(params);
    }
  }
  return match;
}

}  // namespace licensor::server
