// SQLite statements for device day-cards: models, card types, devices, cards, their records,
// and the set-based deduction run.
#include <nlohmann/json.hpp>

#include "storage/card_sql.hpp"
#include "storage/rows.hpp"
#include "storage/sqlite/sqlite_tx.hpp"

namespace licensor::storage::sqlite {
namespace {

using namespace core;
using Json = nlohmann::json;

constexpr const char* kInsertModel =
    "INSERT INTO device_models (id, name, created_at) VALUES (?1,?2,?3)";
constexpr const char* kListModels =
    "SELECT seq, id, name, created_at FROM device_models ORDER BY name";

#define LICENSOR_CARD_TYPE \
  "SELECT seq, id, code, name, models, max_days, created_at FROM card_types "
constexpr const char* kInsertType =
    "INSERT INTO card_types (id, code, name, models, max_days, created_at) VALUES "
    "(?1,?2,?3,?4,?5,?6)";
constexpr const char* kGetType = LICENSOR_CARD_TYPE "WHERE code = ?1";
constexpr const char* kListTypes = LICENSOR_CARD_TYPE "ORDER BY code";

#define LICENSOR_DEVICE                                                                        \
  "SELECT seq, id, number, model, customer_id, credential_hash, blacklisted, blacklisted_at, " \
  "usage_until, created_at FROM devices "
constexpr const char* kInsertDevice =
    "INSERT INTO devices (id, number, model, customer_id, credential_hash, blacklisted, "
    "blacklisted_at, usage_until, created_at) VALUES (?1,?2,?3,?4,?5,?6,?7,?8,?9)";
constexpr const char* kUpdateDevice =
    "UPDATE devices SET customer_id = ?2, blacklisted = ?3, blacklisted_at = ?4, usage_until = ?5 "
    "WHERE number = ?1";
constexpr const char* kGetDevice = LICENSOR_DEVICE "WHERE number = ?1";
constexpr const char* kListDevices = LICENSOR_DEVICE
    "WHERE seq > ?1 AND (?3 IS NULL OR customer_id IN (SELECT value FROM "
    "json_each(?3))) ORDER BY seq LIMIT ?2";

#define LICENSOR_CARD                                                                            \
  "SELECT seq, id, number, type_code, total_days, available_days, activated_at, device_number, " \
  "bound_at, customer_id, locked, created_at FROM cards "
constexpr const char* kInsertCard =
    "INSERT INTO cards (id, number, type_code, total_days, available_days, activated_at, "
    "device_number, bound_at, customer_id, locked, created_at) "
    "VALUES (?1,?2,?3,?4,?5,?6,?7,?8,?9,?10,?11)";
constexpr const char* kUpdateCard =
    "UPDATE cards SET total_days = ?2, available_days = ?3, activated_at = ?4, device_number = ?5, "
    "bound_at = ?6, customer_id = ?7, locked = ?8 WHERE number = ?1";
constexpr const char* kGetCard = LICENSOR_CARD "WHERE number = ?1";
constexpr const char* kListCards = LICENSOR_CARD
    "WHERE seq > ?1 AND (?3 IS NULL OR customer_id IN (SELECT value FROM json_each(?3))) "
    "AND (?4 IS NULL OR type_code = ?4) AND (?5 IS NULL OR number = ?5) "
    "AND (?6 IS NULL OR device_number = ?6) AND (?7 IS NULL OR available_days >= ?7) "
    "AND (?8 IS NULL OR available_days <= ?8) AND (?9 IS NULL OR activated_at >= ?9) "
    "AND (?10 IS NULL OR activated_at <= ?10) AND (?11 IS NULL OR " LICENSOR_CARD_STATUS_SQL
    " = ?11) AND (?12 IS NULL OR locked = ?12) "
    "AND (?13 IS NULL OR (device_number IS NOT NULL) = ?13) ORDER BY seq LIMIT ?2";

constexpr const char* kCountCards = LICENSOR_COUNT_CARDS_SQL
    "(?1 IS NULL OR customer_id IN (SELECT value FROM json_each(?1))) "
    "GROUP BY type_code, status ORDER BY type_code, status";

constexpr const char* kInsertRecord =
    "INSERT INTO card_records (id, card_number, type_code, kind, from_customer, to_customer, "
    "device_number, days, actor, at) VALUES (?1,?2,?3,?4,?5,?6,?7,?8,?9,?10)";
constexpr const char* kListRecords =
    "SELECT seq, id, card_number, type_code, kind, from_customer, to_customer, device_number, "
    "days, actor, at FROM card_records WHERE seq > ?1 "
    "AND (?3 IS NULL OR from_customer IN (SELECT value FROM json_each(?3)) "
    "  OR to_customer IN (SELECT value FROM json_each(?3))) "
    "AND (?4 IS NULL OR card_number = ?4) AND (?5 IS NULL OR type_code = ?5) "
    "AND (?6 IS NULL OR kind IN (SELECT value FROM json_each(?6))) "
    "AND (?7 IS NULL OR at >= ?7) AND (?8 IS NULL OR at <= ?8) ORDER BY seq LIMIT ?2";

constexpr const char* kListDeductions =
    "SELECT seq, card_number, device_number, customer_id, period_start, at, days, balance_after "
    "FROM deductions WHERE seq > ?1 "
    "AND (?3 IS NULL OR customer_id IN (SELECT value FROM json_each(?3))) "
    "AND (?4 IS NULL OR card_number = ?4) AND (?5 IS NULL OR device_number = ?5) "
    "ORDER BY seq LIMIT ?2";

// The deduction run, one statement a step, all in the caller's write transaction; ?1 is now,
// ?2 the one device or NULL for all. The due devices and the card each pays with go to a temp
// table first (rows, not keys: rowid joins, and deductions inserted in index order, are what keep
// a run over a million cards within a few bare UPDATEs), so every later step joins on it
// instead of repeating the choice.
constexpr const char* kCreateDue =
    "CREATE TEMP TABLE IF NOT EXISTS deduction_due (device_seq INTEGER NOT NULL, "
    "device_number TEXT NOT NULL, card_seq INTEGER NOT NULL, card_number TEXT NOT NULL, "
    "customer_id TEXT NOT NULL, period_start BIGINT NOT NULL, balance_after BIGINT NOT NULL)";
constexpr const char* kClearDue = "DELETE FROM deduction_due";
constexpr const char* kSelectDue =
    "INSERT INTO deduction_due SELECT d.seq, d.number, c.seq, c.number, c.customer_id, "
    LICENSOR_PERIOD_START_SQL("d.usage_until", "?1") ", c.available_days - 1 "
    "FROM devices d JOIN cards c ON c.seq = (" LICENSOR_PICK_CARD_SQL("d.number") ") "
    "WHERE d.blacklisted = 0 AND (d.usage_until IS NULL OR d.usage_until <= ?1) "
    "AND (?2 IS NULL OR d.number = ?2)";
constexpr const char* kDropDone = LICENSOR_DROP_DONE_SQL;
constexpr const char* kInsertDeductions = LICENSOR_INSERT_DEDUCTIONS_SQL("?1");
constexpr const char* kChargeCards = LICENSOR_CHARGE_CARDS_SQL("?1");
constexpr const char* kExtendDevices = LICENSOR_EXTEND_DEVICES_SQL;
constexpr const char* kBlacklist =
    "UPDATE devices SET blacklisted = 1, blacklisted_at = ?1 WHERE blacklisted = 0 "
    "AND (usage_until IS NULL OR usage_until <= ?1) AND (?2 IS NULL OR number = ?2) "
    "AND (?2 IS NOT NULL OR EXISTS (SELECT 1 FROM cards WHERE device_number = devices.number)) "
    "AND NOT EXISTS (SELECT 1 FROM cards WHERE device_number = devices.number AND "
    "available_days > 0)";
}  // namespace

Status SqliteTx::InsertDeviceModel(const DeviceModel& m) {
  LICENSOR_ASSIGN_OR_RETURN(auto stmt, conn_.Prepare(kInsertModel));
  return stmt.Bind(m.id, m.name, m.created_at).Run();
}

Result<std::vector<DeviceModel>> SqliteTx::ListDeviceModels() {
  LICENSOR_ASSIGN_OR_RETURN(auto stmt, conn_.Prepare(kListModels));
  return ReadAll<DeviceModel>(stmt, ReadDeviceModel<Statement>);
}

Status SqliteTx::InsertCardType(const CardType& t) {
  LICENSOR_ASSIGN_OR_RETURN(auto stmt, conn_.Prepare(kInsertType));
  return stmt.Bind(t.id, t.code, t.name, Json(t.models).dump(), t.max_days, t.created_at).Run();
}

Result<std::optional<CardType>> SqliteTx::GetCardType(const std::string& code) {
  LICENSOR_ASSIGN_OR_RETURN(auto stmt, conn_.Prepare(kGetType));
  return ReadOne<CardType>(stmt.Bind(code), ReadCardType<Statement>);
}

Result<std::vector<CardType>> SqliteTx::ListCardTypes() {
  LICENSOR_ASSIGN_OR_RETURN(auto stmt, conn_.Prepare(kListTypes));
  return ReadAll<CardType>(stmt, ReadCardType<Statement>);
}

Status SqliteTx::InsertDevice(const Device& d) {
  LICENSOR_ASSIGN_OR_RETURN(auto stmt, conn_.Prepare(kInsertDevice));
  return stmt
      .Bind(d.id, d.number, d.model, d.customer_id, d.credential_hash, d.blacklisted,
            d.blacklisted_at, d.usage_until, d.created_at)
      .Run();
}

Status SqliteTx::UpdateDevice(const Device& d) {
  LICENSOR_ASSIGN_OR_RETURN(auto stmt, conn_.Prepare(kUpdateDevice));
  LICENSOR_RETURN_IF_ERROR(
      stmt.Bind(d.number, d.customer_id, d.blacklisted, d.blacklisted_at, d.usage_until).Run());
  return ExpectOneRow(conn_, "device");
}

Result<std::optional<Device>> SqliteTx::GetDevice(const std::string& number) {
  LICENSOR_ASSIGN_OR_RETURN(auto stmt, conn_.Prepare(kGetDevice));
  return ReadOne<Device>(stmt.Bind(number), ReadDevice<Statement>);
}

Result<Page<Device>> SqliteTx::ListDevices(const std::optional<std::vector<std::string>>& customers,
                                           const PageRequest& page) {
  LICENSOR_ASSIGN_OR_RETURN(auto stmt, conn_.Prepare(kListDevices));
  return ReadPage<Device>(stmt.Bind(page.after_seq, page.limit + 1, JsonList(customers)),
                          page.limit, ReadDevice<Statement>);
}

Status SqliteTx::InsertCard(const Card& c) {
  LICENSOR_ASSIGN_OR_RETURN(auto stmt, conn_.Prepare(kInsertCard));
  return stmt
      .Bind(c.id, c.number, c.type_code, c.total_days, c.available_days, c.activated_at,
            c.device_number, c.bound_at, c.customer_id, c.locked, c.created_at)
      .Run();
}

Status SqliteTx::UpdateCard(const Card& c) {
  LICENSOR_ASSIGN_OR_RETURN(auto stmt, conn_.Prepare(kUpdateCard));
  LICENSOR_RETURN_IF_ERROR(stmt.Bind(c.number, c.total_days, c.available_days, c.activated_at,
                                     c.device_number, c.bound_at, c.customer_id, c.locked)
                               .Run());
  return ExpectOneRow(conn_, "card");
}

Result<std::optional<Card>> SqliteTx::GetCard(const std::string& number) {
  LICENSOR_ASSIGN_OR_RETURN(auto stmt, conn_.Prepare(kGetCard));
  return ReadOne<Card>(stmt.Bind(number), ReadCard<Statement>);
}

Result<Page<Card>> SqliteTx::ListCards(const CardFilter& f, const PageRequest& page) {
  LICENSOR_ASSIGN_OR_RETURN(auto stmt, conn_.Prepare(kListCards));
  stmt.Bind(page.after_seq, page.limit + 1, JsonList(f.customer_ids), f.type_code, f.number,
            f.device_number, f.min_days, f.max_days, f.activated_from, f.activated_to, f.status,
            f.locked, f.bound);
  return ReadPage<Card>(stmt, page.limit, ReadCard<Statement>);
}

Result<std::vector<CardCount>> SqliteTx::CountCards(
    const std::optional<std::vector<std::string>>& customers) {
  LICENSOR_ASSIGN_OR_RETURN(auto stmt, conn_.Prepare(kCountCards));
  return ReadAll<CardCount>(stmt.Bind(JsonList(customers)), [](const Statement& r) {
    return CardCount{r.Text(0), r.Text(1), r.Int(2), r.Int(3), r.Int(4), r.Int(5)};
  });
}

Status SqliteTx::InsertCardRecord(const CardRecord& r) {
  LICENSOR_ASSIGN_OR_RETURN(auto stmt, conn_.Prepare(kInsertRecord));
  return stmt
      .Bind(r.id, r.card_number, r.type_code, r.kind, r.from_customer, r.to_customer,
            r.device_number, r.days, r.actor, r.at)
      .Run();
}

Result<Page<CardRecord>> SqliteTx::ListCardRecords(const CardRecordFilter& f,
                                                   const PageRequest& page) {
  LICENSOR_ASSIGN_OR_RETURN(auto stmt, conn_.Prepare(kListRecords));
  stmt.Bind(page.after_seq, page.limit + 1, JsonList(f.customer_ids), f.card_number, f.type_code,
            JsonList(f.kinds), f.since, f.until);
  return ReadPage<CardRecord>(stmt, page.limit, ReadCardRecord<Statement>);
}

Result<DeductionRun> SqliteTx::DeductDue(UnixSeconds now,
                                         const std::optional<std::string>& device_number) {
  DeductionRun run;
  for (const char* sql : {kCreateDue, kClearDue}) {
    LICENSOR_ASSIGN_OR_RETURN(auto stmt, conn_.Prepare(sql));
    LICENSOR_RETURN_IF_ERROR(stmt.Run());
  }
  for (const char* sql : {kSelectDue, kDropDone}) {
    LICENSOR_ASSIGN_OR_RETURN(auto stmt, conn_.Prepare(sql));
    if (sql == kSelectDue) stmt.Bind(now, device_number);
    LICENSOR_RETURN_IF_ERROR(stmt.Run());
  }
  for (const char* sql : {kInsertDeductions, kChargeCards}) {
    LICENSOR_ASSIGN_OR_RETURN(auto stmt, conn_.Prepare(sql));
    LICENSOR_RETURN_IF_ERROR(stmt.Bind(now).Run());
    if (sql == kInsertDeductions) run.deducted = conn_.Changes();
  }
  {
    LICENSOR_ASSIGN_OR_RETURN(auto stmt, conn_.Prepare(kExtendDevices));
    LICENSOR_RETURN_IF_ERROR(stmt.Run());
  }
  LICENSOR_ASSIGN_OR_RETURN(auto blacklist, conn_.Prepare(kBlacklist));
  LICENSOR_RETURN_IF_ERROR(blacklist.Bind(now, device_number).Run());
  run.blacklisted = conn_.Changes();
  return run;
}

Result<Page<Deduction>> SqliteTx::ListDeductions(const DeductionFilter& f,
                                                 const PageRequest& page) {
  LICENSOR_ASSIGN_OR_RETURN(auto stmt, conn_.Prepare(kListDeductions));
  stmt.Bind(page.after_seq, page.limit + 1, JsonList(f.customer_ids), f.card_number,
            f.device_number);
  return ReadPage<Deduction>(stmt, page.limit, ReadDeduction<Statement>);
}

}  // namespace licensor::storage::sqlite
