// Runs the maintenance job (heartbeat monitor, expiry) periodically on its own thread.
#pragma once

#include <chrono>
#include <condition_variable>
#include <mutex>
#include <thread>

#include "core/maintenance_service.hpp"

namespace licensor::server {

class JobRunner {
 public:
  // interval 0 disables the periodic run (jobs can still be run through the API).
  JobRunner(core::MaintenanceService& maintenance, std::chrono::seconds interval);
  ~JobRunner();  // stops and joins

  void Stop();

 private:
  void Loop();

  core::MaintenanceService& maintenance_;
  std::chrono::seconds interval_;
  std::mutex mutex_;
  std::condition_variable wake_;
  bool stopping_ = false;
  std::thread thread_;
};

}  // namespace licensor::server
