// An in-process cache of validation views, kept exact by invalidation after every commit and
// bounded by the bytes it holds.
#pragma once

#include <cstdint>
#include <memory>
#include <mutex>
#include <string>
#include <unordered_map>
#include <vector>

#include "core/store.hpp"

namespace licensor::storage {

// What a write transaction changed that cached views depend on.
struct CacheInvalidations {
  std::vector<std::string> license_ids;
  bool everything = false;  // a policy changed: it is shared by many licenses
};

// Validation reads the same few rows again and again; serving them from memory spares a read
// transaction (and its file locks) per request. Correctness rests on two rules:
//  - writers invalidate the licenses they touched after their transaction commits;
//  - a reader takes `generation()` before its read transaction begins and may insert only if
//    no invalidation happened since, so a view read from an older snapshot is never kept.
//
// Memory: every entry is charged its approximate size, and the cache never holds more than
// `max_bytes`. A license and a policy are held once, however many machines' views share them,
// so a code validated from a million fingerprints costs one copy of a large feature list, not
// a million. Views of machines the license does not know (a fingerprint with no activation,
// what a flood of made-up fingerprints produces) have their own eighth of the budget: when it
// is full only they are dropped, and the views of real machines stay. Unknown codes are never
// cached. Thread-safe.
class ValidationCache {
 public:
  using ViewPtr = std::shared_ptr<const core::ValidationView>;

  explicit ValidationCache(std::size_t max_bytes);

  std::uint64_t generation() const;
  // `code` in its canonical form (CanonicalLicenseCode), as the client routes pass it.
  ViewPtr Find(const std::string& code, const std::optional<std::string>& fingerprint) const;
  // The license with `code` and its policy, when any view of them is cached: a machine not seen
  // before then needs only its own activation read.
  struct LicenseAndPolicy {
    std::shared_ptr<const core::License> license;
    std::shared_ptr<const core::Policy> policy;
  };
  std::optional<LicenseAndPolicy> FindLicense(const std::string& code) const;
  void Insert(const std::string& code, const std::optional<std::string>& fingerprint, ViewPtr view,
              std::uint64_t read_generation);
  void InvalidateLicenses(const std::vector<std::string>& license_ids);
  void InvalidateAll();
  // What a committed write changed (nothing to do when it changed nothing cached).
  void Invalidate(const CacheInvalidations& changed);

  // What the entries are charged, for tests and metrics.
  std::size_t bytes() const;
  // Find's answers since the cache was made, for metrics.
  struct Lookups {
    std::uint64_t hits = 0;
    std::uint64_t misses = 0;
  };
  Lookups lookups() const;
  // Its lookups and size, as a store reports them (core::StoreStats).
  void ReportTo(core::StoreStats& stats) const;

 private:
  // One set of views with the license and policy copies they share.
  struct Table {
    struct LicenseEntry {
      std::shared_ptr<const core::License> license;
      std::vector<std::string> keys;  // the views of this license
      std::size_t bytes = 0;          // the license's copy and its views
    };
    std::unordered_map<std::string, ViewPtr> views;
    std::unordered_map<std::string, LicenseEntry> licenses;                         // by license id
    std::unordered_map<std::string, std::shared_ptr<const core::Policy>> policies;  // by id
    std::unordered_map<std::string, std::string> codes;  // license code -> license id
    std::size_t bytes = 0;
    std::size_t max_bytes = 0;

    void Insert(std::string key, const core::ValidationView& view);
    void Invalidate(const std::string& license_id);
    void Clear();
  };

  static std::string Key(const std::string& code, const std::optional<std::string>& fingerprint);

  mutable std::mutex mutex_;
  mutable Lookups lookups_;  // counted under mutex_, which Find holds anyway
  std::uint64_t generation_ = 0;
  Table machines_;  // views with an activation, or asked without a fingerprint
  Table unknown_;   // views for fingerprints the license has no activation for
};

}  // namespace licensor::storage
