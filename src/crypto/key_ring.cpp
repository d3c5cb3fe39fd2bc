// Signing keys on disk: one file per key, plus the `current` and `retired` lists.
#include "crypto/key_ring.hpp"

#include <algorithm>
#include <filesystem>
#include <sstream>

namespace licensor::crypto {
namespace fs = std::filesystem;
namespace {

std::string KeyPath(const std::string& dir, const std::string& key_id) {
  return dir + "/signing-" + key_id + ".key";
}

std::string_view SecretBytes(const SigningKey& key) {
  return {reinterpret_cast<const char*>(key.secret_key.data()), key.secret_key.size()};
}

std::vector<std::string> Lines(const std::string& text) {
  std::vector<std::string> lines;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) {
    if (!line.empty()) lines.push_back(line);
  }
  return lines;
}

}  // namespace

Result<std::unique_ptr<KeyRing>> KeyRing::LoadOrCreate(const std::string& data_dir) {
  LICENSOR_ASSIGN_OR_RETURN(const std::string dir, KeysDirectory(data_dir));
  std::unique_ptr<KeyRing> ring(new KeyRing(dir));

  std::vector<std::pair<fs::file_time_type, std::string>> files;
  for (const auto& entry : fs::directory_iterator(dir)) {
    const std::string name = entry.path().filename().string();
    if (name.starts_with("signing-") && name.ends_with(".key")) {
      files.emplace_back(entry.last_write_time(), entry.path().string());
    }
  }
  std::sort(files.begin(), files.end());
  for (const auto& [time, path] : files) {
    LICENSOR_ASSIGN_OR_RETURN(auto key, ReadSigningKeyFile(path));
    ring->keys_.push_back(std::move(key));
  }
  if (ring->keys_.empty()) {
    ring->keys_.push_back(NewSigningKey());
    LICENSOR_RETURN_IF_ERROR(
        WriteSecretFile(KeyPath(dir, ring->keys_.back().key_id), SecretBytes(ring->keys_.back())));
  }
  if (fs::exists(dir + "/retired")) {
    LICENSOR_ASSIGN_OR_RETURN(const std::string text, ReadWholeFile(dir + "/retired"));
    ring->retired_ids_ = Lines(text);
  }
  if (fs::exists(dir + "/current")) {
    LICENSOR_ASSIGN_OR_RETURN(const std::string text, ReadWholeFile(dir + "/current"));
    const auto lines = Lines(text);
    ring->current_id_ = lines.empty() ? "" : lines.front();
    const bool known =
        std::any_of(ring->keys_.begin(), ring->keys_.end(),
                    [&](const SigningKey& k) { return k.key_id == ring->current_id_; });
    if (!known) return Status::Internal("keys/current names a key that is not in " + dir);
  } else {
    ring->current_id_ = ring->keys_.back().key_id;
    LICENSOR_RETURN_IF_ERROR(ring->SaveCurrentAndRetired());
  }
  return ring;
}

SigningKey KeyRing::Current() const {
  std::lock_guard lock(mutex_);
  for (const auto& key : keys_) {
    if (key.key_id == current_id_) return key;
  }
  return keys_.back();  // unreachable: LoadOrCreate and Rotate keep current_id_ in keys_
}

SigningKey KeyRing::OldestActive() const {
  std::lock_guard lock(mutex_);
  for (const auto& key : keys_) {
    if (std::find(retired_ids_.begin(), retired_ids_.end(), key.key_id) == retired_ids_.end()) {
      return key;
    }
  }
  return keys_.back();  // unreachable: the current key is never retired
}

std::vector<PublicKeyInfo> KeyRing::Keys() const {
  std::lock_guard lock(mutex_);
  std::vector<PublicKeyInfo> infos;
  for (const auto& key : keys_) {
    PublicKeyInfo info;
    info.key_id = key.key_id;
    info.public_key = key.public_key;
    info.current = key.key_id == current_id_;
    info.retired =
        std::find(retired_ids_.begin(), retired_ids_.end(), key.key_id) != retired_ids_.end();
    infos.push_back(std::move(info));
  }
  return infos;
}

PublicKeys KeyRing::Trusted() const {
  PublicKeys trusted;
  for (const auto& info : Keys()) trusted[info.key_id] = TrustedKey{info.public_key, info.retired};
  return trusted;
}

Result<PublicKeyInfo> KeyRing::Rotate() {
  std::lock_guard lock(mutex_);
  SigningKey key = NewSigningKey();
  LICENSOR_RETURN_IF_ERROR(WriteSecretFile(KeyPath(keys_dir_, key.key_id), SecretBytes(key)));
  const std::string previous = current_id_;
  current_id_ = key.key_id;
  keys_.push_back(key);
  if (Status saved = SaveCurrentAndRetired(); !saved.ok()) {
    current_id_ = previous;
    keys_.pop_back();
    return saved;
  }
  return PublicKeyInfo{key.key_id, key.public_key, true, false};
}

Status KeyRing::Retire(const std::string& key_id) {
  std::lock_guard lock(mutex_);
  const bool known = std::any_of(keys_.begin(), keys_.end(),
                                 [&](const SigningKey& k) { return k.key_id == key_id; });
  if (!known) return Status::NotFound("no signing key has id " + key_id);
  if (key_id == current_id_) {
    return Status::Conflict("the current signing key cannot be retired; rotate first");
  }
  if (std::find(retired_ids_.begin(), retired_ids_.end(), key_id) != retired_ids_.end()) {
    return Status::Ok();
  }
  retired_ids_.push_back(key_id);
  if (Status saved = SaveCurrentAndRetired(); !saved.ok()) {
    retired_ids_.pop_back();
    return saved;
  }
  return Status::Ok();
}

Status KeyRing::SaveCurrentAndRetired() const {
  std::string retired;
  for (const auto& id : retired_ids_) retired += id + "\n";
  LICENSOR_RETURN_IF_ERROR(WriteSecretFile(keys_dir_ + "/retired", retired));
  return WriteSecretFile(keys_dir_ + "/current", current_id_ + "\n");
}

}  // namespace licensor::crypto
