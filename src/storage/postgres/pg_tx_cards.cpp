// PostgreSQL statements for device day-cards (see the SQLite file of the same name).
#include <nlohmann/json.hpp>

#include "storage/card_sql.hpp"
#include "storage/postgres/pg_results.hpp"
#include "storage/postgres/pg_tx.hpp"
#include "storage/rows.hpp"

namespace licensor::storage::postgres {
namespace {

using namespace core;
using Json = nlohmann::json;

// Customer lists arrive as a JSON array in one text parameter.
#define LICENSOR_PG_IN_LIST(column, param)                                             \
  "(" param "::text IS NULL OR " column " IN (SELECT jsonb_array_elements_text(" param \
  "::jsonb))"                                                                          \
  ")"

constexpr const char* kInsertModel =
    "INSERT INTO device_models (id, name, created_at) VALUES ($1,$2,$3)";
constexpr const char* kListModels =
    "SELECT seq, id, name, created_at FROM device_models ORDER BY name";

#define LICENSOR_PG_CARD_TYPE \
  "SELECT seq, id, code, name, models, max_days, created_at FROM card_types "
constexpr const char* kInsertType =
    "INSERT INTO card_types (id, code, name, models, max_days, created_at) VALUES "
    "($1,$2,$3,$4,$5,$6)";
constexpr const char* kGetType = LICENSOR_PG_CARD_TYPE "WHERE code = $1";
constexpr const char* kListTypes = LICENSOR_PG_CARD_TYPE "ORDER BY code";

#define LICENSOR_PG_DEVICE                                                                     \
  "SELECT seq, id, number, model, customer_id, credential_hash, blacklisted, blacklisted_at, " \
  "usage_until, created_at FROM devices "
constexpr const char* kInsertDevice =
    "INSERT INTO devices (id, number, model, customer_id, credential_hash, blacklisted, "
    "blacklisted_at, usage_until, created_at) VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9)";
constexpr const char* kUpdateDevice =
    "UPDATE devices SET customer_id = $2, blacklisted = $3, blacklisted_at = $4, usage_until = $5 "
    "WHERE number = $1";
constexpr const char* kGetDevice = LICENSOR_PG_DEVICE "WHERE number = $1";
constexpr const char* kListDevices = LICENSOR_PG_DEVICE
    "WHERE seq > $1 AND " LICENSOR_PG_IN_LIST("customer_id", "$3") " ORDER BY seq LIMIT $2";

#define LICENSOR_PG_CARD                                                                         \
  "SELECT seq, id, number, type_code, total_days, available_days, activated_at, device_number, " \
  "bound_at, customer_id, locked, created_at FROM cards "
constexpr const char* kInsertCard =
    "INSERT INTO cards (id, number, type_code, total_days, available_days, activated_at, "
    "device_number, bound_at, customer_id, locked, created_at) "
    "VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11)";
constexpr const char* kUpdateCard =
    "UPDATE cards SET total_days = $2, available_days = $3, activated_at = $4, device_number = $5, "
    "bound_at = $6, customer_id = $7, locked = $8 WHERE number = $1";
constexpr const char* kGetCard = LICENSOR_PG_CARD "WHERE number = $1";
constexpr const char* kListCards =
    LICENSOR_PG_CARD "WHERE seq > $1 AND " LICENSOR_PG_IN_LIST("customer_id", "$3")
    " AND ($4::text IS NULL OR type_code = $4) AND ($5::text IS NULL OR number = $5) "
    "AND ($6::text IS NULL OR device_number = $6) "
    "AND ($7::bigint IS NULL OR available_days >= $7) "
    "AND ($8::bigint IS NULL OR available_days <= $8) "
    "AND ($9::bigint IS NULL OR activated_at >= $9) AND ($10::bigint IS NULL OR activated_at <= $10) "
    "AND ($11::text IS NULL OR " LICENSOR_CARD_STATUS_SQL " = $11) "
    "AND ($12::boolean IS NULL OR locked = $12) "
    "AND ($13::boolean IS NULL OR (device_number IS NOT NULL) = $13) ORDER BY seq LIMIT $2";

constexpr const char* kCountCards = LICENSOR_COUNT_CARDS_SQL LICENSOR_PG_IN_LIST(
    "customer_id", "$1") " GROUP BY type_code, status ORDER BY type_code, status";

constexpr const char* kInsertRecord =
    "INSERT INTO card_records (id, card_number, type_code, kind, from_customer, to_customer, "
    "device_number, days, actor, at) VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10)";
constexpr const char* kListRecords =
    "SELECT seq, id, card_number, type_code, kind, from_customer, to_customer, device_number, "
    "days, actor, at FROM card_records WHERE seq > $1 "
    "AND ($3::text IS NULL OR from_customer IN (SELECT jsonb_array_elements_text($3::jsonb)) "
    "  OR to_customer IN (SELECT jsonb_array_elements_text($3::jsonb))) "
    "AND ($4::text IS NULL OR card_number = $4) AND ($5::text IS NULL OR type_code = $5) "
    "AND " LICENSOR_PG_IN_LIST("kind", "$6")
    " AND ($7::bigint IS NULL OR at >= $7) AND ($8::bigint IS NULL OR at <= $8) "
    "ORDER BY seq LIMIT $2";

constexpr const char* kListDeductions =
    "SELECT seq, card_number, device_number, customer_id, period_start, at, days, balance_after "
    "FROM deductions WHERE seq > $1 AND " LICENSOR_PG_IN_LIST("customer_id", "$3")
    " AND ($4::text IS NULL OR card_number = $4) AND ($5::text IS NULL OR device_number = $5) "
    "ORDER BY seq LIMIT $2";

// Deduction runs of all nodes take turns: each sees the previous one's commit, so the same
// period is never paid twice (the unique key on device and period start backs this up).
constexpr const char* kLockDeductions = "SELECT pg_advisory_xact_lock(7364501224)";
constexpr const char* kCreateDue =
    "CREATE TEMP TABLE deduction_due (device_seq BIGINT NOT NULL, device_number TEXT NOT NULL, "
    "card_seq BIGINT NOT NULL, card_number TEXT NOT NULL, customer_id TEXT NOT NULL, "
    "period_start BIGINT NOT NULL, balance_after BIGINT NOT NULL) ON COMMIT DROP";
constexpr const char* kSelectDue =
    "INSERT INTO deduction_due SELECT d.seq, d.number, c.seq, c.number, c.customer_id, "
    LICENSOR_PERIOD_START_SQL("d.usage_until", "$1::bigint") ", c.available_days - 1 "
    "FROM devices d JOIN cards c ON c.seq = (" LICENSOR_PICK_CARD_SQL("d.number") ") "
    "WHERE NOT d.blacklisted AND (d.usage_until IS NULL OR d.usage_until <= $1::bigint) "
    "AND ($2::text IS NULL OR d.number = $2)";
constexpr const char* kDropDone = LICENSOR_DROP_DONE_SQL;
constexpr const char* kInsertDeductions = LICENSOR_INSERT_DEDUCTIONS_SQL("$1");
constexpr const char* kChargeCards = LICENSOR_CHARGE_CARDS_SQL("$1");
constexpr const char* kExtendDevices = LICENSOR_EXTEND_DEVICES_SQL;
constexpr const char* kBlacklist =
    "UPDATE devices SET blacklisted = TRUE, blacklisted_at = $1 WHERE NOT blacklisted "
    "AND (usage_until IS NULL OR usage_until <= $1) AND ($2::text IS NULL OR number = $2) "
    "AND ($2::text IS NOT NULL OR EXISTS (SELECT 1 FROM cards WHERE device_number = "
    "devices.number)) "
    "AND NOT EXISTS (SELECT 1 FROM cards WHERE device_number = devices.number AND "
    "available_days > 0)";
}  // namespace

Status PgTx::InsertDeviceModel(const DeviceModel& m) {
  return conn_.Query(kInsertModel, m.id, m.name, m.created_at).status();
}

Result<std::vector<DeviceModel>> PgTx::ListDeviceModels() {
  return All<DeviceModel>(conn_.Query(kListModels), ReadDeviceModel<PgRow>);
}

Status PgTx::InsertCardType(const CardType& t) {
  return conn_
      .Query(kInsertType, t.id, t.code, t.name, Json(t.models).dump(), t.max_days, t.created_at)
      .status();
}

Result<std::optional<CardType>> PgTx::GetCardType(const std::string& code) {
  return One<CardType>(conn_.Query(kGetType, code), ReadCardType<PgRow>);
}

Result<std::vector<CardType>> PgTx::ListCardTypes() {
  return All<CardType>(conn_.Query(kListTypes), ReadCardType<PgRow>);
}

Status PgTx::InsertDevice(const Device& d) {
  return conn_
      .Query(kInsertDevice, d.id, d.number, d.model, d.customer_id, d.credential_hash,
             d.blacklisted, d.blacklisted_at, d.usage_until, d.created_at)
      .status();
}

Status PgTx::UpdateDevice(const Device& d) {
  return Changed(conn_.Query(kUpdateDevice, d.number, d.customer_id, d.blacklisted,
                             d.blacklisted_at, d.usage_until),
                 "device");
}

Result<std::optional<Device>> PgTx::GetDevice(const std::string& number) {
  return One<Device>(conn_.Query(kGetDevice, number), ReadDevice<PgRow>);
}

Result<Page<Device>> PgTx::ListDevices(const std::optional<std::vector<std::string>>& customers,
                                       const PageRequest& page) {
  return PageOf<Device>(
      conn_.Query(kListDevices, page.after_seq, page.limit + 1, JsonList(customers)), page.limit,
      ReadDevice<PgRow>);
}

Status PgTx::InsertCard(const Card& c) {
  return conn_
      .Query(kInsertCard, c.id, c.number, c.type_code, c.total_days, c.available_days,
             c.activated_at, c.device_number, c.bound_at, c.customer_id, c.locked, c.created_at)
      .status();
}

Status PgTx::UpdateCard(const Card& c) {
  return Changed(conn_.Query(kUpdateCard, c.number, c.total_days, c.available_days, c.activated_at,
                             c.device_number, c.bound_at, c.customer_id, c.locked),
                 "card");
}

Result<std::optional<Card>> PgTx::GetCard(const std::string& number) {
  return One<Card>(conn_.Query(kGetCard, number), ReadCard<PgRow>);
}

Result<Page<Card>> PgTx::ListCards(const CardFilter& f, const PageRequest& page) {
  return PageOf<Card>(
      conn_.Query(kListCards, page.after_seq, page.limit + 1, JsonList(f.customer_ids), f.type_code,
                  f.number, f.device_number, f.min_days, f.max_days, f.activated_from,
                  f.activated_to, f.status, f.locked, f.bound),
      page.limit, ReadCard<PgRow>);
}

Result<std::vector<CardCount>> PgTx::CountCards(
    const std::optional<std::vector<std::string>>& customers) {
  return All<CardCount>(conn_.Query(kCountCards, JsonList(customers)), [](const PgRow& r) {
    return CardCount{r.Text(0), r.Text(1), r.Int(2), r.Int(3), r.Int(4), r.Int(5)};
  });
}

Status PgTx::InsertCardRecord(const CardRecord& r) {
  return conn_
      .Query(kInsertRecord, r.id, r.card_number, r.type_code, r.kind, r.from_customer,
             r.to_customer, r.device_number, r.days, r.actor, r.at)
      .status();
}

Result<Page<CardRecord>> PgTx::ListCardRecords(const CardRecordFilter& f, const PageRequest& page) {
  return PageOf<CardRecord>(
      conn_.Query(kListRecords, page.after_seq, page.limit + 1, JsonList(f.customer_ids),
                  f.card_number, f.type_code, JsonList(f.kinds), f.since, f.until),
      page.limit, ReadCardRecord<PgRow>);
}

Result<DeductionRun> PgTx::DeductDue(UnixSeconds now,
                                     const std::optional<std::string>& device_number) {
  DeductionRun run;
  LICENSOR_RETURN_IF_ERROR(conn_.Query(kLockDeductions).status());
  LICENSOR_RETURN_IF_ERROR(conn_.Query(kCreateDue).status());
  LICENSOR_RETURN_IF_ERROR(conn_.Query(kSelectDue, now, device_number).status());
  LICENSOR_RETURN_IF_ERROR(conn_.Query(kDropDone).status());
  LICENSOR_ASSIGN_OR_RETURN(const auto inserted, conn_.Query(kInsertDeductions, now));
  run.deducted = inserted.affected();
  LICENSOR_RETURN_IF_ERROR(conn_.Query(kChargeCards, now).status());
  LICENSOR_RETURN_IF_ERROR(conn_.Query(kExtendDevices).status());
  LICENSOR_ASSIGN_OR_RETURN(const auto blacklisted, conn_.Query(kBlacklist, now, device_number));
  run.blacklisted = blacklisted.affected();
  // The temporary table goes with the commit; drop it now too, in case the caller's
  // transaction runs this twice.
  LICENSOR_RETURN_IF_ERROR(conn_.Query("DROP TABLE deduction_due").status());
  return run;
}

Result<Page<Deduction>> PgTx::ListDeductions(const DeductionFilter& f, const PageRequest& page) {
  return PageOf<Deduction>(conn_.Query(kListDeductions, page.after_seq, page.limit + 1,
                                       JsonList(f.customer_ids), f.card_number, f.device_number),
                           page.limit, ReadDeduction<PgRow>);
}

}  // namespace licensor::storage::postgres
