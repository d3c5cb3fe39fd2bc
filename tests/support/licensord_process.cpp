// Process management for end-to-end tests.
#include "tests/support/licensord_process.hpp"

#include <signal.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <mutex>
#include <regex>
#include <sstream>
#include <stdexcept>
#include <thread>

#include "tests/support/test_databases.hpp"

namespace licensor::testing {
namespace fs = std::filesystem;

namespace {

// Every response a test receives is appended to a file of this process in the directory the
// build names (LICENSOR_RESPONSE_LOG_DIR, when it exists), one JSON line each, for
// tests/openapi/check_responses.mjs to check against the API description after the suites.
void RecordResponse(const std::string& method, const std::string& target, const ApiResponse& res) {
  static const std::string dir = std::getenv("LICENSOR_RESPONSE_LOG_DIR")
                                     ? std::getenv("LICENSOR_RESPONSE_LOG_DIR")
                                     : LICENSOR_RESPONSE_LOG_DIR;
  static const bool enabled = !dir.empty() && fs::is_directory(dir);
  if (!enabled) return;
  static std::mutex mutex;
  static std::ofstream log(dir + "/" + std::to_string(::getpid()) + ".jsonl", std::ios::app);
  const auto type = res.headers.find("content-type");
  const Json line = {{"method", method},
                     {"target", target},
                     {"status", res.status},
                     {"content_type", type == res.headers.end() ? "" : type->second},
                     {"body", res.json}};
  std::lock_guard lock(mutex);
  log << line.dump(-1, ' ', false, Json::error_handler_t::replace) << "\n";
  log.flush();
}

}  // namespace

Api::Api(const std::string& url, std::string token, const cli::TlsTrust& trust)
    : token_(std::move(token)) {
  auto client = cli::HttpClient::Create(url, trust);
  if (!client.ok()) throw std::runtime_error(client.status().message());
  client_ = std::move(client.value());
}

ApiResponse Api::Raw(const std::string& method, const std::string& target, const std::string& body,
                     const std::string& content_type,
                     const std::map<std::string, std::string>& headers) {
  auto res = client_->Send(method, target, body, token_, content_type, headers);
  if (!res.ok()) throw std::runtime_error(method + " " + target + ": " + res.status().message());
  ApiResponse out;
  out.status = res->status;
  out.body = res->body;
  out.headers = res->headers;
  if (!out.body.empty()) out.json = Json::parse(out.body, nullptr, false);
  if (out.json.is_discarded()) out.json = nullptr;
  RecordResponse(method, target, out);
  return out;
}

ApiResponse Api::Get(const std::string& target) { return Raw("GET", target, ""); }
ApiResponse Api::Post(const std::string& target, const Json& body) {
  return Raw("POST", target, body.dump());
}
ApiResponse Api::Patch(const std::string& target, const Json& body) {
  return Raw("PATCH", target, body.dump());
}
ApiResponse Api::Delete(const std::string& target) { return Raw("DELETE", target, ""); }

LicensordProcess::LicensordProcess(std::vector<std::string> extra_args)
    : extra_args_(std::move(extra_args)) {
  std::string pattern = (fs::temp_directory_path() / "licensor-e2e-XXXXXX").string();
  if (!::mkdtemp(pattern.data())) throw std::runtime_error("mkdtemp failed");
  dir_ = pattern;
  // A fixed, test-only admin token given the way an operator would: LICENSOR_ADMIN_TOKEN.
  admin_token_ = "lsr_e2e_admin_token_0123456789abcdefghijklmnop";
  if (BackendFromEnvironment("LICENSOR_E2E_STORE") == "postgres") {
    database_url_ = CreatePostgresDatabase();
  }
  SetTime(kStartTime);
}

void LicensordProcess::JoinDeploymentOf(const LicensordProcess& other) {
  database_url_ = other.database_url_;
  fs::create_directories(dir_ + "/data");
  // The nodes of a deployment share the master key that seals the keys in the store.
  fs::copy_file(other.dir_ + "/data/master.key", dir_ + "/data/master.key",
                fs::copy_options::overwrite_existing);
}

LicensordProcess::~LicensordProcess() {
  Stop();
  std::error_code ec;
  fs::remove_all(dir_, ec);
}

void LicensordProcess::SetTime(std::int64_t t) {
  now_ = t;
  const std::string tmp = dir_ + "/clock.tmp";
  std::ofstream(tmp) << t << "\n";
  fs::rename(tmp, dir_ + "/clock");  // atomic: the server never reads half a number
}

namespace {

std::string ReadWholeFile(const std::string& path) {
  std::ifstream in(path);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

}  // namespace

std::string LicensordProcess::Stderr() const { return ReadWholeFile(dir_ + "/stderr"); }
std::string LicensordProcess::Stdout() const { return ReadWholeFile(dir_ + "/stdout"); }

void LicensordProcess::Start() {
  if (pid_ > 0) throw std::runtime_error("licensord already running");
  std::vector<std::string> args = {LICENSORD_PATH,
                                   "--data-dir",
                                   dir_ + "/data",
                                   "--listen",
                                   "127.0.0.1:0",
                                   "--clock-file",
                                   dir_ + "/clock",
                                   "--jobs-interval",
                                   "0",
                                   "--threads",
                                   "2"};
  if (!database_url_.empty()) {
    args.push_back("--database-url");
    args.push_back(database_url_);
  }
  args.insert(args.end(), extra_args_.begin(), extra_args_.end());
  const std::string out_path = dir_ + "/stdout";
  const std::string err_path = dir_ + "/stderr";
  // Each start's output on its own: a restarted server's "listening" line is the new one. A
  // missing file (the first start) is created below.
  if (::truncate(out_path.c_str(), 0) != 0 && errno != ENOENT) {
    throw std::runtime_error("cannot truncate " + out_path + ": " + std::strerror(errno));
  }
  pid_ = ::fork();
  if (pid_ == 0) {
    if (generate_admin_token_) {
      ::unsetenv("LICENSOR_ADMIN_TOKEN");
    } else {
      ::setenv("LICENSOR_ADMIN_TOKEN", admin_token_.c_str(), 1);
    }
    if (open_files_.first > 0) {
      const rlimit limit{static_cast<rlim_t>(open_files_.first),
                         static_cast<rlim_t>(open_files_.second)};
      if (::setrlimit(RLIMIT_NOFILE, &limit) != 0) std::_Exit(125);
    }
    FILE* out = std::freopen(out_path.c_str(), "a", stdout);
    FILE* err = std::freopen(err_path.c_str(), "a", stderr);
    if (!out || !err) std::_Exit(126);
    std::vector<char*> argv;
    for (auto& a : args) argv.push_back(a.data());
    argv.push_back(nullptr);
    ::execv(argv[0], argv.data());
    std::_Exit(127);
  }
  const std::regex listening("listening on (https?://127\\.0\\.0\\.1:[0-9]+)");
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(20);
  while (std::chrono::steady_clock::now() < deadline) {
    std::smatch m;
    const std::string out = Stdout();
    if (std::regex_search(out, m, listening)) {
      url_ = m[1];
      if (generate_admin_token_) {
        std::ifstream token_file(dir_ + "/data/initial-admin-token");
        token_file >> admin_token_;
      }
      return;
    }
    int status = 0;
    if (::waitpid(pid_, &status, WNOHANG) == pid_) {
      pid_ = -1;
      throw std::runtime_error("licensord exited during start-up; see " + err_path);
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  throw std::runtime_error("licensord did not start within 20 s");
}

void LicensordProcess::ServeTls(const std::string& certificate, const std::string& key,
                                const std::string& ca_file) {
  extra_args_.insert(extra_args_.end(), {"--tls-cert", certificate, "--tls-key", key});
  trust_.ca_file = ca_file;
}

void LicensordProcess::Signal(int signal) const {
  if (pid_ > 0) ::kill(pid_, signal);
}

void LicensordProcess::Kill() {
  if (pid_ <= 0) return;
  ::kill(pid_, SIGKILL);
  int status = 0;
  ::waitpid(pid_, &status, 0);
  pid_ = -1;
}

int LicensordProcess::Stop() {
  if (pid_ <= 0) return 0;
  ::kill(pid_, SIGTERM);
  int status = 0;
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(20);
  while (::waitpid(pid_, &status, WNOHANG) == 0) {
    if (std::chrono::steady_clock::now() > deadline) {
      ::kill(pid_, SIGKILL);
      ::waitpid(pid_, &status, 0);
      pid_ = -1;
      return -1;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  pid_ = -1;
  return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

}  // namespace licensor::testing
