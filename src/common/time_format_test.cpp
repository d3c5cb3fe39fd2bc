#include "common/time_format.hpp"

#include <gtest/gtest.h>

namespace licensor {
namespace {

TEST(Rfc3339, FormatsUtcWithZ) {
  EXPECT_EQ(FormatRfc3339(0), "1970-01-01T00:00:00Z");
  EXPECT_EQ(FormatRfc3339(1801353600), "2027-01-31T00:00:00Z");
  EXPECT_EQ(FormatRfc3339(951782400), "2000-02-29T00:00:00Z");
}

TEST(FileNameTime, IsTheBasicFormatWithoutSeparators) {
  EXPECT_EQ(FormatFileNameTime(1798761600), "20270101T000000Z");
  EXPECT_EQ(FormatFileNameTime(1798761600 + 13 * 3600 + 5 * 60 + 9), "20270101T130509Z");
}

TEST(Rfc3339, RoundTrips) {
  for (UnixSeconds t : {0LL, 1LL, 86399LL, 951782400LL, 1801353600LL, 4102444799LL}) {
    EXPECT_EQ(ParseRfc3339(FormatRfc3339(t)), t);
  }
}

TEST(Rfc3339, AcceptsOffsetsAndFractions) {
  EXPECT_EQ(ParseRfc3339("2027-01-31T02:00:00+02:00"), 1801353600);
  EXPECT_EQ(ParseRfc3339("2027-01-30T22:00:00-02:00"), 1801353600);
  EXPECT_EQ(ParseRfc3339("2027-01-31T00:00:00.999Z"), 1801353600);
}

TEST(Rfc3339, RejectsAnythingElse) {
  for (const char* bad :
       {"", "2027-01-31", "2027-01-31T00:00:00", "2027-02-29T00:00:00Z", "2027-13-01T00:00:00Z",
        "2027-01-31T24:00:00Z", "2027-01-31T00:00:00ZZ", "2027-01-31 00:00:00Z",
        "2027-01-31T00:00:00+2:00", "２027-01-31T00:00:00Z", "2027-01-31T00:00:00.Z"}) {
    EXPECT_FALSE(ParseRfc3339(bad).has_value()) << bad;
  }
}

TEST(DaysLeft, APartOfADayIsADayAndNothingIsNothing) {
  EXPECT_EQ(DaysLeft(-5), 0);
  EXPECT_EQ(DaysLeft(0), 0);
  EXPECT_EQ(DaysLeft(1), 1);
  EXPECT_EQ(DaysLeft(kSecondsPerDay), 1);
  EXPECT_EQ(DaysLeft(kSecondsPerDay + 1), 2);
  EXPECT_EQ(DaysLeft(30 * kSecondsPerDay), 30);
}

}  // namespace
}  // namespace licensor
