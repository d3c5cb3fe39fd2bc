#include "common/verdict.hpp"

#include <gtest/gtest.h>

#include <set>
#include <string>

#include "common/status.hpp"

namespace licensor {
namespace {

TEST(Verdict, EachHasOneNameAndOneNumber) {
  std::set<int> numbers;
  std::set<std::string_view> names;
  for (const VerdictEntry& v : kVerdicts) {
    EXPECT_TRUE(numbers.insert(static_cast<int>(v.verdict)).second) << v.name;
    EXPECT_TRUE(names.insert(v.name).second) << v.name;
    EXPECT_NE(v.sources, 0u) << v.name;
    EXPECT_EQ(VerdictName(v.verdict), v.name);
  }
}

TEST(Verdict, OnlyTheGraceVerdictsAndValidAreValid) {
  std::set<std::string_view> valid;
  for (const VerdictEntry& v : kVerdicts) {
    if (v.valid) valid.insert(v.name);
  }
  EXPECT_EQ(valid, (std::set<std::string_view>{"VALID", "IN_GRACE_PERIOD", "OFFLINE_GRACE"}));
}

TEST(Verdict, NamesAreFoundOnlyAmongTheirSources) {
  EXPECT_EQ(VerdictNamed("LICENSE_NOT_FOUND", kFromServerProblem), Verdict::kLicenseNotFound);
  EXPECT_EQ(VerdictNamed("NOT_FOUND", kFromValidation), Verdict::kNotFound);
  // The server also answers BAD_SIGNATURE (an edited deactivation proof); the SDK reports that
  // as a refusal, not as a damaged license file of its own.
  EXPECT_EQ(VerdictNamed("BAD_SIGNATURE", kFromServerProblem), std::nullopt);
  EXPECT_EQ(VerdictNamed("HEARTBEAT_DEAD", kFromSdk), std::nullopt);
  EXPECT_EQ(VerdictNamed("NO_SUCH_THING", kFromSdk), std::nullopt);
}

// The problem codes the SDK reads as verdicts are codes the server sends.
TEST(Verdict, TheServersProblemCodesTheSdkReadsAreErrorCodes) {
  std::set<std::string_view> sent;
  for (int c = 0; c <= static_cast<int>(ErrorCode::kInternal); ++c) {
    sent.insert(ErrorCodeName(static_cast<ErrorCode>(c)));
  }
  for (const VerdictEntry& v : kVerdicts) {
    if (v.sources & kFromServerProblem) {
      EXPECT_TRUE(sent.count(v.name)) << v.name;
    }
  }
}

}  // namespace
}  // namespace licensor
