// Clock: the only source of "now". Rules take time as an argument; services get it from here.
#pragma once

#include <atomic>
#include <chrono>
#include <cstdint>
#include <string>

namespace licensor {

// Seconds since the Unix epoch, UTC.
using UnixSeconds = std::int64_t;

class Clock {
 public:
  virtual ~Clock() = default;
  // Thread-safe.
  virtual UnixSeconds Now() const = 0;
  // Time on a clock that never jumps, from an arbitrary start: for how long something took or
  // has been remembered, never for a date. Thread-safe.
  virtual std::chrono::nanoseconds Monotonic() const = 0;
};

class SystemClock : public Clock {
 public:
  UnixSeconds Now() const override;
  std::chrono::nanoseconds Monotonic() const override;
};

// A clock that tests move by hand. Advance() moves both times; Set() moves only the date, as a
// system clock corrected by hand does.
class ManualClock final : public Clock {
 public:
  explicit ManualClock(UnixSeconds start) : now_(start) {}
  UnixSeconds Now() const override { return now_.load(); }
  std::chrono::nanoseconds Monotonic() const override {
    return std::chrono::nanoseconds(monotonic_ns_.load());
  }
  void Set(UnixSeconds t) { now_.store(t); }
  void Advance(UnixSeconds seconds) {
    now_.fetch_add(seconds);
    monotonic_ns_.fetch_add(seconds * 1'000'000'000);
  }

 private:
  std::atomic<UnixSeconds> now_;
  std::atomic<std::int64_t> monotonic_ns_{0};
};

// Reads the time, as decimal Unix seconds, from a file on every call. It lets end-to-end tests
// drive a real licensord process through days in milliseconds; licensord accepts it only with
// the explicit --clock-file flag. A missing or unreadable file falls back to the system clock.
// Intervals are the system's: the file moves dates, not how long the process waits.
class FileClock final : public SystemClock {
 public:
  explicit FileClock(std::string path) : path_(std::move(path)) {}
  UnixSeconds Now() const override;

 private:
  std::string path_;
};

}  // namespace licensor
