// Client-side speed, printed beside its references in one run:
//  - loading and verifying a license file vs a bare libsodium Ed25519 verify of the same bytes
//    (goal: at most 1.25x);
//  - a hot Validate() and HasFeature() on a loaded license, one thread (goal: over 10 M/s).
#include <sodium.h>

#include <chrono>
#include <cstdio>
#include <filesystem>

#include "crypto/fingerprint_request.hpp"
#include "crypto/license_file.hpp"
#include "crypto/public_keys_file.hpp"
#include "licensor/licensor.hpp"

namespace {

using namespace licensor;
using Clock = std::chrono::steady_clock;

// Best of five rounds of `iterations` calls: nanoseconds per call.
template <typename Call>
double NanosPerCall(long iterations, const Call& call) {
  double best = 1e18;
  for (int round = 0; round < 5; ++round) {
    const auto start = Clock::now();
    for (long i = 0; i < iterations; ++i) call();
    const double ns = std::chrono::duration<double, std::nano>(Clock::now() - start).count();
    best = std::min(best, ns / static_cast<double>(iterations));
  }
  return best;
}

// Keeps a result alive without a store the compiler could see through or a volatile write.
inline void Keep(int value) { asm volatile("" : : "r"(value) : "memory"); }

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
  return 0;
}
