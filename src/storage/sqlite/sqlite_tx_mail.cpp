// The e-mail part in SQLite. The statements are one text with PostgreSQL's
// (storage/mail_sql.hpp).
#include "storage/mail_sql.hpp"
#include "storage/sqlite/sqlite_tx.hpp"
#include "storage/tables.hpp"

namespace licensor::storage::sqlite {
namespace {

using namespace core;
using namespace rows;  // how the tables' rows are read (storage/tables.hpp)

const MailSql& Sql() { return StatementsFor<MailSql>(Dialect::kSqlite); }

}  // namespace

Status SqliteTx::InsertMail(const Mail& mail) {
  return InsertRow(conn_, Sql().outbox.insert, mail, tables::kMailOutbox);
}

Result<bool> SqliteTx::InsertMailOnce(const Mail& mail) {
  LICENSOR_ASSIGN_OR_RETURN(auto stmt, conn_.Prepare(Sql().insert_once.c_str()));
  LICENSOR_RETURN_IF_ERROR(stmt.BindAll(ValuesOf<Mail>(mail, tables::kMailOutbox)).Run());
  return conn_.Changes() > 0;
}

Status SqliteTx::UpdateMail(const Mail& mail) {
  return UpdateRow(conn_, Sql().outbox.update, mail, tables::kMailOutbox, "mail");
}

Result<std::vector<Mail>> SqliteTx::ListDueMail(UnixSeconds now, int limit) {
  LICENSOR_ASSIGN_OR_RETURN(auto stmt, conn_.Prepare(Sql().list_due.c_str()));
  return ReadAll<Mail>(stmt.Bind(now, limit), kMail);
}

Result<std::vector<OutboxState>> SqliteTx::SummarizeMailOutbox() {
  LICENSOR_ASSIGN_OR_RETURN(auto stmt, conn_.Prepare(Sql().summarize_outbox.c_str()));
  return ReadAll<OutboxState>(stmt, kOutboxState);
}

Status SqliteTx::InsertAccountLink(const AccountLink& link) {
  return InsertRow(conn_, Sql().links.insert, link, tables::kAccountLinks);
}

Status SqliteTx::UpdateAccountLink(const AccountLink& link) {
  return UpdateRow(conn_, Sql().links.update, link, tables::kAccountLinks, "account link");
}

Result<std::optional<AccountLink>> SqliteTx::GetAccountLink(const std::string& id) {
  LICENSOR_ASSIGN_OR_RETURN(auto stmt, conn_.Prepare(Sql().links.get.c_str()));
  return ReadOne<AccountLink>(stmt.Bind(id), kAccountLink);
}

Result<std::optional<AccountLink>> SqliteTx::FindAccountLink(const std::string& token_hash) {
  LICENSOR_ASSIGN_OR_RETURN(auto stmt, conn_.Prepare(Sql().find_link.c_str()));
  return ReadOne<AccountLink>(stmt.Bind(token_hash), kAccountLink);
}

Result<Page<AccountLink>> SqliteTx::ListOpenInvitations(
    const std::optional<std::string>& customer_id, const PageRequest& page) {
  LICENSOR_ASSIGN_OR_RETURN(auto stmt, conn_.Prepare(Sql().list_open_invitations.c_str()));
  return ReadPage<AccountLink>(stmt.Bind(page.after_seq, page.limit + 1, customer_id), page.limit,
                               kAccountLink);
}

Result<std::int64_t> SqliteTx::CountAccountLinks(const std::string& purpose,
                                                 const std::string& email_key, UnixSeconds since) {
  LICENSOR_ASSIGN_OR_RETURN(auto stmt, conn_.Prepare(Sql().count_links.c_str()));
  return ReadCount(stmt.Bind(purpose, email_key, since));
}

Result<std::optional<std::string>> SqliteTx::GetSetting(const std::string& name) {
  LICENSOR_ASSIGN_OR_RETURN(auto stmt, conn_.Prepare(Sql().get_setting.c_str()));
  return ReadOne<std::string>(stmt.Bind(name), [](const Statement& r) { return r.Text(0); });
}

Status SqliteTx::PutSetting(const std::string& name, const std::string& value, UnixSeconds now) {
  LICENSOR_ASSIGN_OR_RETURN(auto stmt, conn_.Prepare(Sql().put_setting.c_str()));
  return stmt.Bind(name, value, now).Run();
}

}  // namespace licensor::storage::sqlite
