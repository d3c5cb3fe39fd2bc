// Client-side speed, printed beside its references in one run:
//  - loading and verifying a license file vs a bare libsodium Ed25519 verify of the same bytes
//    (goal: at most 1.25x);
//  - a hot Validate() and HasFeature() on a loaded license, one thread (goal: over 10 M/s);
//  - Validate() while the file is past its refresh-by and the server takes the connection but
//    never answers (goal: no call waits for the network; the request's timeout is 10 s).
#include <netinet/in.h>
#include <sodium.h>
#include <sys/socket.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <thread>
#include <vector>

#include "crypto/fingerprint_request.hpp"
#include "crypto/license_file.hpp"
#include "crypto/public_keys_file.hpp"
#include "licensor/licensor.hpp"

namespace {

using namespace licensor;
using Steady = std::chrono::steady_clock;

// Best of five rounds of `iterations` calls: nanoseconds per call.
template <typename Call>
double NanosPerCall(long iterations, const Call& call) {
  double best = 1e18;
  for (int round = 0; round < 5; ++round) {
    const auto start = Steady::now();
    for (long i = 0; i < iterations; ++i) call();
    const double ns = std::chrono::duration<double, std::nano>(Steady::now() - start).count();
    best = std::min(best, ns / static_cast<double>(iterations));
  }
  return best;
}

// Keeps a result alive without a store the compiler could see through or a volatile write.
inline void Keep(int value) { asm volatile("" : : "r"(value) : "memory"); }

// A server on loopback that accepts every connection and never answers: a license server that
// hangs. Its connections stay open until the process ends.
class HangingServer {
 public:
  HangingServer() {
    fd_ = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    socklen_t size = sizeof address;
    ::bind(fd_, reinterpret_cast<sockaddr*>(&address), size);
    ::listen(fd_, 16);
    ::getsockname(fd_, reinterpret_cast<sockaddr*>(&address), &size);
    port_ = ntohs(address.sin_port);
    std::thread([fd = fd_] {
      std::vector<int> held;
      for (int c; (c = ::accept(fd, nullptr, nullptr)) >= 0;) held.push_back(c);
    }).detach();
  }
  std::string url() const { return "http://127.0.0.1:" + std::to_string(port_); }

 private:
  int fd_ = -1;
  int port_ = 0;
};

struct Latency {
  double mean_ns = 0, max_ns = 0;
};

// Each of `calls` calls timed on its own: the mean, and the slowest.
template <typename Call>
Latency EachCall(long calls, const Call& call) {
  Latency out;
  double total = 0;
  for (long i = 0; i < calls; ++i) {
    const auto start = Steady::now();
    call();
    const double ns = std::chrono::duration<double, std::nano>(Steady::now() - start).count();
    total += ns;
    out.max_ns = std::max(out.max_ns, ns);
  }
  out.mean_ns = total / static_cast<double>(calls);
  return out;
}

}  // namespace

int main() {
  if (sodium_init() < 0) return 1;
  const crypto::SigningKey key = crypto::NewSigningKey();
  const crypto::PublicKeys trusted = {{key.key_id, crypto::TrustedKey{key.public_key, false}}};

  const sdk::Fingerprint machine = sdk::CollectFingerprint();
  crypto::LicensePayload p;
  p.license_id = "lic_bench";
  p.license_code = "LIC-2266-EtgAHCyh8HJT-hTAA";
  p.activation_id = "act_bench";
  p.product_id = "prod_bench";
  p.product_name = "Analyzer";
  p.customer_id = "cust_bench";
  p.customer_name = "Acme Manufacturing";
  p.features = {"core", "export", "reports", "scheduling", "sso"};
  p.issued_at = p.not_before = std::time(nullptr) - 60;
  p.expires_at = p.issued_at + 365 * 86400;
  p.mode = "OFFLINE";
  p.fingerprint = machine.fingerprint;
  p.components = machine.components;
  p.rule = {{"mac", "cpu", "disk"}, 2};
  p.max_activations = 5;
  const std::string file = crypto::IssueLicenseFile(key, p);

  // The bare reference: one Ed25519 verify of exactly the bytes the file's signature covers.
  const std::string signed_bytes =
      crypto::SignedBytes(key.key_id, crypto::CanonicalLicensePayload(p));
  const auto signature = crypto::Sign(key, signed_bytes);
  const double bare = NanosPerCall(20000, [&] {
    Keep(crypto_sign_verify_detached(signature.data(),
                                     reinterpret_cast<const unsigned char*>(signed_bytes.data()),
                                     signed_bytes.size(), key.public_key.data()));
  });
  const crypto::Machine here{machine.fingerprint, machine.components};
  const double load = NanosPerCall(20000, [&] {
    const crypto::OpenedLicense o = crypto::OpenLicense(file, trusted);
    Keep(static_cast<int>(crypto::CheckLicense(o.payload, p.issued_at + 10, here).code));
  });

  // A client with the file installed, as a product holds it.
  const std::string dir = std::filesystem::temp_directory_path() / "licensor-sdk-bench";
  std::filesystem::remove_all(dir);
  sdk::Config config;
  config.product_id = p.product_id;
  config.data_dir = dir;
  config.public_keys_json =
      crypto::PublicKeysDocument({{key.key_id, key.public_key, true, false}}).dump();
  config.license_code = p.license_code;
  auto client = sdk::Client::Open(config);
  const std::string path = dir + "/incoming.lic";
  {
    std::FILE* f = std::fopen(path.c_str(), "w");
    std::fputs(file.c_str(), f);
    std::fclose(f);
  }
  if (!client || client->LoadLicenseFile(path) != sdk::Code::kValid) {
    std::fprintf(stderr, "cannot load the benchmark license: %s\n",
                 client ? client->Detail().c_str() : "");
    return 1;
  }
  const double validate =
      NanosPerCall(20'000'000, [&] { Keep(static_cast<int>(client->Validate())); });
  const double feature = NanosPerCall(20'000'000, [&] { Keep(client->HasFeature("reports")); });
  client.reset();
  std::filesystem::remove_all(dir);

  // The same client with a hybrid file an hour past its refresh-by, in its offline grace, and a
  // server that hangs: each Validate() past refresh-by asks the SDK's thread for a fresh file.
  const HangingServer hanging;
  crypto::LicensePayload hybrid = p;
  hybrid.mode = "HYBRID";
  hybrid.refresh_by = p.issued_at - 3600 + 60;
  hybrid.issued_at = p.issued_at - 3600;
  hybrid.not_before = hybrid.issued_at;
  hybrid.offline_grace_s = 7 * 86400;
  hybrid.heartbeat_interval_s = 3600;
  config.server_url = hanging.url();
  config.http_timeout_ms = 10'000;
  client = sdk::Client::Open(config);
  {
    std::FILE* f = std::fopen(path.c_str(), "w");
    std::fputs(crypto::IssueLicenseFile(key, hybrid).c_str(), f);
    std::fclose(f);
  }
  if (!client || client->LoadLicenseFile(path) != sdk::Code::kValid ||
      client->Validate() != sdk::Code::kOfflineGrace) {
    std::fprintf(stderr, "cannot load the hybrid benchmark license\n");
    return 1;
  }
  const auto hang_start = Steady::now();
  const Latency hung = EachCall(1'000'000, [&] { Keep(static_cast<int>(client->Validate())); });
  const double hung_s = std::chrono::duration<double>(Steady::now() - hang_start).count();
  client.reset();  // abandons the request in flight
  std::filesystem::remove_all(dir);

  std::printf("license file: %zu bytes (payload %zu bytes, signed bytes %zu)\n", file.size(),
              crypto::CanonicalLicensePayload(p).size(), signed_bytes.size());
  std::printf("%-44s %12s %14s\n", "operation", "per call", "per second");
  std::printf("%-44s %9.1f us %14.0f\n", "bare libsodium Ed25519 verify (reference)", bare / 1000,
              1e9 / bare);
  std::printf("%-44s %9.1f us %14.0f   %.2fx the bare verify (goal <= 1.25x)\n",
              "load + verify + check a license file", load / 1000, 1e9 / load, load / bare);
  std::printf("%-44s %9.1f ns %14.0f   (goal > 10,000,000/s)\n", "Client::Validate(), one thread",
              validate, 1e9 / validate);
  std::printf("%-44s %9.1f ns %14.0f   (goal > 10,000,000/s)\n", "Client::HasFeature(), one thread",
              feature, 1e9 / feature);
  std::printf(
      "%-44s %9.1f ns %14s   slowest call %.1f us, all %.2f s (goal: none waits "
      "for the 10 s request)\n",
      "Validate() while the server hangs", hung.mean_ns, "", hung.max_ns / 1000, hung_s);
  return 0;
}
