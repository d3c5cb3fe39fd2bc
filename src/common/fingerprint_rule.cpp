// Component-wise fingerprint matching.
#include "common/fingerprint_rule.hpp"

#include <algorithm>

namespace licensor {

SimilarityResult CompareComponents(const FingerprintRule& rule, const Components& known,
                                   const Components& presented) {
  std::vector<std::string> shared;
  for (const auto& name : rule.components) {
    const auto a = known.find(name);
    const auto b = presented.find(name);
    if (a != known.end() && b != presented.end() && !a->second.empty() && a->second == b->second) {
      shared.push_back(name);
    }
  }
  return SimilarityOfShared(rule, shared);
}

SimilarityResult SimilarityOfShared(const FingerprintRule& rule,
                                    const std::vector<std::string>& shared) {
  SimilarityResult result;
  for (const auto& name : rule.components) {
    if (std::find(shared.begin(), shared.end(), name) != shared.end()) {
      ++result.matching;
    } else {
      result.differing.push_back(name);
    }
  }
  result.same_machine = IsSameMachine(rule, result.matching);
  return result;
}

std::vector<std::string> DifferingComponents(const Components& known, const Components& presented) {
  std::vector<std::string> differing;
  for (const auto& [name, value] : known) {
    const auto other = presented.find(name);
    if (other == presented.end() || other->second != value) differing.push_back(name);
  }
  for (const auto& [name, value] : presented) {
    if (!known.contains(name)) differing.push_back(name);
  }
  std::sort(differing.begin(), differing.end());
  return differing;
}

bool IsSameMachine(const FingerprintRule& rule, int matching) {
  return !rule.components.empty() && rule.min_matching > 0 && matching >= rule.min_matching;
}

}  // namespace licensor
