// The C ABI over the C++ client. Nothing here lets an exception cross into C.
#include <cstring>

#include "licensor/licensor.h"
#include "licensor/licensor.hpp"

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

licensor_code licensor_client_open(const licensor_config* config, licensor_client** out) {
  if (!config || !out || config->struct_size < sizeof(licensor_config) ||
      !config->public_keys_json || !config->data_dir || !config->product_id) {
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
size_t licensor_detail(licensor_client* c, char* buf, size_t size) {
  if (!c || !c->client) return CopyOut("", buf, size);
  return CopyOut(c->client->Detail(), buf, size);
}
size_t licensor_cause(licensor_client* c, char* buf, size_t size) {
  if (!c || !c->client) return CopyOut("", buf, size);
  return CopyOut(c->client->Cause(), buf, size);
}

}  // extern "C"
