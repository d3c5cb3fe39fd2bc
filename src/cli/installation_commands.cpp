// licensorctl installations: the vendor's side of the platform-and-agents model.
#include "cli/commands.hpp"

namespace licensor::cli {
namespace {

// "PLATFORM:SUBSCRIPTION:365" or "AGENT:TEST:PERMANENT".
Json CertificateFrom(const std::string& spec) {
  const auto first = spec.find(':');
  const auto second = spec.find(':', first == std::string::npos ? first : first + 1);
  if (first == std::string::npos || second == std::string::npos) {
    throw CLI::ValidationError("--cert", "give TYPE:MODE:DAYS or TYPE:MODE:PERMANENT");
  }
  const std::string days = spec.substr(second + 1);
  Json validity = days;
  if (days != "PERMANENT") {
    try {
      std::size_t used = 0;
      validity = std::stoll(days, &used);
      if (used != days.size()) throw std::invalid_argument(days);
    } catch (const std::exception&) {
      throw CLI::ValidationError("--cert", "DAYS must be a number or PERMANENT: " + days);
    }
  }
  return {{"type", spec.substr(0, first)},
          {"mode", spec.substr(first + 1, second - first - 1)},
          {"validity_days", validity}};
}

// "chat" or "chat:model_types=gpt-4o|llama-3;regions=eu".
Json ModuleFrom(const std::string& spec) {
  const auto colon = spec.find(':');
  Json module = {{"code", spec.substr(0, colon)}};
  if (colon == std::string::npos) return module;
  Json restrictions = Json::object();
  std::string rest = spec.substr(colon + 1);
  while (!rest.empty()) {
    const auto semi = rest.find(';');
    const std::string item = rest.substr(0, semi);
    rest = semi == std::string::npos ? "" : rest.substr(semi + 1);
    const auto eq = item.find('=');
    if (eq == std::string::npos) {
      throw CLI::ValidationError("--module", "restrictions are NAME=VALUE|VALUE;NAME=...");
    }
    Json values = Json::array();
    std::string list = item.substr(eq + 1);
    while (!list.empty()) {
      const auto bar = list.find('|');
      values.push_back(list.substr(0, bar));
      list = bar == std::string::npos ? "" : list.substr(bar + 1);
    }
    restrictions[item.substr(0, eq)] = values;
  }
  module["restrictions"] = restrictions;
  return module;
}

const std::vector<Column> kInstallationColumns = {{"ID", "id"},
                                                  {"LICENSE ID", "license_id"},
                                                  {"CUSTOMER", "customer_id"},
                                                  {"TENANT", "tenant_id"},
                                                  {"ENV", "environment"},
                                                  {"NAME", "name"}};

}  // namespace

void RegisterInstallationCommands(CLI::App& app, std::function<Request()>& selected) {
  CLI::App* group = app.add_subcommand("installations", "Platform installations at customers")
                        ->require_subcommand(1)
                        ->alias("installation");

  static std::string customer, tenant, environment, name;
  CLI::App* create = group->add_subcommand("create", "Create an installation");
  create->add_option("--customer", customer, "Customer id")->required();
  create->add_option("--tenant", tenant, "Tenant id")->required();
  create->add_option("--environment", environment, "DEV, UAT or PROD")->required();
  create->add_option("--name", name, "Name")->required();
  create->callback([&selected] {
    selected = [] {
      return Request{"POST", "/v1/installations",
                     Json{{"customer_id", customer},
                          {"tenant_id", tenant},
                          {"environment", environment},
                          {"name", name}}};
    };
  });

  static std::string list_customer;
  CLI::App* list = group->add_subcommand("list", "List installations");
  list->add_option("--customer", list_customer, "Only this customer's");
  list->callback([&selected] {
    selected = [] {
      return Request{
          "GET",
          "/v1/installations" + (list_customer.empty() ? "" : "?customer_id=" + list_customer),
          nullptr, View::kList, kInstallationColumns};
    };
  });

  static std::string get_id;
  CLI::App* get = group->add_subcommand("get", "Show an installation");
  get->add_option("id", get_id, "Installation id")->required();
  get->callback([&selected] {
    selected = [] { return Request{"GET", "/v1/installations/" + get_id, nullptr}; };
  });

  static std::string files_id;
  CLI::App* files = group->add_subcommand("files", "The files issued for an installation");
  files->add_option("id", files_id, "Installation id")->required();
  files->callback([&selected] {
    selected = [] {
      return Request{"GET",
                     "/v1/installations/" + files_id + "/files",
                     nullptr,
                     View::kList,
                     {{"ID", "id"},
                      {"KIND", "kind"},
                      {"VERSION", "version"},
                      {"ISSUED", "issued_at"},
                      {"BY", "issued_by"}}};
    };
  });

  static std::string package_id, package_out;
  static std::vector<std::string> certs;
  CLI::App* package = group->add_subcommand("package", "Issue a signed certificate package (.lcs)");
  package->add_option("id", package_id, "Installation id")->required();
  package->add_option("--cert", certs, "TYPE:MODE:DAYS|PERMANENT, repeatable")->required();
  package->add_option("-o,--output", package_out, "Where to write the .lcs file")->required();
  package->callback([&selected] {
    selected = [] {
      Json list = Json::array();
      for (const auto& c : certs) list.push_back(CertificateFrom(c));
      Request r{"POST", "/v1/installations/" + package_id + "/packages",
                Json{{"certificates", list}}};
      r.save_field = "file";
      r.save_path = package_out;
      r.done_message = "Wrote the certificate package to " + package_out + ".";
      return r;
    };
  });

  static std::string license_id, license_out, effective_at, expires_at = "none";
  static std::vector<std::string> modules;
  static long long max_users = -1, max_agents = -1;
  CLI::App* license = group->add_subcommand("deployment-license",
                                            "Issue the next signed deployment license (.lic)");
  license->add_option("id", license_id, "Installation id")->required();
  license->add_option("--module", modules, "CODE[:NAME=V1|V2;NAME=...], repeatable");
  license->add_option("--effective-at", effective_at, "RFC 3339 time")->required();
  license->add_option("--expires-at", expires_at, "RFC 3339 time, or 'none'");
  license->add_option("--max-users", max_users, "Authorised users")->required();
  license->add_option("--max-agents", max_agents, "Maximum agents")->required();
  license->add_option("-o,--output", license_out, "Where to write the .lic file")->required();
  license->callback([&selected] {
    selected = [] {
      Json list = Json::array();
      for (const auto& m : modules) list.push_back(ModuleFrom(m));
      Request r{"POST", "/v1/installations/" + license_id + "/deployment-licenses",
                Json{{"modules", list},
                     {"effective_at", effective_at},
                     {"expires_at", expires_at == "none" ? Json(nullptr) : Json(expires_at)},
                     {"max_users", max_users},
                     {"max_agents", max_agents}}};
      r.save_field = "file";
      r.save_path = license_out;
      r.done_message = "Wrote the deployment license to " + license_out + ".";
      return r;
    };
  });
}

}  // namespace licensor::cli
