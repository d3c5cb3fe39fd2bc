// Statements of the e-mail part (core/store_mail.hpp), one text for both stores, from the
// tables' column lists (storage/tables.hpp).
#pragma once

#include <string>

#include "storage/sql_text.hpp"
#include "storage/table_statements.hpp"

namespace licensor::storage {

struct MailSql {
  explicit MailSql(Dialect dialect);

  TableStatements outbox;
  std::string insert_once;       // nothing when the once_key was queued before
  std::string list_due;          // ?1: now, ?2: limit
  std::string summarize_outbox;  // counts and oldest by state
  TableStatements links;
  std::string find_link;              // ?1: token hash
  std::string list_open_invitations;  // ?3: the customer, or NULL for every one
  std::string count_links;            // ?1: purpose, ?2: email key, ?3: since
  std::string get_setting;            // ?1: name
  std::string put_setting;            // ?1: name, ?2: value, ?3: now
};

}  // namespace licensor::storage
