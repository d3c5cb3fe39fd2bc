#include "server/startup_keys.hpp"

#include <cstdlib>
#include <filesystem>
#include <optional>

#include "crypto/key_store.hpp"

namespace licensor::server {
namespace {

// The master key given by the operator, if any; `source` names where it came from.
Result<std::optional<crypto::MasterKey>> GivenMasterKey(const std::string& file,
                                                        std::string& source) {
  const char* variable = std::getenv("LICENSOR_MASTER_KEY");
  const bool from_variable = variable != nullptr && *variable != '\0';
  if (from_variable && !file.empty()) {
    return Status::InvalidField(
        "the master key is given twice: by --master-key-file and by LICENSOR_MASTER_KEY");
  }
  if (!file.empty()) {
    source = file;
    LICENSOR_ASSIGN_OR_RETURN(auto key, crypto::ReadMasterKeyFile(file));
    return std::optional<crypto::MasterKey>(key);
  }
  if (!from_variable) return std::optional<crypto::MasterKey>();
  auto key = crypto::MasterKey::FromHex(variable);
  ::unsetenv("LICENSOR_MASTER_KEY");  // nothing started from here inherits it
  if (!key.ok()) return Status::InvalidField("LICENSOR_MASTER_KEY: " + key.status().message());
  source = "LICENSOR_MASTER_KEY";
  return std::optional<crypto::MasterKey>(*key);
}

}  // namespace

Result<std::unique_ptr<core::KeyRing>> OpenKeyRing(core::Store& store, const Clock& clock,
                                                   const std::string& master_key_file,
                                                   const std::string& data_dir,
                                                   std::string& report) {
  std::string source;
  LICENSOR_ASSIGN_OR_RETURN(auto given, GivenMasterKey(master_key_file, source));
  const std::string path = (std::filesystem::path(data_dir) / "master.key").string();
  bool generated = false;
  if (!given) {
    source = path;
    if (std::filesystem::exists(path)) {
      LICENSOR_ASSIGN_OR_RETURN(auto key, crypto::ReadMasterKeyFile(path));
      given = key;
    } else {
      given = crypto::MasterKey::Generate();
      LICENSOR_RETURN_IF_ERROR(crypto::WriteSecretFile(path, given->Hex() + "\n"));
      generated = true;
      source += " (generated)";
    }
  }
  std::string opened;
  auto ring = core::KeyRing::Open(store, clock, *given, data_dir, opened);
  if (!ring.ok()) {
    if (!generated) return ring.status();
    std::error_code ignored;
    std::filesystem::remove(path, ignored);
    return Status(ring.status().code(),
                  ring.status().message() + " (" + path + " is missing: put it back)");
  }
  report = "master key from " + source + "; " + opened;
  return ring;
}

}  // namespace licensor::server
