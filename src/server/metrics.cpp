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

void Metrics::CountValidation(const std::string& code) {
  std::lock_guard lock(mutex_);
  const auto it = validations_.find(code);
  if (it != validations_.end()) {
    ++it->second;
  } else {
    validations_.emplace(code, 1);
  }
}

std::string Metrics::Render() const {
  std::lock_guard lock(mutex_);
  std::ostringstream out;
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
  return out.str();
}

}  // namespace licensor::server
