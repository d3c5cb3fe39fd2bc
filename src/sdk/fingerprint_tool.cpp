// licensor-fingerprint: prints this machine's fingerprint and writes the request file a vendor
// turns into an offline license file (licensorctl license offline-file --request FILE).
#include <cstring>
#include <ctime>
#include <fstream>
#include <iostream>

#include "licensor/licensor.hpp"

namespace {

constexpr const char* kUsage =
    "usage: licensor-fingerprint [-o REQUEST_FILE] [--component NAME=VALUE]...\n"
    "  Prints this machine's fingerprint and components; with -o, also writes the offline\n"
    "  fingerprint request to send to the vendor. --component replaces or adds one component\n"
    "  (for machines whose identifiers cannot be read, or to test a replaced part).\n";

}  // namespace

int main(int argc, char** argv) {
  std::string output;
  std::map<std::string, std::string> overrides;
  for (int i = 1; i < argc; ++i) {
    const std::string arg = argv[i];
    if ((arg == "-o" || arg == "--output") && i + 1 < argc) {
      output = argv[++i];
    } else if (arg == "--component" && i + 1 < argc) {
      const std::string pair = argv[++i];
      const auto eq = pair.find('=');
      if (eq == std::string::npos || eq == 0) {
        std::cerr << "licensor-fingerprint: --component needs NAME=VALUE\n";
        return 2;
      }
      overrides[pair.substr(0, eq)] = pair.substr(eq + 1);
    } else if (arg == "-h" || arg == "--help") {
      std::cout << kUsage;
      return 0;
    } else {
      std::cerr << kUsage;
      return 2;
    }
  }
  licensor::sdk::Fingerprint f = licensor::sdk::CollectFingerprint();
  for (const auto& [name, value] : overrides) f.components[name] = value;
  f.fingerprint = licensor::sdk::FingerprintOf(f.components);

  std::cout << "fingerprint:    " << f.fingerprint << "\n"
            << "hostname:       " << f.hostname << "\n"
            << "platform:       " << f.platform << "\n"
            << "virtualization: " << f.virtualization << "\n";
  for (const auto& [name, value] : f.components) std::cout << "  " << name << ": " << value << "\n";
  if (f.virtualization != "none") {
    std::cout << "note: this machine runs in a " << f.virtualization
              << "; identifiers of virtual machines and containers can change when they move\n";
  }
  if (!output.empty()) {
    std::ofstream out(output, std::ios::trunc);
    out << licensor::sdk::FingerprintRequestJson(f, std::time(nullptr));
    out.close();
    if (!out) {
      std::cerr << "licensor-fingerprint: cannot write " << output << "\n";
      return 1;
    }
    std::cout << "wrote the request to " << output << "\n";
  }
  return 0;
}
