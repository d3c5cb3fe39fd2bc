// licensorctl's commands: each one becomes one API request and a way to show its answer.
#pragma once

#include <CLI/CLI.hpp>
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "cli/output.hpp"

namespace licensor::cli {

enum class View {
  kNone,     // 204: print a confirmation
  kObject,   // one resource as key: value lines
  kList,     // a page (or all pages) of resources as a table
  kLicense,  // a license with its activations table
  kSecret,   // a created token: show the secret once, prominently
};

struct Request {
  std::string method;
  std::string path;  // with query string
  Json body;         // null: no body
  View view = View::kObject;
  std::vector<Column> columns;  // for kList
  std::string done_message;     // for kNone
};

// Registers every resource's subcommands on `app`. After parsing, `selected` builds the request
// of the command that was chosen (it stays empty when none was).
void RegisterCommands(CLI::App& app, std::function<Request()>& selected, bool& all_pages);

}  // namespace licensor::cli
