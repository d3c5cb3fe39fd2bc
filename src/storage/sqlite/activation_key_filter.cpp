// The activation key filter: hashing, the blocked Bloom filter's bits, and its fill at start.
#include "storage/sqlite/activation_key_filter.hpp"

#include <algorithm>
#include <atomic>
#include <cstdlib>
#include <new>

#include "storage/sqlite/sqlite_db.hpp"

namespace licensor::storage::sqlite {
namespace {

// Bits a key is planned at, and bits it sets: about 1% false "maybe"s at the planned load.
constexpr std::size_t kBitsPerKey = 10;
constexpr int kProbes = 7;
constexpr std::size_t kMinPlannedKeys = std::size_t{1} << 20;

// FNV-1a over the key's parts, each followed by a byte no UTF-8 text holds (requests are
// UTF-8), so keys made of different parts never hash the same bytes; the kind keeps
// fingerprints and components apart. A collision would only ever be a false "maybe".
class KeyHash {
 public:
  explicit KeyHash(char kind) { Byte(static_cast<unsigned char>(kind)); }
  KeyHash& Part(std::string_view part) {
    for (const char c : part) Byte(static_cast<unsigned char>(c));
    Byte(0xff);
    return *this;
  }
  // A final mix (splitmix64's), since FNV's low bits are weak and the block comes from them.
  std::uint64_t Finish() const {
    std::uint64_t z = h_;
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
  }

 private:
  void Byte(unsigned char b) { h_ = (h_ ^ b) * 0x100000001b3ULL; }
  std::uint64_t h_ = 0xcbf29ce484222325ULL;
};

std::uint64_t FingerprintKey(std::string_view license_id, std::string_view fingerprint) {
  return KeyHash('f').Part(license_id).Part(fingerprint).Finish();
}

std::uint64_t ComponentKey(std::string_view license_id, std::string_view name,
                           std::string_view value) {
  return KeyHash('c').Part(license_id).Part(name).Part(value).Finish();
}

// The block a hash falls in (its high half scaled to the block count) and the probe bits set
// in that block (9 bits of its low half each, one of 512).
std::size_t BlockOf(std::uint64_t hash, std::size_t blocks) {
  return static_cast<std::size_t>(((hash >> 32) * static_cast<std::uint64_t>(blocks)) >> 32);
}

template <typename Visit>
void ForEachProbe(std::uint64_t hash, Visit visit) {
  std::uint64_t bits = hash * 0x9e3779b97f4a7c15ULL;  // spread the low half over 63 bits
  for (int i = 0; i < kProbes; ++i, bits >>= 9) {
    const unsigned bit = static_cast<unsigned>(bits & 511);
    visit(bit / 64, std::uint64_t{1} << (bit % 64));
  }
}

}  // namespace

ActivationKeyFilter::ActivationKeyFilter(std::size_t planned_keys) {
  const std::size_t bits = std::max(planned_keys, kMinPlannedKeys) * kBitsPerKey;
  blocks_ =
      std::min<std::size_t>((bits + kBlockBytes * 8 - 1) / (kBlockBytes * 8), std::size_t{1} << 32);
  // calloc: the pages are the kernel's zero pages until a key lands in them.
  words_ =
      static_cast<std::uint64_t*>(std::calloc(blocks_ * kWordsPerBlock, sizeof(std::uint64_t)));
  if (!words_) throw std::bad_alloc();
}

ActivationKeyFilter::~ActivationKeyFilter() { std::free(words_); }

Result<std::unique_ptr<ActivationKeyFilter>> ActivationKeyFilter::Load(Connection& conn) {
  std::int64_t keys = 0;
  for (const char* count :
       {"SELECT COUNT(*) FROM activations", "SELECT COUNT(*) FROM activation_components"}) {
    LICENSOR_ASSIGN_OR_RETURN(auto stmt, conn.Prepare(count));
    LICENSOR_ASSIGN_OR_RETURN(const bool row, stmt.Next());
    if (row) keys += stmt.Int(0);
  }
  auto filter = std::make_unique<ActivationKeyFilter>(2 * static_cast<std::size_t>(keys));
  {
    LICENSOR_ASSIGN_OR_RETURN(auto stmt,
                              conn.Prepare("SELECT license_id, fingerprint FROM activations"));
    for (;;) {
      LICENSOR_ASSIGN_OR_RETURN(const bool row, stmt.Next());
      if (!row) break;
      filter->AddFingerprint(stmt.TextView(0), stmt.TextView(1));
    }
  }
  LICENSOR_ASSIGN_OR_RETURN(
      auto stmt, conn.Prepare("SELECT license_id, name, value FROM activation_components"));
  for (;;) {
    LICENSOR_ASSIGN_OR_RETURN(const bool row, stmt.Next());
    if (!row) break;
    filter->AddComponent(stmt.TextView(0), stmt.TextView(1), stmt.TextView(2));
  }
  return filter;
}

// The same keys the store's triggers put in the component index: every component, empty or not.
void ActivationKeyFilter::Add(const core::Activation& activation) {
  AddFingerprint(activation.license_id, activation.fingerprint);
  for (const auto& [name, value] : activation.components) {
    AddComponent(activation.license_id, name, value);
  }
}

void ActivationKeyFilter::AddFingerprint(std::string_view license_id,
                                         std::string_view fingerprint) {
  AddHash(FingerprintKey(license_id, fingerprint));
}

void ActivationKeyFilter::AddComponent(std::string_view license_id, std::string_view name,
                                       std::string_view value) {
  AddHash(ComponentKey(license_id, name, value));
}

bool ActivationKeyFilter::MayHaveFingerprint(std::string_view license_id,
                                             std::string_view fingerprint) const {
  return MayHaveHash(FingerprintKey(license_id, fingerprint));
}

bool ActivationKeyFilter::MayHaveComponent(std::string_view license_id, std::string_view name,
                                           std::string_view value) const {
  return MayHaveHash(ComponentKey(license_id, name, value));
}

// Release on set and acquire on test: a reader that sees a committed row (the commit comes
// after the set) sees its bits.
void ActivationKeyFilter::AddHash(std::uint64_t hash) {
  std::uint64_t* block = words_ + BlockOf(hash, blocks_) * kWordsPerBlock;
  ForEachProbe(hash, [&](unsigned word, std::uint64_t mask) {
    std::atomic_ref<std::uint64_t>(block[word]).fetch_or(mask, std::memory_order_release);
  });
}

bool ActivationKeyFilter::MayHaveHash(std::uint64_t hash) const {
  std::uint64_t* block = words_ + BlockOf(hash, blocks_) * kWordsPerBlock;
  bool all = true;
  ForEachProbe(hash, [&](unsigned word, std::uint64_t mask) {
    all = all &&
          (std::atomic_ref<std::uint64_t>(block[word]).load(std::memory_order_acquire) & mask) != 0;
  });
  return all;
}

}  // namespace licensor::storage::sqlite
