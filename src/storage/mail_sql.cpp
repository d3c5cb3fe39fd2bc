#include "storage/mail_sql.hpp"

#include "storage/tables.hpp"

namespace licensor::storage {

MailSql::MailSql(Dialect d)
    : outbox(StatementsOf("mail_outbox", tables::kMailOutbox, d)),
      links(StatementsOf("account_links", tables::kAccountLinks, d)) {
  insert_once = InDialect(
      InsertInto("mail_outbox", tables::kMailOutbox) + " ON CONFLICT (once_key) DO NOTHING", d);
  list_due = InDialect(outbox.select +
                           " WHERE state = 'PENDING' AND next_attempt_at <= ?1 "
                           "ORDER BY next_attempt_at, seq LIMIT ?2",
                       d);
  summarize_outbox = "SELECT " + SelectList<core::OutboxState>(tables::kOutboxStates) +
                     " FROM mail_outbox WHERE state IN ('PENDING', 'FAILED') GROUP BY state";
  find_link = InDialect(links.select + " WHERE token_hash = ?1", d);
  list_open_invitations = InDialect(Paged(links.select,
                                          " AND purpose = 'invitation' AND used_at IS NULL"
                                          " AND (CAST(?3 AS TEXT) IS NULL OR customer_id = ?3)"),
                                    d);
  count_links = InDialect(
      "SELECT COUNT(*) FROM account_links WHERE purpose = ?1 AND email_key = ?2 AND "
      "created_at >= ?3",
      d);
  get_setting = InDialect("SELECT value FROM settings WHERE name = ?1", d);
  put_setting = InDialect(
      "INSERT INTO settings (name, value, updated_at) VALUES (?1, ?2, ?3) "
      "ON CONFLICT (name) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at",
      d);
}

}  // namespace licensor::storage
