// Validation view cache.
#include "storage/sqlite/validation_cache.hpp"

namespace licensor::storage::sqlite {

std::string ValidationCache::Key(const std::string& code,
                                 const std::optional<std::string>& fingerprint) {
  // '\n' cannot occur in a code, so the two parts never run together ambiguously.
  return fingerprint ? code + "\n" + *fingerprint : code;
}

std::uint64_t ValidationCache::generation() const {
  std::lock_guard lock(mutex_);
  return generation_;
}

ValidationCache::ViewPtr ValidationCache::Find(
    const std::string& code, const std::optional<std::string>& fingerprint) const {
  std::lock_guard lock(mutex_);
  const auto it = views_.find(Key(code, fingerprint));
  return it == views_.end() ? nullptr : it->second;
}

void ValidationCache::Insert(const std::string& code, const std::optional<std::string>& fingerprint,
                             ViewPtr view, std::uint64_t read_generation) {
  if (!view) return;  // unknown codes are not cached: guessing codes must not fill memory
  std::lock_guard lock(mutex_);
  if (generation_ != read_generation) return;
  if (views_.size() >= max_entries_) {
    // Simple and bounded: start over rather than track recency on the hot path.
    views_.clear();
    keys_by_license_.clear();
  }
  std::string key = Key(code, fingerprint);
  keys_by_license_[view->license.id].push_back(key);
  views_[std::move(key)] = std::move(view);
}

void ValidationCache::InvalidateLicenses(const std::vector<std::string>& license_ids) {
  std::lock_guard lock(mutex_);
  ++generation_;
  for (const auto& id : license_ids) {
    const auto it = keys_by_license_.find(id);
    if (it == keys_by_license_.end()) continue;
    for (const auto& key : it->second) views_.erase(key);
    keys_by_license_.erase(it);
  }
}

void ValidationCache::InvalidateAll() {
  std::lock_guard lock(mutex_);
  ++generation_;
  views_.clear();
  keys_by_license_.clear();
}

}  // namespace licensor::storage::sqlite
