// A memory-side proof that a license has no activation with a given fingerprint or component
// value, so that the lookups of a machine never seen before skip the database.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string_view>

#include "common/status.hpp"
#include "core/entities.hpp"

namespace licensor::storage::sqlite {

class Connection;

// A blocked Bloom filter over the keys of every activation: (license, fingerprint) and
// (license, component name, value). It may answer "maybe" for a key never added (about 1% at
// its planned load), and never "no" for one that was added. A validation from a machine the
// server has never seen, the answer to a flood of made-up fingerprints, then costs no index
// lookup for the parts no activation has.
//
// Correctness rests on three rules:
//  - the writer adds a row's keys inside its write transaction, before the commit, so every
//    snapshot that holds the row (on any reader) finds its keys here;
//  - keys are never removed: a deleted or changed activation leaves "maybe"s only, until the
//    next start, which fills the filter afresh from the database;
//  - this process is the database's only writer, as the validation cache also assumes.
//
// Sized at start for twice the keys the database holds then, and at least a million: a store
// that grows far beyond that between starts finds the filter less often useful, never wrong.
// Each key touches one 64-byte block, one cache miss a lookup. Thread-safe without locks.
class ActivationKeyFilter {
 public:
  // Sized for `planned_keys`, then filled from every activation in the database.
  static Result<std::unique_ptr<ActivationKeyFilter>> Load(Connection& conn);
  explicit ActivationKeyFilter(std::size_t planned_keys);
  ~ActivationKeyFilter();
  ActivationKeyFilter(const ActivationKeyFilter&) = delete;
  ActivationKeyFilter& operator=(const ActivationKeyFilter&) = delete;

  void Add(const core::Activation& activation);
  void AddFingerprint(std::string_view license_id, std::string_view fingerprint);
  void AddComponent(std::string_view license_id, std::string_view name, std::string_view value);

  bool MayHaveFingerprint(std::string_view license_id, std::string_view fingerprint) const;
  bool MayHaveComponent(std::string_view license_id, std::string_view name,
                        std::string_view value) const;

  std::size_t bytes() const { return blocks_ * kBlockBytes; }

 private:
  static constexpr std::size_t kBlockBytes = 64;
  static constexpr std::size_t kWordsPerBlock = kBlockBytes / sizeof(std::uint64_t);

  void AddHash(std::uint64_t hash);
  bool MayHaveHash(std::uint64_t hash) const;

  std::size_t blocks_;
  std::uint64_t* words_;  // blocks_ * kWordsPerBlock, zeroed by calloc, touched as keys arrive
};

}  // namespace licensor::storage::sqlite
