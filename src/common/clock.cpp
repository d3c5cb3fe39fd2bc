// System and file-driven clocks.
#include "common/clock.hpp"

#include <chrono>
#include <fstream>

namespace licensor {

UnixSeconds SystemClock::Now() const {
  return std::chrono::duration_cast<std::chrono::seconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

std::chrono::nanoseconds SystemClock::Monotonic() const {
  return std::chrono::steady_clock::now().time_since_epoch();
}

UnixSeconds FileClock::Now() const {
  std::ifstream in(path_);
  UnixSeconds t = 0;
  if (in >> t) return t;
  return SystemClock::Now();
}

}  // namespace licensor
