// licensorctl: the admin CLI, a client of licensord's API.
#include <fstream>
#include <iostream>

#include "cli/commands.hpp"
#include "cli/http_client.hpp"

namespace {

using namespace licensor::cli;
using licensor::Result;
using licensor::Status;

// Exit codes: 0 success, 1 the server refused the request, 2 usage or connection problems.
constexpr int kRefused = 1;
constexpr int kUsage = 2;

int Report(const HttpResponse& res) {
  const Json problem = Json::parse(res.body, nullptr, false);
  if (problem.is_object() && problem.contains("detail")) {
    std::cerr << "error: " << Display(problem["detail"]) << " ("
              << Display(problem.value("code", Json())) << ", HTTP " << res.status << ")\n";
  } else {
    std::cerr << "error: HTTP " << res.status << "\n";
  }
  return kRefused;
}

void Show(const Request& req, const Json& body, bool json_output) {
  if (json_output) {
    if (!body.is_null()) std::cout << body.dump(2) << "\n";
    return;
  }
  switch (req.view) {
    case View::kNone:
      std::cout << (req.describe ? req.describe(body) : req.done_message) << "\n";
      break;
    case View::kObject:
      PrintObject(std::cout, body);
      break;
    case View::kList:
      PrintTable(std::cout, body, req.columns);
      break;
    case View::kSecret:
      PrintObject(std::cout, body);
      std::cout << "\n"
                << (req.done_message.empty() ? "Store this token now; it will not be shown again."
                                             : req.done_message)
                << "\n";
      break;
  }
}

// Writes the answer (or one string field of it) to the command's output file; "-" is stdout.
int Save(const Request& req, const Json& body) {
  std::string content;
  if (req.save_field.empty()) {
    content = body.dump(2) + "\n";
  } else if (body.contains(req.save_field) && body[req.save_field].is_string()) {
    content = body[req.save_field].get<std::string>();
  } else {
    std::cerr << "error: the server's answer has no '" << req.save_field << "'\n";
    return kRefused;
  }
  if (req.save_path == "-") {
    std::cout << content;
    return 0;
  }
  std::ofstream out(req.save_path, std::ios::binary | std::ios::trunc);
  out << content;
  out.close();
  if (!out) {
    std::cerr << "error: cannot write " << req.save_path << "\n";
    return kUsage;
  }
  if (!req.done_message.empty()) std::cout << req.done_message << "\n";
  return 0;
}

// Streams the answer into the command's output file, then confirms.
int RunDownload(HttpClient& client, const Request& req, const std::string& token) {
  const auto res = client.Download(req.path, token, req.download_path);
  if (!res.ok()) {
    std::cerr << "error: " << res.status().message() << "\n";
    return kUsage;
  }
  if (res->status != 200) return Report(*res);
  std::cout << req.done_message << "\n";
  return 0;
}

// Draws "[#####-----] 3000/10000 cards" over itself on standard error.
void Progress(std::int64_t done, std::int64_t total, const std::string& unit) {
  constexpr int kWidth = 30;
  const int filled = total > 0 ? static_cast<int>(kWidth * done / total) : kWidth;
  std::cerr << "\r[" << std::string(filled, '#') << std::string(kWidth - filled, '-') << "] "
            << done << "/" << total << " " << unit << std::flush;
}

int RunBatch(HttpClient& client, const Request& req, const std::string& token, bool json_output) {
  std::int64_t total = 0, done = 0;
  for (const auto& body : req.batch)
    total += body.value("quantity", std::int64_t{0}) +
             std::int64_t(body.value("numbers", Json::array()).size());
  Json rows = Json::array();
  Progress(0, total, req.batch_unit);
  for (const auto& body : req.batch) {
    auto res = client.Send(req.method, req.path, body.dump(), token);
    if (!res.ok() || res->status >= 400) {
      std::cerr << "\n"
                << done << " of " << total << " " << req.batch_unit
                << " were done before this error:\n";
      if (!res.ok()) {
        std::cerr << "error: " << res.status().message() << "\n";
        return kUsage;
      }
      return Report(*res);
    }
    const Json answer = Json::parse(res->body, nullptr, false);
    for (const auto& row : answer.value("data", Json::array())) rows.push_back(row);
    done += answer.value("count", std::int64_t{0});
    Progress(done, total, req.batch_unit);
  }
  std::cerr << "\n";
  Show(req, rows, json_output);
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"licensorctl: manage Licensor products, policies, licenses and tokens"};
  app.require_subcommand(1);
  std::string url = "http://127.0.0.1:8080";
  std::string token;
  std::string token_file;
  TlsTrust trust;
  bool json_output = false;
  bool all_pages = false;
  app.add_option("--url", url, "licensord URL: http:// or https://")
      ->envname("LICENSOR_URL")
      ->capture_default_str();
  app.add_option("--token", token,
                 "API token; LICENSOR_TOKEN or --token-file keep it out of the process list")
      ->envname("LICENSOR_TOKEN");
  app.add_option("--token-file", token_file, "File whose first line is the API token")
      ->envname("LICENSOR_TOKEN_FILE");
  app.add_option("--ca-file", trust.ca_file,
                 "PEM file of the authorities an https:// server's certificate may come from "
                 "(default: the system's)")
      ->envname("LICENSOR_CA_FILE");
  app.add_option("--pin-public-key", trust.pinned_public_key,
                 "sha256//BASE64 of the server's public key (several joined by ';'): any other "
                 "key is refused, whoever vouches for it")
      ->envname("LICENSOR_PIN_PUBLIC_KEY");
  app.add_flag("--json", json_output, "Print the API's JSON instead of tables");
  std::function<Request()> selected;
  RegisterCommands(app, selected, all_pages);
  RegisterFileCommands(app, selected);
  RegisterInstallationCommands(app, selected);
  RegisterRegistryCommands(app, selected, all_pages);
  RegisterCardCommands(app, selected);
  RegisterUserCommands(app, selected, all_pages);
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    const int code = app.exit(e);
    return code == 0 ? 0 : kUsage;  // --help exits 0
  }
  if (!selected) return kUsage;
  if (token.empty() && !token_file.empty()) {
    std::ifstream in(token_file);
    if (!std::getline(in, token) || token.empty()) {
      std::cerr << "error: --token-file " << token_file << " cannot be read or is empty\n";
      return kUsage;
    }
  }

  Request req;
  try {
    req = selected();
    if (req.local) {
      // Runs on this machine; the server is asked only for what the command cannot do without.
      const Fetch fetch = [&](const std::string& path) -> Result<Json> {
        if (token.empty())
          return Status::InvalidField("no API token (--token-file or LICENSOR_TOKEN)");
        LICENSOR_ASSIGN_OR_RETURN(auto client, HttpClient::Create(url, trust));
        LICENSOR_ASSIGN_OR_RETURN(const auto res, client->Send("GET", path, "", token));
        if (res.status >= 400) return Status::Unavailable("HTTP " + std::to_string(res.status));
        return Json::parse(res.body, nullptr, false);
      };
      return req.local(fetch, json_output);
    }
  } catch (const CLI::Error& e) {
    app.exit(e);
    return kUsage;
  }
  if (token.empty()) {
    std::cerr << "error: no API token; set LICENSOR_TOKEN or pass --token-file\n";
    return kUsage;
  }
  auto client = HttpClient::Create(url, trust);
  if (!client.ok()) {
    std::cerr << "error: " << client.status().message() << "\n";
    return kUsage;
  }
  if (!req.batch.empty()) return RunBatch(**client, req, token, json_output);
  if (!req.download_path.empty()) return RunDownload(**client, req, token);
  Json rows = Json::array();
  std::string path = req.path;
  for (;;) {
    auto res = (*client)->Send(req.method, path, req.body.is_null() ? "" : req.body.dump(), token);
    if (!res.ok()) {
      std::cerr << "error: cannot reach " << url << ": " << res.status().message() << "\n";
      return kUsage;
    }
    if (res->status >= 400) return Report(*res);
    const Json body = res->body.empty() ? Json() : Json::parse(res->body, nullptr, false);
    if (!req.save_path.empty()) return Save(req, body);
    if (req.view != View::kList) {
      Show(req, body, json_output);
      return 0;
    }
    for (const auto& row : body.value("data", Json::array())) rows.push_back(row);
    const Json next = body.value("next_cursor", Json());
    if (!all_pages || !next.is_string()) {
      if (!all_pages && next.is_string() && !json_output) {
        std::cerr << "(more: --cursor " << next.get<std::string>() << " or --all)\n";
      }
      break;
    }
    path = req.path + (req.path.find('?') == std::string::npos ? "?" : "&") +
           "cursor=" + next.get<std::string>();
  }
  Show(req, rows, json_output);
  return 0;
}
