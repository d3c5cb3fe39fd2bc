// licensorctl registry and webhooks: the installation's side of the platform-and-agents model —
// uploading the vendor's files, agents, users, bindings, the platform's state, the check the
// platform makes before it acts, expiry reminders and the webhooks they go to.
#include "cli/commands.hpp"

namespace licensor::cli {
namespace {

constexpr std::size_t kMaxUploadFile = 1 << 19;  // the server's limit for one file

const std::vector<Column> kCertificateColumns = {{"ID", "id"},
                                                 {"TYPE", "type"},
                                                 {"MODE", "mode"},
                                                 {"DAYS", "validity_days"},
                                                 {"BOUND TO", "bound_to"},
                                                 {"STATUS", "status"},
                                                 {"ACTIVATED", "activated_at"},
                                                 {"EXPIRES", "expires_at"}};
const std::vector<Column> kAgentColumns = {{"ID", "id"},
                                           {"NAME", "name"},
                                           {"LICENSED", "licensed"},
                                           {"UNLIMITED", "unlimited"},
                                           {"EXPIRES", "expires_at"}};

// A subcommand that sends one request with nothing to configure.
void Simple(CLI::App* parent, const char* name, const char* description,
            std::function<Request()>& selected, std::function<Request()> request) {
  parent->add_subcommand(name, description)->callback([&selected, request] { selected = request; });
}

// A subcommand that lists one of the registry's paged lists; `query` is fixed query.
void PagedList(CLI::App* parent, const char* name, const char* description,
               std::function<Request()>& selected, bool& all_pages, const std::string& path,
               std::vector<Column> columns, std::function<Json()> query = {}) {
  CLI::App* list = parent->add_subcommand(name, description);
  auto page = std::make_shared<PageOptions>();  // kept alive by the callbacks
  page->AddTo(list, all_pages);
  list->callback([&selected, page, path, columns, query] {
    selected = [page, path, columns, query] {
      return Request{"GET", AppendQuery(path, page->Query(query ? query() : Json::object())),
                     nullptr, View::kList, columns};
    };
  });
}

void RegisterAgentCommands(CLI::App* registry, std::function<Request()>& selected,
                           bool& all_pages) {
  CLI::App* agents =
      registry->add_subcommand("agents", "The platform's agents")->require_subcommand(1);
  PagedList(agents, "list", "List agents and their licenses", selected, all_pages,
            "/v1/registry/agents", kAgentColumns);
  static std::string agent_name;
  CLI::App* create = agents->add_subcommand("create", "Create an agent (admin)");
  create->add_option("name", agent_name, "Agent name")->required();
  create->callback([&selected] {
    selected = [] { return Request{"POST", "/v1/registry/agents", Json{{"name", agent_name}}}; };
  });
  static std::string agent_id;
  CLI::App* remove = agents->add_subcommand("delete", "Delete an agent; its certificates expire");
  remove->add_option("id", agent_id, "Agent id")->required();
  remove->callback([&selected] {
    selected = [] {
      return Request{"DELETE", "/v1/registry/agents/" + agent_id, nullptr, View::kNone,
                     {},       "Deleted agent " + agent_id + "."};
    };
  });
}

void RegisterUserCommands(CLI::App* registry, std::function<Request()>& selected, bool& all_pages) {
  CLI::App* users =
      registry->add_subcommand("users", "The platform's users (max_users)")->require_subcommand(1);
  PagedList(users, "list", "List users", selected, all_pages, "/v1/registry/users",
            {{"ID", "id"}, {"NAME", "name"}, {"CREATED", "created_at"}});
  static std::string user_name;
  CLI::App* create = users->add_subcommand("create", "Create a user (admin)");
  create->add_option("name", user_name, "User name")->required();
  create->callback([&selected] {
    selected = [] { return Request{"POST", "/v1/registry/users", Json{{"name", user_name}}}; };
  });
  static std::string user_id;
  CLI::App* remove = users->add_subcommand("delete", "Delete a user");
  remove->add_option("id", user_id, "User id")->required();
  remove->callback([&selected] {
    selected = [] {
      return Request{"DELETE", "/v1/registry/users/" + user_id, nullptr, View::kNone,
                     {},       "Deleted user " + user_id + "."};
    };
  });
}

void RegisterUploadCommands(CLI::App* registry, std::function<Request()>& selected,
                            bool& all_pages) {
  static std::string upload_path;
  CLI::App* upload =
      registry->add_subcommand("upload", "Upload a certificate package (.lcs) or license (.lic)");
  upload->add_option("file", upload_path, "The file from the vendor")->required();
  upload->callback([&selected] {
    selected = [] {
      return Request{"POST", "/v1/registry/uploads",
                     Json{{"file", ReadFileOrThrow(upload_path, kMaxUploadFile)}}};
    };
  });
  PagedList(registry, "uploads", "Every accepted upload, with who and when", selected, all_pages,
            "/v1/registry/uploads",
            {{"UPLOAD", "upload"},
             {"KIND", "kind"},
             {"AT", "uploaded_at"},
             {"BY", "uploaded_by"},
             {"SHA-256", "sha256"}});
  static std::string download_upload, download_out;
  CLI::App* download = registry->add_subcommand("download", "Save an uploaded file as uploaded");
  download->add_option("upload", download_upload, "Upload number (see uploads)")->required();
  download->add_option("-o,--output", download_out, "Where to write it ('-': stdout)")->required();
  download->callback([&selected] {
    selected = [] {
      Request r{"GET", "/v1/registry/uploads/" + download_upload, nullptr};
      r.save_field = "file";
      r.save_path = download_out;
      r.done_message = "Wrote upload " + download_upload + " to " + download_out + ".";
      return r;
    };
  });
}

void RegisterWebhookCommands(CLI::App& app, std::function<Request()>& selected) {
  CLI::App* webhooks =
      app.add_subcommand("webhooks", "Endpoints that receive events")->require_subcommand(1);
  static std::string url;
  CLI::App* create = webhooks->add_subcommand("create", "Add a webhook (admin)");
  create->add_option("url", url, "http:// or https:// URL")->required();
  create->callback([&selected] {
    selected = [] {
      return Request{"POST",
                     "/v1/webhooks",
                     Json{{"url", url}},
                     View::kSecret,
                     {},
                     "Store the secret now to verify Licensor-Signature; it will not be shown "
                     "again."};
    };
  });
  Simple(webhooks, "list", "List webhooks", selected, [] {
    return Request{"GET",
                   "/v1/webhooks",
                   nullptr,
                   View::kList,
                   {{"ID", "id"}, {"URL", "url"}, {"CREATED", "created_at"}}};
  });
  static std::string delete_id;
  CLI::App* remove = webhooks->add_subcommand("delete", "Delete a webhook (admin)");
  remove->add_option("id", delete_id, "Webhook id")->required();
  remove->callback([&selected] {
    selected = [] {
      return Request{"DELETE", "/v1/webhooks/" + delete_id,         nullptr, View::kNone,
                     {},       "Deleted webhook " + delete_id + "."};
    };
  });
  static std::string deliveries_id;
  CLI::App* deliveries = webhooks->add_subcommand("deliveries", "Deliveries to a webhook");
  deliveries->add_option("id", deliveries_id, "Webhook id")->required();
  deliveries->callback([&selected] {
    selected = [] {
      return Request{"GET",
                     "/v1/webhooks/" + deliveries_id + "/deliveries",
                     nullptr,
                     View::kList,
                     {{"ID", "id"},
                      {"EVENT", "event_type"},
                      {"STATE", "state"},
                      {"ATTEMPTS", "attempts"},
                      {"NEXT", "next_attempt_at"},
                      {"ERROR", "last_error"}}};
    };
  });
}

}  // namespace

void RegisterRegistryCommands(CLI::App& app, std::function<Request()>& selected, bool& all_pages) {
  CLI::App* registry =
      app.add_subcommand("registry", "This installation's license registry")->require_subcommand(1);
  RegisterUploadCommands(registry, selected, all_pages);
  PagedList(registry, "certificates", "Certificates with status and expiry", selected, all_pages,
            "/v1/registry/certificates", kCertificateColumns);
  static std::string bind_certificate, bind_agent;
  CLI::App* bind =
      registry->add_subcommand("bind", "Bind an agent certificate to an agent, for good");
  bind->add_option("certificate", bind_certificate, "Certificate id")->required();
  bind->add_option("agent", bind_agent, "Agent id")->required();
  bind->callback([&selected] {
    selected = [] {
      return Request{"POST", "/v1/registry/certificates/" + bind_certificate + "/bind",
                     Json{{"agent_id", bind_agent}}};
    };
  });
  RegisterAgentCommands(registry, selected, all_pages);
  RegisterUserCommands(registry, selected, all_pages);
  Simple(registry, "platform", "Expiry, days left, state, modules, limits and usage", selected, [] {
    return Request{"GET", "/v1/registry/platform", nullptr};
  });
  static std::string action, agent, module;
  CLI::App* check = registry->add_subcommand("check", "Ask what the platform asks before it acts");
  check
      ->add_option("action", action,
                   "platform.operate, agent.message, module.use or license.manage")
      ->required();
  check->add_option("--agent", agent, "Agent id (agent.message)");
  check->add_option("--module", module, "Module code (module.use)");
  check->callback([&selected] {
    selected = [] {
      Json body = {{"action", action}};
      if (!agent.empty()) body["agent_id"] = agent;
      if (!module.empty()) body["module"] = module;
      return Request{"POST", "/v1/registry/check", body};
    };
  });
  static bool include_skipped = false;
  PagedList(
      registry, "reminders", "Expiry reminders recorded", selected, all_pages,
      "/v1/registry/reminders",
      {{"AT", "created_at"}, {"DAYS", "threshold_days"}, {"SENT", "sent"}, {"MESSAGE", "message"}},
      [] {
        return include_skipped ? Json{{"include_skipped", "true"}} : Json::object();
      });
  registry->get_subcommand("reminders")
      ->add_flag("--include-skipped", include_skipped,
                 "Also thresholds that passed while no job ran");
  static std::vector<std::string> recipients;
  static bool no_recipients = false;
  CLI::App* mailed = registry->add_subcommand(
      "reminder-recipients", "Show, or set, the addresses expiry reminders are mailed to");
  mailed->add_option("--set", recipients, "The addresses, replacing the list (at most 20)");
  mailed->add_flag("--none", no_recipients, "Mail reminders to no one");
  mailed->callback([&selected] {
    selected = [] {
      if (recipients.empty() && !no_recipients) {
        return Request{"GET", "/v1/registry/reminder-recipients", nullptr, View::kObject};
      }
      return Request{"PATCH", "/v1/registry/reminder-recipients", Json{{"emails", recipients}},
                     View::kObject};
    };
  });
  RegisterWebhookCommands(app, selected);
}

}  // namespace licensor::cli
