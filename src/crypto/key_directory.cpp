// Reading and removing the keys directory that earlier releases wrote.
#include "crypto/key_directory.hpp"

#include <sodium.h>

#include <algorithm>
#include <filesystem>
#include <sstream>

namespace licensor::crypto {
namespace fs = std::filesystem;
namespace {

std::vector<std::string> Lines(const std::string& text) {
  std::vector<std::string> lines;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) {
    if (!line.empty()) lines.push_back(line);
  }
  return lines;
}

Result<std::string> ReadListed(const fs::path& path, KeysDirectory& read) {
  read.files.push_back(path.string());
  return ReadWholeFile(path.string());
}

}  // namespace

Result<std::optional<KeysDirectory>> ReadKeysDirectory(const std::string& data_dir) {
  const fs::path dir = fs::path(data_dir) / "keys";
  std::error_code ec;
  if (!fs::is_directory(dir, ec)) return std::optional<KeysDirectory>();
  KeysDirectory read;

  std::vector<std::pair<fs::file_time_type, fs::path>> key_files;
  for (const auto& entry : fs::directory_iterator(dir, ec)) {
    const std::string name = entry.path().filename().string();
    if (name.starts_with("signing-") && name.ends_with(".key")) {
      key_files.emplace_back(entry.last_write_time(), entry.path());
    }
  }
  if (ec) return Status::Internal("cannot list " + dir.string());
  std::sort(key_files.begin(), key_files.end());
  for (const auto& [time, path] : key_files) {
    LICENSOR_ASSIGN_OR_RETURN(auto key, ReadSigningKeyFile(path.string()));
    read.files.push_back(path.string());
    read.signing_keys.push_back(std::move(key));
  }
  if (fs::exists(dir / "token.key")) {
    LICENSOR_ASSIGN_OR_RETURN(std::string bytes, ReadListed(dir / "token.key", read));
    std::array<unsigned char, 32> token_key{};
    if (bytes.size() != token_key.size()) {
      return Status::Internal("the token key file has the wrong size: " +
                              (dir / "token.key").string());
    }
    std::copy(bytes.begin(), bytes.end(), token_key.begin());
    sodium_memzero(bytes.data(), bytes.size());
    read.token_key = token_key;
  }
  if (read.signing_keys.empty() && !read.token_key) return std::optional<KeysDirectory>();

  if (fs::exists(dir / "retired")) {
    LICENSOR_ASSIGN_OR_RETURN(const std::string text, ReadListed(dir / "retired", read));
    read.retired_ids = Lines(text);
  }
  if (fs::exists(dir / "current")) {
    LICENSOR_ASSIGN_OR_RETURN(const std::string text, ReadListed(dir / "current", read));
    const auto lines = Lines(text);
    read.current_id = lines.empty() ? "" : lines.front();
  }
  const auto known = [&](const std::string& id) {
    return std::any_of(read.signing_keys.begin(), read.signing_keys.end(),
                       [&](const SigningKey& k) { return k.key_id == id; });
  };
  if (!read.signing_keys.empty() && read.current_id.empty()) {
    read.current_id = read.signing_keys.back().key_id;  // from before rotation existed
  }
  if (!read.current_id.empty() && !known(read.current_id)) {
    return Status::Internal((dir / "current").string() + " names a key that is not in " +
                            dir.string());
  }
  return std::optional<KeysDirectory>(std::move(read));
}

Status RemoveKeysDirectory(const std::string& data_dir, const KeysDirectory& read) {
  std::error_code ec;
  for (const std::string& file : read.files) {
    fs::remove(file, ec);
    if (ec) return Status::Internal("cannot remove " + file);
  }
  fs::remove(fs::path(data_dir) / "keys", ec);  // fails, harmlessly, when something else is left
  return Status::Ok();
}

}  // namespace licensor::crypto
