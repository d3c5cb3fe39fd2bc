// licensorctl for device day-cards (seed 002): the vendor's models, card types, devices and
// issued cards; customers' sales, returns, locks and bindings; records, deductions and
// statistics. Large sales, returns and issues go in chunks with a progress bar.
#include "cli/commands.hpp"

namespace licensor::cli {
namespace {

constexpr long long kChunk = 1000;  // cards per request of a batch

const std::vector<Column> kCardColumns = {
    {"NUMBER", "number"},          {"TYPE", "type_code"},       {"STATUS", "status"},
    {"LOCKED", "locked"},          {"DAYS", "available_days"},  {"TOTAL", "total_days"},
    {"ACTIVATED", "activated_at"}, {"DEVICE", "device_number"}, {"CUSTOMER", "customer_id"}};
const std::vector<Column> kDeviceColumns = {{"NUMBER", "number"},
                                            {"MODEL", "model"},
                                            {"CUSTOMER", "customer_id"},
                                            {"BLACKLISTED", "blacklisted"},
                                            {"USAGE UNTIL", "usage_until"}};

void Simple(CLI::App* parent, const char* name, const char* description,
            std::function<Request()>& selected, std::function<Request()> request) {
  parent->add_subcommand(name, description)->callback([&selected, request] { selected = request; });
}

// The bodies of a batch: `quantity` in chunks, or `numbers` in chunks, each with `base`.
std::vector<Json> Chunks(const Json& base, long long quantity,
                         const std::vector<std::string>& numbers) {
  if ((quantity > 0) == !numbers.empty()) {
    throw CLI::ValidationError("--quantity/--numbers", "give one of them");
  }
  std::vector<Json> bodies;
  for (long long done = 0; done < quantity; done += kChunk) {
    Json body = base;
    body["quantity"] = std::min(kChunk, quantity - done);
    bodies.push_back(std::move(body));
  }
  for (std::size_t i = 0; i < numbers.size(); i += kChunk) {
    Json body = base;
    body["numbers"] = std::vector<std::string>(
        numbers.begin() + long(i),
        numbers.begin() + long(std::min(numbers.size(), i + std::size_t(kChunk))));
    bodies.push_back(std::move(body));
  }
  return bodies;
}

Request Batch(const std::string& path, std::vector<Json> bodies) {
  Request r{"POST", path, nullptr, View::kList, kCardColumns};
  r.batch = std::move(bodies);
  r.batch_unit = "cards";
  return r;
}

std::string Query(std::vector<std::pair<std::string, std::string>> params) {
  std::string q;
  for (const auto& [k, v] : params) {
    if (v.empty()) continue;
    q += (q.empty() ? "?" : "&") + k + "=" + v;  // ids, numbers and RFC 3339 times: no escaping
  }
  return q;
}

void RegisterCatalog(CLI::App& app, std::function<Request()>& selected) {
  CLI::App* models =
      app.add_subcommand("device-models", "Device models (vendor)")->require_subcommand(1);
  static std::string model_name;
  CLI::App* create_model = models->add_subcommand("create", "Add a device model");
  create_model->add_option("name", model_name, "Model name")->required();
  create_model->callback([&selected] {
    selected = [] { return Request{"POST", "/v1/device-models", Json{{"name", model_name}}}; };
  });
  Simple(models, "list", "List device models", selected, [] {
    return Request{
        "GET", "/v1/device-models", nullptr, View::kList, {{"NAME", "name"}, {"ID", "id"}}};
  });

  CLI::App* types =
      app.add_subcommand("card-types", "Card (license) types (vendor)")->require_subcommand(1);
  static std::string code, name;
  static std::vector<std::string> type_models;
  static long long max_days = 0;
  CLI::App* create_type = types->add_subcommand("create", "Add a card type");
  create_type->add_option("code", code, "License code, e.g. LT-M100")->required();
  create_type->add_option("--name", name, "Name")->required();
  create_type->add_option("--model", type_models, "A device model it fits, repeatable")->required();
  create_type->add_option("--max-days", max_days, "Most days a card holds")->required();
  create_type->callback([&selected] {
    selected = [] {
      return Request{
          "POST", "/v1/card-types",
          Json{{"code", code}, {"name", name}, {"models", type_models}, {"max_days", max_days}}};
    };
  });
  Simple(types, "list", "List card types", selected, [] {
    return Request{
        "GET",
        "/v1/card-types",
        nullptr,
        View::kList,
        {{"CODE", "code"}, {"NAME", "name"}, {"MODELS", "models"}, {"MAX DAYS", "max_days"}}};
  });
}

void RegisterDevices(CLI::App& app, std::function<Request()>& selected) {
  CLI::App* devices =
      app.add_subcommand("devices", "Devices and their usage time")->require_subcommand(1);
  static std::string number, model, customer;
  CLI::App* reg =
      devices->add_subcommand("register", "Register a device (vendor); prints its credential once");
  reg->add_option("number", number, "Device number")->required();
  reg->add_option("--model", model, "Device model")->required();
  reg->add_option("--customer", customer, "Owning customer")->required();
  reg->callback([&selected] {
    selected = [] {
      return Request{"POST",
                     "/v1/devices",
                     Json{{"number", number}, {"model", model}, {"customer_id", customer}},
                     View::kSecret,
                     {},
                     "Give the credential to the device; it will not be shown again."};
    };
  });
  Simple(devices, "list", "Devices of your subtree", selected, [] {
    return Request{"GET", "/v1/devices", nullptr, View::kList, kDeviceColumns};
  });
  static std::string get_number;
  CLI::App* get = devices->add_subcommand("get", "Show a device");
  get->add_option("number", get_number, "Device number")->required();
  get->callback([&selected] {
    selected = [] { return Request{"GET", "/v1/devices/" + get_number, nullptr}; };
  });
  static std::string sell_number, sell_to;
  CLI::App* sell =
      devices->add_subcommand("sell", "Sell a device, with its bound cards, to a sub-customer");
  sell->add_option("number", sell_number, "Device number")->required();
  sell->add_option("--to", sell_to, "Direct sub-customer")->required();
  sell->callback([&selected] {
    selected = [] {
      return Request{"POST", "/v1/devices/" + sell_number + "/sell", Json{{"to", sell_to}}};
    };
  });
  static std::string return_number;
  CLI::App* ret =
      devices->add_subcommand("return", "Return a device, with its bound cards, to the superior");
  ret->add_option("number", return_number, "Device number")->required();
  ret->callback([&selected] {
    selected = [] {
      return Request{"POST", "/v1/devices/" + return_number + "/return", Json::object()};
    };
  });
  static std::string lift_number;
  CLI::App* lift =
      devices->add_subcommand("lift-blacklist", "Let a blacklisted device report again (vendor)");
  lift->add_option("number", lift_number, "Device number")->required();
  lift->callback([&selected] {
    selected = [] {
      return Request{"DELETE", "/v1/devices/" + lift_number + "/blacklist", nullptr};
    };
  });
}

void RegisterCardOperations(CLI::App* cards, std::function<Request()>& selected) {
  static std::string issue_type, issue_customer;
  static long long issue_quantity = 1, issue_days = 0;
  CLI::App* issue = cards->add_subcommand("issue", "Issue cards to a customer (vendor)");
  issue->add_option("--type", issue_type, "Card type code")->required();
  issue->add_option("--customer", issue_customer, "Customer")->required();
  issue->add_option("--quantity", issue_quantity, "How many")->capture_default_str();
  issue->add_option("--days", issue_days, "Days on each card")->required();
  issue->callback([&selected] {
    selected = [] {
      return Batch("/v1/cards", Chunks(Json{{"type_code", issue_type},
                                            {"customer_id", issue_customer},
                                            {"days", issue_days}},
                                       issue_quantity, {}));
    };
  });
  for (const char* action : {"lock", "unlock", "unbind"}) {
    static std::map<std::string, std::string> numbers;
    CLI::App* cmd = cards->add_subcommand(action, std::string(action) + " a card");
    cmd->add_option("number", numbers[action], "Card number")->required();
    cmd->callback([&selected, action] {
      selected = [action] {
        return Request{"POST", "/v1/cards/" + numbers[action] + "/" + action, Json::object()};
      };
    });
  }
  static std::string bind_card, bind_device;
  CLI::App* bind = cards->add_subcommand("bind", "Bind a card to a device");
  bind->add_option("number", bind_card, "Card number")->required();
  bind->add_option("device", bind_device, "Device number")->required();
  bind->callback([&selected] {
    selected = [] {
      return Request{"POST", "/v1/cards/" + bind_card + "/bind",
                     Json{{"device_number", bind_device}}};
    };
  });
  static std::string days_card;
  static long long days = 0;
  CLI::App* add_days = cards->add_subcommand("add-days", "Add purchased days to a card (vendor)");
  add_days->add_option("number", days_card, "Card number")->required();
  add_days->add_option("days", days, "Days")->required();
  add_days->callback([&selected] {
    selected = [] {
      return Request{"POST", "/v1/cards/" + days_card + "/days", Json{{"days", days}}};
    };
  });
  static std::string sell_to, sell_from, return_from;
  static long long sell_quantity = 0, return_quantity = 0;
  static std::vector<std::string> sell_numbers, return_numbers;
  CLI::App* sell = cards->add_subcommand("sell", "Sell cards to a direct sub-customer");
  sell->add_option("--to", sell_to, "Direct sub-customer")->required();
  sell->add_option("--from", sell_from, "A sub-customer that allows you to manage its cards");
  sell->add_option("--quantity", sell_quantity, "How many; the system picks eligible cards");
  sell->add_option("--numbers", sell_numbers, "Which cards, comma-separated")->delimiter(',');
  sell->callback([&selected] {
    selected = [] {
      Json base = {{"to", sell_to}};
      if (!sell_from.empty()) base["from"] = sell_from;
      return Batch("/v1/cards/sell", Chunks(base, sell_quantity, sell_numbers));
    };
  });
  CLI::App* ret = cards->add_subcommand("return", "Return cards to the superior");
  ret->add_option("--from", return_from, "A sub-customer that allows you to manage its cards");
  ret->add_option("--quantity", return_quantity, "How many; the system picks eligible cards");
  ret->add_option("--numbers", return_numbers, "Which cards, comma-separated")->delimiter(',');
  ret->callback([&selected] {
    selected = [] {
      Json base = Json::object();
      if (!return_from.empty()) base["from"] = return_from;
      return Batch("/v1/cards/return", Chunks(base, return_quantity, return_numbers));
    };
  });
}

void RegisterCardViews(CLI::App* cards, std::function<Request()>& selected) {
  static std::string customer, type, status, locked, min_days, max_days, device, number, from, to;
  CLI::App* list = cards->add_subcommand("list", "Cards of your subtree, filtered");
  list->add_option("--customer", customer, "One customer of your subtree");
  list->add_option("--type", type, "Card type code");
  list->add_option("--status", status, "UNUSED, INACTIVE, IN_USE, DEACTIVATED or EXPIRED");
  list->add_option("--locked", locked, "true or false")->check(CLI::IsMember({"true", "false"}));
  list->add_option("--min-days", min_days, "At least this many days left");
  list->add_option("--max-days", max_days, "At most this many days left");
  list->add_option("--device", device, "Bound to this device");
  list->add_option("--number", number, "This card number");
  list->add_option("--activated-from", from, "Activated at or after (RFC 3339)");
  list->add_option("--activated-to", to, "Activated at or before (RFC 3339)");
  list->callback([&selected] {
    selected = [] {
      return Request{"GET",
                     "/v1/cards" + Query({{"customer_id", customer},
                                          {"type_code", type},
                                          {"status", status},
                                          {"locked", locked},
                                          {"min_days", min_days},
                                          {"max_days", max_days},
                                          {"device_number", device},
                                          {"number", number},
                                          {"activated_from", from},
                                          {"activated_to", to}}),
                     nullptr, View::kList, kCardColumns};
    };
  });
  static std::string get_number;
  CLI::App* get = cards->add_subcommand("get", "Show a card");
  get->add_option("number", get_number, "Card number")->required();
  get->callback([&selected] {
    selected = [] { return Request{"GET", "/v1/cards/" + get_number, nullptr}; };
  });
  static std::string record_card, record_kind, record_type, since, until;
  CLI::App* records = cards->add_subcommand("records", "Sales, returns, transfers and operations");
  records->add_option("--card", record_card, "One card");
  records->add_option("--kind", record_kind, "ISSUE, SALE, RETURN, TRANSFER, BIND, ...");
  records->add_option("--type", record_type, "Card type code");
  records->add_option("--since", since, "RFC 3339");
  records->add_option("--until", until, "RFC 3339");
  records->callback([&selected] {
    selected = [] {
      return Request{"GET",
                     "/v1/card-records" + Query({{"card_number", record_card},
                                                 {"kind", record_kind},
                                                 {"type_code", record_type},
                                                 {"since", since},
                                                 {"until", until}}),
                     nullptr,
                     View::kList,
                     {{"AT", "at"},
                      {"KIND", "kind"},
                      {"CARD", "card_number"},
                      {"TYPE", "type_code"},
                      {"FROM", "from_customer"},
                      {"TO", "to_customer"},
                      {"DEVICE", "device_number"}}};
    };
  });
  static std::string deduction_card, deduction_device;
  CLI::App* deductions = cards->add_subcommand("deductions", "Days deducted");
  deductions->add_option("--card", deduction_card, "One card");
  deductions->add_option("--device", deduction_device, "One device");
  deductions->callback([&selected] {
    selected = [] {
      return Request{"GET",
                     "/v1/deductions" + Query({{"card_number", deduction_card},
                                               {"device_number", deduction_device}}),
                     nullptr,
                     View::kList,
                     {{"AT", "at"},
                      {"CARD", "card_number"},
                      {"DEVICE", "device_number"},
                      {"DAYS", "days"},
                      {"BALANCE", "balance_after"}}};
    };
  });
  static std::string stats_customer;
  CLI::App* stats = cards->add_subcommand("stats", "Running low, by type, by status");
  stats->add_option("--customer", stats_customer, "One customer of your subtree");
  stats->callback([&selected] {
    selected = [] {
      return Request{"GET", "/v1/card-statistics" + Query({{"customer_id", stats_customer}}),
                     nullptr};
    };
  });
}

}  // namespace

void RegisterCardCommands(CLI::App& app, std::function<Request()>& selected) {
  RegisterCatalog(app, selected);
  RegisterDevices(app, selected);
  CLI::App* cards = app.add_subcommand("cards", "Device day-cards")->require_subcommand(1);
  RegisterCardOperations(cards, selected);
  RegisterCardViews(cards, selected);

  static std::string settings_customer, allow;
  CLI::App* settings =
      app.add_subcommand("customer-settings", "Your customer's own settings (its customer_admin)");
  settings->add_option("customer", settings_customer, "Your customer id")->required();
  settings->add_option("--allow-superior-manage-licenses", allow, "true or false")
      ->required()
      ->check(CLI::IsMember({"true", "false"}));
  settings->callback([&selected] {
    selected = [] {
      return Request{"PATCH", "/v1/customers/" + settings_customer + "/settings",
                     Json{{"allow_superior_manage_licenses", allow == "true"}}};
    };
  });
  // "jobs" exists already (commands.cpp); the deduction job joins it.
  CLI::App* jobs = app.get_subcommand("jobs");
  jobs->add_subcommand("deduction", "Run the daily deduction now (admin)")->callback([&selected] {
    selected = [] {
      return Request{"POST", "/v1/jobs/deduction/run", Json::object(), View::kObject, {}, ""};
    };
  });
}

}  // namespace licensor::cli
