// libFuzzer target for everything that reads untrusted license-related input: license files,
// bundles, certificate packages and deployment licenses, public key files, fingerprint
// requests, deactivation proofs, the SDK's state file, and the Licensor-Signature of a server's
// answer. Built with clang and the address and
// undefined-behaviour sanitizers by tests/fuzz/run.sh.
#include <unistd.h>

#include <cstdint>
#include <cstdlib>
#include <fstream>
#include <string>

#include "crypto/answer_signature.hpp"
#include "crypto/bundle.hpp"
#include "crypto/canonical_json.hpp"
#include "crypto/certificate_files.hpp"
#include "crypto/deactivation_proof.hpp"
#include "crypto/fingerprint_request.hpp"
#include "crypto/license_file.hpp"
#include "crypto/public_keys_file.hpp"
#include "crypto/random.hpp"
#include "sdk/client_state.hpp"

namespace {

using namespace licensor::crypto;

SigningKey TestKey() {
  std::array<unsigned char, 32> seed{};
  for (std::size_t i = 0; i < seed.size(); ++i) seed[i] = static_cast<unsigned char>(i);
  return SigningKeyFromSeed(seed);
}

LicensePayload SeedPayload() {
  LicensePayload p;
  p.license_id = "lic_1";
  p.license_code = "LIC-2266-EtgAHCyh8HJT-hTAA";
  p.activation_id = "act_1";
  p.product_id = "prd_1";
  p.customer_id = "cus_1";
  p.features = {"core"};
  p.issued_at = p.not_before = 1'800'000'000;
  p.mode = "OFFLINE";
  p.components = {{"mac", "aa"}, {"cpu", "x"}};
  p.fingerprint = FingerprintOf(p.components);
  p.rule = {{"mac", "cpu"}, 1};
  return p;
}

// A valid file, so the fuzzer starts from inputs that reach the deepest checks.
std::string SeedFile(const SigningKey& key, bool encrypt) {
  return IssueLicenseFile(key, SeedPayload(), IssueOptions{encrypt});
}

bool HasFloat(const nlohmann::json& v) {
  if (v.is_number_float()) return true;
  if (v.is_structured()) {
    for (const auto& item : v) {
      if (HasFloat(item)) return true;
    }
  }
  return false;
}

int Depth(const nlohmann::json& v) {
  int deepest = 0;
  if (v.is_structured()) {
    for (const auto& item : v) deepest = std::max(deepest, Depth(item));
    return deepest + 1;
  }
  return 0;
}

// The canonical parser must agree with "what nlohmann::json::dump() writes" on every input.
void CheckCanonicalParserAgrees(std::string_view text) {
  nlohmann::json mine;
  const bool canonical = ParseCanonicalJson(text, mine);
  const auto reference = nlohmann::json::parse(text, nullptr, /*allow_exceptions=*/false);
  if (reference.is_discarded() || Depth(reference) > 64) {
    if (canonical && reference.is_discarded()) std::abort();
    return;
  }
  const bool expected = reference.is_object() && !HasFloat(reference) && reference.dump() == text;
  if (canonical != expected) std::abort();
  if (canonical && mine != reference) std::abort();
}

// The SDK's state file, which root on the customer's machine may edit: whatever it holds reads
// as a state, and one written back reads the same.
void CheckStateFile(std::string_view text) {
  static const std::string path = std::string(access("/dev/shm", W_OK) == 0 ? "/dev/shm" : "/tmp") +
                                  "/licensor-fuzz-state-" + std::to_string(getpid()) + ".json";
  std::ofstream(path, std::ios::trunc) << text;
  const licensor::sdk::ClientState state = licensor::sdk::ReadClientState(path);
  if (state.released.size() > licensor::sdk::ClientState::kMaxReleased) std::abort();
  if (!licensor::sdk::WriteClientState(path, state)) return;
  const licensor::sdk::ClientState again = licensor::sdk::ReadClientState(path);
  if (again.trusted_time != state.trusted_time || again.released != state.released ||
      again.highest_version != state.highest_version || again.stopped != state.stopped) {
    std::abort();
  }
}

// What the SDK checks a heartbeat's answer against; the seed is signed for another body.
AnswerFields HeartbeatAnswer(std::string_view body) {
  return {200, "POST", "/v1/client/heartbeat", "0123456789abcdef", 1'800'000'000, body};
}

// A Licensor-Signature as a fake server may send it: read without trouble, and never accepted
// (forging one is what the fuzzer cannot do).
void CheckAnswerSignature(std::string_view header, const PublicKeys& trusted) {
  static const AnswerKey mac_key{};
  if (VerifyAnswer(header, HeartbeatAnswer(""), trusted, &mac_key, 1'800'000'000, 3600).ok) {
    std::abort();
  }
}

}  // namespace

extern "C" int LLVMFuzzerInitialize(int*, char***) {
  if (!Initialize()) std::abort();
  // run.sh asks for the seed corpus this way before fuzzing.
  if (const char* dir = std::getenv("LICENSOR_FUZZ_WRITE_SEEDS")) {
    const SigningKey key = TestKey();
    std::ofstream(std::string(dir) + "/plain.lic") << SeedFile(key, false);
    std::ofstream(std::string(dir) + "/encrypted.lic") << SeedFile(key, true);
    std::ofstream(std::string(dir) + "/payload.json") << CanonicalLicensePayload(SeedPayload());
    DeactivationProof proof;
    proof.license_id = "lic_1";
    proof.activation_id = "act_1";
    proof.fingerprint = SeedPayload().fingerprint;
    proof.license_version = 3;
    proof.deactivated_at = 1'800'000'000;
    std::ofstream(std::string(dir) + "/proof.json")
        << WriteDeactivationProof(proof, "LIC-2266-EtgAHCyh8HJT-hTAA");
    std::ofstream(std::string(dir) + "/answer-signature.txt")
        << SignAnswer(key, HeartbeatAnswer("another body"));
    std::exit(0);
  }
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static const SigningKey key = TestKey();
  static const PublicKeys trusted = {{key.key_id, TrustedKey{key.public_key, false}}};
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  CheckAnswerSignature(text, trusted);

  const OpenedLicense opened =
      OpenLicense(text, trusted, DecryptionInput{"LIC-2266-EtgAHCyh8HJT-hTAA", "fp"});
  if (opened.code == FileCode::kValid) {
    // Whatever parses must check without trouble and re-encode to what was signed.
    (void)CheckLicense(opened.payload, 1'800'000'000, Machine{"fp", {{"mac", "aa"}}});
    if (!opened.encrypted && CanonicalLicensePayload(opened.payload).empty()) std::abort();
  }
  // The payload reader behind the signature, reached directly: signed files come from the
  // vendor, but a reader must never trust that they are well formed.
  CheckCanonicalParserAgrees(text);
  const auto document = nlohmann::json::parse(text, nullptr, /*allow_exceptions=*/false);
  if (!document.is_discarded()) (void)ReadLicensePayload(document);
  (void)OpenBundle(text, trusted);
  (void)OpenCertificatePackage(text, trusted);
  (void)OpenDeploymentLicense(text, trusted);
  (void)ReadPublicKeysFile(text);
  (void)ReadFingerprintRequest(text);
  if (!document.is_discarded()) {
    const auto proof = ReadDeactivationProof(document);
    if (proof.ok()) (void)SealMatches(*proof, "LIC-2266-EtgAHCyh8HJT-hTAA");
  }
  CheckStateFile(text);
  return 0;
}
