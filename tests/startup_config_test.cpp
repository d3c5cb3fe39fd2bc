// Starting licensord: the first admin token, configuration sources and their order, logs.
#include <sys/stat.h>

#include <fstream>

#include "tests/support/e2e_fixture.hpp"
#include "tests/support/run_command.hpp"

namespace licensor::testing {
namespace {

// Runs licensord with `args` to completion (it must refuse to start) and returns its exit code
// and output.
std::pair<int, std::string> RunToExit(const std::string& args, const std::string& env = "") {
  const CommandResult r = RunCommand(env + " " + LICENSORD_PATH + " " + args + " 2>&1");
  return {r.exit_code, r.output};
}

TEST(Startup, GeneratesTheFirstAdminTokenOnceWithOwnerOnlyAccess) {
  LicensordProcess server;
  server.UseGeneratedAdminToken();
  server.Start();
  const std::string token_path = server.dir() + "/data/initial-admin-token";
  struct stat st {};
  ASSERT_EQ(::stat(token_path.c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0777, 0600u);
  EXPECT_TRUE(server.admin_token().starts_with("lsr_")) << server.admin_token();
  EXPECT_NE(server.Stdout().find(server.admin_token()), std::string::npos);  // printed once
  EXPECT_NE(server.Stdout().find(token_path), std::string::npos);            // and where it is
  EXPECT_EQ(server.Admin().Get("/v1/tokens").status, 200);
  // Secrets never reach the log.
  EXPECT_EQ(server.Stderr().find(server.admin_token()), std::string::npos);

  server.Stop();
  server.Start();
  EXPECT_EQ(server.Stdout().find("Initial admin token"), std::string::npos);  // not again
  EXPECT_EQ(server.Admin().Get("/v1/tokens").json["data"].size(), 1u);
  struct stat data {};
  ASSERT_EQ(::stat((server.dir() + "/data").c_str(), &data), 0);
  EXPECT_EQ(data.st_mode & 0777, 0700u);
}

TEST(Startup, RefusesBadConfigurationWithAMessage) {
  const auto bad_format = RunToExit("--log-format xml --data-dir /tmp/licensor-never");
  EXPECT_NE(bad_format.first, 0);
  EXPECT_NE(bad_format.second.find("log-format"), std::string::npos) << bad_format.second;
  const auto bad_listen = RunToExit("--listen nowhere --data-dir /tmp/licensor-never");
  EXPECT_NE(bad_listen.first, 0);
  EXPECT_NE(bad_listen.second.find("HOST:PORT"), std::string::npos) << bad_listen.second;
  const auto short_token =
      RunToExit("--listen 127.0.0.1:0 --data-dir /tmp/licensor-never-" + std::to_string(::getpid()),
                "LICENSOR_ADMIN_TOKEN=short");
  EXPECT_NE(short_token.first, 0);
  EXPECT_NE(short_token.second.find("LICENSOR_ADMIN_TOKEN"), std::string::npos)
      << short_token.second;
  const auto bad_header = RunToExit("--listen 127.0.0.1:0 --data-dir /tmp/licensor-never-" +
                                    std::to_string(::getpid()) +
                                    " --trusted-proxies 10.0.0.1 --client-ip-header 'X Forwarded'");
  EXPECT_NE(bad_header.first, 0);
  EXPECT_NE(bad_header.second.find("--client-ip-header"), std::string::npos) << bad_header.second;
  const std::string data =
      " --listen 127.0.0.1:0 --data-dir /tmp/licensor-never-" + std::to_string(::getpid());
  const auto no_public_url =
      RunToExit("--smtp-url smtp://localhost:25 --smtp-from licensor@vendor.example" + data);
  EXPECT_EQ(no_public_url.first, 2);
  EXPECT_NE(no_public_url.second.find("--smtp-url needs --public-url"), std::string::npos)
      << no_public_url.second;
  const auto no_from =
      RunToExit("--smtp-url smtp://localhost:25 --public-url https://l.example" + data);
  EXPECT_EQ(no_from.first, 2);
  EXPECT_NE(no_from.second.find("--smtp-from"), std::string::npos) << no_from.second;
  const auto plain_http = RunToExit("--smtp-url http://localhost:25" + data);
  EXPECT_NE(plain_http.first, 0);
  EXPECT_NE(plain_http.second.find("smtp://"), std::string::npos) << plain_http.second;
  const auto no_password = RunToExit(
      "--smtp-url smtps://localhost --smtp-from l@vendor.example --public-url "
      "https://l.example --smtp-user me --smtp-password-file /nonexistent" +
      data);
  EXPECT_EQ(no_password.first, 2);
  EXPECT_NE(no_password.second.find("--smtp-password-file"), std::string::npos)
      << no_password.second;
  std::filesystem::remove_all("/tmp/licensor-never-" + std::to_string(::getpid()));
  const auto help = RunToExit("--help");
  EXPECT_EQ(help.first, 0);
  for (const char* flag :
       {"--listen", "--data-dir", "--threads", "--log-format", "--client-rate-limit",
        "--database-url", "--config", "LICENSOR_LISTEN", "--client-ip-header",
        "--sign-in-rate-limit", "--password-slots", "--worker-threads", "--database-connections",
        "--master-key-file", "--smtp-url", "--smtp-ca-file"}) {
    EXPECT_NE(help.second.find(flag), std::string::npos) << flag;
  }
}

// A TOML file sets what flags and the environment leave unset; a flag beats the file.
TEST(Startup, TomlFileAppliesUnderFlags) {
  const std::string config = std::filesystem::temp_directory_path() /
                             ("licensor-config-" + std::to_string(::getpid()) + ".toml");
  std::ofstream(config) << "body-limit = 2048\nlog-format = \"json\"\n";
  {
    LicensordProcess server({"--config", config});
    server.Start();
    const ApiResponse big =
        server.Admin().Raw("POST", "/v1/products", "{\"name\":\"" + std::string(3000, 'x') + "\"}");
    EXPECT_EQ(big.status, 413);
    // JSON logs: every line is one object with a level and a message.
    std::istringstream lines(server.Stderr());
    std::string line;
    int parsed = 0;
    while (std::getline(lines, line)) {
      const Json entry = Json::parse(line, nullptr, false);
      ASSERT_TRUE(entry.is_object()) << line;
      EXPECT_TRUE(entry.contains("level") && entry.contains("msg") && entry.contains("time"));
      ++parsed;
    }
    EXPECT_GE(parsed, 1);
  }
  {
    LicensordProcess server({"--config", config, "--body-limit", "100000"});
    server.Start();
    const ApiResponse big =
        server.Admin().Raw("POST", "/v1/products", "{\"name\":\"" + std::string(3000, 'x') + "\"}");
    EXPECT_EQ(big.status, 400);  // read in full (the flag won), then refused for its length
  }
  std::filesystem::remove(config);
}

}  // namespace
}  // namespace licensor::testing
