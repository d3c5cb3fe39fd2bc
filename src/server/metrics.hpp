// Prometheus metrics: requests and latency by route and status, activations, releases,
// validations and job runs, counted here; and what collectors add at each scrape (the process,
// the store).
#pragma once

#include <array>
#include <cstdint>
#include <functional>
#include <map>
#include <mutex>
#include <string>
#include <string_view>
#include <vector>

namespace licensor::server {

// What Render() writes: Prometheus's text exposition format 0.0.4.
inline constexpr std::string_view kMetricsContentType = "text/plain; version=0.0.4";

// Routes are registered once at start-up and observed by index, so recording a request
// allocates nothing and compares no strings.
class Metrics {
 public:
  static constexpr std::size_t kUnmatchedRoute = 0;

  Metrics();
  // Returns the slot for a route; `route` is its pattern, never a raw path (which would make
  // label cardinality unbounded). Not thread-safe: call before serving.
  std::size_t RegisterRoute(const std::string& method, const std::string& route);

  void ObserveRequest(std::size_t route_slot, int status, double seconds);
  void CountActivation(bool created);
  // `via`: "client", "admin", "offline" (a deactivation proof) or "heartbeat" (the maintenance
  // job freed the slot of a machine that stopped reporting).
  void CountReleases(std::string_view via, std::int64_t count = 1);
  void CountValidation(const std::string& code);
  // A background job's run, scheduled or asked for through the API; `now` is the clock's.
  void ObserveJob(std::string_view job, bool succeeded, double seconds, std::int64_t now);

  // Appends more metrics to every scrape, in the text exposition format. Collectors run outside
  // this object's lock and may read the store. Not thread-safe: call before serving.
  using Collector = std::function<void(std::string& out)>;
  void AddCollector(Collector collector);

  // Text exposition format 0.0.4. May read the store (collectors): not for a network thread.
  std::string Render() const;

 private:
  static constexpr std::array<double, 12> kBuckets = {0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025,
                                                      0.05,   0.1,   0.25,   0.5,   1,    2.5};
  struct RouteStats {
    std::string method;
    std::string route;
    std::map<int, std::uint64_t> by_status;
    std::array<std::uint64_t, kBuckets.size()> buckets{};
    std::uint64_t count = 0;
    double sum = 0;
  };

  struct JobStats {
    std::uint64_t successes = 0;
    std::uint64_t failures = 0;
    double seconds = 0;
    std::int64_t last_success = 0;  // Unix time; 0: never
  };

  mutable std::mutex mutex_;
  std::vector<RouteStats> routes_;
  std::uint64_t activations_created_ = 0;
  std::uint64_t activations_reused_ = 0;
  std::map<std::string, std::uint64_t, std::less<>> releases_;
  std::map<std::string, std::uint64_t, std::less<>> validations_;
  std::map<std::string, JobStats, std::less<>> jobs_;
  std::vector<Collector> collectors_;
};

}  // namespace licensor::server
