// The schema's one history, for both stores. Each step is one text: the DDL the stores share,
// then, where they must differ, a section for one store alone. A line "--- sqlite only" or
// "--- postgres only" starts such a section and "--- both" ends it. Types are written as
// PostgreSQL names them (BIGINT is an integer column to SQLite too), except these words, which
// each store spells its own way:
//   {SEQ}    the row-order key: INTEGER PRIMARY KEY AUTOINCREMENT / BIGSERIAL PRIMARY KEY
//   {BOOL}   a flag: INTEGER (0 or 1) / BOOLEAN
//   {FALSE}, {TRUE}   a flag's values: 0, 1 / FALSE, TRUE
// Never edit a shipped step; append a new one.
#include "storage/schema_history.hpp"

#include <iterator>
#include <string_view>

namespace licensor::storage {
namespace {

constexpr const char* kSteps[] = {
    // 1: the licensing spine and the audit log.
    R"sql(
CREATE TABLE tokens (
  seq {SEQ}, id TEXT NOT NULL UNIQUE, name TEXT NOT NULL, role TEXT NOT NULL,
  hash TEXT NOT NULL UNIQUE, created_at BIGINT NOT NULL, revoked_at BIGINT);
CREATE TABLE products (
  seq {SEQ}, id TEXT NOT NULL UNIQUE, name TEXT NOT NULL,
  created_at BIGINT NOT NULL, updated_at BIGINT NOT NULL);
CREATE TABLE customers (
  seq {SEQ}, id TEXT NOT NULL UNIQUE, name TEXT NOT NULL, email TEXT NOT NULL,
  parent_id TEXT REFERENCES customers(id), created_at BIGINT NOT NULL, updated_at BIGINT NOT NULL);
CREATE INDEX customers_parent ON customers(parent_id);
CREATE TABLE policies (
  seq {SEQ}, id TEXT NOT NULL UNIQUE,
  product_id TEXT NOT NULL REFERENCES products(id), name TEXT NOT NULL,
  duration_days BIGINT, validity_basis TEXT NOT NULL, max_activations BIGINT NOT NULL,
  features TEXT NOT NULL, deployment_mode TEXT NOT NULL, trial {BOOL} NOT NULL,
  heartbeat_interval_s BIGINT, heartbeat_grace_s BIGINT NOT NULL, dead_activation TEXT NOT NULL,
  fp_components TEXT NOT NULL, fp_min_matching BIGINT NOT NULL, expiry_grace_days BIGINT NOT NULL,
  created_at BIGINT NOT NULL, updated_at BIGINT NOT NULL);
CREATE INDEX policies_product ON policies(product_id);
CREATE TABLE licenses (
  seq {SEQ}, id TEXT NOT NULL UNIQUE, code TEXT NOT NULL UNIQUE,
  policy_id TEXT NOT NULL REFERENCES policies(id), product_id TEXT NOT NULL REFERENCES products(id),
  customer_id TEXT NOT NULL REFERENCES customers(id), status TEXT NOT NULL,
  duration_days BIGINT, validity_basis TEXT NOT NULL, expires_at BIGINT,
  max_activations BIGINT NOT NULL, features TEXT NOT NULL, version BIGINT NOT NULL,
  first_activated_at BIGINT, created_at BIGINT NOT NULL, updated_at BIGINT NOT NULL,
  activations_count BIGINT NOT NULL DEFAULT 0, stale_activations BIGINT NOT NULL DEFAULT 0);
CREATE INDEX licenses_customer ON licenses(customer_id);
CREATE INDEX licenses_policy ON licenses(policy_id);
CREATE INDEX licenses_product ON licenses(product_id);
CREATE INDEX licenses_status_expiry ON licenses(status, expires_at);
CREATE TABLE activations (
  seq {SEQ}, id TEXT NOT NULL UNIQUE,
  license_id TEXT NOT NULL REFERENCES licenses(id), fingerprint TEXT NOT NULL,
  components TEXT NOT NULL, hostname TEXT NOT NULL, platform TEXT NOT NULL, state TEXT NOT NULL,
  fetched_version BIGINT NOT NULL, activated_at BIGINT NOT NULL, last_seen_at BIGINT NOT NULL,
  UNIQUE (license_id, fingerprint));
CREATE INDEX activations_alive ON activations(state, last_seen_at);
CREATE TABLE events (
  seq {SEQ}, id TEXT NOT NULL UNIQUE, at BIGINT NOT NULL, actor TEXT NOT NULL,
  action TEXT NOT NULL, resource_type TEXT NOT NULL, resource_id TEXT NOT NULL,
  before TEXT NOT NULL, after TEXT NOT NULL);
CREATE INDEX events_resource ON events(resource_type, resource_id);
CREATE INDEX events_at ON events(at);
--- sqlite only
-- licenses.activations_count and licenses.stale_activations (activations that have not fetched
-- the license's current version) are kept by these triggers in the same transaction as the
-- change, so reading them is O(1) and they can never drift from the rows they count.
CREATE TRIGGER activations_count_insert AFTER INSERT ON activations BEGIN
  UPDATE licenses SET activations_count = activations_count + 1,
    stale_activations = stale_activations + (NEW.fetched_version < version)
  WHERE id = NEW.license_id;
END;
CREATE TRIGGER activations_count_delete AFTER DELETE ON activations BEGIN
  UPDATE licenses SET activations_count = activations_count - 1,
    stale_activations = stale_activations - (OLD.fetched_version < version)
  WHERE id = OLD.license_id;
END;
CREATE TRIGGER activations_fetched_version AFTER UPDATE OF fetched_version ON activations
WHEN NEW.fetched_version <> OLD.fetched_version BEGIN
  UPDATE licenses SET stale_activations = stale_activations
    + (NEW.fetched_version < version) - (OLD.fetched_version < version)
  WHERE id = NEW.license_id;
END;
CREATE TRIGGER licenses_version AFTER UPDATE OF version ON licenses
WHEN NEW.version <> OLD.version BEGIN
  UPDATE licenses SET stale_activations = (SELECT COUNT(*) FROM activations
    WHERE license_id = NEW.id AND fetched_version < NEW.version)
  WHERE id = NEW.id;
END;
--- postgres only
CREATE FUNCTION licensor_activation_counts() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    UPDATE licenses SET activations_count = activations_count + 1,
      stale_activations = stale_activations + (NEW.fetched_version < version)::int
    WHERE id = NEW.license_id;
    RETURN NEW;
  ELSIF TG_OP = 'DELETE' THEN
    UPDATE licenses SET activations_count = activations_count - 1,
      stale_activations = stale_activations - (OLD.fetched_version < version)::int
    WHERE id = OLD.license_id;
    RETURN OLD;
  END IF;
  IF NEW.fetched_version <> OLD.fetched_version THEN
    UPDATE licenses SET stale_activations = stale_activations
      + (NEW.fetched_version < version)::int - (OLD.fetched_version < version)::int
    WHERE id = NEW.license_id;
  END IF;
  RETURN NEW;
END $$;
CREATE TRIGGER activation_counts AFTER INSERT OR DELETE OR UPDATE OF fetched_version
  ON activations FOR EACH ROW EXECUTE FUNCTION licensor_activation_counts();
CREATE FUNCTION licensor_license_version() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NEW.version <> OLD.version THEN
    NEW.stale_activations := (SELECT COUNT(*) FROM activations
                              WHERE license_id = NEW.id AND fetched_version < NEW.version);
  END IF;
  RETURN NEW;
END $$;
CREATE TRIGGER license_version BEFORE UPDATE OF version ON licenses
  FOR EACH ROW EXECUTE FUNCTION licensor_license_version();
)sql",
    // 2: offline activations, made by issuing a license file for a collected fingerprint. They
    // send no heartbeats, so the dead-activation job leaves them alone.
    R"sql(
ALTER TABLE activations ADD COLUMN offline INTEGER NOT NULL DEFAULT 0;
)sql",
    // 3: installations of the platform-and-agents model and the files issued for them.
    R"sql(
CREATE TABLE installations (
  seq {SEQ}, id TEXT NOT NULL UNIQUE,
  customer_id TEXT NOT NULL REFERENCES customers(id), tenant_id TEXT NOT NULL,
  environment TEXT NOT NULL, name TEXT NOT NULL, license_id TEXT NOT NULL UNIQUE,
  created_at BIGINT NOT NULL);
CREATE INDEX installations_customer ON installations(customer_id);
CREATE TABLE installation_files (
  seq {SEQ}, id TEXT NOT NULL UNIQUE,
  installation_id TEXT NOT NULL REFERENCES installations(id), kind TEXT NOT NULL,
  version BIGINT NOT NULL, issued_at BIGINT NOT NULL, actor TEXT NOT NULL, file TEXT NOT NULL);
CREATE INDEX installation_files_installation ON installation_files(installation_id, kind);
)sql",
    // 4: the installation's license registry: a log its state is folded from.
    R"sql(
CREATE TABLE registry_log (
  seq {SEQ}, at BIGINT NOT NULL, actor TEXT NOT NULL, kind TEXT NOT NULL, body TEXT NOT NULL);
)sql",
    // 5: expiry reminders (the primary key makes each one happen once, whatever the nodes), the
    // webhooks they are sent to, and the outbox of deliveries.
    R"sql(
CREATE TABLE registry_reminders (
  seq {SEQ}, id TEXT NOT NULL UNIQUE,
  resource_kind TEXT NOT NULL, resource_id TEXT NOT NULL, resource_name TEXT NOT NULL,
  expires_at BIGINT NOT NULL, threshold_days INTEGER NOT NULL, created_at BIGINT NOT NULL,
  sent {BOOL} NOT NULL,
  UNIQUE (resource_kind, resource_id, expires_at, threshold_days));
CREATE TABLE webhooks (
  seq {SEQ}, id TEXT NOT NULL UNIQUE, url TEXT NOT NULL,
  secret TEXT NOT NULL, created_at BIGINT NOT NULL, actor TEXT NOT NULL, deleted_at BIGINT);
CREATE TABLE webhook_deliveries (
  seq {SEQ}, id TEXT NOT NULL UNIQUE,
  webhook_id TEXT NOT NULL REFERENCES webhooks(id), event_id TEXT NOT NULL,
  event_type TEXT NOT NULL, body TEXT NOT NULL, state TEXT NOT NULL, attempts INTEGER NOT NULL,
  next_attempt_at BIGINT NOT NULL, delivered_at BIGINT, last_error TEXT NOT NULL,
  created_at BIGINT NOT NULL);
CREATE INDEX webhook_deliveries_due ON webhook_deliveries(state, next_attempt_at);
CREATE INDEX webhook_deliveries_webhook ON webhook_deliveries(webhook_id, seq);
)sql",
    // 6: device day-cards (seed 002): device models, card types, devices, cards, what was done
    // to each card, and deductions, one per device and period (the unique key makes it so).
    R"sql(
ALTER TABLE customers ADD COLUMN allow_superior_manage_licenses {BOOL} NOT NULL DEFAULT {FALSE};
ALTER TABLE tokens ADD COLUMN customer_id TEXT REFERENCES customers(id);
CREATE TABLE device_models (
  seq {SEQ}, id TEXT NOT NULL UNIQUE, name TEXT NOT NULL UNIQUE,
  created_at BIGINT NOT NULL);
CREATE TABLE card_types (
  seq {SEQ}, id TEXT NOT NULL UNIQUE, code TEXT NOT NULL UNIQUE, name TEXT NOT NULL,
  models TEXT NOT NULL, max_days BIGINT NOT NULL, created_at BIGINT NOT NULL);
CREATE TABLE devices (
  seq {SEQ}, id TEXT NOT NULL UNIQUE, number TEXT NOT NULL UNIQUE,
  model TEXT NOT NULL REFERENCES device_models(name), customer_id TEXT NOT NULL REFERENCES customers(id),
  credential_hash TEXT NOT NULL UNIQUE, blacklisted {BOOL} NOT NULL, blacklisted_at BIGINT,
  usage_until BIGINT, created_at BIGINT NOT NULL);
CREATE INDEX devices_customer ON devices(customer_id, seq);
CREATE TABLE cards (
  seq {SEQ}, id TEXT NOT NULL UNIQUE, number TEXT NOT NULL UNIQUE,
  type_code TEXT NOT NULL REFERENCES card_types(code), total_days BIGINT NOT NULL,
  available_days BIGINT NOT NULL CHECK (available_days >= 0), activated_at BIGINT,
  device_number TEXT REFERENCES devices(number), bound_at BIGINT,
  customer_id TEXT NOT NULL REFERENCES customers(id), locked {BOOL} NOT NULL, created_at BIGINT NOT NULL);
CREATE INDEX cards_customer ON cards(customer_id, seq);
CREATE INDEX cards_device ON cards(device_number) WHERE device_number IS NOT NULL;
CREATE TABLE card_records (
  seq {SEQ}, id TEXT NOT NULL UNIQUE, card_number TEXT NOT NULL, type_code TEXT NOT NULL,
  kind TEXT NOT NULL, from_customer TEXT, to_customer TEXT, device_number TEXT, days BIGINT,
  actor TEXT NOT NULL, at BIGINT NOT NULL);
CREATE INDEX card_records_card ON card_records(card_number, seq);
CREATE TABLE deductions (
  seq {SEQ}, card_number TEXT NOT NULL, device_number TEXT NOT NULL,
  customer_id TEXT NOT NULL, period_start BIGINT NOT NULL, at BIGINT NOT NULL,
  days BIGINT NOT NULL, balance_after BIGINT NOT NULL,
  UNIQUE (device_number, period_start));
CREATE INDEX deductions_card ON deductions(card_number, seq);
)sql",
    // 7: each device's payer carries its usage time (see storage/card_sql.hpp), so the daily
    // run writes only the cards it charges and their records. "Once per period" is the
    // conditional charge of the device's one payer. The records keep one index, by device (a
    // card's are found through the devices its records name): the unique key on device and
    // period and the index by card made every run write two more indexes of a table growing by
    // a million rows a day.
    R"sql(
ALTER TABLE cards ADD COLUMN paying {BOOL} NOT NULL DEFAULT {FALSE};
ALTER TABLE cards ADD COLUMN paid_until BIGINT;
UPDATE cards SET paying = {TRUE}, paid_until = (SELECT usage_until FROM devices d WHERE
  d.number = cards.device_number) WHERE device_number IS NOT NULL AND seq = (SELECT p.seq FROM
  cards p WHERE p.device_number = cards.device_number AND p.available_days > 0 ORDER BY
  p.activated_at IS NULL, p.activated_at, p.bound_at, p.seq LIMIT 1) AND NOT (SELECT blacklisted
  FROM devices d WHERE d.number = cards.device_number);
UPDATE devices SET usage_until = NULL WHERE EXISTS (SELECT 1 FROM cards WHERE paying AND
  device_number = devices.number);
CREATE UNIQUE INDEX cards_payer ON cards(device_number) WHERE paying;
CREATE INDEX cards_exhausted ON cards(device_number, paying, paid_until)
  WHERE available_days = 0 AND device_number IS NOT NULL;
--- sqlite only
-- SQLite cannot drop a table's unique key: the table is made again without it.
CREATE TABLE deductions_v7 (
  seq {SEQ}, card_number TEXT NOT NULL, device_number TEXT NOT NULL,
  customer_id TEXT NOT NULL, period_start BIGINT NOT NULL, at BIGINT NOT NULL,
  days BIGINT NOT NULL, balance_after BIGINT NOT NULL);
INSERT INTO deductions_v7 SELECT seq, card_number, device_number, customer_id, period_start, at,
  days, balance_after FROM deductions;
DROP TABLE deductions;
ALTER TABLE deductions_v7 RENAME TO deductions;
--- postgres only
ALTER TABLE deductions DROP CONSTRAINT deductions_device_number_period_start_key;
DROP INDEX deductions_card;
--- both
CREATE INDEX deductions_device ON deductions(device_number, seq);
)sql",
    // 8: activations indexed by each component's value, so that a machine with a replaced part
    // is found among the activations sharing one of its components, not by reading every
    // activation of the license. Kept by triggers in the transaction of the change, like the
    // activation counts. And by license in order, for the paged list of a license's activations.
    R"sql(
CREATE TABLE activation_components (
  license_id TEXT NOT NULL, name TEXT NOT NULL, value TEXT NOT NULL, activation_id TEXT NOT NULL);
CREATE INDEX activation_components_value ON activation_components(license_id, name, value);
CREATE INDEX activation_components_activation ON activation_components(activation_id);
-- A license's activations are listed a page at a time in the order they were made.
CREATE INDEX activations_license ON activations(license_id, seq);
--- sqlite only
INSERT INTO activation_components SELECT a.license_id, c.key, c.value, a.id
  FROM activations a, json_each(a.components) c;
CREATE TRIGGER activation_components_insert AFTER INSERT ON activations BEGIN
  INSERT INTO activation_components SELECT NEW.license_id, key, value, NEW.id
    FROM json_each(NEW.components);
END;
CREATE TRIGGER activation_components_update AFTER UPDATE OF components, license_id ON activations
WHEN NEW.components <> OLD.components OR NEW.license_id <> OLD.license_id BEGIN
  DELETE FROM activation_components WHERE activation_id = OLD.id;
  INSERT INTO activation_components SELECT NEW.license_id, key, value, NEW.id
    FROM json_each(NEW.components);
END;
CREATE TRIGGER activation_components_delete AFTER DELETE ON activations BEGIN
  DELETE FROM activation_components WHERE activation_id = OLD.id;
END;
--- postgres only
INSERT INTO activation_components SELECT a.license_id, c.key, c.value, a.id
  FROM activations a, jsonb_each_text(a.components::jsonb) c;
CREATE FUNCTION licensor_activation_components() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP <> 'INSERT' THEN
    DELETE FROM activation_components WHERE activation_id = OLD.id;
  END IF;
  IF TG_OP = 'DELETE' THEN
    RETURN OLD;
  END IF;
  INSERT INTO activation_components SELECT NEW.license_id, c.key, c.value, NEW.id
    FROM jsonb_each_text(NEW.components::jsonb) c;
  RETURN NEW;
END $$;
CREATE TRIGGER activation_components_insert_delete AFTER INSERT OR DELETE ON activations
  FOR EACH ROW EXECUTE FUNCTION licensor_activation_components();
CREATE TRIGGER activation_components_update AFTER UPDATE OF components, license_id ON activations
  FOR EACH ROW WHEN (NEW.components IS DISTINCT FROM OLD.components
                     OR NEW.license_id IS DISTINCT FROM OLD.license_id)
  EXECUTE FUNCTION licensor_activation_components();
)sql",
    // 9: the client address of each audited change (behind trusted proxies, the client's).
    R"sql(
ALTER TABLE events ADD COLUMN address TEXT NOT NULL DEFAULT '';
)sql",
    // 10: the registry's uploads are listed a page at a time without reading its other entries.
    R"sql(
CREATE INDEX registry_log_kind ON registry_log(kind, seq);
)sql",
    // 11: how long a client runs past its file's refresh-by, apart from the server's grace.
    R"sql(
ALTER TABLE policies ADD COLUMN offline_grace_s BIGINT;
)sql",
    // 12: the console's users, their sessions, the first administrator's setup link, and the
    // dashboard's daily counts (storage/account_sql.hpp).
    R"sql(
CREATE TABLE users (seq {SEQ}, id TEXT NOT NULL UNIQUE, email TEXT NOT NULL,
  email_key TEXT NOT NULL UNIQUE, display_name TEXT NOT NULL, role TEXT NOT NULL,
  customer_id TEXT REFERENCES customers(id), disabled {BOOL} NOT NULL DEFAULT {FALSE},
  password_hash TEXT NOT NULL, created_at BIGINT NOT NULL, updated_at BIGINT NOT NULL,
  last_login_at BIGINT);
CREATE INDEX users_customer ON users(customer_id, seq);
CREATE TABLE sessions (hash TEXT PRIMARY KEY, user_id TEXT NOT NULL REFERENCES users(id),
  created_at BIGINT NOT NULL, last_seen_at BIGINT NOT NULL);
CREATE INDEX sessions_user ON sessions(user_id);
CREATE TABLE setup_links (hash TEXT PRIMARY KEY, expires_at BIGINT NOT NULL);
CREATE TABLE daily_counts (day BIGINT NOT NULL, kind TEXT NOT NULL, result TEXT NOT NULL,
  count BIGINT NOT NULL, PRIMARY KEY (day, kind, result));
)sql",
    // 13: sign-in attempts, kept in the store so that every node of a deployment counts them
    // together.
    R"sql(
CREATE TABLE sign_in_attempts (key TEXT PRIMARY KEY, window_start BIGINT NOT NULL,
  attempts BIGINT NOT NULL);
CREATE INDEX sign_in_attempts_window ON sign_in_attempts(window_start);
)sql",
    // 14: the component index gains the activation id, which makes it covering for the
    // similarity search (storage/activation_component_sql.hpp). Before, each of up to 16
    // candidates a value cost a second lookup in the table.
    R"sql(
DROP INDEX activation_components_value;
CREATE INDEX activation_components_value ON activation_components(license_id, name, value,
  activation_id);
)sql",
    // 15: a license code is found whatever its case (storage/license_code_sql.hpp).
    R"sql(
CREATE UNIQUE INDEX licenses_code_folded ON licenses(upper(code));
)sql",
    // 16: what a policy is for, in the vendor's words.
    R"sql(
ALTER TABLE policies ADD COLUMN description TEXT NOT NULL DEFAULT '';
)sql",
    // 17: the vendor's code for what a policy sells.
    R"sql(
ALTER TABLE policies ADD COLUMN sku TEXT NOT NULL DEFAULT '';
)sql",
    // 18: the server's keys move into the store, sealed under the master key
    // (core/key_ring.hpp), so that every node shares them. A deleted webhook signs nothing
    // again: its secret goes; the others are sealed by licensord when it starts.
    R"sql(
CREATE TABLE key_ring (id INTEGER PRIMARY KEY CHECK (id = 1), generation BIGINT NOT NULL,
  master_key_id TEXT NOT NULL, sealed_token_key TEXT NOT NULL, created_at BIGINT NOT NULL,
  imported_from TEXT NOT NULL);
CREATE TABLE signing_keys (seq {SEQ}, id TEXT NOT NULL UNIQUE, public_key TEXT NOT NULL,
  sealed_secret TEXT NOT NULL, state TEXT NOT NULL, created_at BIGINT NOT NULL,
  retired_at BIGINT);
UPDATE webhooks SET secret = '' WHERE deleted_at IS NOT NULL;
)sql",
    // 19: e-mail (core/mail_service.hpp): the outbox, the invitation and password-reset links
    // it carries, and the installation's settings (where reminders go).
    R"sql(
CREATE TABLE mail_outbox (seq {SEQ}, id TEXT NOT NULL UNIQUE, purpose TEXT NOT NULL,
  once_key TEXT UNIQUE, recipient TEXT NOT NULL, subject TEXT NOT NULL, sealed_body TEXT NOT NULL,
  state TEXT NOT NULL, attempts INTEGER NOT NULL, next_attempt_at BIGINT NOT NULL,
  sent_at BIGINT, last_error TEXT NOT NULL, created_at BIGINT NOT NULL);
CREATE INDEX mail_outbox_due ON mail_outbox(state, next_attempt_at);
CREATE TABLE account_links (seq {SEQ}, id TEXT NOT NULL UNIQUE, purpose TEXT NOT NULL,
  token_hash TEXT NOT NULL UNIQUE, email TEXT NOT NULL, email_key TEXT NOT NULL,
  display_name TEXT NOT NULL, role TEXT NOT NULL, customer_id TEXT, user_id TEXT,
  created_by TEXT NOT NULL, created_at BIGINT NOT NULL, expires_at BIGINT NOT NULL,
  used_at BIGINT);
CREATE INDEX account_links_email ON account_links(email_key, purpose, created_at);
CREATE TABLE settings (name TEXT PRIMARY KEY, value TEXT NOT NULL, updated_at BIGINT NOT NULL);
)sql",
};

constexpr std::string_view kSqliteOnly = "--- sqlite only";
constexpr std::string_view kPostgresOnly = "--- postgres only";
constexpr std::string_view kBoth = "--- both";

void ReplaceAll(std::string& text, std::string_view word, std::string_view with) {
  for (std::size_t at = text.find(word); at != std::string::npos;
       at = text.find(word, at + with.size())) {
    text.replace(at, word.size(), with);
  }
}

}  // namespace

std::size_t SchemaSteps() { return std::size(kSteps); }

std::string SchemaStep(std::size_t index, Dialect dialect) {
  const std::string_view step = kSteps[index];
  std::string text;
  bool keep = true;
  for (std::size_t begin = 0; begin < step.size();) {
    std::size_t end = step.find('\n', begin);
    if (end == std::string_view::npos) end = step.size();
    const std::string_view line = step.substr(begin, end - begin);
    begin = end + 1;
    if (line == kSqliteOnly || line == kPostgresOnly || line == kBoth) {
      keep = line == kBoth || (line == kSqliteOnly) == (dialect == Dialect::kSqlite);
      continue;
    }
    if (keep) text.append(line).append("\n");
  }
  const bool sqlite = dialect == Dialect::kSqlite;
  ReplaceAll(text, "{SEQ}", sqlite ? "INTEGER PRIMARY KEY AUTOINCREMENT" : "BIGSERIAL PRIMARY KEY");
  ReplaceAll(text, "{BOOL}", sqlite ? "INTEGER" : "BOOLEAN");
  ReplaceAll(text, "{FALSE}", sqlite ? "0" : "FALSE");
  ReplaceAll(text, "{TRUE}", sqlite ? "1" : "TRUE");
  return text;
}

}  // namespace licensor::storage
