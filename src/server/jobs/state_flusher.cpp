// The flusher's loop. A failed flush is logged and retried at the next pass; what it held is
// kept by the service that gathered it.
#include "server/jobs/state_flusher.hpp"

#include <spdlog/spdlog.h>

#include "server/app.hpp"

namespace licensor::server {

void FlushGatheredState(Services& services) {
  if (const Status s = services.sessions.FlushSessionUse(); !s.ok()) {
    spdlog::error("writing the console sessions' last use failed: {}", s.message());
  }
  if (const Status s = services.daily_counts.Flush(); !s.ok()) {
    spdlog::error("writing the dashboard's daily counts failed: {}", s.message());
  }
  if (const Status s = services.keys.Refresh(); !s.ok()) {
    spdlog::error("rereading the signing keys failed: {}", s.message());
  }
}

StateFlusher::StateFlusher(Services& services, std::chrono::seconds interval)
    : services_(services), interval_(interval) {
  thread_ = std::thread([this] {
    std::unique_lock lock(mutex_);
    while (!wake_.wait_for(lock, interval_, [this] { return stopping_; })) {
      lock.unlock();
      FlushGatheredState(services_);
      lock.lock();
    }
  });
}

StateFlusher::~StateFlusher() { Stop(); }

void StateFlusher::Stop() {
  {
    std::lock_guard lock(mutex_);
    if (stopping_) return;
    stopping_ = true;
  }
  wake_.notify_all();
  if (thread_.joinable()) thread_.join();
  FlushGatheredState(services_);
}

}  // namespace licensor::server
