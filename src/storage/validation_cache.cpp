// Validation view cache.
#include "storage/validation_cache.hpp"

#include "common/text.hpp"

namespace licensor::storage {
namespace {

// Approximate heap and object sizes: what matters is that a large feature list or component
// map is charged for what it holds.
constexpr std::size_t kNodeOverhead = 48;  // a map or hash node, an allocation's header

std::size_t Bytes(const std::string& s) { return s.capacity() > 15 ? s.capacity() + 1 : 0; }

std::size_t Bytes(const std::vector<std::string>& v) {
  std::size_t n = v.capacity() * sizeof(std::string);
  for (const auto& s : v) n += Bytes(s);
  return n;
}

std::size_t Bytes(const std::map<std::string, std::string>& m) {
  std::size_t n = 0;
  for (const auto& [k, v] : m) n += kNodeOverhead + 2 * sizeof(std::string) + Bytes(k) + Bytes(v);
  return n;
}

std::size_t Bytes(const core::License& l) {
  return sizeof(l) + kNodeOverhead + Bytes(l.id) + Bytes(l.code) + Bytes(l.policy_id) +
         Bytes(l.product_id) + Bytes(l.customer_id) + Bytes(l.features);
}

std::size_t Bytes(const core::Policy& p) {
  return sizeof(p) + kNodeOverhead + Bytes(p.id) + Bytes(p.product_id) + Bytes(p.name) +
         Bytes(p.features) + Bytes(p.fingerprint_rule.components);
}

std::size_t Bytes(const core::ValidationView& v, const std::string& key) {
  std::size_t n = sizeof(v) + 2 * kNodeOverhead + sizeof(std::string) + Bytes(key);
  if (v.activation) {
    const core::Activation& a = *v.activation;
    n += Bytes(a.id) + Bytes(a.license_id) + Bytes(a.fingerprint) + Bytes(a.components) +
         Bytes(a.hostname) + Bytes(a.platform);
  }
  return n;
}

}  // namespace

ValidationCache::ValidationCache(std::size_t max_bytes) {
  unknown_.max_bytes = max_bytes / 8;
  machines_.max_bytes = max_bytes - unknown_.max_bytes;
}

std::string ValidationCache::Key(const std::string& code,
                                 const std::optional<std::string>& fingerprint) {
  // '\n' cannot occur in a code, so the two parts never run together ambiguously.
  return fingerprint ? code + "\n" + *fingerprint : code;
}

std::uint64_t ValidationCache::generation() const {
  std::lock_guard lock(mutex_);
  return generation_;
}

std::size_t ValidationCache::bytes() const {
  std::lock_guard lock(mutex_);
  return machines_.bytes + unknown_.bytes;
}

ValidationCache::ViewPtr ValidationCache::Find(
    const std::string& code, const std::optional<std::string>& fingerprint) const {
  const std::string key = Key(code, fingerprint);
  std::lock_guard lock(mutex_);
  for (const Table* table : {&machines_, &unknown_}) {
    if (const auto it = table->views.find(key); it != table->views.end()) {
      ++lookups_.hits;
      return it->second;
    }
  }
  ++lookups_.misses;
  return nullptr;
}

ValidationCache::Lookups ValidationCache::lookups() const {
  std::lock_guard lock(mutex_);
  return lookups_;
}

std::optional<ValidationCache::LicenseAndPolicy> ValidationCache::FindLicense(
    const std::string& code) const {
  std::lock_guard lock(mutex_);
  for (const Table* table : {&machines_, &unknown_}) {
    const auto id = table->codes.find(code);
    if (id == table->codes.end()) continue;
    const auto& license = table->licenses.at(id->second).license;
    return LicenseAndPolicy{license, table->policies.at(license->policy_id)};
  }
  return std::nullopt;
}

void ValidationCache::Insert(const std::string& code, const std::optional<std::string>& fingerprint,
                             ViewPtr view, std::uint64_t read_generation) {
  if (!view) return;  // unknown codes are not cached: guessing codes must not fill memory
  std::lock_guard lock(mutex_);
  if (generation_ != read_generation) return;
  Table& table = fingerprint && !view->activation ? unknown_ : machines_;
  table.Insert(Key(code, fingerprint), *view);
}

void ValidationCache::Table::Insert(std::string key, const core::ValidationView& view) {
  if (views.count(key)) return;
  const auto known_license = licenses.find(view.license->id);
  const auto known_policy = policies.find(view.policy->id);
  // The view and a new license copy go with the license's entry; a new policy copy stays until
  // the table is cleared (policies are few, and shared by many licenses).
  std::size_t license_cost = Bytes(view, key);
  if (known_license == licenses.end()) license_cost += Bytes(*view.license);
  const std::size_t policy_cost = known_policy == policies.end() ? Bytes(*view.policy) : 0;
  const std::size_t cost = license_cost + policy_cost;
  if (cost > max_bytes) return;
  if (bytes + cost > max_bytes) {
    // Bounded and cheap on the hot path: start this table over rather than track recency.
    Clear();
    return Insert(std::move(key), view);
  }
  auto shared = std::make_shared<core::ValidationView>();
  LicenseEntry& entry = licenses[view.license->id];
  if (!entry.license) {
    entry.license = view.license;
    codes.emplace(CanonicalLicenseCode(view.license->code), view.license->id);
  }
  auto& policy = policies[view.policy->id];
  if (!policy) policy = view.policy;
  shared->license = entry.license;
  shared->policy = policy;
  shared->activation = view.activation;
  entry.keys.push_back(key);
  entry.bytes += license_cost;
  bytes += cost;
  views.emplace(std::move(key), std::move(shared));
}

void ValidationCache::Table::Invalidate(const std::string& license_id) {
  const auto it = licenses.find(license_id);
  if (it == licenses.end()) return;
  for (const auto& key : it->second.keys) views.erase(key);
  codes.erase(CanonicalLicenseCode(it->second.license->code));
  bytes -= std::min(bytes, it->second.bytes);
  licenses.erase(it);
}

void ValidationCache::Table::Clear() {
  views.clear();
  licenses.clear();
  policies.clear();
  codes.clear();
  bytes = 0;
}

void ValidationCache::InvalidateLicenses(const std::vector<std::string>& license_ids) {
  // Nothing changed: readers in flight may keep what they read.
  if (license_ids.empty()) return;
  std::lock_guard lock(mutex_);
  ++generation_;
  for (const auto& id : license_ids) {
    machines_.Invalidate(id);
    unknown_.Invalidate(id);
  }
}

void ValidationCache::InvalidateAll() {
  std::lock_guard lock(mutex_);
  ++generation_;
  machines_.Clear();
  unknown_.Clear();
}

void ValidationCache::Invalidate(const CacheInvalidations& changed) {
  if (changed.everything) {
    InvalidateAll();
  } else {
    InvalidateLicenses(changed.license_ids);
  }
}

void ValidationCache::ReportTo(core::StoreStats& stats) const {
  stats.has_validation_cache = true;
  const Lookups counted = lookups();
  stats.cache_hits = counted.hits;
  stats.cache_misses = counted.misses;
  stats.cache_bytes = bytes();
}

}  // namespace licensor::storage
