// Writes what the server gathers in memory between requests, so that the hot paths never
// write: the last use of console sessions (and with it the removal of those that are over), and
// the dashboard's daily counts. It also rereads what other nodes may have changed that the hot
// paths use without asking the store: the key that signs client answers.
// Runs every second on its own thread, and once more when it stops.
#pragma once

#include <chrono>
#include <condition_variable>
#include <mutex>
#include <thread>

namespace licensor::server {

struct Services;

// One pass; also run by POST /v1/jobs/maintenance/run, so tests need not wait for the timer.
void FlushGatheredState(Services& services);

class StateFlusher {
 public:
  StateFlusher(Services& services, std::chrono::seconds interval);
  ~StateFlusher();  // stops, flushes once more, joins

  void Stop();

 private:
  Services& services_;
  std::chrono::seconds interval_;
  std::mutex mutex_;
  std::condition_variable wake_;
  bool stopping_ = false;
  std::thread thread_;
};

}  // namespace licensor::server
