// /v1/client/*: called by the vendor's product with the license code as its credential.
#include "common/license_terms.hpp"
#include "common/text.hpp"
#include "common/time_format.hpp"
#include "crypto/answer_signature.hpp"
#include "server/app.hpp"
#include "server/handlers/reply.hpp"
#include "server/json_writer.hpp"

namespace licensor::server {
namespace {

constexpr std::size_t kMaxCodeLength = 64;
constexpr std::size_t kMaxFingerprintLength = 256;
constexpr std::size_t kMaxAnswerKeyLength = 64;  // base64 of 32 bytes is 44

Json ClientLicenseJson(const core::License& l) {
  return {{"id", l.id},
          {"status", core::ToString(l.status)},
          {"expires_at", core::TimeOrNull(l.expires_at)},
          {"features", l.features},
          {"max_activations", l.max_activations},
          {"version", l.version}};
}

// The code and fingerprint every client call carries.
struct Credential {
  std::string code;
  std::string fingerprint;
};

// The code as issued, however the customer typed it (case, spaces).
Result<std::string> LicenseCodeFrom(const Json& body) {
  LICENSOR_ASSIGN_OR_RETURN(const auto typed, RequiredString(body, "code", kMaxCodeLength));
  return CanonicalLicenseCode(typed);
}

Result<Credential> CredentialFrom(const Json& body) {
  Credential c;
  LICENSOR_ASSIGN_OR_RETURN(c.code, LicenseCodeFrom(body));
  LICENSOR_ASSIGN_OR_RETURN(c.fingerprint,
                            RequiredString(body, "fingerprint", kMaxFingerprintLength));
  return c;
}

// A client call's outcome for the dashboard's daily counts: its result, or the code of the
// refusal the service gave. Bad requests are counted nowhere: they never reached a decision.
template <typename T>
void CountOutcome(Services& s, std::string_view kind, const Result<T>& outcome,
                  std::string_view result) {
  if (outcome.ok()) return s.daily_counts.Count(kind, result);
  switch (outcome.status().code()) {
    case ErrorCode::kWouldBlock:  // tried again on the worker pool, and counted there
    case ErrorCode::kInternal:
    case ErrorCode::kUnavailable:
    case ErrorCode::kInvalidField:
      return;
    default:
      s.daily_counts.Count(kind, ErrorCodeName(outcome.status().code()));
  }
}

}  // namespace

void RegisterClientRoutes(Router& router, Services& s) {
  const auto client = Access::kClient;
  const auto none = core::Permission::kRead;  // unused on client routes
  router.Add(
      {"POST", "/v1/client/activate", client, none, [&s](RequestContext& ctx) -> Result<Reply> {
         LICENSOR_RETURN_IF_ERROR(
             RejectUnknownFields(ctx.body, {"code", "fingerprint", "components", "hostname",
                                            "platform", "product_id", "answer_key"}));
         LICENSOR_ASSIGN_OR_RETURN(const auto cred, CredentialFrom(ctx.body));
         core::ActivateRequest req{cred.code, cred.fingerprint, {}, "", ""};
         req.address = ctx.remote_address;
         LICENSOR_ASSIGN_OR_RETURN(
             req.components,
             OptionalStringMap(ctx.body, "components", core::kMaxComponentsPresented, 256));
         LICENSOR_ASSIGN_OR_RETURN(const auto hostname, OptionalString(ctx.body, "hostname", 255));
         LICENSOR_ASSIGN_OR_RETURN(const auto platform, OptionalString(ctx.body, "platform", 100));
         LICENSOR_ASSIGN_OR_RETURN(const auto product, OptionalString(ctx.body, "product_id", 64));
         req.hostname = hostname.value_or("");
         req.platform = platform.value_or("");
         req.product_id = product.value_or("");
         // The caller's X25519 public key: the answer hands it this machine's answer key.
         LICENSOR_ASSIGN_OR_RETURN(const auto answer_key,
                                   OptionalString(ctx.body, "answer_key", kMaxAnswerKeyLength));
         std::optional<std::string> sealed_key;
         if (answer_key) {
           sealed_key = crypto::SealAnswerKey(
               crypto::DeriveAnswerKey(s.answer_secret, crypto::AnswerKeyOwner::kMachine, cred.code,
                                       cred.fingerprint),
               *answer_key);
           if (!sealed_key) {
             return Status::InvalidField(
                 "answer_key must be an X25519 public key: 32 bytes as "
                 "base64");
           }
         }
         auto outcome = s.client.Activate(req);
         CountOutcome(s, core::kActivationCount, outcome,
                      outcome.ok() && outcome->created ? "CREATED" : "REUSED");
         LICENSOR_ASSIGN_OR_RETURN(const auto result, std::move(outcome));
         s.metrics.CountActivation(result.created);
         Json body = core::ToJson(result.activation, true);
         body["license"] = ClientLicenseJson(result.license);
         body["created"] = result.created;
         if (sealed_key) body["answer_key_sealed"] = *sealed_key;
         return Reply{result.created ? 201 : 200, std::move(body)};
       }});
  router.Add({"POST", "/v1/client/validate", client, none,
              [&s](RequestContext& ctx) -> Result<Reply> {
                LICENSOR_RETURN_IF_ERROR(RejectUnknownFields(
                    ctx.body, {"code", "fingerprint", "components", "features"}));
                core::ValidateRequest req;
                LICENSOR_ASSIGN_OR_RETURN(req.code, LicenseCodeFrom(ctx.body));
                LICENSOR_ASSIGN_OR_RETURN(req.fingerprint, OptionalString(ctx.body, "fingerprint",
                                                                          kMaxFingerprintLength));
                LICENSOR_ASSIGN_OR_RETURN(
                    req.components,
                    OptionalStringMap(ctx.body, "components", core::kMaxComponentsPresented, 256));
                LICENSOR_ASSIGN_OR_RETURN(
                    const auto features,
                    OptionalStringList(ctx.body, "features", kMaxFeatures, kMaxFeatureLength));
                req.features = features.value_or(std::vector<std::string>{});
                auto outcome = s.client.Validate(req, ctx.may_block);
                CountOutcome(s, core::kValidationCount, outcome,
                             outcome.ok() ? core::ToString(outcome->verdict.code) : "");
                LICENSOR_ASSIGN_OR_RETURN(const auto result, std::move(outcome));
                const auto code = std::string(core::ToString(result.verdict.code));
                s.metrics.CountValidation(code);
                // Written straight to text, members by name as the document form orders them.
                JsonObjectWriter body;
                body.String("code", code).String("detail", result.verdict.detail);
                const core::License* license = result.view ? result.view->license.get() : nullptr;
                if (license && license->expires_at) {
                  body.String("expires_at", FormatRfc3339(*license->expires_at));
                } else {
                  body.Null("expires_at");
                }
                body.Strings("features", license ? license->features : std::vector<std::string>{});
                if (!result.verdict.missing_features.empty()) {
                  body.Strings("missing_features", result.verdict.missing_features);
                }
                if (license) body.String("status", core::ToString(license->status));
                body.Bool("valid", result.verdict.valid);
                if (license) body.Int("version", license->version);
                Reply reply;
                reply.raw_body = std::move(body).Finish();
                return reply;
              },
              // A cached answer is given on the network thread, on every store.
              Blocking::kInlineFirst});
  router.Add(
      {"POST", "/v1/client/heartbeat", client, none, [&s](RequestContext& ctx) -> Result<Reply> {
         LICENSOR_RETURN_IF_ERROR(RejectUnknownFields(ctx.body, {"code", "fingerprint"}));
         LICENSOR_ASSIGN_OR_RETURN(const auto cred, CredentialFrom(ctx.body));
         LICENSOR_ASSIGN_OR_RETURN(
             const auto hb, s.client.Heartbeat(cred.code, cred.fingerprint, ctx.remote_address));
         return Ok({{"update_available", hb.update_available},
                    {"version", hb.license.version},
                    {"status", core::ToString(hb.license.status)},
                    {"expires_at", core::TimeOrNull(hb.license.expires_at)},
                    {"next_heartbeat_in", core::OrNull(hb.next_heartbeat_in)}});
       }});
  router.Add(
      {"POST", "/v1/client/deactivate", client, none, [&s](RequestContext& ctx) -> Result<Reply> {
         LICENSOR_RETURN_IF_ERROR(RejectUnknownFields(ctx.body, {"code", "fingerprint"}));
         LICENSOR_ASSIGN_OR_RETURN(const auto cred, CredentialFrom(ctx.body));
         LICENSOR_RETURN_IF_ERROR(
             s.client.Deactivate(cred.code, cred.fingerprint, ctx.remote_address));
         s.metrics.CountReleases("client");
         return NoContent();
       }});
}

}  // namespace licensor::server
