// Every answer of the client API, of device reports and of the registry's check is signed for
// the request it answers (docs/license-format.md, "Signed answers"): checked here through raw
// HTTP, as a product, a device or a platform calls licensord without the SDK.
#include <sodium.h>

#include "crypto/answer_signature.hpp"
#include "crypto/encoding.hpp"
#include "crypto/public_keys_file.hpp"
#include "crypto/random.hpp"
#include "tests/support/e2e_fixture.hpp"

namespace licensor::testing {
namespace {

class SignedAnswers : public LicensordTest {
 protected:
  void SetUp() override {
    LicensordTest::SetUp();
    auto keys = crypto::ReadPublicKeysFile(admin().Get("/v1/keys/public").body);
    ASSERT_TRUE(keys.ok());
    keys_ = *keys;
  }
  // The request, sent with a fresh nonce (and `extra` headers), and its answer.
  struct Exchange {
    std::string method, path, nonce;
    ApiResponse answer;
  };
  Exchange Send(Api& api, const std::string& method, const std::string& path,
                const std::string& body, std::map<std::string, std::string> extra = {}) {
    Exchange e{method, path, crypto::NewNonce(), {}};
    extra["Licensor-Nonce"] = e.nonce;
    e.answer = api.Raw(method, path, body, "application/json", extra);
    return e;
  }
  crypto::AnswerCheck Check(const Exchange& e, const crypto::AnswerKey* mac_key = nullptr,
                            std::optional<std::string> nonce = std::nullopt) const {
    const auto header = e.answer.headers.find("licensor-signature");
    return crypto::VerifyAnswer(
        header == e.answer.headers.end() ? "" : header->second,
        {e.answer.status, e.method, e.path, nonce.value_or(e.nonce), 0, e.answer.body}, keys_,
        mac_key, server_.Now(), 60);
  }
  static std::string Alg(const Exchange& e) {
    const std::string& header = e.answer.headers.at("licensor-signature");
    return header.substr(4, header.find(',') - 4);
  }

  crypto::PublicKeys keys_;
};

TEST_F(SignedAnswers, EveryClientAnswerIsSignedForItsOwnRequest) {
  const Json license = IssueLicense({{"deployment_mode", "ONLINE"}, {"duration_days", 30}});
  const std::string code = license["code"];
  const std::string machine = Json{{"code", code}, {"fingerprint", "fp-signed"}}.dump();
  Api api = server_.Client();
  std::vector<Exchange> exchanges = {
      Send(api, "POST", "/v1/client/activate", machine),
      Send(api, "POST", "/v1/client/validate", machine),
      Send(api, "POST", "/v1/client/heartbeat", machine),
      Send(api, "GET", "/v1/client/license-file", "",
           {{"Authorization", "License " + code}, {"Licensor-Fingerprint", "fp-signed"}}),
      Send(api, "POST", "/v1/client/validate", R"({"code":"LIC-0000-NOSUCHCODE00-AAAA"})"),
      Send(api, "POST", "/v1/client/validate", "{not json"),
      Send(api, "POST", "/v1/client/heartbeat", R"({"code":1})"),
      Send(api, "POST", "/v1/client/deactivate", machine),
      Send(api, "POST", "/v1/client/deactivate", machine),
  };
  // An unknown code is a verdict (200, valid false); a second deactivation, NOT_ACTIVATED.
  const std::vector<int> statuses = {201, 200, 200, 200, 200, 400, 400, 204, 404};
  for (std::size_t i = 0; i < exchanges.size(); ++i) {
    const Exchange& e = exchanges[i];
    SCOPED_TRACE(e.method + " " + e.path + " #" + std::to_string(i));
    EXPECT_EQ(e.answer.status, statuses[i]) << e.answer.body;
    EXPECT_EQ(Alg(e), "ed25519");
    const crypto::AnswerCheck check = Check(e);
    EXPECT_TRUE(check.ok) << check.why;
    // Signed for this request: to any other nonce it is a replay.
    EXPECT_FALSE(Check(e, nullptr, crypto::NewNonce()).ok);
  }
  // Without a nonce the answer is signed all the same, over an empty one.
  Exchange bare{"POST", "/v1/client/validate", "",
                api.Post("/v1/client/validate", Json::parse(machine))};
  EXPECT_TRUE(Check(bare).ok) << Check(bare).why;
}

TEST_F(SignedAnswers, TheActivationHandsOverAnAnswerKeyForMacs) {
  const Json license = IssueLicense({{"duration_days", 30}});
  const std::string code = license["code"];
  unsigned char pk[crypto_box_PUBLICKEYBYTES], sk[crypto_box_SECRETKEYBYTES];
  crypto_box_keypair(pk, sk);
  std::array<unsigned char, 32> public_key{}, secret_key{};
  std::copy(std::begin(pk), std::end(pk), public_key.begin());
  std::copy(std::begin(sk), std::end(sk), secret_key.begin());
  const std::string pk_b64 = crypto::Base64(std::string(reinterpret_cast<char*>(pk), sizeof pk));
  Api api = server_.Client();

  const Exchange activation =
      Send(api, "POST", "/v1/client/activate",
           Json{{"code", code}, {"fingerprint", "fp-mac"}, {"answer_key", pk_b64}}.dump());
  ASSERT_EQ(activation.answer.status, 201) << activation.answer.body;
  EXPECT_TRUE(Check(activation).ok) << "the key comes in a signed answer";
  const auto key = crypto::OpenAnswerKey(activation.answer.json.value("answer_key_sealed", ""),
                                         public_key, secret_key);
  ASSERT_TRUE(key.has_value()) << activation.answer.body;

  const std::map<std::string, std::string> mac = {{"Licensor-Accept-Signature", "blake2b-mac"}};
  const std::string machine = Json{{"code", code}, {"fingerprint", "fp-mac"}}.dump();
  for (const std::string path : {"/v1/client/validate", "/v1/client/heartbeat"}) {
    const Exchange e = Send(api, "POST", path, machine, mac);
    EXPECT_EQ(e.answer.status, 200) << e.answer.body;
    EXPECT_EQ(Alg(e), "blake2b-mac");
    EXPECT_TRUE(Check(e, &*key).ok) << Check(e, &*key).why;
    EXPECT_FALSE(Check(e).ok) << "a MAC is no signature";
    EXPECT_FALSE(Check(e, &*key, crypto::NewNonce()).ok);
  }
  // Another machine's answers are under another key; and the same again a second time.
  const Exchange other = Send(api, "POST", "/v1/client/validate",
                              Json{{"code", code}, {"fingerprint", "fp-other"}}.dump(), mac);
  EXPECT_FALSE(Check(other, &*key).ok);
  const Exchange again =
      Send(api, "POST", "/v1/client/activate",
           Json{{"code", code}, {"fingerprint", "fp-mac"}, {"answer_key", pk_b64}}.dump());
  EXPECT_EQ(crypto::OpenAnswerKey(again.answer.json.value("answer_key_sealed", ""), public_key,
                                  secret_key),
            key);
  // A caller that does not ask for a MAC gets a signature.
  EXPECT_EQ(Alg(Send(api, "POST", "/v1/client/validate", machine)), "ed25519");
}

TEST_F(SignedAnswers, ABadNonceOrAnswerKeyIsRefusedByName) {
  const Json license = IssueLicense({{"duration_days", 30}});
  Api api = server_.Client();
  const std::string machine = Json{{"code", license["code"]}, {"fingerprint", "fp-bad"}}.dump();
  for (const std::string& nonce : {std::string("a b"), std::string(129, 'n'), std::string("é")}) {
    const ApiResponse res = api.Raw("POST", "/v1/client/validate", machine, "application/json",
                                    {{"Licensor-Nonce", nonce}});
    EXPECT_EQ(res.status, 400) << nonce;
    EXPECT_EQ(res.json["code"], "INVALID_FIELD");
    EXPECT_NE(res.json["detail"].get<std::string>().find("Licensor-Nonce"), std::string::npos);
    EXPECT_TRUE(Check({"POST", "/v1/client/validate", "", res}).ok) << "signed, with no nonce";
  }
  for (const std::string& key :
       {std::string("not base64!"), crypto::Base64("short"), std::string(65, 'A')}) {
    const Exchange e = Send(
        api, "POST", "/v1/client/activate",
        Json{{"code", license["code"]}, {"fingerprint", "fp-bad"}, {"answer_key", key}}.dump());
    EXPECT_EQ(e.answer.status, 400) << key;
    EXPECT_EQ(e.answer.json["code"], "INVALID_FIELD");
    EXPECT_NE(e.answer.json["detail"].get<std::string>().find("answer_key"), std::string::npos);
  }
  EXPECT_TRUE(Activations(license["id"]).empty()) << "a refused key activates nothing";
}

TEST_F(SignedAnswers, DeviceReportsAndTheRegistryCheckAreSignedToo) {
  const auto key_of = [](const Json& created) {
    std::string bytes;
    crypto::AnswerKey key{};
    EXPECT_TRUE(crypto::DecodeBase64Strict(created.value("answer_key", ""), bytes));
    EXPECT_EQ(bytes.size(), key.size()) << created;
    std::copy_n(bytes.begin(), std::min(bytes.size(), key.size()), key.begin());
    return key;
  };
  const std::map<std::string, std::string> mac = {{"Licensor-Accept-Signature", "blake2b-mac"}};

  // A device: its answer key comes with its credential.
  Created(admin().Post("/v1/device-models", {{"name", "M100"}}));
  const Json device = Created(admin().Post(
      "/v1/devices",
      {{"number", "SN-0001"}, {"model", "M100"}, {"customer_id", CreateCustomer()["id"]}}));
  const crypto::AnswerKey device_key = key_of(device);
  Api api = server_.Client();
  const std::map<std::string, std::string> as_device = {
      {"Authorization", "Device " + device["credential"].get<std::string>()}};
  const Exchange report = Send(api, "POST", "/v1/devices/SN-0001/reports", "{}", as_device);
  EXPECT_EQ(Alg(report), "ed25519");
  EXPECT_TRUE(Check(report).ok) << report.answer.status << " " << Check(report).why;
  auto with_mac = as_device;
  with_mac.insert(mac.begin(), mac.end());
  const Exchange mac_report = Send(api, "POST", "/v1/devices/SN-0001/reports", "{}", with_mac);
  EXPECT_EQ(Alg(mac_report), "blake2b-mac");
  EXPECT_TRUE(Check(mac_report, &device_key).ok) << Check(mac_report, &device_key).why;
  const Exchange stranger = Send(api, "POST", "/v1/devices/SN-0001/reports", "{}",
                                 {{"Authorization", "Device dev_notacredential"}});
  EXPECT_EQ(stranger.answer.status, 401) << stranger.answer.body;
  EXPECT_TRUE(Check(stranger).ok) << Check(stranger).why;

  // A platform's token: its answer key comes with the token.
  const Json token =
      Created(admin().Post("/v1/tokens", {{"name", "platform"}, {"role", "viewer"}}));
  const crypto::AnswerKey token_key = key_of(token);
  Api platform(server_.url(), token["token"]);
  const std::string question = R"({"action":"agent.message","agent_id":"a"})";
  const Exchange check = Send(platform, "POST", "/v1/registry/check", question);
  EXPECT_EQ(Alg(check), "ed25519");
  EXPECT_TRUE(Check(check).ok) << check.answer.status << " " << Check(check).why;
  const Exchange mac_check = Send(platform, "POST", "/v1/registry/check", question, mac);
  EXPECT_EQ(Alg(mac_check), "blake2b-mac");
  EXPECT_TRUE(Check(mac_check, &token_key).ok) << Check(mac_check, &token_key).why;
  EXPECT_FALSE(Check(mac_check, &device_key).ok);
  // Other routes are not the client API: no signature to pay for.
  EXPECT_EQ(admin().Get("/v1/products").headers.count("licensor-signature"), 0u);
}

}  // namespace
}  // namespace licensor::testing
