// The error codes a client can switch on: each has its HTTP status, and docs/api.md's table
// lists each with that status.
#include "server/problem.hpp"

#include <gtest/gtest.h>

#include <fstream>
#include <map>
#include <set>

namespace licensor::server {
namespace {

// Every code a client can be sent: all but kOk and the internal kWouldBlock, which sit at the
// enum's two ends.
std::vector<ErrorCode> CodesClientsSee() {
  std::vector<ErrorCode> codes;
  for (int c = static_cast<int>(ErrorCode::kOk) + 1; c < static_cast<int>(ErrorCode::kWouldBlock);
       ++c) {
    codes.push_back(static_cast<ErrorCode>(c));
  }
  return codes;
}

// docs/api.md's error table: code → the HTTP status it states.
std::map<std::string, int> DocumentedCodes() {
  std::ifstream in(std::string(LICENSOR_SOURCE_DIR) + "/docs/api.md");
  EXPECT_TRUE(in) << "docs/api.md";
  std::map<std::string, int> table;
  std::string line;
  bool in_table = false;
  while (std::getline(in, line)) {
    if (line == "| code | HTTP | when |") {
      in_table = true;
    } else if (in_table && !line.starts_with("|")) {
      break;
    } else if (in_table && line.starts_with("| `")) {
      const std::size_t end = line.find('`', 3);
      const std::string code = line.substr(3, end - 3);
      const std::size_t status_at = line.find("| ", end) + 2;
      table[code] = std::stoi(line.substr(status_at, 3));
    }
  }
  return table;
}

TEST(ErrorCodes, DocsApiListsEachCodeWithItsStatus) {
  const auto documented = DocumentedCodes();
  ASSERT_FALSE(documented.empty());
  std::set<std::string> sent;
  for (const ErrorCode code : CodesClientsSee()) {
    const std::string name(ErrorCodeName(code));
    sent.insert(name);
    const auto it = documented.find(name);
    ASSERT_NE(it, documented.end()) << name << " is missing from docs/api.md's error table";
    EXPECT_EQ(it->second, HttpStatusFor(code)) << name;
  }
  for (const auto& [name, status] : documented) {
    EXPECT_TRUE(sent.contains(name)) << name << " is in docs/api.md but no code has that name";
  }
}

TEST(ErrorCodes, EachHasItsOwnName) {
  std::set<std::string_view> names;
  for (const ErrorCode code : CodesClientsSee()) {
    EXPECT_TRUE(names.insert(ErrorCodeName(code)).second) << ErrorCodeName(code);
    if (code != ErrorCode::kInternal) {
      EXPECT_NE(HttpStatusFor(code), 500) << ErrorCodeName(code);
    }
  }
}

}  // namespace
}  // namespace licensor::server
