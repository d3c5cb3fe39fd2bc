// Fingerprint similarity: is a machine with some replaced parts still the same machine?
#pragma once

#include <map>
#include <string>
#include <vector>

#include "core/entities.hpp"

namespace licensor::core {

using Components = std::map<std::string, std::string>;

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

}  // namespace licensor::core
