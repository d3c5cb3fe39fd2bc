#include "storage/columns.hpp"

#include <gtest/gtest.h>

#include <map>
#include <optional>
#include <string>
#include <vector>

namespace licensor::storage {
namespace {

struct Part {
  int a = 0;
  int b = 0;
};
struct Thing {
  std::string id;
  std::optional<std::int64_t> until;
  core::DeploymentMode mode = core::DeploymentMode::kOnline;
  std::vector<std::string> tags;
  Part part;
  bool flag = false;
};

SqlValue IdUpper(const Thing& t) { return t.id + "!"; }

constexpr Column<Thing> kThings[] = {
    Col<&Thing::id>("id"),
    Column<Thing>{"id_key", SqlType::kText, IdUpper, nullptr, 0},
    ColReadAs<&Thing::until>("until", "COALESCE(x.until, until)"),
    Col<&Thing::mode>("mode"),
    Col<&Thing::tags>("tags"),
    PartCol<&Thing::part, &Part::a, true>("part_a"),
    PartCol<&Thing::part, &Part::b, false>("part_b"),
    Col<&Thing::flag, IntegerFlagCodec>("flag"),
};
static_assert(FieldCount<Thing>() == 6);
static_assert(FieldsCompleted(kThings) == FieldCount<Thing>());

// A change's columns are the table's, in the change's order, with the table's codecs.
constexpr auto kThingChange = Pick(kThings, {"id", "flag", "mode"});
static_assert(kThingChange[1].name == "flag" && kThingChange[1].type == SqlType::kInt);
static_assert(kThingChange[2].write == kThings[3].write);

// A row as the stores give it, by index.
struct FakeRow {
  std::vector<SqlValue> cells;
  std::optional<std::int64_t> OptInt(int i) const {
    if (const auto* v = std::get_if<std::int64_t>(&cells[i])) return *v;
    return std::nullopt;
  }
  std::optional<std::string> OptText(int i) const {
    if (const auto* v = std::get_if<std::string>(&cells[i])) return *v;
    return std::nullopt;
  }
  bool Bool(int i) const { return std::get<bool>(cells[i]); }
};

TEST(Columns, StatementsNameEveryColumnAndSelectsReadOnlyTheReadable) {
  const std::span<const Column<Thing>> list(kThings);
  EXPECT_EQ(NameList(list), "id, id_key, until, mode, tags, part_a, part_b, flag");
  EXPECT_EQ(SelectList(list, "t."),
            "t.id, COALESCE(x.until, until), t.mode, t.tags, t.part_a, t.part_b, t.flag");
  EXPECT_EQ(AssignmentsAfterKey(list),
            "id_key = ?2, until = ?3, mode = ?4, tags = ?5, part_a = ?6, part_b = ?7, flag = ?8");
  EXPECT_EQ(Placeholders(3), "?1,?2,?3");
}

TEST(Columns, ValuesAndReadsFollowTheList) {
  const Thing thing{"a", 42, core::DeploymentMode::kHybrid, {"x", "y"}, {1, 2}, true};
  const std::vector<SqlValue> values = ValuesOf<Thing>(thing, kThings);
  ASSERT_EQ(values.size(), 8u);
  EXPECT_EQ(values[1], SqlValue(std::string("a!")));  // written, never read back
  EXPECT_EQ(values[3], SqlValue(std::string("HYBRID")));
  EXPECT_EQ(values[4], SqlValue(std::string(R"(["x","y"])")));
  EXPECT_EQ(values[7], SqlValue(std::int64_t{1}));  // a flag kept as an integer

  // The row holds seq, then what SelectList names: no id_key.
  const FakeRow row{{std::int64_t{9}, std::string("a"), std::int64_t{42}, std::string("HYBRID"),
                     std::string(R"(["x","y"])"), std::int64_t{1}, std::int64_t{2},
                     std::int64_t{1}}};
  const Thing read = RowsOf(kThings)(row);
  EXPECT_EQ(read.id, "a");
  EXPECT_EQ(read.until, 42);
  EXPECT_EQ(read.mode, core::DeploymentMode::kHybrid);
  EXPECT_EQ(read.tags, (std::vector<std::string>{"x", "y"}));
  EXPECT_EQ(read.part.a, 1);
  EXPECT_EQ(read.part.b, 2);
  EXPECT_TRUE(read.flag);
}

TEST(Columns, WhatAStoreCannotHoldReadsAsTheDefault) {
  const FakeRow row{{std::int64_t{1}, std::string("a"), nullptr, std::string("WARP"),
                     std::string("not json"), std::int64_t{0}, std::int64_t{0}, std::int64_t{0}}};
  const Thing read = RowsOf(kThings)(row);
  EXPECT_EQ(read.until, std::nullopt);
  EXPECT_EQ(read.mode, core::DeploymentMode::kOnline);
  EXPECT_TRUE(read.tags.empty());
}

}  // namespace
}  // namespace licensor::storage
