#include "server/process_metrics.hpp"

#include <dirent.h>
#include <sys/resource.h>
#include <unistd.h>

#include <charconv>
#include <fstream>
#include <sstream>
#include <vector>

namespace licensor::server {
namespace {

std::string ReadFile(const char* path) {
  std::ifstream in(path);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

double BootTime() {
  std::istringstream stat(ReadFile("/proc/stat"));
  std::string line;
  while (std::getline(stat, line)) {
    if (line.starts_with("btime ")) return std::stod(line.substr(6));
  }
  return 0;
}

std::uint64_t CountOpenFds() {
  DIR* dir = ::opendir("/proc/self/fd");
  if (dir == nullptr) return 0;
  std::uint64_t count = 0;
  while (const dirent* entry = ::readdir(dir)) {
    if (entry->d_name[0] != '.') ++count;
  }
  ::closedir(dir);
  return count > 0 ? count - 1 : 0;  // not the descriptor reading the directory
}

void Metric(std::string& out, std::string_view name, std::string_view type, std::string_view help,
            double value) {
  std::ostringstream line;
  line.precision(15);
  line << "# HELP " << name << " " << help << "\n# TYPE " << name << " " << type << "\n"
       << name << " " << value << "\n";
  out += line.str();
}

}  // namespace

std::optional<ProcessSample> ParseProcStat(std::string_view stat, long ticks_per_second,
                                           long page_size, double boot_time) {
  const auto name_end = stat.rfind(')');
  if (name_end == std::string_view::npos || ticks_per_second <= 0) return std::nullopt;
  // Field 3 (the state) onwards; fields are counted from 1 as proc(5) numbers them.
  std::vector<std::string_view> fields;
  std::string_view rest = stat.substr(name_end + 1);
  while (!rest.empty()) {
    const auto start = rest.find_first_not_of(" \n");
    if (start == std::string_view::npos) break;
    rest.remove_prefix(start);
    const auto end = std::min(rest.find_first_of(" \n"), rest.size());
    fields.push_back(rest.substr(0, end));
    rest.remove_prefix(end);
  }
  const auto field = [&](std::size_t number, std::uint64_t& value) {
    if (number < 3 || number - 3 >= fields.size()) return false;
    const auto text = fields[number - 3];
    return std::from_chars(text.data(), text.data() + text.size(), value).ec == std::errc();
  };
  std::uint64_t utime = 0, stime = 0, start_ticks = 0, vsize = 0, rss_pages = 0;
  if (!field(14, utime) || !field(15, stime) || !field(22, start_ticks) || !field(23, vsize) ||
      !field(24, rss_pages)) {
    return std::nullopt;
  }
  ProcessSample sample;
  const auto ticks = static_cast<double>(ticks_per_second);
  sample.cpu_seconds = static_cast<double>(utime + stime) / ticks;
  sample.start_time_seconds = boot_time + static_cast<double>(start_ticks) / ticks;
  sample.virtual_bytes = vsize;
  sample.resident_bytes = rss_pages * static_cast<std::uint64_t>(page_size);
  return sample;
}

ProcessSample SampleProcess() {
  ProcessSample sample = ParseProcStat(ReadFile("/proc/self/stat"), ::sysconf(_SC_CLK_TCK),
                                       ::sysconf(_SC_PAGESIZE), BootTime())
                             .value_or(ProcessSample{});
  sample.open_fds = CountOpenFds();
  rlimit limit{};
  if (::getrlimit(RLIMIT_NOFILE, &limit) == 0) sample.max_fds = limit.rlim_cur;
  return sample;
}

void RenderProcessMetrics(const ProcessSample& sample, std::string& out) {
  Metric(out, "process_cpu_seconds_total", "counter",
         "Total user and system CPU time spent in seconds.", sample.cpu_seconds);
  Metric(out, "process_start_time_seconds", "gauge",
         "Start time of the process since unix epoch in seconds.", sample.start_time_seconds);
  Metric(out, "process_resident_memory_bytes", "gauge", "Resident memory size in bytes.",
         static_cast<double>(sample.resident_bytes));
  Metric(out, "process_virtual_memory_bytes", "gauge", "Virtual memory size in bytes.",
         static_cast<double>(sample.virtual_bytes));
  Metric(out, "process_open_fds", "gauge", "Number of open file descriptors.",
         static_cast<double>(sample.open_fds));
  Metric(out, "process_max_fds", "gauge", "Maximum number of open file descriptors.",
         static_cast<double>(sample.max_fds));
}

}  // namespace licensor::server
