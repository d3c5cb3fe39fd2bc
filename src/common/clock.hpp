// Clock: the only source of "now". Rules take time as an argument; services get it from here.
#pragma once

#include <atomic>
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
};

class SystemClock final : public Clock {
 public:
  UnixSeconds Now() const override;
};

// A clock that tests move by hand.
class ManualClock final : public Clock {
 public:
  explicit ManualClock(UnixSeconds start) : now_(start) {}
  UnixSeconds Now() const override { return now_.load(); }
  void Set(UnixSeconds t) { now_.store(t); }
  void Advance(UnixSeconds seconds) { now_.fetch_add(seconds); }

 private:
  std::atomic<UnixSeconds> now_;
};

// Reads the time, as decimal Unix seconds, from a file on every call. It lets end-to-end tests
// drive a real licensord process through days in milliseconds; licensord accepts it only with
// the explicit --clock-file flag. A missing or unreadable file falls back to the system clock.
class FileClock final : public Clock {
 public:
  explicit FileClock(std::string path) : path_(std::move(path)) {}
  UnixSeconds Now() const override;

 private:
  std::string path_;
  SystemClock fallback_;
};

}  // namespace licensor
