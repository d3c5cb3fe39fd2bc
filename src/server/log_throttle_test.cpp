// The log throttle folds repeats and holds a flood to its rate.
#include "server/log_throttle.hpp"

#include <gtest/gtest.h>
#include <spdlog/sinks/ostream_sink.h>

#include <sstream>

namespace licensor::server {
namespace {

class LogThrottleTest : public ::testing::Test {
 protected:
  LogThrottleTest() {
    auto inner = std::make_shared<spdlog::sinks::ostream_sink_st>(out_);
    inner->set_pattern("%v");
    sink_ =
        std::make_shared<ThrottledSink>(inner, LogThrottleOptions{std::chrono::seconds(10), 5, 5});
    sink_->set_now_for_testing([this] { return now_; });
  }
  void Log(const std::string& text) {
    sink_->log(spdlog::details::log_msg("t", spdlog::level::warn, text));
  }
  std::size_t Lines() const {
    const std::string s = out_.str();
    return static_cast<std::size_t>(std::count(s.begin(), s.end(), '\n'));
  }

  std::ostringstream out_;
  std::shared_ptr<ThrottledSink> sink_;
  ThrottledSink::Clock::time_point now_{std::chrono::hours(1)};
};

TEST_F(LogThrottleTest, AThousandIdenticalLinesAreWrittenOnceThenSummarised) {
  for (int i = 0; i < 1000; ++i) Log("accept failed: Too many open files");
  EXPECT_EQ(Lines(), 1u);
  now_ += std::chrono::seconds(11);
  Log("accept failed: Too many open files");
  EXPECT_EQ(Lines(), 3u);
  EXPECT_NE(out_.str().find("repeated 999 more times"), std::string::npos) << out_.str();
}

TEST_F(LogThrottleTest, DistinctLinesBeyondTheBurstAreDroppedAndCounted) {
  for (int i = 0; i < 100; ++i) Log("line " + std::to_string(i));
  EXPECT_EQ(Lines(), 5u);
  now_ += std::chrono::seconds(1);  // five more tokens
  Log("after the flood");
  EXPECT_NE(out_.str().find("95 log lines were dropped"), std::string::npos) << out_.str();
  EXPECT_NE(out_.str().find("after the flood"), std::string::npos);
}

TEST_F(LogThrottleTest, OrdinaryLinesPassUnchanged) {
  Log("one");
  Log("two");
  Log("one");
  EXPECT_EQ(out_.str(), "one\ntwo\none\n");
}

}  // namespace
}  // namespace licensor::server
