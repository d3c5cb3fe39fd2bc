// PostgreSQL statements for device day-cards (see the SQLite file of the same name).
#include "storage/card_sql.hpp"
#include "storage/card_table_sql.hpp"
#include "storage/filter_values.hpp"
#include "storage/payer_steps.hpp"
#include "storage/postgres/pg_results.hpp"
#include "storage/postgres/pg_tx.hpp"
#include "storage/sql_text.hpp"
#include "storage/tables.hpp"

namespace licensor::storage::postgres {
namespace {

using namespace core;
using namespace rows;  // how the tables' rows are read (storage/tables.hpp)

const CardTableSql& Sql() { return StatementsFor<CardTableSql>(Dialect::kPostgres); }

// Re-choosing a device's payer, $1 the device number, in this order.
constexpr const char* kRepickPayer[] = {
    LICENSOR_PARK_USAGE_SQL("$1"), LICENSOR_CLEAR_PAYER_SQL("$1"), LICENSOR_PICK_PAYER_SQL("$1"),
    LICENSOR_UNPARK_USAGE_SQL("$1")};

// Deduction runs of all nodes take turns, so two never wait on each other's rows midway.
constexpr const char* kLockDeductions = "SELECT pg_advisory_xact_lock(7364501224)";
// $1 is now, and $2 the device in a run for one device.
struct RunStatements {
  const char* exhausted;
  const char* charge_and_record;
  const char* blacklist;
};
// One statement charges the payers and records what it charged: an operation changing a payer
// meanwhile makes the UPDATE re-check that row, and the record follows what was done.
#define LICENSOR_PG_CHARGE LICENSOR_CHARGE_SET_SQL("$1::bigint")
#define LICENSOR_PG_DUE LICENSOR_DUE_PAYER_SQL("$1::bigint")
#define LICENSOR_PG_CHARGE_AND_RECORD(which)                                              \
  "WITH charged AS (UPDATE cards SET " LICENSOR_PG_CHARGE " WHERE " LICENSOR_PG_DUE which \
  " RETURNING number, device_number, customer_id, paid_until, "                           \
  "available_days) " LICENSOR_INSERT_DEDUCTIONS_SQL                                       \
  "SELECT number, device_number, customer_id, paid_until - " LICENSOR_PERIOD_SQL          \
  ", $1, 1, available_days FROM charged ORDER BY device_number"
#define LICENSOR_PG_ONE " AND device_number = $2"
constexpr RunStatements kRunAll{
    .exhausted = LICENSOR_EXHAUSTED_PAYERS_SQL("cards", "$1::bigint"),
    .charge_and_record = LICENSOR_PG_CHARGE_AND_RECORD(""),
    .blacklist = LICENSOR_BLACKLIST_SQL("$1::bigint") LICENSOR_BLACKLIST_CANDIDATES_SQL("cards"),
};
constexpr RunStatements kRunOne{
    .exhausted = LICENSOR_EXHAUSTED_PAYERS_SQL("cards", "$1::bigint") LICENSOR_PG_ONE,
    .charge_and_record = LICENSOR_PG_CHARGE_AND_RECORD(LICENSOR_PG_ONE),
    .blacklist = LICENSOR_BLACKLIST_SQL("$1::bigint") "number = $2",
};
}  // namespace

Status PgTx::InsertDeviceModel(const DeviceModel& m) {
  return InsertRow(conn_, Sql().insert_model, m, tables::kDeviceModels);
}

Result<std::optional<DeviceModel>> PgTx::GetDeviceModel(const std::string& name) {
  return One<DeviceModel>(conn_.Query(Sql().get_model.c_str(), name), kModel);
}

Result<Page<DeviceModel>> PgTx::ListDeviceModels(const PageRequest& page) {
  return PageOf<DeviceModel>(conn_.Query(Sql().list_models.c_str(), page.after_seq, page.limit + 1),
                             page.limit, kModel);
}

Status PgTx::InsertCardType(const CardType& t) {
  return InsertRow(conn_, Sql().insert_type, t, tables::kCardTypes);
}

Result<std::optional<CardType>> PgTx::GetCardType(const std::string& code) {
  return One<CardType>(conn_.Query(Sql().get_type.c_str(), code), kType);
}

Result<Page<CardType>> PgTx::ListCardTypes(const PageRequest& page) {
  return PageOf<CardType>(conn_.Query(Sql().list_types.c_str(), page.after_seq, page.limit + 1),
                          page.limit, kType);
}

Status PgTx::InsertDevice(const Device& d) {
  return InsertRow(conn_, Sql().insert_device, d, tables::kDevices);
}

Status PgTx::UpdateDevice(const Device& d) {
  LICENSOR_RETURN_IF_ERROR(
      UpdateRow(conn_, Sql().update_device, d, tables::kDeviceChanges, "device"));
  return RepickPayer(d.number);  // a lifted blacklist lets a card pay again
}

Status PgTx::RepickPayer(const std::string& device_number, bool park_only) {
  const int steps = park_only ? 2 : 4;  // park and clear; then pick and hand over
  for (int step = 0; step < steps; ++step) {
    const char* sql = kRepickPayer[step];
    LICENSOR_RETURN_IF_ERROR(conn_.Query(sql, device_number).status());
  }
  return Status::Ok();
}

Result<std::optional<Device>> PgTx::GetDevice(const std::string& number) {
  return One<Device>(conn_.Query(Sql().get_device.c_str(), number), kDevice);
}

Result<Page<Device>> PgTx::ListDevices(const DeviceFilter& f, const PageRequest& page) {
  return PageOf<Device>(
      conn_.Query(Sql().list_devices.c_str(), page.after_seq, page.limit + 1,
                  JsonList(f.customer_ids), JsonList(f.models), f.number, f.blacklisted),
      page.limit, kDevice);
}

Status PgTx::InsertCard(const Card& c) {
  LICENSOR_RETURN_IF_ERROR(InsertRow(conn_, Sql().insert_card, c, tables::kCards));
  return c.device_number ? RepickPayer(*c.device_number) : Status::Ok();
}

Status PgTx::UpdateCard(const Card& c) {
  LICENSOR_ASSIGN_OR_RETURN(const auto before, conn_.Query(Sql().card_binding.c_str(), c.number));
  if (before.rows() == 0) return Status::NotFound("card not found");
  const PayerSteps payers =
      PayerStepsFor(ReadColumns<Card>(before.row(0), tables::kCardBinding, 0), c);
  if (payers.park_before) {
    LICENSOR_RETURN_IF_ERROR(RepickPayer(*payers.park_before, /*park_only=*/true));
  }
  LICENSOR_RETURN_IF_ERROR(UpdateRow(conn_, Sql().update_card, c, tables::kCardChanges, "card"));
  for (const auto& device : payers.repick_after) LICENSOR_RETURN_IF_ERROR(RepickPayer(device));
  return Status::Ok();
}

Result<std::optional<Card>> PgTx::GetCard(const std::string& number) {
  return One<Card>(conn_.Query(Sql().get_card.c_str(), number), kCard);
}

Result<Page<Card>> PgTx::ListCards(const CardFilter& f, const PageRequest& page) {
  const char* sql = f.number          ? Sql().list_cards_by_number.c_str()
                    : f.device_number ? Sql().list_cards_of_device.c_str()
                                      : Sql().list_cards.c_str();
  return PageOf<Card>(conn_.Query(sql, page.after_seq, page.limit + 1, JsonList(f.customer_ids),
                                  f.type_code, f.number, f.device_number, f.min_days, f.max_days,
                                  f.activated_from, f.activated_to, f.status, f.locked, f.bound),
                      page.limit, kCard);
}

Result<std::vector<CardCount>> PgTx::CountCards(
    const std::optional<std::vector<std::string>>& customers) {
  return All<CardCount>(conn_.Query(Sql().count_cards.c_str(), JsonList(customers)),
                        RowsWithoutSeqOf(tables::kCardCounts));
}

Status PgTx::InsertCardRecord(const CardRecord& r) {
  return InsertRow(conn_, Sql().insert_record, r, tables::kCardRecords);
}

Result<Page<CardRecord>> PgTx::ListCardRecords(const CardRecordFilter& f, const PageRequest& page) {
  return PageOf<CardRecord>(
      conn_.Query(f.card_number ? Sql().list_records_of_card.c_str() : Sql().list_records.c_str(),
                  page.after_seq, page.limit + 1, JsonList(f.customer_ids), f.card_number,
                  f.type_code, JsonList(f.kinds), f.since, f.until),
      page.limit, kRecord);
}

Result<DeductionRun> PgTx::DeductDue(UnixSeconds now,
                                     const std::optional<std::string>& device_number) {
  const RunStatements& sql = device_number ? kRunOne : kRunAll;
  auto query = [&](const char* text) {
    return device_number ? conn_.Query(text, now, *device_number) : conn_.Query(text, now);
  };
  DeductionRun run;
  LICENSOR_RETURN_IF_ERROR(conn_.Query(kLockDeductions).status());
  LICENSOR_ASSIGN_OR_RETURN(const auto exhausted, query(sql.exhausted));
  for (int i = 0; i < exhausted.rows(); ++i) {
    LICENSOR_RETURN_IF_ERROR(RepickPayer(exhausted.row(i).Text(0)));
  }
  LICENSOR_ASSIGN_OR_RETURN(const auto charged, query(sql.charge_and_record));
  run.deducted = charged.affected();
  LICENSOR_ASSIGN_OR_RETURN(const auto blacklisted, query(sql.blacklist));
  run.blacklisted = blacklisted.affected();
  return run;
}

Result<Page<Deduction>> PgTx::ListDeductions(const DeductionFilter& f, const PageRequest& page) {
  const char* sql = f.device_number ? Sql().list_device_deductions.c_str()
                    : f.card_number ? Sql().list_card_deductions.c_str()
                                    : Sql().list_deductions.c_str();
  return PageOf<Deduction>(conn_.Query(sql, page.after_seq, page.limit + 1,
                                       JsonList(f.customer_ids), f.card_number, f.device_number),
                           page.limit, kDeduction);
}

}  // namespace licensor::storage::postgres
