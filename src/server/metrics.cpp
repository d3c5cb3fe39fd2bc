// Metric bookkeeping and rendering.
#include "server/metrics.hpp"

#include <sstream>

namespace licensor::server {

Metrics::Metrics() { routes_.push_back(RouteStats{"ANY", "unmatched", {}, {}, 0, 0}); }

std::size_t Metrics::RegisterRoute(const std::string& method, const std::string& route) {
  routes_.push_back(RouteStats{method, route, {}, {}, 0, 0});
  return routes_.size() - 1;
}

void Metrics::ObserveRequest(std::size_t route_slot, int status, double seconds) {
  std::lock_guard lock(mutex_);
  RouteStats& r = routes_.at(route_slot);
  ++r.by_status[status];
  for (std::size_t i = 0; i < kBuckets.size(); ++i) {
    if (seconds <= kBuckets[i]) ++r.buckets[i];
  }
  ++r.count;
  r.sum += seconds;
}

void Metrics::CountActivation(bool created) {
  std::lock_guard lock(mutex_);
  ++(created ? activations_created_ : activations_reused_);
}

namespace {

// The counter for `key`, added at its first use without allocating on later ones.
template <typename Map>
auto& Entry(Map& map, std::string_view key) {
  auto it = map.find(key);
  if (it == map.end()) it = map.emplace(std::string(key), typename Map::mapped_type{}).first;
  return it->second;
}

}  // namespace

void Metrics::CountReleases(std::string_view via, std::int64_t count) {
  if (count <= 0) return;
  std::lock_guard lock(mutex_);
  Entry(releases_, via) += static_cast<std::uint64_t>(count);
}

void Metrics::CountValidation(const std::string& code) {
  std::lock_guard lock(mutex_);
  ++Entry(validations_, code);
}

void Metrics::ObserveJob(std::string_view job, bool succeeded, double seconds, std::int64_t now) {
  std::lock_guard lock(mutex_);
  JobStats& stats = Entry(jobs_, job);
  ++(succeeded ? stats.successes : stats.failures);
  stats.seconds += seconds;
  if (succeeded) stats.last_success = now;
}

void Metrics::AddCollector(Collector collector) { collectors_.push_back(std::move(collector)); }

std::string Metrics::Render() const {
  std::ostringstream out;
  out.precision(15);
  std::unique_lock lock(mutex_);
  out << "# HELP licensor_http_requests_total HTTP requests by route and status.\n"
      << "# TYPE licensor_http_requests_total counter\n";
  for (const auto& r : routes_) {
    for (const auto& [status, count] : r.by_status) {
      out << "licensor_http_requests_total{method=\"" << r.method << "\",route=\"" << r.route
          << "\",status=\"" << status << "\"} " << count << "\n";
    }
  }
  out << "# HELP licensor_http_request_duration_seconds Request latency by route.\n"
      << "# TYPE licensor_http_request_duration_seconds histogram\n";
  for (const auto& r : routes_) {
    if (r.count == 0) continue;
    const std::string labels = "method=\"" + r.method + "\",route=\"" + r.route + "\"";
    for (std::size_t i = 0; i < kBuckets.size(); ++i) {
      out << "licensor_http_request_duration_seconds_bucket{" << labels << ",le=\"" << kBuckets[i]
          << "\"} " << r.buckets[i] << "\n";
    }
    out << "licensor_http_request_duration_seconds_bucket{" << labels << ",le=\"+Inf\"} " << r.count
        << "\n"
        << "licensor_http_request_duration_seconds_sum{" << labels << "} " << r.sum << "\n"
        << "licensor_http_request_duration_seconds_count{" << labels << "} " << r.count << "\n";
  }
  out << "# HELP licensor_activations_total Client activations; reused means a known machine.\n"
      << "# TYPE licensor_activations_total counter\n"
      << "licensor_activations_total{result=\"created\"} " << activations_created_ << "\n"
      << "licensor_activations_total{result=\"reused\"} " << activations_reused_ << "\n";
  out << "# HELP licensor_validations_total Client validations by result code.\n"
      << "# TYPE licensor_validations_total counter\n";
  for (const auto& [code, count] : validations_) {
    out << "licensor_validations_total{code=\"" << code << "\"} " << count << "\n";
  }
  out << "# HELP licensor_releases_total Activations released, by how.\n"
      << "# TYPE licensor_releases_total counter\n";
  for (const auto& [via, count] : releases_) {
    out << "licensor_releases_total{via=\"" << via << "\"} " << count << "\n";
  }
  out << "# HELP licensor_job_runs_total Background job runs, scheduled or asked for, by result.\n"
      << "# TYPE licensor_job_runs_total counter\n";
  for (const auto& [job, stats] : jobs_) {
    out << "licensor_job_runs_total{name=\"" << job << "\",result=\"success\"} " << stats.successes
        << "\n"
        << "licensor_job_runs_total{name=\"" << job << "\",result=\"failure\"} " << stats.failures
        << "\n";
  }
  out << "# HELP licensor_job_duration_seconds Time background job runs took.\n"
      << "# TYPE licensor_job_duration_seconds summary\n";
  for (const auto& [job, stats] : jobs_) {
    out << "licensor_job_duration_seconds_sum{name=\"" << job << "\"} " << stats.seconds << "\n"
        << "licensor_job_duration_seconds_count{name=\"" << job << "\"} "
        << stats.successes + stats.failures << "\n";
  }
  out << "# HELP licensor_job_last_success_timestamp_seconds When each job last succeeded.\n"
      << "# TYPE licensor_job_last_success_timestamp_seconds gauge\n";
  for (const auto& [job, stats] : jobs_) {
    if (stats.last_success == 0) continue;
    out << "licensor_job_last_success_timestamp_seconds{name=\"" << job << "\"} "
        << stats.last_success << "\n";
  }
  lock.unlock();
  std::string text = out.str();
  for (const auto& collect : collectors_) collect(text);
  return text;
}

}  // namespace licensor::server
