#include "common/fingerprint_rule.hpp"

#include <gtest/gtest.h>

namespace licensor {
namespace {

const FingerprintRule kTwoOfThree{{"mac", "cpu", "disk"}, 2};
const Components kMachine{{"mac", "aa"}, {"cpu", "xeon"}, {"disk", "sn1"}, {"host", "h"}};

TEST(FingerprintSimilarity, OneReplacedPartStillMatches) {
  Components swapped = kMachine;
  swapped["disk"] = "sn2";
  const auto r = CompareComponents(kTwoOfThree, kMachine, swapped);
  EXPECT_TRUE(r.same_machine);
  EXPECT_EQ(r.matching, 2);
  EXPECT_EQ(r.differing, std::vector<std::string>{"disk"});
}

TEST(FingerprintSimilarity, TwoReplacedPartsDoNot) {
  Components swapped = kMachine;
  swapped["disk"] = "sn2";
  swapped["mac"] = "bb";
  EXPECT_FALSE(CompareComponents(kTwoOfThree, kMachine, swapped).same_machine);
}

TEST(FingerprintSimilarity, ComponentsOutsideTheRuleAreIgnored) {
  Components other_host = kMachine;
  other_host["host"] = "renamed";
  EXPECT_EQ(CompareComponents(kTwoOfThree, kMachine, other_host).matching, 3);
}

TEST(FingerprintSimilarity, MissingOrEmptyComponentsNeverMatch) {
  const Components empty_values{{"mac", ""}, {"cpu", ""}, {"disk", ""}};
  EXPECT_FALSE(CompareComponents(kTwoOfThree, empty_values, empty_values).same_machine);
  EXPECT_FALSE(CompareComponents(kTwoOfThree, kMachine, Components{}).same_machine);
}

TEST(FingerprintSimilarity, AnEmptyRuleNeverMatches) {
  EXPECT_FALSE(CompareComponents(FingerprintRule{}, kMachine, kMachine).same_machine);
}

}  // namespace
}  // namespace licensor
