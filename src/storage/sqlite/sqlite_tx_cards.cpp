// SQLite statements for device day-cards: models, card types, devices, cards, their records,
// and the set-based deduction run.
#include "storage/card_sql.hpp"
#include "storage/card_table_sql.hpp"
#include "storage/filter_values.hpp"
#include "storage/payer_steps.hpp"
#include "storage/sqlite/sqlite_tx.hpp"
#include "storage/tables.hpp"

namespace licensor::storage::sqlite {
namespace {

using namespace core;
using namespace rows;  // how the tables' rows are read (storage/tables.hpp)

const CardTableSql& Sql() { return StatementsFor<CardTableSql>(Dialect::kSqlite); }

// Re-choosing a device's payer, ?1 the device number, in this order.
constexpr const char* kRepickPayer[] = {
    LICENSOR_PARK_USAGE_SQL("?1"), LICENSOR_CLEAR_PAYER_SQL("?1"), LICENSOR_PICK_PAYER_SQL("?1"),
    LICENSOR_UNPARK_USAGE_SQL("?1")};

// The deduction run, all in the caller's write transaction; ?1 is now, and ?2 the device in a
// run for one device. Records first, then the charge, with the same condition: the writer is
// alone, so both see the same payers.
struct RunStatements {
  const char* exhausted;
  const char* records;
  const char* charge;
  const char* blacklist;
};
#define LICENSOR_SQLITE_EXHAUSTED "cards INDEXED BY cards_exhausted"
#define LICENSOR_SQLITE_PERIOD_START LICENSOR_PERIOD_START_SQL("paid_until", "?1")
#define LICENSOR_SQLITE_DUE LICENSOR_DUE_PAYER_SQL("?1")
#define LICENSOR_SQLITE_RECORDS(which)                                       \
  LICENSOR_INSERT_DEDUCTIONS_SQL                                             \
  "SELECT number, device_number, customer_id, " LICENSOR_SQLITE_PERIOD_START \
  ", ?1, 1, available_days - 1 FROM cards WHERE " LICENSOR_SQLITE_DUE which
#define LICENSOR_SQLITE_CHARGE(which) \
  "UPDATE cards SET " LICENSOR_CHARGE_SET_SQL("?1") " WHERE " LICENSOR_SQLITE_DUE which
#define LICENSOR_SQLITE_ONE " AND device_number = ?2"
constexpr RunStatements kRunAll{
    .exhausted = LICENSOR_EXHAUSTED_PAYERS_SQL(LICENSOR_SQLITE_EXHAUSTED, "?1"),
    .records = LICENSOR_SQLITE_RECORDS(""),
    .charge = LICENSOR_SQLITE_CHARGE(""),
    .blacklist =
        LICENSOR_BLACKLIST_SQL("?1") LICENSOR_BLACKLIST_CANDIDATES_SQL(LICENSOR_SQLITE_EXHAUSTED),
};
constexpr RunStatements kRunOne{
    .exhausted = LICENSOR_EXHAUSTED_PAYERS_SQL(LICENSOR_SQLITE_EXHAUSTED, "?1") LICENSOR_SQLITE_ONE,
    .records = LICENSOR_SQLITE_RECORDS(LICENSOR_SQLITE_ONE),
    .charge = LICENSOR_SQLITE_CHARGE(LICENSOR_SQLITE_ONE),
    .blacklist = LICENSOR_BLACKLIST_SQL("?1") "number = ?2",
};
}  // namespace

Status SqliteTx::InsertDeviceModel(const DeviceModel& m) {
  return InsertRow(conn_, Sql().insert_model, m, tables::kDeviceModels);
}

Result<std::optional<DeviceModel>> SqliteTx::GetDeviceModel(const std::string& name) {
  LICENSOR_ASSIGN_OR_RETURN(auto stmt, conn_.Prepare(Sql().get_model.c_str()));
  return ReadOne<DeviceModel>(stmt.Bind(name), kModel);
}

Result<Page<DeviceModel>> SqliteTx::ListDeviceModels(const PageRequest& page) {
  LICENSOR_ASSIGN_OR_RETURN(auto stmt, conn_.Prepare(Sql().list_models.c_str()));
  return ReadPage<DeviceModel>(stmt.Bind(page.after_seq, page.limit + 1), page.limit, kModel);
}

Status SqliteTx::InsertCardType(const CardType& t) {
  return InsertRow(conn_, Sql().insert_type, t, tables::kCardTypes);
}

Result<std::optional<CardType>> SqliteTx::GetCardType(const std::string& code) {
  LICENSOR_ASSIGN_OR_RETURN(auto stmt, conn_.Prepare(Sql().get_type.c_str()));
  return ReadOne<CardType>(stmt.Bind(code), kType);
}

Result<Page<CardType>> SqliteTx::ListCardTypes(const PageRequest& page) {
  LICENSOR_ASSIGN_OR_RETURN(auto stmt, conn_.Prepare(Sql().list_types.c_str()));
  return ReadPage<CardType>(stmt.Bind(page.after_seq, page.limit + 1), page.limit, kType);
}

Status SqliteTx::InsertDevice(const Device& d) {
  return InsertRow(conn_, Sql().insert_device, d, tables::kDevices);
}

Status SqliteTx::UpdateDevice(const Device& d) {
  LICENSOR_RETURN_IF_ERROR(
      UpdateRow(conn_, Sql().update_device, d, tables::kDeviceChanges, "device"));
  return RepickPayer(d.number);  // a lifted blacklist lets a card pay again
}

Status SqliteTx::RepickPayer(const std::string& device_number, bool park_only) {
  const int steps = park_only ? 2 : 4;  // park and clear; then pick and hand over
  for (int step = 0; step < steps; ++step) {
    const char* sql = kRepickPayer[step];
    LICENSOR_ASSIGN_OR_RETURN(auto stmt, conn_.Prepare(sql));
    LICENSOR_RETURN_IF_ERROR(stmt.Bind(device_number).Run());
  }
  return Status::Ok();
}

Result<std::optional<Device>> SqliteTx::GetDevice(const std::string& number) {
  LICENSOR_ASSIGN_OR_RETURN(auto stmt, conn_.Prepare(Sql().get_device.c_str()));
  return ReadOne<Device>(stmt.Bind(number), kDevice);
}

Result<Page<Device>> SqliteTx::ListDevices(const DeviceFilter& f, const PageRequest& page) {
  LICENSOR_ASSIGN_OR_RETURN(auto stmt, conn_.Prepare(Sql().list_devices.c_str()));
  return ReadPage<Device>(stmt.Bind(page.after_seq, page.limit + 1, JsonList(f.customer_ids),
                                    JsonList(f.models), f.number, f.blacklisted),
                          page.limit, kDevice);
}

Status SqliteTx::InsertCard(const Card& c) {
  LICENSOR_RETURN_IF_ERROR(InsertRow(conn_, Sql().insert_card, c, tables::kCards));
  return c.device_number ? RepickPayer(*c.device_number) : Status::Ok();
}

Status SqliteTx::UpdateCard(const Card& c) {
  PayerSteps payers;
  {
    LICENSOR_ASSIGN_OR_RETURN(auto before, conn_.Prepare(Sql().card_binding.c_str()));
    LICENSOR_ASSIGN_OR_RETURN(const bool found, before.Bind(c.number).Next());
    if (!found) return Status::NotFound("card not found");
    payers = PayerStepsFor(ReadColumns<Card>(before, tables::kCardBinding, 0), c);
  }
  if (payers.park_before) {
    LICENSOR_RETURN_IF_ERROR(RepickPayer(*payers.park_before, /*park_only=*/true));
  }
  LICENSOR_RETURN_IF_ERROR(UpdateRow(conn_, Sql().update_card, c, tables::kCardChanges, "card"));
  for (const auto& device : payers.repick_after) LICENSOR_RETURN_IF_ERROR(RepickPayer(device));
  return Status::Ok();
}

Result<std::optional<Card>> SqliteTx::GetCard(const std::string& number) {
  LICENSOR_ASSIGN_OR_RETURN(auto stmt, conn_.Prepare(Sql().get_card.c_str()));
  return ReadOne<Card>(stmt.Bind(number), kCard);
}

Result<Page<Card>> SqliteTx::ListCards(const CardFilter& f, const PageRequest& page) {
  const char* sql = f.number          ? Sql().list_cards_by_number.c_str()
                    : f.device_number ? Sql().list_cards_of_device.c_str()
                                      : Sql().list_cards.c_str();
  LICENSOR_ASSIGN_OR_RETURN(auto stmt, conn_.Prepare(sql));
  stmt.Bind(page.after_seq, page.limit + 1, JsonList(f.customer_ids), f.type_code, f.number,
            f.device_number, f.min_days, f.max_days, f.activated_from, f.activated_to, f.status,
            f.locked, f.bound);
  return ReadPage<Card>(stmt, page.limit, kCard);
}

Result<std::vector<CardCount>> SqliteTx::CountCards(
    const std::optional<std::vector<std::string>>& customers) {
  LICENSOR_ASSIGN_OR_RETURN(auto stmt, conn_.Prepare(Sql().count_cards.c_str()));
  return ReadAll<CardCount>(stmt.Bind(JsonList(customers)), RowsWithoutSeqOf(tables::kCardCounts));
}

Status SqliteTx::InsertCardRecord(const CardRecord& r) {
  return InsertRow(conn_, Sql().insert_record, r, tables::kCardRecords);
}

Result<Page<CardRecord>> SqliteTx::ListCardRecords(const CardRecordFilter& f,
                                                   const PageRequest& page) {
  LICENSOR_ASSIGN_OR_RETURN(auto stmt,
                            conn_.Prepare(f.card_number ? Sql().list_records_of_card.c_str()
                                                        : Sql().list_records.c_str()));
  stmt.Bind(page.after_seq, page.limit + 1, JsonList(f.customer_ids), f.card_number, f.type_code,
            JsonList(f.kinds), f.since, f.until);
  return ReadPage<CardRecord>(stmt, page.limit, kRecord);
}

Result<DeductionRun> SqliteTx::DeductDue(UnixSeconds now,
                                         const std::optional<std::string>& device_number) {
  const RunStatements& sql = device_number ? kRunOne : kRunAll;
  auto prepare = [&](const char* text) -> Result<Statement> {
    LICENSOR_ASSIGN_OR_RETURN(auto stmt, conn_.Prepare(text));
    if (device_number) {
      stmt.Bind(now, *device_number);
    } else {
      stmt.Bind(now);
    }
    return stmt;
  };
  DeductionRun run;
  std::vector<std::string> exhausted;
  {
    LICENSOR_ASSIGN_OR_RETURN(auto stmt, prepare(sql.exhausted));
    for (;;) {
      LICENSOR_ASSIGN_OR_RETURN(const bool row, stmt.Next());
      if (!row) break;
      exhausted.push_back(stmt.Text(0));
    }
  }
  for (const auto& device : exhausted) LICENSOR_RETURN_IF_ERROR(RepickPayer(device));
  {
    LICENSOR_ASSIGN_OR_RETURN(auto stmt, prepare(sql.records));
    LICENSOR_RETURN_IF_ERROR(stmt.Run());
    run.deducted = conn_.Changes();
  }
  {
    LICENSOR_ASSIGN_OR_RETURN(auto stmt, prepare(sql.charge));
    LICENSOR_RETURN_IF_ERROR(stmt.Run());
    if (conn_.Changes() != run.deducted) {
      return Status::Internal("deduction run: records and charges differ");
    }
  }
  LICENSOR_ASSIGN_OR_RETURN(auto blacklist, prepare(sql.blacklist));
  LICENSOR_RETURN_IF_ERROR(blacklist.Run());
  run.blacklisted = conn_.Changes();
  return run;
}

Result<Page<Deduction>> SqliteTx::ListDeductions(const DeductionFilter& f,
                                                 const PageRequest& page) {
  const char* sql = f.device_number ? Sql().list_device_deductions.c_str()
                    : f.card_number ? Sql().list_card_deductions.c_str()
                                    : Sql().list_deductions.c_str();
  LICENSOR_ASSIGN_OR_RETURN(auto stmt, conn_.Prepare(sql));
  stmt.Bind(page.after_seq, page.limit + 1, JsonList(f.customer_ids), f.card_number,
            f.device_number);
  return ReadPage<Deduction>(stmt, page.limit, kDeduction);
}

}  // namespace licensor::storage::sqlite
