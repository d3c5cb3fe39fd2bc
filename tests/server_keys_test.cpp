// The server's keys in the store, under a master key: generated owner-only on the first start,
// refused at start when it is not the store's, an earlier release's keys directory imported
// once, and webhook secrets sealed at rest.
#include <sys/stat.h>

#include <filesystem>
#include <fstream>
#include <regex>

#include "core/store.hpp"
#include "crypto/key_store.hpp"
#include "crypto/master_key.hpp"
#include "crypto/random.hpp"
#include "crypto/token_hasher.hpp"
#include "storage/postgres/pg_store.hpp"
#include "storage/sqlite/sqlite_store.hpp"
#include "tests/support/e2e_fixture.hpp"
#include "tests/support/legacy_keys_dir.hpp"
#include "tests/support/run_command.hpp"
#include "tests/support/temp_dir.hpp"

namespace licensor::testing {
namespace {

namespace fs = std::filesystem;

// The store of a stopped licensord, opened as the server opens it.
std::unique_ptr<core::Store> OpenStoreOf(const LicensordProcess& server) {
  if (!server.database_url().empty()) {
    auto store = storage::postgres::PgStore::Open(server.database_url(), 1);
    EXPECT_TRUE(store.ok()) << store.status().message();
    return store.ok() ? std::move(store.value()) : nullptr;
  }
  auto store = storage::sqlite::SqliteStore::Open(server.dir() + "/data/licensor.db", 1);
  EXPECT_TRUE(store.ok()) << store.status().message();
  return store.ok() ? std::move(store.value()) : nullptr;
}

// Runs licensord on `server`'s data dir and database to completion (it must refuse to start).
CommandResult StartRefused(const LicensordProcess& server, const std::string& args,
                           const std::string& env = "") {
  std::string command = env + " " + LICENSORD_PATH + " --listen 127.0.0.1:0 --data-dir " +
                        server.dir() + "/data " + args;
  if (!server.database_url().empty()) command += " --database-url '" + server.database_url() + "'";
  return RunCommand(command + " 2>&1");
}

class ServerKeys : public LicensordTest {};

TEST_F(ServerKeys, TheMasterKeyIsOwnerOnlyAndAnotherOneIsRefusedAtStart) {
  const std::string path = server_.dir() + "/data/master.key";
  struct stat st {};
  ASSERT_EQ(::stat(path.c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0777, 0600u);
  const std::string hex = crypto::ReadWholeFile(path).value();
  EXPECT_TRUE(std::regex_match(hex, std::regex("[0-9a-f]{64}\n"))) << hex;
  EXPECT_FALSE(fs::exists(server_.dir() + "/data/keys"));  // no key is kept in a file
  EXPECT_NE(server_.Stderr().find("created the store's keys"), std::string::npos);
  EXPECT_EQ(server_.Stderr().find(hex.substr(0, 64)), std::string::npos);  // never logged
  const std::string signing_key = Created(admin().Post("/v1/keys/rotate"))["key_id"];
  server_.Stop();

  const std::string other = crypto::MasterKey::Generate().Hex();
  const std::string other_file = server_.dir() + "/other.key";
  std::ofstream(other_file) << other << "\n";
  for (const auto& refused : {StartRefused(server_, "--master-key-file " + other_file),
                              StartRefused(server_, "", "LICENSOR_MASTER_KEY=" + other)}) {
    EXPECT_EQ(refused.exit_code, 1) << refused.output;
    EXPECT_NE(refused.output.find("is not the one this store's keys are sealed with"),
              std::string::npos)
        << refused.output;
    EXPECT_NE(refused.output.find("--master-key-file"), std::string::npos) << refused.output;
  }
  const auto malformed = StartRefused(server_, "", "LICENSOR_MASTER_KEY=abc");
  EXPECT_EQ(malformed.exit_code, 1);
  EXPECT_NE(malformed.output.find("64 hex digits"), std::string::npos) << malformed.output;
  const auto twice =
      StartRefused(server_, "--master-key-file " + path, "LICENSOR_MASTER_KEY=" + other);
  EXPECT_EQ(twice.exit_code, 1);
  EXPECT_NE(twice.output.find("given twice"), std::string::npos) << twice.output;

  // A lost master key is not silently replaced: the store does not open, and no new key file
  // is left where the right one belongs.
  fs::rename(path, server_.dir() + "/kept.key");
  const auto lost = StartRefused(server_, "");
  EXPECT_EQ(lost.exit_code, 1);
  EXPECT_NE(lost.output.find("is not the one this store's keys are sealed with"), std::string::npos)
      << lost.output;
  EXPECT_FALSE(fs::exists(path));

  fs::rename(server_.dir() + "/kept.key", path);
  server_.Start();
  const Json keys = server_.Admin().Get("/v1/keys").json["data"];
  ASSERT_EQ(keys.size(), 2u);
  EXPECT_EQ(keys[1]["key_id"], signing_key);
  EXPECT_TRUE(keys[1]["current"].get<bool>());
}

TEST(ServerKeysFromAFile, AGivenMasterKeyFileIsUsedAndNoneIsGenerated) {
  TempDir temp;
  const std::string file = (temp.path() / "licensor-master.key").string();
  std::ofstream(file) << crypto::MasterKey::Generate().Hex() << "\n";
  LicensordProcess server({"--master-key-file", file});
  server.Start();
  EXPECT_FALSE(fs::exists(server.dir() + "/data/master.key"));
  EXPECT_NE(server.Stderr().find("master key from " + file), std::string::npos) << server.Stderr();
  const std::string current = server.Admin().Get("/v1/keys").json["data"][0]["key_id"];
  server.Stop();
  server.Start();
  EXPECT_EQ(server.Admin().Get("/v1/keys").json["data"][0]["key_id"], current);
  EXPECT_EQ(server.Admin().Get("/v1/products").status, 200);  // the token key is the same too
}

// Releases before this one kept keys in DATA_DIR/keys. Their keys move into the store on the
// first start, the files go, and tokens hashed with the old token key keep working.
TEST(ServerKeysImport, AnEarlierReleasesKeysDirectoryIsImportedOnce) {
  ASSERT_TRUE(crypto::Initialize());
  LicensordProcess server;
  const fs::path keys = fs::path(server.dir()) / "data" / "keys";
  const crypto::SigningKey retired = crypto::NewSigningKey();
  const crypto::SigningKey current = crypto::NewSigningKey();
  const auto token_key = crypto::NewKey32();
  WriteLegacyKeysDirectory(fs::path(server.dir()) / "data", {retired, current}, current.key_id,
                           {retired.key_id}, token_key);

  server.Start();
  EXPECT_NE(server.Stderr().find("imported 2 signing key(s) (1 retired, their secrets "
                                 "destroyed) and the token key from"),
            std::string::npos)
      << server.Stderr();
  EXPECT_FALSE(fs::exists(keys));
  Api admin = server.Admin();
  const Json listed = admin.Get("/v1/keys").json["data"];
  ASSERT_EQ(listed.size(), 2u);
  for (const Json& key : listed) {
    EXPECT_EQ(key["current"].get<bool>(), key["key_id"] == current.key_id) << key;
    EXPECT_EQ(key["retired"].get<bool>(), key["key_id"] == retired.key_id) << key;
  }
  const Json imported = admin.Get("/v1/events?action=key.imported").json["data"];
  ASSERT_EQ(imported.size(), 1u);
  EXPECT_EQ(imported[0]["actor"], "system");

  server.Stop();  // imported once: a restart imports nothing
  server.Start();
  const std::string log = server.Stderr();  // both starts'
  const auto first = log.find("imported 2 signing key(s)");
  ASSERT_NE(first, std::string::npos);
  EXPECT_EQ(log.find("imported 2 signing key(s)", first + 1), std::string::npos) << log;
  EXPECT_EQ(server.Admin().Get("/v1/events?action=key.imported").json["data"].size(), 1u);
  server.Stop();
  // The first admin token was hashed with the imported token key.
  const auto store = OpenStoreOf(server);
  ASSERT_TRUE(store);
  const std::string hash = crypto::TokenHasher(token_key).Hash(server.admin_token());
  const auto token = core::ReadValue<std::optional<core::ApiToken>>(
      *store, [&](core::StoreTx& tx) { return tx.FindTokenByHash(hash); });
  ASSERT_TRUE(token.ok());
  EXPECT_TRUE(token->has_value());
}

// A webhook's secret is sealed in the store, and one a release before sealing stored in clear
// is sealed when licensord starts.
TEST_F(ServerKeys, WebhookSecretsAreSealedAtRest) {
  const Json webhook = Created(admin().Post("/v1/webhooks", {{"url", "http://127.0.0.1:9/h"}}));
  const std::string id = webhook["id"];
  const std::string secret = webhook["secret"];
  server_.Stop();
  {
    const auto store = OpenStoreOf(server_);
    ASSERT_TRUE(store);
    auto stored = core::ReadValue<std::optional<core::Webhook>>(*store, [&](core::StoreTx& tx) {
                    return tx.GetWebhook(id);
                  }).value();
    ASSERT_TRUE(stored.has_value());
    EXPECT_TRUE(crypto::MasterKey::IsSealed(stored->secret)) << stored->secret;
    EXPECT_EQ(stored->secret.find(secret), std::string::npos);
    stored->secret = "whsec_stored_in_clear_by_an_earlier_release";
    ASSERT_TRUE(store->Write([&](core::StoreTx& tx) { return tx.UpdateWebhook(*stored); }).ok());
  }
  server_.Start();
  EXPECT_NE(server_.Stderr().find("sealed 1 webhook secret(s)"), std::string::npos)
      << server_.Stderr();
  server_.Stop();
  const auto store = OpenStoreOf(server_);
  ASSERT_TRUE(store);
  const auto stored = core::ReadValue<std::optional<core::Webhook>>(*store, [&](core::StoreTx& tx) {
                        return tx.GetWebhook(id);
                      }).value();
  ASSERT_TRUE(stored.has_value());
  EXPECT_TRUE(crypto::MasterKey::IsSealed(stored->secret));
  EXPECT_EQ(stored->secret.find("stored_in_clear"), std::string::npos);
}

}  // namespace
}  // namespace licensor::testing
