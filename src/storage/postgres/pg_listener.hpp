// A connection that LISTENs on one channel, on a thread of its own, and hands the
// notifications that arrive to its owner. When the connection is lost it says so, connects
// again with a growing pause, LISTENs again, and says so: whatever was sent meanwhile was
// missed, which the owner makes up for (PgStore empties its cache).
#pragma once

#include <functional>
#include <string>
#include <thread>
#include <vector>

#include "storage/postgres/pg_db.hpp"

namespace licensor::storage::postgres {

class PgListener {
 public:
  using OnNotify = std::function<void(const std::vector<PgConnection::Notification>&)>;
  using OnState = std::function<void(bool listening)>;

  // Starts the thread. `on_state(true)` is called once the LISTEN is in effect.
  PgListener(std::string url, std::string channel, OnNotify on_notify, OnState on_state);
  ~PgListener();  // stops and joins
  PgListener(const PgListener&) = delete;
  PgListener& operator=(const PgListener&) = delete;

 private:
  void Run();
  // Waits up to `ms` for the stop signal; true when it came.
  bool StopWithin(int ms) const;

  const std::string url_;
  const std::string channel_;
  OnNotify on_notify_;
  OnState on_state_;
  int stop_pipe_[2] = {-1, -1};
  std::thread thread_;
};

}  // namespace licensor::storage::postgres
