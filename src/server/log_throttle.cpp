// Repeat folding and a token bucket in front of the real log sink.
#include "server/log_throttle.hpp"

#include <algorithm>

namespace licensor::server {

ThrottledSink::ThrottledSink(std::shared_ptr<spdlog::sinks::sink> inner, LogThrottleOptions options)
    : inner_(std::move(inner)), options_(options), tokens_(options.burst) {}

bool ThrottledSink::TakeToken(Clock::time_point now) {
  const double elapsed = std::chrono::duration<double>(now - refilled_).count();
  tokens_ = std::min(options_.burst, tokens_ + elapsed * options_.lines_per_second);
  refilled_ = now;
  if (tokens_ < 1) return false;
  tokens_ -= 1;
  return true;
}

void ThrottledSink::WriteSummary(spdlog::level::level_enum level, const std::string& what) {
  const spdlog::details::log_msg summary("licensord", level, what);
  inner_->log(summary);
}

void ThrottledSink::sink_it_(const spdlog::details::log_msg& msg) {
  const Clock::time_point now = now_();
  const std::string_view payload(msg.payload.data(), msg.payload.size());
  const bool same = payload == last_payload_;
  if (same && now - last_written_ < options_.repeat_window) {
    ++repeats_;
    return;
  }
  if (repeats_ > 0) {
    WriteSummary(last_level_, "the previous line was repeated " + std::to_string(repeats_) +
                                  " more times: " + last_payload_.substr(0, 200));
    repeats_ = 0;
  }
  if (!TakeToken(now)) {
    ++dropped_;
    return;
  }
  if (dropped_ > 0) {
    WriteSummary(spdlog::level::warn,
                 std::to_string(dropped_) + " log lines were dropped: too many lines a second");
    dropped_ = 0;
  }
  inner_->log(msg);
  last_payload_.assign(payload);
  last_level_ = msg.level;
  last_written_ = now;
}

void ThrottledSink::flush_() { inner_->flush(); }

void ThrottledSink::set_pattern_(const std::string& pattern) { inner_->set_pattern(pattern); }

void ThrottledSink::set_formatter_(std::unique_ptr<spdlog::formatter> formatter) {
  inner_->set_formatter(std::move(formatter));
}

}  // namespace licensor::server
