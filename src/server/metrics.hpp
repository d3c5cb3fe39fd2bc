// Prometheus metrics: requests and latency by route and status, activations, validations.
#pragma once

#include <array>
#include <cstdint>
#include <map>
#include <mutex>
#include <string>
#include <tuple>

namespace licensor::server {

class Metrics {
 public:
  // `route` is the matched pattern (never the raw path, which would explode cardinality).
  void ObserveRequest(const std::string& method, const std::string& route, int status,
                      double seconds);
  void CountActivation(bool created);
  void CountValidation(const std::string& code);

  // Text exposition format 0.0.4.
  std::string Render() const;

 private:
  static constexpr std::array<double, 12> kBuckets = {0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025,
                                                      0.05,   0.1,   0.25,   0.5,   1,    2.5};
  struct Histogram {
    std::array<std::uint64_t, kBuckets.size()> buckets{};
    std::uint64_t count = 0;
    double sum = 0;
  };

  mutable std::mutex mutex_;
  std::map<std::tuple<std::string, std::string, int>, std::uint64_t> requests_;
  std::map<std::pair<std::string, std::string>, Histogram> latency_;
  std::uint64_t activations_created_ = 0;
  std::uint64_t activations_reused_ = 0;
  std::map<std::string, std::uint64_t> validations_;
};

}  // namespace licensor::server
