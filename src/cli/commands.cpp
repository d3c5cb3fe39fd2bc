// The command table. Flags map to JSON body fields through Field specs, so every resource
// converts its options the same way and says the same thing about a bad value.
#include "cli/commands.hpp"

#include <charconv>

#include "core/policy_fields.hpp"

namespace licensor::cli {
namespace {

using FieldType = core::FlagValue;

struct Field {
  std::string flag;  // "--max-activations"
  std::string key;   // "max_activations"
  FieldType type;
  std::string help;
};

// Option values as typed, keyed by JSON key; only flags the user gave are present.
class BodyOptions {
 public:
  void Add(CLI::App* cmd, const std::vector<Field>& fields, bool required_all = false) {
    for (const auto& f : fields) {
      CLI::Option* opt;
      if (f.type == FieldType::kBool) {
        opt = cmd->add_option(f.flag, values_[f.key], f.help)
                  ->check(CLI::IsMember({"true", "false"}));
      } else if (f.type == FieldType::kList) {
        opt = cmd->add_option(f.flag, lists_[f.key], f.help)->delimiter(',');
      } else {
        opt = cmd->add_option(f.flag, values_[f.key], f.help);
      }
      if (required_all) opt->required();
      options_.emplace_back(f, opt);
    }
  }

  // Throws CLI::ValidationError on a value of the wrong shape. A key "a.b" fills a nested
  // object, e.g. fingerprint_rule.components.
  Json Body() const {
    Json body = Json::object();
    for (const auto& [f, opt] : options_) {
      if (opt->count() == 0) continue;
      const std::string key = f.key;
      const auto dot = key.find('.');
      Json& slot =
          dot == std::string::npos ? body[key] : body[key.substr(0, dot)][key.substr(dot + 1)];
      if (f.type == FieldType::kList) {
        slot = lists_.at(key);
        continue;
      }
      const std::string& v = values_.at(key);
      switch (f.type) {
        case FieldType::kString:
          slot = v;
          break;
        case FieldType::kBool:
          slot = v == "true";
          break;
        case FieldType::kList:
          break;  // handled above
        case FieldType::kInt:
          slot = ToInt(f, v);
          break;
        case FieldType::kIntOrNone:
          slot = v == "none" ? Json(nullptr) : Json(ToInt(f, v));
          break;
        case FieldType::kTimeOrNone:
          slot = v == "none" ? Json(nullptr) : Json(v);
          break;
      }
    }
    return body;
  }

 private:
  static long long ToInt(const Field& f, const std::string& v) {
    long long out = 0;
    const auto [ptr, ec] = std::from_chars(v.data(), v.data() + v.size(), out);
    if (ec != std::errc() || ptr != v.data() + v.size()) {
      throw CLI::ValidationError(f.flag, "'" + v + "' is not a whole number");
    }
    return out;
  }

  std::map<std::string, std::string> values_;
  std::map<std::string, std::vector<std::string>> lists_;
  std::vector<std::pair<Field, CLI::Option*>> options_;
};

// Keeps option storage alive for the life of the program (CLI11 binds by reference).
struct Storage {
  std::vector<std::unique_ptr<BodyOptions>> bodies;
  std::vector<std::unique_ptr<std::string>> strings;
  std::vector<std::unique_ptr<PageOptions>> pages;
  PageOptions& NewPage() { return *pages.emplace_back(std::make_unique<PageOptions>()); }
  BodyOptions& NewBody() { return *bodies.emplace_back(std::make_unique<BodyOptions>()); }
  std::string& NewString() { return *strings.emplace_back(std::make_unique<std::string>()); }
};
Storage& Store() {
  static Storage storage;
  return storage;
}

}  // namespace

std::string AppendQuery(std::string path, const Json& params) {
  char sep = path.find('?') == std::string::npos ? '?' : '&';
  for (const auto& [key, value] : params.items()) {
    std::string encoded;
    for (const unsigned char c : value.get<std::string>()) {
      if (std::isalnum(c) || c == '-' || c == '_' || c == '.' || c == '~' || c == ':') {
        encoded.push_back(static_cast<char>(c));
      } else {
        char buf[4];
        std::snprintf(buf, sizeof buf, "%%%02X", c);
        encoded += buf;
      }
    }
    path += sep + key + "=" + encoded;
    sep = '&';
  }
  return path;
}

void PageOptions::AddTo(CLI::App* list, bool& all_pages) {
  list->add_option("--limit", limit_, "Rows per page (1-500)");
  list->add_option("--cursor", cursor_, "Continue after this page cursor");
  list->add_flag("--all", all_pages, "Fetch every page");
}

Json PageOptions::Query(Json params) const {
  if (!limit_.empty()) params["limit"] = limit_;
  if (!cursor_.empty()) params["cursor"] = cursor_;
  return params;
}

namespace {

struct Resource {
  const char* name;      // "products"
  const char* singular;  // "product"
  std::vector<Field> create_fields;
  std::vector<Field> update_fields;
  std::vector<Field> filters;  // list query parameters
  std::vector<Column> columns;
};

// create / list / get / update / delete for one resource.
void AddCrud(CLI::App& app, const Resource& r, std::function<Request()>& selected, bool& all_pages,
             const char* create_verb = "create") {
  CLI::App* group = app.add_subcommand(r.name, std::string("Manage ") + r.name)
                        ->require_subcommand(1)
                        ->alias(r.singular);
  const std::string base = std::string("/v1/") + r.name;

  BodyOptions& create = Store().NewBody();
  CLI::App* c = group->add_subcommand(create_verb, std::string("Create a ") + r.singular);
  create.Add(c, r.create_fields);
  c->callback([&selected, &create, base] {
    selected = [&create, base] {
      return Request{"POST", base, create.Body(), View::kObject, {}, ""};
    };
  });

  // Where the verb is not "create", "create" says which it is, rather than being taken for an
  // unknown word and answered with the group's help.
  if (std::string_view(create_verb) != "create") {
    const std::string hint = std::string("A ") + r.singular + " is not created but " + create_verb +
                             "d: use 'licensorctl " + r.name + " " + create_verb + "'";
    CLI::App* wrong = group->add_subcommand("create", hint)->group("")->allow_extras();
    wrong->callback([hint] { throw CLI::ValidationError("create", hint); });
  }

  BodyOptions& filters = Store().NewBody();
  PageOptions& page = Store().NewPage();
  CLI::App* l = group->add_subcommand("list", std::string("List ") + r.name);
  filters.Add(l, r.filters);
  page.AddTo(l, all_pages);
  const auto columns = r.columns;
  l->callback([&selected, &filters, &page, base, columns] {
    selected = [&filters, &page, base, columns] {
      return Request{
          "GET", AppendQuery(base, page.Query(filters.Body())), nullptr, View::kList, columns, ""};
    };
  });

  std::string& get_id = Store().NewString();
  CLI::App* g = group->add_subcommand("get", std::string("Show one ") + r.singular);
  g->add_option("id", get_id, "Identifier")->required();
  g->callback([&selected, &get_id, base] {
    selected = [&get_id, base] {
      return Request{"GET", base + "/" + get_id, nullptr, View::kObject, {}, ""};
    };
  });

  if (!r.update_fields.empty()) {
    BodyOptions& update = Store().NewBody();
    std::string& update_id = Store().NewString();
    CLI::App* u = group->add_subcommand("update", std::string("Change a ") + r.singular);
    u->add_option("id", update_id, "Identifier")->required();
    update.Add(u, r.update_fields);
    u->callback([&selected, &update, &update_id, base] {
      selected = [&update, &update_id, base] {
        return Request{"PATCH", base + "/" + update_id, update.Body(), View::kObject, {}, ""};
      };
    });
  }

  std::string& delete_id = Store().NewString();
  CLI::App* d = group->add_subcommand("delete", std::string("Delete a ") + r.singular);
  d->add_option("id", delete_id, "Identifier")->required();
  const std::string singular = r.singular;
  d->callback([&selected, &delete_id, base, singular] {
    selected = [&delete_id, base, singular] {
      return Request{"DELETE", base + "/" + delete_id,
                     nullptr,  View::kNone,
                     {},       "Deleted " + singular + " " + delete_id + "."};
    };
  });
}

// A subcommand taking one id and sending a bodiless request.
void AddIdAction(CLI::App* group, const char* verb, const char* help, const std::string& method,
                 std::function<std::string(const std::string&)> path, View view,
                 const std::string& done, std::function<Request()>& selected) {
  std::string& id = Store().NewString();
  CLI::App* cmd = group->add_subcommand(verb, help);
  cmd->add_option("id", id, "Identifier")->required();
  cmd->callback([&selected, &id, method, path, view, done] {
    selected = [&id, method, path, view, done] {
      return Request{method, path(id), method == "POST" ? Json::object() : Json(nullptr),
                     view,   {},       done + " " + id + "."};
    };
  });
}

// The flags of a resource's field table (core/api_fields.hpp); an enum's help lists its names.
template <typename E>
std::vector<Field> FlagsOf(std::span<const core::ApiField<E>> fields, bool creating) {
  std::vector<Field> flags;
  for (const auto& f : fields) {
    if (f.flag.empty() || (f.settable == core::Settable::kOnCreate && !creating)) continue;
    std::string help(f.help);
    if (f.choices) help += ": " + OneOf(f.choices());
    flags.push_back({std::string(f.flag), std::string(f.key), f.flag_value, std::move(help)});
  }
  return flags;
}

}  // namespace

void RegisterCommands(CLI::App& app, std::function<Request()>& selected, bool& all_pages) {
  AddCrud(app,
          {"products",
           "product",
           {{"--name", "name", FieldType::kString, "Product name"}},
           {{"--name", "name", FieldType::kString, "Product name"}},
           {},
           {{"ID", "id"}, {"NAME", "name"}, {"CREATED", "created_at"}}},
          selected, all_pages);

  const std::vector<Field> customer_fields = {
      {"--name", "name", FieldType::kString, "Customer name"},
      {"--email", "email", FieldType::kString, "Contact e-mail"},
      {"--parent", "parent_id", FieldType::kString, "Superior customer id"}};
  AddCrud(app,
          {"customers",
           "customer",
           customer_fields,
           customer_fields,
           {{"--parent", "parent_id", FieldType::kString, "Only sub-customers of this customer"}},
           {{"ID", "id"}, {"NAME", "name"}, {"EMAIL", "email"}, {"PARENT", "parent_id"}}},
          selected, all_pages);

  AddCrud(app,
          {"policies",
           "policy",
           FlagsOf(core::PolicyFields(), true),
           FlagsOf(core::PolicyFields(), false),
           {{"--product", "product_id", FieldType::kString, "Only policies of this product"},
            {"--sku", "sku", FieldType::kString, "Only policies with this SKU"}},
           {{"ID", "id"},
            {"NAME", "name"},
            {"DAYS", "duration_days"},
            {"CAP", "max_activations"},
            {"MODE", "deployment_mode"},
            {"FEATURES", "features"}}},
          selected, all_pages);

  const std::vector<Field> license_changes = {
      {"--policy", "policy_id", FieldType::kString,
       "Move the license to another policy of its product (a trial to the paid one); its "
       "validity, cap and features follow the new policy unless given here"},
      {"--duration-days", "duration_days", FieldType::kIntOrNone,
       "New validity in days, or 'none'"},
      {"--expires-at", "expires_at", FieldType::kTimeOrNone, "RFC 3339 time, or 'none'"},
      {"--max-activations", "max_activations", FieldType::kInt, "Activation cap"},
      {"--features", "features", FieldType::kList, "Entitlement codes, comma-separated"}};
  std::vector<Field> license_issue = {
      {"--policy", "policy_id", FieldType::kString, "Policy id"},
      {"--customer", "customer_id", FieldType::kString, "Customer id"},
      {"--expires-at", "expires_at", FieldType::kTimeOrNone, "Override the expiry (RFC 3339)"},
      {"--max-activations", "max_activations", FieldType::kInt, "Override the cap"},
      {"--features", "features", FieldType::kList, "Override the features"}};
  AddCrud(app,
          {"licenses",
           "license",
           license_issue,
           license_changes,
           {{"--customer", "customer_id", FieldType::kString, "Filter by customer"},
            {"--policy", "policy_id", FieldType::kString, "Filter by policy"},
            {"--product", "product_id", FieldType::kString, "Filter by product"},
            {"--status", "status", FieldType::kString, "ACTIVE, SUSPENDED, REVOKED or EXPIRED"},
            {"--code", "code", FieldType::kString, "The license with this code"},
            {"--expires-within-days", "expires_within_days", FieldType::kString,
             "Licenses expiring within this many days (or past expiry)"}},
           {{"ID", "id"},
            {"CODE", "code"},
            {"STATUS", "status"},
            {"EXPIRES", "expires_at"},
            {"USED", "activations_count"},
            {"CAP", "max_activations"},
            {"SYNC", "pending_sync"}}},
          selected, all_pages, "issue");
  CLI::App* licenses = app.get_subcommand("licenses");
  for (const std::string_view action : core::NamesOf<core::LicenseAction>()) {
    const std::string a(action);
    AddIdAction(
        licenses, a.c_str(), ("The " + a + " action").c_str(), "POST",
        [a](const std::string& id) { return "/v1/licenses/" + id + "/actions/" + a; },
        View::kObject, "", selected);
  }

  CLI::App* activations =
      app.add_subcommand("activations", "Manage activations")->require_subcommand(1);
  BodyOptions& activation_filters = Store().NewBody();
  std::string& activations_of = Store().NewString();
  PageOptions& activations_page = Store().NewPage();
  CLI::App* list_activations =
      activations->add_subcommand("list", "List a license's activations, a page at a time");
  list_activations->add_option("license", activations_of, "License id")->required();
  activation_filters.Add(
      list_activations,
      {{"--alive", "alive", FieldType::kString, "true: alive machines only; false: dead only"},
       {"--offline", "offline", FieldType::kString,
        "true: offline activations only; false: online"},
       {"--fingerprint", "fingerprint", FieldType::kString, "The machine with this fingerprint"},
       {"--hostname", "hostname", FieldType::kString, "Machines with this hostname"}});
  activations_page.AddTo(list_activations, all_pages);
  list_activations->callback([&selected, &activation_filters, &activations_of, &activations_page] {
    selected = [&activation_filters, &activations_of, &activations_page] {
      return Request{"GET",
                     AppendQuery("/v1/licenses/" + activations_of + "/activations",
                                 activations_page.Query(activation_filters.Body())),
                     nullptr,
                     View::kList,
                     {{"ID", "id"},
                      {"FINGERPRINT", "fingerprint"},
                      {"HOSTNAME", "hostname"},
                      {"STATE", "state"},
                      {"OFFLINE", "offline"},
                      {"ACTIVATED", "activated_at"},
                      {"LAST SEEN", "last_seen_at"}},
                     ""};
    };
  });
  AddIdAction(
      activations, "release", "Release an activation's slot", "DELETE",
      [](const std::string& id) { return "/v1/activations/" + id; }, View::kNone,
      "Released activation", selected);

  CLI::App* tokens =
      app.add_subcommand("tokens", "Manage API tokens (admin)")->require_subcommand(1);
  BodyOptions& token_body = Store().NewBody();
  CLI::App* create = tokens->add_subcommand("create", "Create a token; its secret is shown once");
  token_body.Add(create,
                 {{"--name", "name", FieldType::kString, "What the token is for"},
                  {"--role", "role", FieldType::kString,
                   "admin, operator, viewer, customer_admin or customer_viewer"}},
                 /*required_all=*/true);
  token_body.Add(create, {{"--customer", "customer_id", FieldType::kString,
                           "The customer a customer_admin or customer_viewer acts for"}});
  create->callback([&selected, &token_body] {
    selected = [&token_body] {
      return Request{"POST", "/v1/tokens", token_body.Body(), View::kSecret, {}, ""};
    };
  });
  tokens->add_subcommand("list", "List tokens")->callback([&selected] {
    selected = [] {
      return Request{"GET",
                     "/v1/tokens",
                     nullptr,
                     View::kList,
                     {{"ID", "id"},
                      {"NAME", "name"},
                      {"ROLE", "role"},
                      {"CREATED", "created_at"},
                      {"REVOKED", "revoked_at"}},
                     ""};
    };
  });
  AddIdAction(
      tokens, "revoke", "Revoke a token", "DELETE",
      [](const std::string& id) { return "/v1/tokens/" + id; }, View::kNone, "Revoked token",
      selected);

  CLI::App* events = app.add_subcommand("events", "Read the audit log")->require_subcommand(1);
  BodyOptions& event_filters = Store().NewBody();
  CLI::App* list = events->add_subcommand("list", "List events, oldest first");
  event_filters.Add(list, {{"--resource-type", "resource_type", FieldType::kString, "e.g. license"},
                           {"--resource-id", "resource_id", FieldType::kString, "One resource"},
                           {"--since", "since", FieldType::kString, "RFC 3339 time"},
                           {"--until", "until", FieldType::kString, "RFC 3339 time"}});
  PageOptions& events_page = Store().NewPage();
  events_page.AddTo(list, all_pages);
  list->callback([&selected, &event_filters, &events_page] {
    selected = [&event_filters, &events_page] {
      return Request{
          "GET",
          AppendQuery("/v1/events", events_page.Query(event_filters.Body())),
          nullptr,
          View::kList,
          {{"AT", "at"}, {"ACTOR", "actor"}, {"ACTION", "action"}, {"RESOURCE", "resource_id"}},
          ""};
    };
  });

  CLI::App* jobs = app.add_subcommand("jobs", "Background jobs")->require_subcommand(1);
  jobs->add_subcommand("run", "Run the maintenance job now (admin)")->callback([&selected] {
    selected = [] {
      return Request{"POST", "/v1/jobs/maintenance/run", Json::object(), View::kObject, {}, ""};
    };
  });
  jobs->add_subcommand("reminders", "Run the registry's reminder job now (admin)")
      ->callback([&selected] {
        selected = [] {
          return Request{"POST", "/v1/jobs/reminders/run", Json::object(), View::kObject, {}, ""};
        };
      });

  jobs->add_subcommand("mail", "Send the e-mail that is due now (admin)")->callback([&selected] {
    selected = [] {
      return Request{"POST", "/v1/jobs/mail/run", Json::object(), View::kObject, {}, ""};
    };
  });

  static std::string backup_out;
  CLI::App* backup = app.add_subcommand(
      "backup", "Save a consistent copy of the whole SQLite store, taken while it serves (admin)");
  backup->add_option("-o,--output", backup_out, "The file to write; licensord --restore reads it")
      ->required();
  backup->callback([&selected] {
    selected = [] {
      Request r{"GET", "/v1/backup", nullptr};
      r.download_path = backup_out;
      r.done_message = "Wrote the backup to " + backup_out + ".";
      return r;
    };
  });
}

}  // namespace licensor::cli
