// Runs a real licensord process on loopback for end-to-end tests, with a file-driven clock.
#pragma once

#include <sys/types.h>

#include <map>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "cli/http_client.hpp"

namespace licensor::testing {

using Json = nlohmann::json;

// 2027-01-01T00:00:00Z: the time every test starts at.
inline constexpr std::int64_t kStartTime = 1798761600;

struct ApiResponse {
  int status = 0;
  Json json;  // null when the body is empty or not JSON
  std::string body;
  std::map<std::string, std::string> headers;
};

// One keep-alive connection with an optional bearer token; `trust` for an https:// URL.
class Api {
 public:
  Api(const std::string& url, std::string token, const cli::TlsTrust& trust = {});
  ApiResponse Get(const std::string& target);
  ApiResponse Post(const std::string& target, const Json& body = Json::object());
  ApiResponse Patch(const std::string& target, const Json& body);
  ApiResponse Delete(const std::string& target);
  ApiResponse Raw(const std::string& method, const std::string& target, const std::string& body,
                  const std::string& content_type = "application/json",
                  const std::map<std::string, std::string>& headers = {});

 private:
  std::unique_ptr<cli::HttpClient> client_;
  std::string token_;
};

class LicensordProcess {
 public:
  // Creates a fresh data directory, and a fresh PostgreSQL database when the run uses that
  // backend (LICENSOR_E2E_STORE=postgres); `extra_args` are appended to the command line.
  explicit LicensordProcess(std::vector<std::string> extra_args = {});

  // Makes this node a second node of `other`'s deployment: the same database and the same
  // master key, which opens the keys in the store (a token key shared by all nodes is what lets
  // any node check any token). Call
  // before Start(), after `other` has started once.
  void JoinDeploymentOf(const LicensordProcess& other);
  const std::string& database_url() const { return database_url_; }
  ~LicensordProcess();  // stops the process and removes the directory

  void Start();
  // Starts without LICENSOR_ADMIN_TOKEN, so licensord generates the first admin token; it is
  // then read from DATA_DIR/initial-admin-token. Call before the first Start().
  void UseGeneratedAdminToken() { generate_admin_token_ = true; }
  // Starts licensord with these open-file limits, as a constrained host would.
  void LimitOpenFiles(int soft, int hard) { open_files_ = {soft, hard}; }
  // Serves HTTPS with these PEM files; Admin() and Client() then trust `ca_file`. Call before
  // Start().
  void ServeTls(const std::string& certificate, const std::string& key, const std::string& ca_file);
  const cli::TlsTrust& trust() const { return trust_; }
  // Sends `signal` (SIGHUP: reload the TLS certificate) without waiting for anything.
  void Signal(int signal) const;
  pid_t pid() const { return pid_; }
  std::string Stderr() const;
  // SIGTERM and wait; returns the exit status (or -1 when it had to be killed).
  int Stop();
  // SIGKILL: the process gets no chance to flush anything (a crash or power cut).
  void Kill();

  const std::string& url() const { return url_; }
  const std::string& admin_token() const { return admin_token_; }
  const std::string& dir() const { return dir_; }
  std::string Stdout() const;

  std::int64_t Now() const { return now_; }
  // The file licensord reads the time from; SDK tests hand it to the client too.
  std::string clock_file() const { return dir_ + "/clock"; }
  void SetTime(std::int64_t t);
  void AdvanceDays(double days) { SetTime(now_ + static_cast<std::int64_t>(days * 86400)); }

  Api Admin() const { return Api(url_, admin_token_, trust_); }
  Api Client() const { return Api(url_, "", trust_); }

 private:
  std::vector<std::string> extra_args_;
  std::string dir_;
  std::string url_;
  std::string admin_token_;
  std::string database_url_;  // empty: SQLite in the data dir
  bool generate_admin_token_ = false;
  std::pair<int, int> open_files_{0, 0};  // soft and hard; 0: inherited
  cli::TlsTrust trust_;
  std::int64_t now_ = kStartTime;
  pid_t pid_ = -1;
};

}  // namespace licensor::testing
