// An in-process cache of validation views, kept exact by invalidation after every commit.
#pragma once

#include <cstdint>
#include <memory>
#include <mutex>
#include <string>
#include <unordered_map>
#include <vector>

#include "core/store.hpp"

namespace licensor::storage::sqlite {

// Validation reads the same few rows again and again; serving them from memory spares a read
// transaction (and its file locks) per request. Correctness rests on two rules:
//  - writers invalidate the licenses they touched after their transaction commits;
//  - a reader takes `generation()` before its read transaction begins and may insert only if
//    no invalidation happened since, so a view read from an older snapshot is never kept.
// Thread-safe.
class ValidationCache {
 public:
  using ViewPtr = std::shared_ptr<const core::ValidationView>;

  explicit ValidationCache(std::size_t max_entries) : max_entries_(max_entries) {}

  std::uint64_t generation() const;
  ViewPtr Find(const std::string& code, const std::optional<std::string>& fingerprint) const;
  void Insert(const std::string& code, const std::optional<std::string>& fingerprint, ViewPtr view,
              std::uint64_t read_generation);
  void InvalidateLicenses(const std::vector<std::string>& license_ids);
  void InvalidateAll();

 private:
  static std::string Key(const std::string& code, const std::optional<std::string>& fingerprint);

  const std::size_t max_entries_;
  mutable std::mutex mutex_;
  std::uint64_t generation_ = 0;
  std::unordered_map<std::string, ViewPtr> views_;
  std::unordered_map<std::string, std::vector<std::string>> keys_by_license_;
};

// What a write transaction changed that cached views depend on.
struct CacheInvalidations {
  std::vector<std::string> license_ids;
  bool everything = false;  // a policy changed: it is shared by many licenses
};

}  // namespace licensor::storage::sqlite
