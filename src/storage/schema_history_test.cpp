#include "storage/schema_history.hpp"

#include <gtest/gtest.h>

namespace licensor::storage {
namespace {

TEST(SchemaHistory, EachStoreGetsItsOwnWordsAndSectionsAndNothingElse) {
  ASSERT_GE(SchemaSteps(), 15u);
  for (std::size_t i = 0; i < SchemaSteps(); ++i) {
    for (const Dialect d : {Dialect::kSqlite, Dialect::kPostgres}) {
      const std::string text = SchemaStep(i, d);
      SCOPED_TRACE("step " + std::to_string(i + 1));
      EXPECT_EQ(text.find('{'), std::string::npos) << "an untranslated word";
      EXPECT_EQ(text.find("--- "), std::string::npos) << "a section marker";
    }
  }
  // Step 1: the row-order key in each store's words, and each store's own triggers only.
  const std::string sqlite = SchemaStep(0, Dialect::kSqlite);
  const std::string postgres = SchemaStep(0, Dialect::kPostgres);
  EXPECT_NE(sqlite.find("seq INTEGER PRIMARY KEY AUTOINCREMENT"), std::string::npos);
  EXPECT_NE(postgres.find("seq BIGSERIAL PRIMARY KEY"), std::string::npos);
  EXPECT_NE(sqlite.find("CREATE TRIGGER activations_count_insert"), std::string::npos);
  EXPECT_EQ(sqlite.find("plpgsql"), std::string::npos);
  EXPECT_NE(postgres.find("plpgsql"), std::string::npos);
  EXPECT_EQ(postgres.find("activations_count_insert"), std::string::npos);
  // A flag is an integer to SQLite and a boolean to PostgreSQL.
  EXPECT_NE(sqlite.find("trial INTEGER NOT NULL"), std::string::npos);
  EXPECT_NE(postgres.find("trial BOOLEAN NOT NULL"), std::string::npos);
  // Text after a store's section is both stores' again (step 7 ends with a shared index).
  for (const Dialect d : {Dialect::kSqlite, Dialect::kPostgres}) {
    EXPECT_NE(SchemaStep(6, d).find("CREATE INDEX deductions_device"), std::string::npos);
  }
}

}  // namespace
}  // namespace licensor::storage
