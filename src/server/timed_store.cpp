#include "server/timed_store.hpp"

#include <chrono>
#include <sstream>

namespace licensor::server {

void TimedStore::Histogram::Observe(std::uint64_t ns) {
  const double seconds = static_cast<double>(ns) / 1e9;
  for (std::size_t i = 0; i < kBuckets.size(); ++i) {
    if (seconds <= kBuckets[i]) {
      buckets[i].fetch_add(1, std::memory_order_relaxed);  // rendered cumulatively
      break;
    }
  }
  count.fetch_add(1, std::memory_order_relaxed);
  nanoseconds.fetch_add(ns, std::memory_order_relaxed);
}

Status TimedStore::Timed(Histogram& histogram, Kind kind, const TxFunction& fn) {
  const auto start = std::chrono::steady_clock::now();
  Status status = kind == Kind::kWrite                ? inner_.Write(fn)
                  : kind == Kind::kReadWithoutWaiting ? inner_.ReadWithoutWaiting(fn)
                                                      : inner_.Read(fn);
  const auto elapsed = std::chrono::steady_clock::now() - start;
  histogram.Observe(static_cast<std::uint64_t>(
      std::chrono::duration_cast<std::chrono::nanoseconds>(elapsed).count()));
  return status;
}

Status TimedStore::Read(const TxFunction& fn) { return Timed(reads_, Kind::kRead, fn); }
Status TimedStore::ReadWithoutWaiting(const TxFunction& fn) {
  return Timed(reads_, Kind::kReadWithoutWaiting, fn);
}
Status TimedStore::Write(const TxFunction& fn) { return Timed(writes_, Kind::kWrite, fn); }

void TimedStore::Render(std::string& out) {
  std::ostringstream text;
  text.precision(15);
  text << "# HELP licensor_store_transaction_duration_seconds Store transactions by kind, from "
          "the request for a connection to the commit.\n"
       << "# TYPE licensor_store_transaction_duration_seconds histogram\n";
  for (const auto& [kind, histogram] : {std::pair<const char*, Histogram*>{"read", &reads_},
                                        std::pair<const char*, Histogram*>{"write", &writes_}}) {
    std::uint64_t cumulative = 0;
    for (std::size_t i = 0; i < Histogram::kBuckets.size(); ++i) {
      cumulative += histogram->buckets[i].load(std::memory_order_relaxed);
      text << "licensor_store_transaction_duration_seconds_bucket{kind=\"" << kind << "\",le=\""
           << Histogram::kBuckets[i] << "\"} " << cumulative << "\n";
    }
    // Read after the buckets: the count is never below their sum.
    const std::uint64_t count = std::max(cumulative, histogram->count.load());
    text << "licensor_store_transaction_duration_seconds_bucket{kind=\"" << kind
         << "\",le=\"+Inf\"} " << count << "\n"
         << "licensor_store_transaction_duration_seconds_sum{kind=\"" << kind << "\"} "
         << static_cast<double>(histogram->nanoseconds.load()) / 1e9 << "\n"
         << "licensor_store_transaction_duration_seconds_count{kind=\"" << kind << "\"} " << count
         << "\n";
  }
  const core::StoreStats stats = inner_.Stats();
  text << "# HELP licensor_store_connections Pooled store connections, by state.\n"
       << "# TYPE licensor_store_connections gauge\n"
       << "licensor_store_connections{backend=\"" << stats.backend << "\",state=\"busy\"} "
       << stats.connections_busy << "\n"
       << "licensor_store_connections{backend=\"" << stats.backend << "\",state=\"idle\"} "
       << stats.connections - stats.connections_busy << "\n"
       << "# HELP licensor_store_connection_waits_total Transactions that waited for a free "
          "pooled connection.\n"
       << "# TYPE licensor_store_connection_waits_total counter\n"
       << "licensor_store_connection_waits_total{backend=\"" << stats.backend << "\"} "
       << stats.connection_waits << "\n";
  if (stats.has_validation_cache) {
    text << "# HELP licensor_validation_cache_lookups_total Validation-cache lookups, by result.\n"
         << "# TYPE licensor_validation_cache_lookups_total counter\n"
         << "licensor_validation_cache_lookups_total{result=\"hit\"} " << stats.cache_hits << "\n"
         << "licensor_validation_cache_lookups_total{result=\"miss\"} " << stats.cache_misses
         << "\n"
         << "# HELP licensor_validation_cache_bytes Memory the validation cache holds.\n"
         << "# TYPE licensor_validation_cache_bytes gauge\n"
         << "licensor_validation_cache_bytes " << stats.cache_bytes << "\n"
         << "# HELP licensor_validation_cache_listening 1 while the cache hears of other nodes' "
            "changes and is used; 0 while it is bypassed.\n"
         << "# TYPE licensor_validation_cache_listening gauge\n"
         << "licensor_validation_cache_listening " << (stats.cache_listening ? 1 : 0) << "\n"
         << "# HELP licensor_validation_cache_resets_total Times the cache was emptied because "
            "it stopped hearing of other nodes' changes.\n"
         << "# TYPE licensor_validation_cache_resets_total counter\n"
         << "licensor_validation_cache_resets_total " << stats.cache_resets << "\n";
  }
  out += text.str();
}

}  // namespace licensor::server
