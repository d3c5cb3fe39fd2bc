// licensorctl's commands: each one becomes one API request and a way to show its answer.
#pragma once

#include <CLI/CLI.hpp>
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "cli/output.hpp"
#include "common/status.hpp"

namespace licensor::cli {

enum class View {
  kNone,    // 204: print a confirmation
  kObject,  // one resource as key: value lines
  kList,    // a page (or all pages) of resources as a table
  kSecret,  // a created token: show the secret once, prominently
};

// Fetches one API resource for a command that mostly works offline (license verify).
using Fetch = std::function<Result<Json>(const std::string& path)>;

struct Request {
  Request() = default;
  Request(std::string method, std::string path, Json body, View view = View::kObject,
          std::vector<Column> columns = {}, std::string done_message = "")
      : method(std::move(method)),
        path(std::move(path)),
        body(std::move(body)),
        view(view),
        columns(std::move(columns)),
        done_message(std::move(done_message)) {}

  std::string method;
  std::string path;  // with query string
  Json body;         // null: no body
  View view = View::kObject;
  std::vector<Column> columns;  // for kList
  std::string done_message;     // for kNone
  // For kNone: the confirmation made from the answer, instead of `done_message`.
  std::function<std::string(const Json& answer)> describe;
  // Commands that write a file (-o): the answer's string field `save_field` (or, when empty,
  // the whole answer as JSON) goes to `save_path` instead of the terminal.
  std::string save_field;
  std::string save_path;
  // Commands that save a file of any size (backup): a 200 answer's body goes to this file as
  // it arrives, never through memory.
  std::string download_path;
  // Commands that run on this machine instead of sending one request; returns the exit code.
  std::function<int(const Fetch& fetch, bool json_output)> local;
  // Long batch operations: the same method and path sent once per body, with a progress bar
  // on standard error; the answers' "data" rows are shown together, as a kList.
  std::vector<Json> batch;
  std::string batch_unit;  // what "count" counts, e.g. "cards"
};

// A list command's paging options: --limit, --cursor and --all (follow every page). CLI11 binds
// the options to these strings, so an instance lives as long as its command.
class PageOptions {
 public:
  void AddTo(CLI::App* list, bool& all_pages);
  // `params` with the limit and cursor given, as query parameters.
  Json Query(Json params = Json::object()) const;

 private:
  std::string limit_;
  std::string cursor_;
};

// `path` with `params` (strings) appended as its query, percent-encoded.
std::string AppendQuery(std::string path, const Json& params);

// The contents of a file a command sends, or a usage error naming it (missing, over `limit`).
std::string ReadFileOrThrow(const std::string& path, std::size_t limit);

// Registers every resource's subcommands on `app`. After parsing, `selected` builds the request
// of the command that was chosen (it stays empty when none was).
void RegisterCommands(CLI::App& app, std::function<Request()>& selected, bool& all_pages);
// keys, license offline-file / verify, bundle create (file_commands.cpp).
void RegisterFileCommands(CLI::App& app, std::function<Request()>& selected);
// installations create/list/get/files/package/deployment-license (installation_commands.cpp).
void RegisterInstallationCommands(CLI::App& app, std::function<Request()>& selected);
// registry ... and webhooks ... (registry_commands.cpp): the installation's side.
void RegisterRegistryCommands(CLI::App& app, std::function<Request()>& selected, bool& all_pages);
// cards, devices, device-models, card-types, customers settings, jobs deduction
// (card_commands.cpp): device day-cards.
void RegisterCardCommands(CLI::App& app, std::function<Request()>& selected);
// users create/list/get/update (user_commands.cpp): the console's users.
void RegisterUserCommands(CLI::App& app, std::function<Request()>& selected, bool& all_pages);

}  // namespace licensor::cli
