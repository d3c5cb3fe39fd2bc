// The open connections of an HTTP server: how many, and which are idle, oldest first.
#pragma once

#include <atomic>
#include <cstddef>
#include <list>
#include <memory>
#include <mutex>

namespace licensor::server {

// A connection as the table sees it.
class Connection {
 public:
  virtual ~Connection() = default;
  // Closes the connection if it is still idle when this runs; may be called from any thread.
  virtual void Shed() = 0;
};

// Counts open connections against a cap and keeps the idle ones (waiting for a request's
// header: kept-alive, or connected and silent) in the order they became idle, so that a server
// at its cap, or out of file descriptors, closes the connection that has waited longest instead
// of refusing a client that has something to ask. Thread-safe; every operation is O(1) and
// allocates nothing after a connection's slot is made.
class ConnectionTable {
  struct Entry;

 public:
  explicit ConnectionTable(std::size_t max_connections) : max_(max_connections) {}

  // A connection's place in the idle list: one node it owns, spliced into the list and back.
  class Slot {
   public:
    Slot() = default;
    Slot(const Slot&) = delete;
    Slot& operator=(const Slot&) = delete;

   private:
    friend class ConnectionTable;
    std::list<Entry> own_;  // the node, while the connection is not idle
    std::list<Entry>::iterator node_;
    bool idle_ = false;
  };

  // Counts a connection opened and gives it its slot; Closed() when its socket is gone.
  void Opened(Slot& slot, std::weak_ptr<Connection> connection);
  void Closed(Slot& slot);

  void MarkIdle(Slot& slot);
  void MarkBusy(Slot& slot);

  // The connection idle the longest, taken off the idle list; null when none is idle.
  std::shared_ptr<Connection> TakeOldestIdle();

  bool Full() const { return open_.load(std::memory_order_relaxed) >= max_; }
  std::size_t open() const { return open_.load(std::memory_order_relaxed); }
  std::size_t max() const { return max_; }

 private:
  const std::size_t max_;
  std::atomic<std::size_t> open_{0};
  std::mutex mutex_;
  std::list<Entry> idle_;  // oldest first
};

struct ConnectionTable::Entry {
  Slot* slot;
  std::weak_ptr<Connection> connection;
};

}  // namespace licensor::server
