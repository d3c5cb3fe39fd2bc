// Fingerprint similarity: is a machine with some replaced parts still the same machine? Shared by
// the server (online activation) and the SDK (license files checked offline), so both decide
// alike.
#pragma once

#include <map>
#include <string>
#include <vector>

namespace licensor {

// Named hardware and system identifiers of one machine, e.g. {"mac": "...", "cpu": "..."}.
using Components = std::map<std::string, std::string>;

// Which components identify a machine, and how many of them must match for a machine with a
// replaced part to count as the same machine.
struct FingerprintRule {
  std::vector<std::string> components;  // e.g. {"mac", "cpu", "host_id"}; empty: exact match only
  int min_matching = 0;

  friend bool operator==(const FingerprintRule&, const FingerprintRule&) = default;
};

struct SimilarityResult {
  bool same_machine = false;
  int matching = 0;
  std::vector<std::string> differing;  // rule components that differ or are missing
};

// Compares only the components the rule names; a component missing on either side counts as
// differing. A rule with no components or min_matching <= 0 never matches (exact fingerprints
// are compared elsewhere).
SimilarityResult CompareComponents(const FingerprintRule& rule, const Components& known,
                                   const Components& presented);

// Every component whose value differs between the two sides or is on one side only, by name:
// what changed on a machine whose policy has no similarity rule.
std::vector<std::string> DifferingComponents(const Components& known, const Components& presented);

// Whether `matching` components equal on both sides make it the same machine under the rule.
bool IsSameMachine(const FingerprintRule& rule, int matching);

// The same verdict from the names of the rule's components known to be equal (and not empty)
// on both sides, as an index lookup finds them.
SimilarityResult SimilarityOfShared(const FingerprintRule& rule,
                                    const std::vector<std::string>& shared);

}  // namespace licensor
