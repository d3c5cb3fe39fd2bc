#include "server/process_metrics.hpp"

#include <gtest/gtest.h>
#include <unistd.h>

namespace licensor::server {
namespace {

// A /proc/PID/stat line whose command name holds a space and a parenthesis, as a process may
// name itself.
constexpr std::string_view kStat =
    "4242 (licensord (x) y) S 1 4242 4242 0 -1 4194560 2000 0 0 0 250 150 0 0 20 0 9 0 "
    "360000 1048576000 25600 18446744073709551615 1 1 0 0 0 0 0 4096 0 0 0 0 17 1 0 0 0 0 0\n";

TEST(ProcessMetrics, ReadsCpuStartAndMemoryFromProcStat) {
  const auto sample = ParseProcStat(kStat, 100, 4096, 1798761600);
  ASSERT_TRUE(sample);
  EXPECT_DOUBLE_EQ(sample->cpu_seconds, 4.0);                       // (250 + 150) / 100
  EXPECT_DOUBLE_EQ(sample->start_time_seconds, 1798761600 + 3600);  // 360000 ticks after boot
  EXPECT_EQ(sample->virtual_bytes, 1048576000u);
  EXPECT_EQ(sample->resident_bytes, 25600u * 4096u);
}

TEST(ProcessMetrics, RefusesWhatIsNotAStatLine) {
  EXPECT_FALSE(ParseProcStat("", 100, 4096, 0));
  EXPECT_FALSE(ParseProcStat("4242 (short) S 1 2 3", 100, 4096, 0));
  EXPECT_FALSE(
      ParseProcStat("4242 (x) S 1 4242 4242 0 -1 4194560 2000 0 0 0 ten 150 0 0 20 0 9 0 "
                    "360000 1048576000 25600",
                    100, 4096, 0));
}

TEST(ProcessMetrics, SamplesThisProcess) {
  const ProcessSample sample = SampleProcess();
  EXPECT_GT(sample.resident_bytes, 0u);
  EXPECT_GT(sample.open_fds, 2u);  // standard input, output and error at least
  EXPECT_GE(sample.max_fds, sample.open_fds);
  EXPECT_GT(sample.start_time_seconds, 1.6e9);
  std::string text;
  RenderProcessMetrics(sample, text);
  EXPECT_NE(text.find("# TYPE process_cpu_seconds_total counter\nprocess_cpu_seconds_total "),
            std::string::npos);
  EXPECT_NE(text.find("\nprocess_open_fds "), std::string::npos);
}

}  // namespace
}  // namespace licensor::server
