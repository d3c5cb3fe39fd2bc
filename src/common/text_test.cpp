// UTF-8 validation against the classic malformed sequences; license codes as people type them.
#include "common/text.hpp"

#include <gtest/gtest.h>

namespace licensor {
namespace {

TEST(Utf8, AcceptsWellFormedText) {
  for (const char* ok : {"", "plain", "caf\xC3\xA9", "\xE2\x82\xAC", "\xF0\x9F\x94\x91",
                         "\xED\x9F\xBF", "\xF4\x8F\xBF\xBF"}) {
    EXPECT_TRUE(IsValidUtf8(ok)) << ok;
  }
}

TEST(Utf8, RefusesMalformedSequences) {
  for (const char* bad :
       {"\xFF", "\xC3\x28", "\xED\xA0\x80", "\xC0\xAF", "\xE0\x80\xAF", "\xF0\x80\x80\xAF",
        "\xF4\x90\x80\x80", "\x80", "\xC3", "\xE2\x82", "a\xF8\x88\x80\x80\x80"}) {
    EXPECT_FALSE(IsValidUtf8(bad)) << bad;
  }
}

TEST(TextLength, CountsCharactersNotBytes) {
  EXPECT_EQ(TextLength(""), 0u);
  EXPECT_EQ(TextLength("abc"), 3u);
  EXPECT_EQ(TextLength("caf\xC3\xA9"), 4u);               // café
  EXPECT_EQ(TextLength("\xE6\x97\xA5\xE6\x9C\xAC"), 2u);  // two CJK characters
  EXPECT_EQ(TextLength("\xF0\x9F\x94\x91"), 1u);          // one emoji, four bytes
  EXPECT_TRUE(CheckTextLength("\xC3\xA9\xC3\xA9", "name", 1, 2).ok());
  EXPECT_EQ(CheckTextLength("", "name", 1, 2).message(), "name must be 1 to 2 characters");
  EXPECT_EQ(CheckTextLength("abc", "hostname", 0, 2).message(),
            "hostname must be at most 2 characters");
}

TEST(LicenseCode, TypedOrPastedCodesBecomeTheDisplayedForm) {
  EXPECT_EQ(CanonicalLicenseCode("LIC-2345-ABCDEFGHJKMN-PQRS"), "LIC-2345-ABCDEFGHJKMN-PQRS");
  EXPECT_EQ(CanonicalLicenseCode(" lic-2345-abcdefghjkmn-pqrs\n"), "LIC-2345-ABCDEFGHJKMN-PQRS");
  EXPECT_EQ(CanonicalLicenseCode("LIC-2345 - ABCD EFGH JKMN-\tPQRS"), "LIC-2345-ABCDEFGHJKMN-PQRS");
  EXPECT_EQ(CanonicalLicenseCode(""), "");
  // Bytes outside ASCII letters are kept as they are (and so match no issued code).
  EXPECT_EQ(CanonicalLicenseCode("lic-\xC3\xA9"), "LIC-\xC3\xA9");
}

}  // namespace
}  // namespace licensor
