// Segment-by-segment path matching; "{name}" captures one non-empty segment.
#include "server/router.hpp"

#include <algorithm>

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

bool IsParam(std::string_view segment) {
  return segment.size() > 2 && segment.front() == '{' && segment.back() == '}';
}

bool Matches(const std::vector<std::string>& want, const std::vector<std::string_view>& have) {
  if (want.size() != have.size()) return false;
  for (std::size_t i = 0; i < want.size(); ++i) {
    if (IsParam(want[i]) ? have[i].empty() : want[i] != have[i]) return false;
  }
  return true;
}

std::map<std::string, std::string> Capture(const std::vector<std::string>& want,
                                           const std::vector<std::string_view>& have) {
  std::map<std::string, std::string> params;
  for (std::size_t i = 0; i < want.size(); ++i) {
    if (IsParam(want[i])) {
      params.emplace(want[i].substr(1, want[i].size() - 2), std::string(have[i]));
    }
  }
  return params;
}

// The bucket key of a pattern's or a path's segments (see Router::buckets_).
std::pair<std::size_t, std::string> BucketOf(std::size_t count, std::string_view second) {
  return {count, std::string(second)};
}

}  // namespace

void Router::Add(Route route) {
  for (const auto segment : Split(route.pattern)) route.segments.emplace_back(segment);
  const auto& s = route.segments;
  const std::string_view second = s.size() > 1 && !IsParam(s[1]) ? std::string_view(s[1]) : "";
  buckets_[BucketOf(s.size(), second)].push_back(routes_.size());
  routes_.push_back(std::move(route));
}

Router::Match Router::Find(std::string_view method, std::string_view path) const {
  Match match;
  if (path.empty() || path.front() != '/') return match;
  const auto have = Split(path);
  // The candidates, merged back into the order the routes were added: the first route of the
  // method wins, and `allowed` lists the methods in that order.
  std::vector<std::size_t> candidates;
  const auto add = [&](std::string_view second) {
    const auto it = buckets_.find(BucketOf(have.size(), second));
    if (it != buckets_.end())
      candidates.insert(candidates.end(), it->second.begin(), it->second.end());
  };
  if (have.size() > 1 && !have[1].empty()) add(have[1]);
  add("");
  std::sort(candidates.begin(), candidates.end());
  for (const std::size_t index : candidates) {
    const Route& route = routes_[index];
    if (!Matches(route.segments, have)) continue;
    match.allowed.push_back(route.method);
    if (route.method == method && !match.route) {
      match.route = &route;
      match.params = Capture(route.segments, have);
    }
  }
  return match;
}

}  // namespace licensor::server
