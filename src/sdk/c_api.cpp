// The C ABI over the C++ client. Nothing here lets an exception cross into C.
#include <cstddef>
#include <cstring>
#include <nlohmann/json.hpp>

#include "licensor/licensor.h"
#include "licensor/licensor.hpp"
#include "sdk/codes.hpp"

struct licensor_client {
  std::unique_ptr<licensor::sdk::Client> client;
};

namespace {

using licensor::sdk::Code;

licensor_code ToC(Code code) { return static_cast<licensor_code>(static_cast<int>(code)); }

size_t CopyOut(const std::string& text, char* buf, size_t size) {
  if (buf && size > 0) {
    const size_t n = std::min(text.size(), size - 1);
    std::memcpy(buf, text.data(), n);
    buf[n] = '\0';
  }
  return text.size();
}

// Runs `fn`, turning any exception (allocation failure) into LICENSOR_IO_ERROR.
template <typename Fn>
licensor_code Guard(licensor_client* c, Fn fn) {
  if (!c || !c->client) return LICENSOR_INVALID_ARGUMENT;
  try {
    return ToC(fn(*c->client));
  } catch (...) {
    return LICENSOR_IO_ERROR;
  }
}

// Whether the caller's licensor_config has `field`: it was built with a header that has it.
#define LICENSOR_CONFIG_HAS(config, field) \
  ((config)->struct_size >= offsetof(licensor_config, field) + sizeof((config)->field))

// The configuration of licensor.h 0.1, the smallest a caller may pass.
constexpr size_t kConfigV1Size = offsetof(licensor_config, product_id) + sizeof(const char*);

// {"name":"value",...}, each value a string; nullopt for anything else.
std::optional<std::map<std::string, std::string>> StringMap(const char* json) {
  const auto parsed = nlohmann::json::parse(json, nullptr, false);
  if (!parsed.is_object()) return std::nullopt;
  std::map<std::string, std::string> out;
  for (const auto& [name, value] : parsed.items()) {
    if (!value.is_string()) return std::nullopt;
    out[name] = value.get<std::string>();
  }
  return out;
}

nlohmann::json OrNull(const std::optional<std::int64_t>& v) {
  return v ? nlohmann::json(*v) : nlohmann::json();
}

}  // namespace

extern "C" {

const char* licensor_code_name(licensor_code code) {
  return licensor::sdk::CodeName(static_cast<Code>(code)).data();
}

const char* licensor_code_message(licensor_code code) {
  return licensor::sdk::CodeMessage(static_cast<Code>(code)).data();
}

int licensor_code_is_valid(licensor_code code) {
  return licensor::sdk::IsValid(static_cast<Code>(code)) ? 1 : 0;
}

int licensor_code_needs_activation(licensor_code code) {
  return licensor::sdk::NeedsActivation(static_cast<Code>(code)) ? 1 : 0;
}

licensor_code licensor_client_open(const licensor_config* config, licensor_client** out) {
  if (!config || !out || config->struct_size < kConfigV1Size || !config->public_keys_json ||
      !config->data_dir || !config->product_id) {
    return LICENSOR_INVALID_ARGUMENT;
  }
  try {
    licensor::sdk::Config c;
    c.product_id = config->product_id;
    c.server_url = config->server_url ? config->server_url : "";
    c.public_keys_json = config->public_keys_json;
    c.license_code = config->license_code ? config->license_code : "";
    c.data_dir = config->data_dir;
    if (config->clock_tolerance_s > 0) c.clock_tolerance_s = config->clock_tolerance_s;
    if (LICENSOR_CONFIG_HAS(config, http_timeout_ms) && config->http_timeout_ms > 0) {
      c.http_timeout_ms = config->http_timeout_ms;
    }
    if (LICENSOR_CONFIG_HAS(config, components_json) && config->components_json) {
      c.components = StringMap(config->components_json);
      if (!c.components || c.components->empty()) return LICENSOR_INVALID_ARGUMENT;
    }
    const auto text = [&](const char* value, std::string& into) {
      if (value) into = value;
    };
    if (LICENSOR_CONFIG_HAS(config, pinned_public_key)) {
      text(config->proxy_url, c.proxy_url);
      text(config->proxy_user, c.proxy_user);
      text(config->proxy_password, c.proxy_password);
      text(config->ca_file, c.ca_file);
      text(config->pinned_public_key, c.pinned_public_key);
    }
    if (LICENSOR_CONFIG_HAS(config, messages_json) && config->messages_json) {
      const auto messages = StringMap(config->messages_json);
      if (!messages) return LICENSOR_INVALID_ARGUMENT;
      for (const auto& [name, sentence] : *messages) {
        const auto code = licensor::sdk::CodeNamed(name);
        if (!code) return LICENSOR_INVALID_ARGUMENT;
        c.messages[*code] = sentence;
      }
    }
    Code error = Code::kValid;
    auto client = licensor::sdk::Client::Open(std::move(c), &error);
    if (!client) return ToC(error);
    *out = new licensor_client{std::move(client)};
    return LICENSOR_VALID;
  } catch (...) {
    return LICENSOR_IO_ERROR;
  }
}

void licensor_client_free(licensor_client* client) { delete client; }

licensor_code licensor_activate(licensor_client* c) {
  return Guard(c, [](auto& client) { return client.Activate(); });
}
licensor_code licensor_validate(licensor_client* c) {
  return Guard(c, [](auto& client) { return client.Validate(); });
}
int licensor_has_feature(licensor_client* c, const char* feature) {
  if (!c || !c->client || !feature) return 0;
  return c->client->HasFeature(feature) ? 1 : 0;
}
licensor_code licensor_deactivate(licensor_client* c) {
  return Guard(c, [](auto& client) { return client.Deactivate(); });
}
licensor_code licensor_deactivate_offline(licensor_client* c, const char* proof_path) {
  if (!proof_path) return LICENSOR_INVALID_ARGUMENT;
  return Guard(c, [proof_path](auto& client) { return client.DeactivateOffline(proof_path); });
}
licensor_code licensor_load_license_file(licensor_client* c, const char* path) {
  if (!path) return LICENSOR_INVALID_ARGUMENT;
  return Guard(c, [path](auto& client) { return client.LoadLicenseFile(path); });
}
licensor_code licensor_apply_bundle(licensor_client* c, const char* path) {
  if (!path) return LICENSOR_INVALID_ARGUMENT;
  return Guard(c, [path](auto& client) { return client.ApplyBundle(path); });
}
licensor_code licensor_start_heartbeat(licensor_client* c) {
  return Guard(c, [](auto& client) {
    client.StartHeartbeat();
    return Code::kValid;
  });
}
void licensor_stop_heartbeat(licensor_client* c) {
  if (c && c->client) c->client->StopHeartbeat();
}
licensor_code licensor_heartbeat_once(licensor_client* c) {
  return Guard(c, [](auto& client) { return client.HeartbeatOnce(); });
}
licensor_code licensor_refresh(licensor_client* c) {
  return Guard(c, [](auto& client) { return client.Refresh(); });
}
size_t licensor_license_info(licensor_client* c, char* buf, size_t size) {
  if (!c || !c->client) return CopyOut("", buf, size);
  try {
    const auto info = c->client->Info();
    if (!info.loaded) return CopyOut(R"({"loaded":false})", buf, size);
    const nlohmann::json json = {{"loaded", true},
                                 {"license_id", info.license_id},
                                 {"product_name", info.product_name},
                                 {"customer_name", info.customer_name},
                                 {"mode", info.mode},
                                 {"version", info.version},
                                 {"features", info.features},
                                 {"differing_components", info.differing_components},
                                 {"heartbeat_interval_s", OrNull(info.heartbeat_interval_s)},
                                 {"issued_at", info.issued_at},
                                 {"expires_at", OrNull(info.expires_at)},
                                 {"expiry_grace_ends_at", OrNull(info.expiry_grace_ends_at)},
                                 {"refresh_by", OrNull(info.refresh_by)},
                                 {"offline_grace_ends_at", OrNull(info.offline_grace_ends_at)},
                                 {"days_left", OrNull(info.days_left)},
                                 {"trial", info.trial}};
    return CopyOut(json.dump(), buf, size);
  } catch (...) {
    return CopyOut("", buf, size);
  }
}
int licensor_expires_at(licensor_client* c, int64_t* expires_at) {
  if (!c || !c->client) return 0;
  const auto info = c->client->Info();
  if (!info.loaded || !info.expires_at) return 0;
  if (expires_at) *expires_at = *info.expires_at;
  return 1;
}
size_t licensor_fingerprint(licensor_client* c, char* buf, size_t size) {
  if (!c || !c->client) return CopyOut("", buf, size);
  return CopyOut(c->client->MachineFingerprint().fingerprint, buf, size);
}
size_t licensor_collect_machine(char* buf, size_t size) {
  try {
    const licensor::sdk::Fingerprint machine = licensor::sdk::CollectFingerprint();
    const nlohmann::json json = {{"fingerprint", machine.fingerprint},
                                 {"components", machine.components},
                                 {"hostname", machine.hostname},
                                 {"platform", machine.platform},
                                 {"virtualization", machine.virtualization}};
    return CopyOut(json.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace), buf, size);
  } catch (...) {
    return CopyOut("", buf, size);
  }
}
size_t licensor_detail(licensor_client* c, char* buf, size_t size) {
  if (!c || !c->client) return CopyOut("", buf, size);
  return CopyOut(c->client->Detail(), buf, size);
}
licensor_code licensor_set_logger(licensor_client* c, licensor_log_callback callback, void* user) {
  return Guard(c, [&](auto& client) {
    client.SetLogger(callback ? licensor::sdk::Logger([callback, user](auto level, auto text) {
      const std::string line(text);  // NUL-terminated for C
      callback(static_cast<int>(level), line.c_str(), user);
    })
                              : licensor::sdk::Logger());
    return Code::kValid;
  });
}
licensor_code licensor_on_state_change(licensor_client* c, licensor_state_callback callback,
                                       void* user) {
  return Guard(c, [&](auto& client) {
    client.OnStateChange(callback
                             ? licensor::sdk::StateListener([callback, user](Code from, Code to) {
                                 callback(ToC(from), ToC(to), user);
                               })
                             : licensor::sdk::StateListener());
    return Code::kValid;
  });
}
size_t licensor_cause(licensor_client* c, char* buf, size_t size) {
  if (!c || !c->client) return CopyOut("", buf, size);
  return CopyOut(c->client->Cause(), buf, size);
}

}  // extern "C"
