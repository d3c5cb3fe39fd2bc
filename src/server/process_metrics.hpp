// The process metrics every Prometheus client library exports (process_*), read from /proc, so
// that dashboards and alerts written for any service work on licensord as they are.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace licensor::server {

struct ProcessSample {
  double cpu_seconds = 0;         // user and system time
  double start_time_seconds = 0;  // when the process started, Unix time
  std::uint64_t resident_bytes = 0;
  std::uint64_t virtual_bytes = 0;
  std::uint64_t open_fds = 0;
  std::uint64_t max_fds = 0;  // the soft open-file limit
};

// The fields of a /proc/PID/stat line; `boot_time` is /proc/stat's btime. nullopt when the line
// is not one (the command name in parentheses may hold spaces and parentheses itself).
std::optional<ProcessSample> ParseProcStat(std::string_view stat, long ticks_per_second,
                                           long page_size, double boot_time);

// This process now; what cannot be read stays zero.
ProcessSample SampleProcess();

// In the text exposition format, with HELP and TYPE lines.
void RenderProcessMetrics(const ProcessSample& sample, std::string& out);

}  // namespace licensor::server
