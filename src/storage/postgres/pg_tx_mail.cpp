// The e-mail part in PostgreSQL. The statements are one text with SQLite's
// (storage/mail_sql.hpp).
#include "storage/mail_sql.hpp"
#include "storage/postgres/pg_results.hpp"
#include "storage/postgres/pg_tx.hpp"
#include "storage/tables.hpp"

namespace licensor::storage::postgres {
namespace {

using namespace core;
using namespace rows;  // how the tables' rows are read (storage/tables.hpp)

const MailSql& Sql() { return StatementsFor<MailSql>(Dialect::kPostgres); }

}  // namespace

Status PgTx::InsertMail(const Mail& mail) {
  return InsertRow(conn_, Sql().outbox.insert, mail, tables::kMailOutbox);
}

Result<bool> PgTx::InsertMailOnce(const Mail& mail) {
  LICENSOR_ASSIGN_OR_RETURN(const auto result,
                            conn_.Query(Sql().insert_once.c_str(),
                                        PgParams::From(ValuesOf<Mail>(mail, tables::kMailOutbox))));
  return result.affected() > 0;
}

Status PgTx::UpdateMail(const Mail& mail) {
  return UpdateRow(conn_, Sql().outbox.update, mail, tables::kMailOutbox, "mail");
}

Result<std::vector<Mail>> PgTx::ListDueMail(UnixSeconds now, int limit) {
  return All<Mail>(conn_.Query(Sql().list_due.c_str(), now, limit), kMail);
}

Result<std::vector<OutboxState>> PgTx::SummarizeMailOutbox() {
  return All<OutboxState>(conn_.Query(Sql().summarize_outbox.c_str()), kOutboxState);
}

Status PgTx::InsertAccountLink(const AccountLink& link) {
  return InsertRow(conn_, Sql().links.insert, link, tables::kAccountLinks);
}

Status PgTx::UpdateAccountLink(const AccountLink& link) {
  return UpdateRow(conn_, Sql().links.update, link, tables::kAccountLinks, "account link");
}

Result<std::optional<AccountLink>> PgTx::GetAccountLink(const std::string& id) {
  return One<AccountLink>(conn_.Query(Sql().links.get.c_str(), id), kAccountLink);
}

Result<std::optional<AccountLink>> PgTx::FindAccountLink(const std::string& token_hash) {
  return One<AccountLink>(conn_.Query(Sql().find_link.c_str(), token_hash), kAccountLink);
}

Result<Page<AccountLink>> PgTx::ListOpenInvitations(const std::optional<std::string>& customer_id,
                                                    const PageRequest& page) {
  return PageOf<AccountLink>(
      conn_.Query(Sql().list_open_invitations.c_str(), page.after_seq, page.limit + 1, customer_id),
      page.limit, kAccountLink);
}

Result<std::int64_t> PgTx::CountAccountLinks(const std::string& purpose,
                                             const std::string& email_key, UnixSeconds since) {
  return Count(conn_.Query(Sql().count_links.c_str(), purpose, email_key, since));
}

Result<std::optional<std::string>> PgTx::GetSetting(const std::string& name) {
  return One<std::string>(conn_.Query(Sql().get_setting.c_str(), name),
                          [](const PgRow& r) { return r.Text(0); });
}

Status PgTx::PutSetting(const std::string& name, const std::string& value, UnixSeconds now) {
  return conn_.Query(Sql().put_setting.c_str(), name, value, now).status();
}

}  // namespace licensor::storage::postgres
