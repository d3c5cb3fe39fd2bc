// Commands about signed files: the signing keys, offline license files, bundles, and checking a
// license file on this machine ("why is this file refused?").
#include <algorithm>
#include <cctype>
#include <fstream>
#include <iostream>
#include <sstream>

#include "cli/commands.hpp"
#include "common/time_format.hpp"
#include "crypto/fingerprint_request.hpp"
#include "crypto/license_file.hpp"
#include "crypto/payload_reader.hpp"
#include "crypto/public_keys_file.hpp"

namespace licensor::cli {
namespace {

// Everything a command's options point at must outlive parsing; CLI11 stores references.
struct VerifyOptions {
  std::string file;
  std::string public_keys;
  std::string fingerprint_request;
  std::string code;
  std::string at;
};

Json PayloadJson(const crypto::LicensePayload& p) {
  return Json::parse(crypto::CanonicalLicensePayload(p));
}

void PrintVerdict(const std::string& code, const std::string& detail, bool valid) {
  std::cout << "Verdict: " << code << (valid ? " (valid)" : " (NOT valid)") << "\n"
            << "Detail:  " << detail << "\n";
}

int Verify(const VerifyOptions& o, const Fetch& fetch, bool json_output) {
  const std::string text = ReadFileOrThrow(o.file, 1 << 20);
  crypto::PublicKeys keys;
  if (!o.public_keys.empty()) {
    auto read = crypto::ReadPublicKeysFile(ReadFileOrThrow(o.public_keys, 1 << 20));
    if (!read.ok()) throw CLI::ValidationError("--public-keys", read.status().message());
    keys = std::move(*read);
  } else {
    auto document = fetch("/v1/keys/public");
    if (!document.ok()) {
      std::cerr << "error: no --public-keys file, and the server's keys are unavailable: "
                << document.status().message() << "\n";
      return 2;
    }
    auto read = crypto::ReadPublicKeysDocument(*document);
    if (!read.ok()) {
      std::cerr << "error: the server's public keys: " << read.status().message() << "\n";
      return 2;
    }
    keys = std::move(*read);
  }
  std::optional<crypto::Machine> machine;
  std::optional<crypto::DecryptionInput> decryption;
  if (!o.fingerprint_request.empty()) {
    auto request = crypto::ReadFingerprintRequest(ReadFileOrThrow(o.fingerprint_request, 1 << 16));
    if (!request.ok()) {
      throw CLI::ValidationError("--fingerprint-request", request.status().message());
    }
    machine = crypto::Machine{request->fingerprint, request->components};
    if (!o.code.empty()) decryption = crypto::DecryptionInput{o.code, request->fingerprint};
  }
  UnixSeconds now = std::time(nullptr);
  if (!o.at.empty()) {
    const auto at = ParseRfc3339(o.at);
    if (!at) throw CLI::ValidationError("--at", "give an RFC 3339 time, e.g. 2027-01-31T00:00:00Z");
    now = *at;
  }

  const crypto::OpenedLicense opened = crypto::OpenLicense(text, keys, decryption);
  Json report = {{"file", o.file}, {"key_id", opened.key_id}, {"encrypted", opened.encrypted}};
  crypto::FileCode verdict = opened.code;
  std::string detail = opened.detail;
  if (opened.code == crypto::FileCode::kValid) {
    const crypto::LicenseCheck check = crypto::CheckLicense(opened.payload, now, machine);
    verdict = check.code;
    detail = check.detail;
    report["payload"] = PayloadJson(opened.payload);
    report["differing_components"] = check.differing;
    if (!machine) detail += " (no --fingerprint-request: the machine binding was not checked)";
  }
  const bool valid = crypto::IsValid(verdict);
  const std::string code(crypto::ToString(verdict));
  report["code"] = code;
  report["valid"] = valid;
  report["detail"] = detail;
  report["checked_at"] = FormatRfc3339(now);
  if (json_output) {
    std::cout << report.dump(2) << "\n";
  } else {
    if (report.contains("payload")) {
      const auto& p = report["payload"];
      std::cout << "License:    " << Display(p["license_id"]) << " (" << Display(p["license_code"])
                << "), version " << Display(p["license_version"]) << "\n"
                << "Product:    " << Display(p["product"]["name"]) << " ("
                << Display(p["product"]["id"]) << ")\n"
                << "Customer:   " << Display(p["customer"]["name"]) << " ("
                << Display(p["customer"]["id"]) << ")\n"
                << "Features:   " << Display(p["features"]) << "\n"
                << "Mode:       " << Display(p["mode"]) << "\n"
                << "Issued:     " << FormatRfc3339(p["issued_at"].get<UnixSeconds>()) << "\n"
                << "Valid from: " << FormatRfc3339(p["not_before"].get<UnixSeconds>()) << "\n"
                << "Expires:    "
                << (p["expires_at"].is_null() ? std::string("never (perpetual)")
                                              : FormatRfc3339(p["expires_at"].get<UnixSeconds>()))
                << "\n"
                << "Bound to:   " << Display(p["binding"]["fingerprint"]) << "\n"
                << "Signed by:  key " << opened.key_id << "\n";
    }
    PrintVerdict(code, detail, valid);
  }
  return valid ? 0 : 1;
}

}  // namespace

void RegisterFileCommands(CLI::App& app, std::function<Request()>& selected) {
  // keys
  CLI::App* keys = app.add_subcommand("keys", "Signing keys")->require_subcommand(1);
  keys->add_subcommand("list", "List the signing keys")->callback([&selected] {
    selected = [] {
      return Request{"GET",
                     "/v1/keys",
                     nullptr,
                     View::kList,
                     {{"KEY ID", "key_id"}, {"CURRENT", "current"}, {"RETIRED", "retired"}},
                     ""};
    };
  });
  keys->add_subcommand("rotate", "Create a new signing key for new files (admin)")
      ->callback([&selected] {
        selected = [] { return Request{"POST", "/v1/keys/rotate", Json::object()}; };
      });
  static std::string retire_id;
  CLI::App* retire = keys->add_subcommand("retire", "Retire a key: files it signed are refused");
  retire->add_option("key_id", retire_id, "Key id")->required();
  retire->callback([&selected] {
    selected = [] {
      return Request{"POST", "/v1/keys/" + retire_id + "/retire", Json::object(), View::kNone,
                     {},     "Retired key " + retire_id + "."};
    };
  });
  static std::string public_out;
  CLI::App* public_keys =
      keys->add_subcommand("public", "Export the public keys to embed in a product");
  public_keys->add_option("-o,--output", public_out, "Write to this file instead of stdout");
  public_keys->callback([&selected] {
    selected = [] {
      Request r{"GET", "/v1/keys/public", nullptr};
      r.save_path = public_out.empty() ? "-" : public_out;
      return r;
    };
  });

  // license offline-file / verify (the "licenses" group exists already)
  CLI::App* licenses = app.get_subcommand("licenses");
  static std::string offline_id, request_path, offline_out;
  static bool encrypt = false;
  CLI::App* offline = licenses->add_subcommand(
      "offline-file", "Issue a license file for a machine's fingerprint request (uses a slot)");
  offline->add_option("id", offline_id, "License id")->required();
  offline->add_option("--request", request_path, "The file licensor-fingerprint wrote")->required();
  offline->add_option("-o,--output", offline_out, "Where to write the license file")->required();
  offline->add_flag("--encrypt", encrypt, "Encrypt the payload for that machine only");
  offline->callback([&selected] {
    selected = [] {
      const Json request = Json::parse(ReadFileOrThrow(request_path, 1 << 16), nullptr, false);
      if (!request.is_object()) {
        throw CLI::ValidationError("--request", "the file is not a JSON fingerprint request");
      }
      Request r{"POST", "/v1/licenses/" + offline_id + "/offline-files",
                Json{{"request", request}, {"encrypt", encrypt}}};
      r.save_field = "license_file";
      r.save_path = offline_out;
      r.done_message = "Wrote the license file to " + offline_out + ".";
      return r;
    };
  });

  static std::string proof_path;
  CLI::App* release = licenses->add_subcommand(
      "release-offline",
      "Free the slot of an offline machine from the deactivation proof its product wrote. A "
      "proof is sealed with the license code, which the machine's file holds, so whoever holds "
      "the file can write one and keep the machine running: it is the customer's word that the "
      "machine stopped, not proof (docs/license-format.md)");
  release->add_option("--proof", proof_path, "The proof the product wrote")->required();
  release->callback([&selected] {
    selected = [] {
      const Json proof = Json::parse(ReadFileOrThrow(proof_path, 1 << 16), nullptr, false);
      const std::string id = crypto::TextOr(proof, "license_id");
      const bool id_like =
          !id.empty() && id.size() <= 64 && std::all_of(id.begin(), id.end(), [](char c) {
            return std::isalnum(static_cast<unsigned char>(c)) || c == '_';
          });
      if (!id_like) throw CLI::ValidationError("--proof", "the file is not a deactivation proof");
      Request req{"POST", "/v1/licenses/" + id + "/offline-deactivations", Json{{"proof", proof}},
                  View::kNone};
      // How often this was done before: a proof is the customer's word, and a pattern shows.
      req.describe = [id](const Json& answer) {
        const Json earlier = answer.value("earlier_offline_releases", Json::object());
        return "Freed the slot of license " + id + " that the machine gave up.\n" +
               "Offline releases before this one: " + std::to_string(earlier.value("license", 0)) +
               " of this license, " + std::to_string(earlier.value("machine", 0)) +
               " of this machine.";
      };
      return req;
    };
  });

  static VerifyOptions verify;
  CLI::App* check = licenses->add_subcommand(
      "verify", "Check a license file on this machine: signature, times, binding");
  check->add_option("file", verify.file, "The license file")->required();
  check->add_option("--public-keys", verify.public_keys,
                    "Public keys file (from 'keys public'); default: ask the server");
  check->add_option("--fingerprint-request", verify.fingerprint_request,
                    "Check the binding against this machine's fingerprint request");
  check->add_option("--code", verify.code, "License code, to open an encrypted file");
  check->add_option("--at", verify.at, "Check as of this RFC 3339 time instead of now");
  check->callback([&selected] {
    selected = [] {
      Request r;
      r.local = [](const Fetch& fetch, bool json_output) {
        return Verify(verify, fetch, json_output);
      };
      return r;
    };
  });

  // bundle create
  CLI::App* bundle = app.add_subcommand("bundle", "Offline update bundles")->require_subcommand(1);
  static std::string bundle_license, bundle_activation, bundle_url, bundle_out;
  CLI::App* create = bundle->add_subcommand(
      "create", "Write one file with the refreshed license file, public keys and a config");
  create->add_option("--license", bundle_license, "License id")->required();
  create->add_option("--activation", bundle_activation, "Activation id")->required();
  create->add_option("--server-url", bundle_url, "Server URL for the configuration template");
  create->add_option("-o,--output", bundle_out, "Where to write the bundle")->required();
  create->callback([&selected] {
    selected = [] {
      Json body = {{"activation_id", bundle_activation}};
      if (!bundle_url.empty()) body["server_url"] = bundle_url;
      Request r{"POST", "/v1/licenses/" + bundle_license + "/bundles", body};
      r.save_field = "bundle";
      r.save_path = bundle_out;
      r.done_message = "Wrote the bundle to " + bundle_out + ".";
      return r;
    };
  });
}

std::string ReadFileOrThrow(const std::string& path, std::size_t limit) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw CLI::ValidationError(path, "cannot read the file");
  std::ostringstream text;
  text << in.rdbuf();
  if (text.str().size() > limit) throw CLI::ValidationError(path, "the file is too large");
  return text.str();
}

}  // namespace licensor::cli
