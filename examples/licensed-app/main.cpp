// licensed-app: what a vendor's product does with the Licensor SDK. Copy it and keep the parts
// you need: activate once (or load an offline file), then check the license where it matters.
//
//   licensed-app --data-dir DIR --public-keys keys.json --code CODE --server URL --activate
//   licensed-app --data-dir DIR --public-keys keys.json --license-file license.lic
//   licensed-app --data-dir DIR --public-keys keys.json --code CODE --server URL --watch
//
// It prints one line per license state; --watch keeps running with the heartbeat thread and
// prints a line whenever the state changes. Exit code: 0 valid, 1 not valid, 2 usage.
#include <atomic>
#include <chrono>
#include <csignal>
#include <ctime>
#include <fstream>
#include <iostream>
#include <licensor/licensor.hpp>
#include <sstream>
#include <thread>

namespace {

std::atomic<bool> stop{false};

std::string ReadText(const std::string& path) {
  std::ifstream in(path);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

std::string Utc(std::int64_t t) {
  const std::time_t time = t;
  std::tm tm{};
  gmtime_r(&time, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buf;
}

// One line a monitoring system (or a test) can read.
std::string StateLine(licensor::sdk::Client& client, const std::vector<std::string>& features) {
  const licensor::sdk::Code code = client.Validate();
  const licensor::sdk::LicenseInfo info = client.Info();
  std::ostringstream line;
  line << "state=" << licensor::sdk::CodeName(code)
       << " valid=" << (licensor::sdk::IsValid(code) ? "yes" : "no");
  if (info.loaded) {
    line << " license=" << info.license_id << " version=" << info.version << " mode=" << info.mode
         << " expires=" << (info.expires_at ? Utc(*info.expires_at) : std::string("never"))
         << " refresh_by=" << (info.refresh_by ? Utc(*info.refresh_by) : std::string("never"));
    if (info.trial) line << " trial=yes days_left=" << info.days_left.value_or(0);
    std::string all;
    for (const auto& f : info.features) all += (all.empty() ? "" : ",") + f;
    line << " features=" << (all.empty() ? "-" : all);
    if (!info.differing_components.empty()) {
      line << " replaced=";
      for (std::size_t i = 0; i < info.differing_components.size(); ++i) {
        line << (i ? "," : "") << info.differing_components[i];
      }
    }
  }
  for (const auto& f : features)
    line << " feature:" << f << "=" << (client.HasFeature(f) ? "yes" : "no");
  if (!licensor::sdk::IsValid(code)) line << " message=\"" << client.Detail() << "\"";
  return line.str();
}

int Usage() {
  std::cerr << "usage: licensed-app --product ID --data-dir DIR --public-keys FILE [--server URL]\n"
               "         [--code CODE]\n"
               "         [--activate | --license-file FILE | --bundle FILE | --deactivate |\n"
               "          --deactivate-offline PROOF_FILE | --heartbeat]\n"
               "         [--feature NAME]... [--watch] [--component NAME=VALUE]...\n"
               "         [--clock-file FILE  (tests: read the time from FILE)]\n";
  return 2;
}

}  // namespace

int main(int argc, char** argv) {
  licensor::sdk::Config config;
  std::string keys_file, license_file, bundle, clock_file, proof_file;
  bool activate = false, deactivate = false, heartbeat = false, watch = false;
  std::vector<std::string> features;
  std::map<std::string, std::string> components;
  for (int i = 1; i < argc; ++i) {
    const std::string arg = argv[i];
    const auto value = [&]() -> std::string { return i + 1 < argc ? argv[++i] : ""; };
    if (arg == "--product")  // a real product has its id built in
      config.product_id = value();
    else if (arg == "--data-dir")
      config.data_dir = value();
    else if (arg == "--public-keys")
      keys_file = value();
    else if (arg == "--server")
      config.server_url = value();
    else if (arg == "--code")
      config.license_code = value();
    else if (arg == "--license-file")
      license_file = value();
    else if (arg == "--bundle")
      bundle = value();
    else if (arg == "--feature")
      features.push_back(value());
    else if (arg == "--clock-file")
      clock_file = value();
    else if (arg == "--activate")
      activate = true;
    else if (arg == "--deactivate")
      deactivate = true;
    else if (arg == "--deactivate-offline")
      proof_file = value();
    else if (arg == "--heartbeat")
      heartbeat = true;
    else if (arg == "--watch")
      watch = true;
    else if (arg == "--component") {
      const std::string pair = value();
      const auto eq = pair.find('=');
      if (eq == std::string::npos) return Usage();
      components[pair.substr(0, eq)] = pair.substr(eq + 1);
    } else {
      return Usage();
    }
  }
  if (config.product_id.empty() || config.data_dir.empty() || keys_file.empty()) return Usage();
  config.public_keys_json = ReadText(keys_file);
  if (!components.empty()) {
    // Start from the real machine and replace the named parts.
    auto machine = licensor::sdk::CollectFingerprint().components;
    for (const auto& [name, v] : components) machine[name] = v;
    config.components = machine;
  }
  if (!clock_file.empty()) {
    config.now = [clock_file] {
      return static_cast<std::int64_t>(std::stoll(ReadText(clock_file)));
    };
  }

  licensor::sdk::Code error = licensor::sdk::Code::kValid;
  auto client = licensor::sdk::Client::Open(config, &error);
  if (!client) {
    std::cerr << "licensed-app: " << licensor::sdk::CodeName(error) << ": "
              << licensor::sdk::CodeMessage(error) << "\n";
    return 2;
  }
  std::cout << "fingerprint=" << client->MachineFingerprint().fingerprint << std::endl;

  licensor::sdk::Code step = licensor::sdk::Code::kValid;
  if (activate) step = client->Activate();
  if (!license_file.empty()) step = client->LoadLicenseFile(license_file);
  if (!bundle.empty()) step = client->ApplyBundle(bundle);
  if (deactivate) step = client->Deactivate();
  if (!proof_file.empty()) step = client->DeactivateOffline(proof_file);
  if (heartbeat) step = client->HeartbeatOnce();
  if (step != licensor::sdk::Code::kValid) {
    // Detail() is for the product's user; Cause() for its log.
    std::cout << "step=" << licensor::sdk::CodeName(step) << " detail=\"" << client->Detail()
              << "\" cause=\"" << client->Cause() << "\"" << std::endl;
  }

  // Validate() never waits for the network: past the file's refresh-by it answers from the file
  // (in grace) and lets the SDK's thread fetch a fresh one. A product starting up may rather
  // wait once for the server, as this one does.
  const licensor::sdk::Code at_start = client->Validate();
  if (!config.server_url.empty() && step == licensor::sdk::Code::kValid &&
      (at_start == licensor::sdk::Code::kOfflineGrace ||
       at_start == licensor::sdk::Code::kRefreshRequired)) {
    client->Refresh();
  }

  std::string line = StateLine(*client, features);
  std::cout << line << std::endl;
  if (!watch) return licensor::sdk::IsValid(client->Validate()) ? 0 : 1;

  std::signal(SIGTERM, [](int) { stop = true; });
  std::signal(SIGINT, [](int) { stop = true; });
  client->StartHeartbeat();
  while (!stop) {
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
    const std::string now = StateLine(*client, features);
    if (now != line) std::cout << (line = now) << std::endl;
  }
  client->StopHeartbeat();
  return 0;
}
