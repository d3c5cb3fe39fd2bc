// Splicing connection slots in and out of the idle list.
#include "server/connection_table.hpp"

namespace licensor::server {

void ConnectionTable::Opened(Slot& slot, std::weak_ptr<Connection> connection) {
  slot.own_.push_back(Entry{&slot, std::move(connection)});
  slot.node_ = slot.own_.begin();
  open_.fetch_add(1, std::memory_order_relaxed);
}

void ConnectionTable::Closed(Slot& slot) {
  MarkBusy(slot);
  open_.fetch_sub(1, std::memory_order_relaxed);
}

void ConnectionTable::MarkIdle(Slot& slot) {
  std::lock_guard lock(mutex_);
  if (slot.idle_ || slot.own_.empty()) return;
  idle_.splice(idle_.end(), slot.own_, slot.node_);
  slot.idle_ = true;
}

void ConnectionTable::MarkBusy(Slot& slot) {
  std::lock_guard lock(mutex_);
  if (!slot.idle_) return;
  slot.own_.splice(slot.own_.end(), idle_, slot.node_);
  slot.idle_ = false;
}

std::shared_ptr<Connection> ConnectionTable::TakeOldestIdle() {
  std::lock_guard lock(mutex_);
  while (!idle_.empty()) {
    Slot& slot = *idle_.front().slot;
    slot.own_.splice(slot.own_.end(), idle_, slot.node_);
    slot.idle_ = false;
    // Null when the connection is being destroyed; its destructor waits for this lock.
    if (auto connection = slot.node_->connection.lock()) return connection;
  }
  return nullptr;
}

}  // namespace licensor::server
