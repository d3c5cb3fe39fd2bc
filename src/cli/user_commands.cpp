// licensorctl users: the console's users. A password is read from a file or standard input,
// never from the command line, where other users of the machine could read it.
#include <iostream>
#include <iterator>

#include "cli/commands.hpp"

namespace licensor::cli {
namespace {

const std::vector<Column> kUserColumns = {{"ID", "id"},
                                          {"EMAIL", "email"},
                                          {"NAME", "display_name"},
                                          {"ROLE", "role"},
                                          {"CUSTOMER", "customer_id"},
                                          {"DISABLED", "disabled"},
                                          {"LAST LOGIN", "last_login_at"}};

// The password in `path` ("-": standard input), without the line end a shell or editor adds.
std::string ReadPassword(const std::string& path) {
  std::string text = path == "-" ? std::string(std::istreambuf_iterator<char>(std::cin), {})
                                 : ReadFileOrThrow(path, 4096);
  while (!text.empty() && (text.back() == '\n' || text.back() == '\r')) text.pop_back();
  return text;
}

struct UserFields {
  std::string email, name, role, customer, password_file;
  bool disable = false, enable = false, no_customer = false;
};

void AddProfileOptions(CLI::App* command, UserFields& f) {
  command->add_option("--name", f.name, "The display name (the console's nickname)");
  command->add_option("--role", f.role,
                      "admin, operator, viewer, customer_admin or customer_viewer");
  command->add_option("--customer", f.customer,
                      "The customer a customer_admin or customer_viewer acts for");
  command->add_option("--password-file", f.password_file,
                      "A file holding the password ('-': read it from standard input)");
}

}  // namespace

void RegisterUserCommands(CLI::App& app, std::function<Request()>& selected, bool& all_pages) {
  CLI::App* users =
      app.add_subcommand("users", "Manage the console's users (admin)")->require_subcommand(1);
  static UserFields created;
  CLI::App* create = users->add_subcommand("create", "Create a user who signs in to the console");
  create->add_option("--email", created.email, "The email the user signs in with")->required();
  AddProfileOptions(create, created);
  for (const char* required : {"--name", "--role", "--password-file"}) {
    create->get_option(required)->required();
  }
  create->callback([&selected] {
    selected = [] {
      Json body = {{"email", created.email},
                   {"display_name", created.name},
                   {"role", created.role},
                   {"password", ReadPassword(created.password_file)}};
      if (!created.customer.empty()) body["customer_id"] = created.customer;
      return Request{"POST", "/v1/users", body};
    };
  });

  static UserFields invited;
  CLI::App* invite = users->add_subcommand(
      "invite", "Invite someone by e-mail: they choose their name and password (needs a relay)");
  invite->add_option("--email", invited.email, "The address the invitation goes to")->required();
  invite
      ->add_option("--role", invited.role,
                   "admin, operator, viewer, customer_admin or customer_viewer")
      ->required();
  invite->add_option("--customer", invited.customer,
                     "The customer a customer_admin or customer_viewer acts for");
  invite->callback([&selected] {
    selected = [] {
      Json body = {{"email", invited.email}, {"role", invited.role}};
      if (!invited.customer.empty()) body["customer_id"] = invited.customer;
      return Request{"POST", "/v1/invitations", body};
    };
  });

  CLI::App* list = users->add_subcommand("list", "List users");
  static PageOptions page;
  page.AddTo(list, all_pages);
  list->callback([&selected] {
    selected = [] {
      return Request{"GET", AppendQuery("/v1/users", page.Query()), nullptr, View::kList,
                     kUserColumns};
    };
  });

  static std::string get_id;
  CLI::App* get = users->add_subcommand("get", "Show a user");
  get->add_option("id", get_id, "User id")->required();
  get->callback([&selected] {
    selected = [] { return Request{"GET", "/v1/users/" + get_id, nullptr}; };
  });

  static std::string update_id;
  static UserFields changed;
  CLI::App* update = users->add_subcommand(
      "update", "Change a user; a new password, role, customer or --disable signs it out");
  update->add_option("id", update_id, "User id")->required();
  AddProfileOptions(update, changed);
  update->add_flag("--no-customer", changed.no_customer, "Remove the user's customer");
  update->add_flag("--disable", changed.disable, "Stop the user from signing in");
  update->add_flag("--enable", changed.enable, "Let a disabled user sign in again");
  update->callback([&selected] {
    selected = [] {
      Json body = Json::object();
      if (!changed.name.empty()) body["display_name"] = changed.name;
      if (!changed.role.empty()) body["role"] = changed.role;
      if (!changed.customer.empty()) body["customer_id"] = changed.customer;
      if (changed.no_customer) body["customer_id"] = nullptr;
      if (changed.disable || changed.enable) body["disabled"] = changed.disable;
      if (!changed.password_file.empty()) body["password"] = ReadPassword(changed.password_file);
      return Request{"PATCH", "/v1/users/" + update_id, body};
    };
  });
}

}  // namespace licensor::cli
