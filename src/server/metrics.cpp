// Metric bookkeeping and rendering.
#include "server/metrics.hpp"

#include <sstream>

namespace licensor::server {

void Metrics::ObserveRequest(const std::string& method, const std::string& route, int status,
                             double seconds) {
  std::lock_guard lock(mutex_);
  ++requests_[{method, route, status}];
  Histogram& h = latency_[{method, route}];
  for (std::size_t i = 0; i < kBuckets.size(); ++i) {
    if (seconds <= kBuckets[i]) ++h.buckets[i];
  }
  ++h.count;
  h.sum += seconds;
}

void Metrics::CountActivation(bool created) {
  std::lock_guard lock(mutex_);
  ++(created ? activations_created_ : activations_reused_);
}

void Metrics::CountValidation(const std::string& code) {
  std::lock_guard lock(mutex_);
  ++validations_[code];
}

std::string Metrics::Render() const {
  std::lock_guard lock(mutex_);
  std::ostringstream out;
  out << "# HELP licensor_http_requests_total HTTP requests by route and status.\n"
      << "# TYPE licensor_http_requests_total counter\n";
  for (const auto& [key, count] : requests_) {
    const auto& [method, route, status] = key;
    out << "licensor_http_requests_total{method=\"" << method << "\",route=\"" << route
        << "\",status=\"" << status << "\"} " << count << "\n";
  }
  out << "# HELP licensor_http_request_duration_seconds Request latency by route.\n"
      << "# TYPE licensor_http_request_duration_seconds histogram\n";
  for (const auto& [key, h] : latency_) {
    const std::string labels = "method=\"" + key.first + "\",route=\"" + key.second + "\"";
    for (std::size_t i = 0; i < kBuckets.size(); ++i) {
      out << "licensor_http_request_duration_seconds_bucket{" << labels << ",le=\"" << kBuckets[i]
          << "\"} " << h.buckets[i] << "\n";
    }
    out << "licensor_http_request_duration_seconds_bucket{" << labels << ",le=\"+Inf\"} " << h.count
        << "\n"
        << "licensor_http_request_duration_seconds_sum{" << labels << "} " << h.sum << "\n"
        << "licensor_http_request_duration_seconds_count{" << labels << "} " << h.count << "\n";
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
