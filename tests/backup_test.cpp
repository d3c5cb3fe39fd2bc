// licensorctl backup and licensord --restore: a copy taken while the server writes, put back
// with the server stopped, and the state exactly as it was when the copy was taken.

#include <pwd.h>
#include <sys/stat.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>

#include "tests/support/e2e_fixture.hpp"
#include "tests/support/run_command.hpp"
#include "tests/support/test_databases.hpp"

namespace licensor::testing {
namespace {

namespace fs = std::filesystem;

class Backup : public LicensordTest {
 protected:
  static bool OnPostgres() { return BackendFromEnvironment("LICENSOR_E2E_STORE") == "postgres"; }

  CommandResult BackUp(const std::string& path) {
    return RunCommand("LICENSOR_URL=" + server_.url() + " LICENSOR_TOKEN='" +
                      server_.admin_token() + "' " + LICENSORCTL_PATH + " backup -o '" + path +
                      "' 2>&1");
  }
  CommandResult Restore(const std::string& path, const std::string& data_dir = "") {
    return RunCommand(std::string(LICENSORD_PATH) + " --data-dir '" +
                      (data_dir.empty() ? server_.dir() + "/data" : data_dir) + "' --restore '" +
                      path + "' 2>&1");
  }
  // Everything a restore must bring back, as the API shows it.
  Json State() {
    Json state;
    for (const char* list :
         {"/v1/products", "/v1/customers", "/v1/policies", "/v1/licenses", "/v1/tokens"}) {
      state[list] = ListAll(admin(), list);
    }
    for (const auto& license : state["/v1/licenses"]) {
      const std::string id = license["id"];
      state[id] = Activations(id);
    }
    return state;
  }
};

TEST_F(Backup, ACopyTakenWhileWritesGoOnIsRestoredExactly) {
  if (OnPostgres()) GTEST_SKIP() << "PostgreSQL is backed up with pg_dump";
  const Json license = IssueLicense({{"max_activations", 1000}});
  const std::string policy = license["policy_id"], customer = license["customer_id"];
  ASSERT_EQ(Activate(license["code"], "machine-1").status, 201);

  // Licenses are issued and machines activated all the while the copy is taken.
  std::atomic<bool> stop{false};
  std::atomic<int> written{0};
  std::thread writer([&] {
    Api api = server_.Admin();
    Api machines = server_.Client();
    for (int i = 0; !stop.load(); ++i) {
      if (api.Post("/v1/licenses", {{"policy_id", policy}, {"customer_id", customer}}).status ==
          201) {
        ++written;
      }
      machines.Post("/v1/client/activate",
                    {{"code", license["code"]}, {"fingerprint", "busy-" + std::to_string(i)}});
    }
  });
  while (written.load() < 5) std::this_thread::yield();
  const std::string during = server_.dir() + "/during.db";
  const CommandResult taken = BackUp(during);
  stop = true;
  writer.join();
  ASSERT_EQ(taken.exit_code, 0) << taken.output;
  EXPECT_NE(taken.output.find("Wrote the backup to " + during), std::string::npos);
  EXPECT_FALSE(fs::exists(during + ".part"));

  // Quiet now: this copy's state is known.
  const std::string quiet = server_.dir() + "/quiet.db";
  ASSERT_EQ(BackUp(quiet).exit_code, 0);
  const Json backed_up = State();
  const auto events = admin().Get("/v1/events?action=store.backed_up").json["data"];
  ASSERT_EQ(events.size(), 2u);
  EXPECT_EQ(events[0]["resource_type"], "store");
  EXPECT_GT(events[0]["after"]["bytes"].get<std::int64_t>(), 0);

  // Changes after the copy, undone by the restore.
  const std::string id = license["id"];
  ASSERT_EQ(Activate(license["code"], "after-backup").status, 201);
  ASSERT_EQ(admin().Post("/v1/licenses/" + id + "/actions/suspend").status, 200);
  CreateProduct("Made after the backup");
  ASSERT_NE(State(), backed_up);

  // Refused while the server serves the store.
  const CommandResult busy = Restore(quiet);
  EXPECT_EQ(busy.exit_code, 1) << busy.output;
  EXPECT_NE(busy.output.find("another licensord is serving"), std::string::npos) << busy.output;

  ASSERT_EQ(server_.Stop(), 0);
  const CommandResult restored = Restore(quiet);
  ASSERT_EQ(restored.exit_code, 0) << restored.output;
  EXPECT_NE(restored.output.find("The store it replaced is kept as"), std::string::npos);
  server_.Start();
  admin_ = std::make_unique<Api>(server_.Admin());
  client_ = std::make_unique<Api>(server_.Client());
  EXPECT_EQ(State(), backed_up);
  EXPECT_EQ(Validate(license["code"], {{"fingerprint", "machine-1"}})["valid"], true);

  // The copy taken under load is a whole store too: every license it holds is one the server
  // issued, and it holds at least those issued before it began.
  ASSERT_EQ(server_.Stop(), 0);
  ASSERT_EQ(Restore(during).exit_code, 0);
  server_.Start();
  admin_ = std::make_unique<Api>(server_.Admin());
  const Json licenses = ListAll(admin(), "/v1/licenses");
  EXPECT_GE(licenses.size(), 1u + 5u);
  EXPECT_LE(licenses.size(), backed_up["/v1/licenses"].size());

  // Onto a new machine: no data directory yet. It is made for the service account alone.
  const std::string fresh = server_.dir() + "/new-machine/data";
  const CommandResult onto_new = Restore(quiet, fresh);
  ASSERT_EQ(onto_new.exit_code, 0) << onto_new.output;
  EXPECT_TRUE(fs::exists(fresh + "/licensor.db"));
  EXPECT_EQ(fs::status(fresh).permissions() & fs::perms::all, fs::perms::owner_all);
  EXPECT_EQ(onto_new.output.find("kept as"), std::string::npos);  // it replaced nothing

  // An operator restores with sudo into the service's own data directory: what the restore
  // writes belongs to the service's user, who must open it.
  if (::geteuid() == 0) {
    const passwd* service = ::getpwnam("nobody");
    ASSERT_NE(service, nullptr);
    const std::string owned = server_.dir() + "/service/data";
    fs::create_directories(owned);
    ASSERT_EQ(::chown(owned.c_str(), service->pw_uid, service->pw_gid), 0);
    ASSERT_EQ(Restore(quiet, owned).exit_code, 0);
    for (const char* file : {"/licensor.db", "/licensor.db.lock"}) {
      struct stat st {};
      ASSERT_EQ(::stat((owned + file).c_str(), &st), 0) << file;
      EXPECT_EQ(st.st_uid, service->pw_uid) << file;
    }
  }
}

TEST_F(Backup, RestoreRefusesWhatIsNotABackup) {
  if (OnPostgres()) GTEST_SKIP() << "PostgreSQL is restored with pg_restore";
  ASSERT_EQ(server_.Stop(), 0);
  const std::string text = server_.dir() + "/notes.txt";
  std::ofstream(text) << "not a database, though long enough to look like a header of one\n";
  const CommandResult garbage = Restore(text);
  EXPECT_EQ(garbage.exit_code, 1);
  EXPECT_NE(garbage.output.find("is not a Licensor backup"), std::string::npos) << garbage.output;
  const CommandResult missing = Restore(server_.dir() + "/missing.db");
  EXPECT_NE(missing.exit_code, 0);
  EXPECT_NE(missing.output.find("missing.db"), std::string::npos) << missing.output;
  // The store is untouched: it serves as before.
  server_.Start();
  EXPECT_EQ(server_.Admin().Get("/v1/products").status, 200);
}

TEST_F(Backup, PostgresPointsToPgDump) {
  if (!OnPostgres()) GTEST_SKIP() << "SQLite stores are backed up by licensord";
  const ApiResponse res = admin().Get("/v1/backup");
  EXPECT_EQ(res.status, 409);
  EXPECT_EQ(res.json["code"], "BACKUP_NOT_SUPPORTED");
  EXPECT_NE(res.json["detail"].get<std::string>().find("pg_dump"), std::string::npos);
  const CommandResult cli = BackUp(server_.dir() + "/x.db");
  EXPECT_EQ(cli.exit_code, 1) << cli.output;
  EXPECT_NE(cli.output.find("pg_dump"), std::string::npos) << cli.output;
}

}  // namespace
}  // namespace licensor::testing
