// Statements of licenses, their activations and installations, one text for both stores: each
// table's statements come from its column list (storage/tables.hpp), and the dialects differ
// only by the named fragments below. A nullable filter is cast to its type, which PostgreSQL
// needs to know the placeholder's type and SQLite reads the same.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "core/entities.hpp"
#include "storage/columns.hpp"
#include "storage/sql_text.hpp"
#include "storage/table_statements.hpp"
#include "storage/tables.hpp"

namespace licensor::storage {

struct LicensingSql {
  explicit LicensingSql(Dialect dialect);

  // Licenses: rows read by ReadLicense.
  std::string insert_license;
  std::string update_license;
  std::string delete_license;
  std::string get_license;
  std::string get_license_by_code;
  // The same, locking the row for the rest of a write transaction. SQLite's writer already
  // holds the database's one write lock, so there they are the plain reads.
  std::string get_license_for_update;
  std::string get_license_by_code_for_update;
  // ?1 customer, ?2 policy, ?3 product, ?4 status, ?5 expiring by, ?6 code; ?7 after, ?8 limit.
  std::string list_licenses;
  std::string count_licenses;
  std::string count_licenses_by_status;
  // Active licenses past their expiry and its grace at ?1 (limit ?2): the SQL form of
  // StandingAt's kExpired, pinned to it by the store conformance suite.
  std::string list_licenses_past_expiry;
  std::string list_licenses_ending;  // ?1 < expires_at <= ?2, after seq ?3, at most ?4

  TableStatements activations;
  // DELETE answering the license the activation was of.
  std::string delete_activation;
  std::string find_activation;
  // ?1 license, ?2 after, ?3 alive (1, 0 or NULL), ?4 alive since, ?5 offline, ?6 fingerprint,
  // ?7 hostname, ?8 limit. Alive: not marked dead, and heard from since ?4 (core::AliveSince).
  std::string list_activation_page;
  std::string count_activations_by_state;
  // Alive online activations whose last heartbeat is older than their policy's interval plus
  // grace at ?1 (limit ?2): the SQL form of core::IsAlive, pinned to it by the suite.
  std::string list_overdue_activations;
  std::string find_activations_with_component;

  TableStatements installations;
  std::string list_installations;
  TableStatements installation_files;
  std::string list_installation_files;
  std::string count_installation_files;
};

// A license status filter as one text parameter, or NULL.
inline std::optional<std::string_view> LicenseStatusFilter(
    const std::optional<core::LicenseStatus>& status) {
  if (!status) return std::nullopt;
  return core::ToString(*status);
}

// A license from a row of LicensingSql's license reads.
template <typename Row>
core::License ReadLicense(const Row& row) {
  core::License license;
  ReadColumnsInto<core::License>(license, row, tables::kLicenses, 1);
  ReadColumnsInto<core::License>(license, row, tables::kLicenseDerived,
                                 1 + static_cast<int>(std::size(tables::kLicenses)));
  return license;
}

}  // namespace licensor::storage
