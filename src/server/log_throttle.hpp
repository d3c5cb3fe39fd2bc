// A spdlog sink that keeps a flood of log lines from filling the disk.
#pragma once

#include <spdlog/sinks/base_sink.h>

#include <chrono>
#include <functional>
#include <memory>
#include <mutex>
#include <string>

namespace licensor::server {

// What the throttle allows; the defaults suit an operator's terminal and a log collector alike.
struct LogThrottleOptions {
  std::chrono::seconds repeat_window{10};  // an identical line is written once per window
  double lines_per_second = 50;            // every other line: this rate, with a burst of ...
  double burst = 500;                      // ... this many lines
};

// Wraps another sink. A line identical to the one before it is counted instead of written
// until the repeat window has passed, and then a summary says how often it came; all lines
// together are held to a token bucket, and what the bucket drops is summarised the same way.
// A client that makes the server log on every request (accept failures, refused requests)
// therefore costs a few lines a second instead of megabytes.
class ThrottledSink final : public spdlog::sinks::base_sink<std::mutex> {
 public:
  using Clock = std::chrono::steady_clock;
  explicit ThrottledSink(std::shared_ptr<spdlog::sinks::sink> inner,
                         LogThrottleOptions options = {});

  // The time source, replaced by tests.
  void set_now_for_testing(std::function<Clock::time_point()> now) { now_ = std::move(now); }

 protected:
  void sink_it_(const spdlog::details::log_msg& msg) override;
  void flush_() override;
  // The pattern and formatter are the wrapped sink's: it is the one that writes.
  void set_pattern_(const std::string& pattern) override;
  void set_formatter_(std::unique_ptr<spdlog::formatter> formatter) override;

 private:
  // Writes a summary line of `what`, at the level of the lines it summarises.
  void WriteSummary(spdlog::level::level_enum level, const std::string& what);
  bool TakeToken(Clock::time_point now);

  std::shared_ptr<spdlog::sinks::sink> inner_;
  LogThrottleOptions options_;
  std::function<Clock::time_point()> now_ = [] { return Clock::now(); };

  std::string last_payload_;
  spdlog::level::level_enum last_level_ = spdlog::level::info;
  Clock::time_point last_written_{};
  std::size_t repeats_ = 0;  // identical lines not written since last_written_

  double tokens_;
  Clock::time_point refilled_{};
  std::size_t dropped_ = 0;  // lines the bucket refused since the last summary
};

}  // namespace licensor::server
