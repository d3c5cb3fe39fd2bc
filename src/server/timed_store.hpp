// The store as licensord uses it, timed: each transaction's duration goes into a histogram by
// kind (read or write), which /metrics shows beside the store's own figures.
#pragma once

#include <array>
#include <atomic>
#include <cstdint>
#include <string>

#include "core/store.hpp"

namespace licensor::server {

class TimedStore final : public core::Store {
 public:
  explicit TimedStore(core::Store& inner) : inner_(inner) {}

  Status Read(const TxFunction& fn) override;
  Status ReadWithoutWaiting(const TxFunction& fn) override;
  Status Write(const TxFunction& fn) override;
  bool ReadsMayBlock() const override { return inner_.ReadsMayBlock(); }
  bool SharedByNodes() const override { return inner_.SharedByNodes(); }
  Result<std::shared_ptr<UnlinkedFile>> Backup() override { return inner_.Backup(); }
  core::StoreStats Stats() override { return inner_.Stats(); }

  // licensor_store_transaction_duration_seconds and the store's own figures (Stats()), in the
  // text exposition format.
  void Render(std::string& out);

 private:
  // Lock-free: a validation on SQLite is one read transaction, thousands a second per thread.
  struct Histogram {
    static constexpr std::array<double, 10> kBuckets = {0.0001, 0.00025, 0.0005, 0.001, 0.0025,
                                                        0.005,  0.01,    0.025,  0.1,   1};
    std::array<std::atomic<std::uint64_t>, kBuckets.size()> buckets{};
    std::atomic<std::uint64_t> count{0};
    std::atomic<std::uint64_t> nanoseconds{0};
    void Observe(std::uint64_t ns);
  };
  enum class Kind { kRead, kReadWithoutWaiting, kWrite };
  Status Timed(Histogram& histogram, Kind kind, const TxFunction& fn);

  core::Store& inner_;
  Histogram reads_;
  Histogram writes_;
};

}  // namespace licensor::server
