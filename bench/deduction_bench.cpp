// The daily deduction run over a fleet, beside its reference, on the same SQLite disk:
//   Licensor: FleetService's run through the store (StoreTx::DeductDue) over N bound cards,
//             N devices whose usage time has run out — hand over exhausted payers, record,
//             charge (which also extends usage time), blacklist check;
//   reference: one bare set-based UPDATE over the same rows of an identical copy of the
//             database (`available_days = available_days - 1` for every bound card with days).
// Then, for scale, the run for one device (what a report that has to pay does) in that fleet.
// Usage: licensor_deduction_bench DIR [CARDS]   (default 1,000,000)
#include <sqlite3.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <string>

#include "core/store.hpp"
#include "crypto/random.hpp"
#include "storage/sqlite/sqlite_store.hpp"

namespace {

using namespace licensor;
using Steady = std::chrono::steady_clock;
constexpr std::int64_t kNow = 1'800'000'000;

bool Exec(sqlite3* db, const char* sql) {
  char* error = nullptr;
  if (sqlite3_exec(db, sql, nullptr, nullptr, &error) != SQLITE_OK) {
    std::fprintf(stderr, "sqlite: %s\n", error ? error : "?");
    sqlite3_free(error);
    return false;
  }
  return true;
}

// Device x's number: distinct for every x (a multiplicative permutation modulo a prime), in an
// order unrelated to x, as numbers from a vendor's many production lines would be. Card numbers
// are random, like the ones licensord issues.
#define kDeviceNumber "printf('DV-%010d', (x * 48271) % 2147483647)"

// Fills the fleet with one statement each, straight into the schema licensord created: each
// device has one bound card, which pays for it (storage/card_sql.hpp) and whose paid usage
// time ran out a minute ago.
bool Load(const std::string& path, long cards) {
  sqlite3* db = nullptr;
  if (sqlite3_open(path.c_str(), &db) != SQLITE_OK) return false;
  const std::string n = std::to_string(cards);
  const std::string sql =
      "BEGIN;"
      "INSERT INTO customers (id, name, email, created_at, updated_at) "
      "VALUES ('cus_bench', 'bench', '', 0, 0);"
      "INSERT INTO device_models (id, name, created_at) VALUES ('dmd_bench', 'M1', 0);"
      "INSERT INTO card_types (id, code, name, models, max_days, created_at) "
      "VALUES ('ctp_bench', 'T1', 'bench', '[\"M1\"]', 365, 0);"
      "WITH RECURSIVE i(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM i WHERE x < " +
      n +
      ") "
      "INSERT INTO devices (id, number, model, customer_id, credential_hash, blacklisted, "
      "created_at) SELECT 'dev_' || x, " kDeviceNumber
      ", 'M1', 'cus_bench', 'h' || x, 0, 0 "
      "FROM i;"
      "WITH RECURSIVE i(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM i WHERE x < " +
      n +
      ") "
      "INSERT INTO cards (id, number, type_code, total_days, available_days, activated_at, "
      "device_number, bound_at, customer_id, locked, created_at, paying, paid_until) "
      "SELECT 'crd_' || x, 'CD-' || hex(randomblob(8)), 'T1', 365, 300, 1, " kDeviceNumber
      ", 1, 'cus_bench', 0, 0, 1, " +
      std::to_string(kNow - 60) +
      " FROM i;"
      "COMMIT; PRAGMA wal_checkpoint(TRUNCATE);";
  const bool ok = Exec(db, sql.c_str());
  sqlite3_close(db);
  return ok;
}

double BareUpdate(const std::string& path) {
  sqlite3* db = nullptr;
  sqlite3_open(path.c_str(), &db);
  Exec(db, "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL;");
  const auto start = Steady::now();
  Exec(db,
       "BEGIN IMMEDIATE; UPDATE cards SET available_days = available_days - 1 "
       "WHERE device_number IS NOT NULL AND available_days > 0; COMMIT;");
  const double seconds = std::chrono::duration<double>(Steady::now() - start).count();
  sqlite3_close(db);
  return seconds;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) {
    std::fprintf(stderr, "usage: %s DIR [CARDS]\n", argv[0]);
    return 2;
  }
  if (!crypto::Initialize()) return 1;
  const std::filesystem::path dir = argv[1];
  const long cards = argc > 2 ? std::atol(argv[2]) : 1'000'000;
  const std::string path = (dir / "fleet.db").string(), copy = (dir / "reference.db").string();
  {
    auto store = storage::sqlite::SqliteStore::Open(path, 1);  // creates the schema
    if (!store.ok()) return 1;
  }
  if (!Load(path, cards)) return 1;
  std::filesystem::copy_file(path, copy, std::filesystem::copy_options::overwrite_existing);

  auto store = storage::sqlite::SqliteStore::Open(path, 1);
  if (!store.ok()) return 1;
  core::DeductionRun run;
  const auto start = Steady::now();
  const Status s = (*store)->Write([&](core::StoreTx& tx) -> Status {
    LICENSOR_ASSIGN_OR_RETURN(run, tx.DeductDue(kNow, std::nullopt));
    return Status::Ok();
  });
  const double licensor = std::chrono::duration<double>(Steady::now() - start).count();
  if (!s.ok() || run.deducted != cards) {
    std::fprintf(stderr, "deduction run failed: %s (%lld deducted)\n", s.message().c_str(),
                 static_cast<long long>(run.deducted));
    return 1;
  }
  const double reference = BareUpdate(copy);
  // A report that pays: the run for one device, a day later, in the same fleet, one transaction
  // each (durable commits included), as POST /v1/devices/{number}/reports does it, for the
  // first 500 devices.
  // The first devices of the fleet, by their numbers as stored.
  const auto devices = core::ReadValue<core::Page<core::Device>>(**store, [](core::StoreTx& tx) {
    return tx.ListDevices(core::DeviceFilter{}, core::PageRequest{0, core::kMaxPageSize});
  });
  if (!devices.ok() || devices->items.empty()) return 1;
  const auto reports_start = Steady::now();
  for (const core::Device& device : devices->items) {
    const Status paid = (*store)->Write([&](core::StoreTx& tx) -> Status {
      LICENSOR_ASSIGN_OR_RETURN(run, tx.DeductDue(kNow + 86'400, device.number));
      return Status::Ok();
    });
    if (!paid.ok() || run.deducted != 1) {
      std::fprintf(stderr, "one device's run failed: %s\n", paid.message().c_str());
      return 1;
    }
  }
  const double reports = static_cast<double>(devices->items.size());
  const double per_report =
      std::chrono::duration<double, std::milli>(Steady::now() - reports_start).count() / reports;
  std::printf("RESULT cards=%ld licensor_s=%.2f reference_s=%.2f ratio=%.2f one_device_ms=%.3f\n",
              cards, licensor, reference, licensor / reference, per_report);
  return 0;
}
