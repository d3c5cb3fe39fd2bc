// Signed license files: the client download, offline files, update bundles, and the signing keys.
#include <algorithm>

#include "crypto/encoding.hpp"
#include "crypto/public_keys_file.hpp"
#include "server/app.hpp"
#include "server/handlers/reply.hpp"

namespace licensor::server {
namespace {

using core::Permission;

constexpr const char* kLicenseFileType = "application/vnd.licensor.license";

Json KeyJson(const crypto::PublicKeyInfo& key) {
  return {{"key_id", key.key_id},
          {"public_key", crypto::Base64({reinterpret_cast<const char*>(key.public_key.data()),
                                         key.public_key.size()})},
          {"current", key.current},
          {"retired", key.retired}};
}

Result<bool> EncryptFlag(const RequestContext& ctx) {
  const auto value = QueryParam(ctx, "encrypt");
  if (!value || *value == "false") return false;
  if (*value == "true") return true;
  return Status::InvalidField("query parameter 'encrypt' must be true or false");
}

Result<Reply> ClientLicenseFile(Services& s, RequestContext& ctx) {
  if (ctx.license_code.empty() || ctx.license_code.size() > 64) {
    return Status(ErrorCode::kUnauthorized,
                  "send the license code as 'Authorization: License <code>'");
  }
  if (ctx.fingerprint.empty() || ctx.fingerprint.size() > 256) {
    return Status::InvalidField(
        "send this machine's fingerprint in the Licensor-Fingerprint "
        "header (1 to 256 characters)");
  }
  LICENSOR_ASSIGN_OR_RETURN(const bool encrypt, EncryptFlag(ctx));
  LICENSOR_ASSIGN_OR_RETURN(const auto issued,
                            s.files.ForMachine(ctx.license_code, ctx.fingerprint, encrypt));
  Reply reply;
  reply.content_type = kLicenseFileType;
  reply.raw_body = issued.file;
  reply.headers.emplace_back("Licensor-License-Version", std::to_string(issued.license.version));
  return reply;
}

Result<Reply> OfflineFile(Services& s, RequestContext& ctx) {
  LICENSOR_RETURN_IF_ERROR(RejectUnknownFields(ctx.body, {"request", "encrypt"}));
  const auto request_field = ctx.body.find("request");
  if (request_field == ctx.body.end() || !request_field->is_object()) {
    return Status::InvalidField(
        "'request' must be the fingerprint request object that "
        "licensor-fingerprint wrote");
  }
  auto request = crypto::ReadFingerprintRequest(request_field->dump());
  if (!request.ok()) {
    return Status(ErrorCode::kInvalidFingerprintRequest, request.status().message());
  }
  LICENSOR_ASSIGN_OR_RETURN(const auto encrypt, OptionalBool(ctx.body, "encrypt"));
  LICENSOR_ASSIGN_OR_RETURN(
      const auto issued,
      s.files.IssueOffline(ctx.Actor(), ctx.Param("id"), *request, encrypt.value_or(false)));
  if (issued.created) s.metrics.CountActivation(true);
  return Reply{issued.created ? 201 : 200,
               {{"activation", core::ToJson(issued.activation, true)},
                {"license_version", issued.license.version},
                {"created", issued.created},
                {"license_file", issued.file}}};
}

Result<Reply> OfflineDeactivation(Services& s, RequestContext& ctx) {
  LICENSOR_RETURN_IF_ERROR(RejectUnknownFields(ctx.body, {"proof"}));
  const auto proof_field = ctx.body.find("proof");
  if (proof_field == ctx.body.end() || !proof_field->is_object()) {
    return Status::InvalidField(
        "'proof' must be the deactivation proof object the product's SDK wrote");
  }
  auto proof = crypto::ReadDeactivationProof(*proof_field);
  if (!proof.ok()) return Status(ErrorCode::kInvalidDeactivationProof, proof.status().message());
  LICENSOR_ASSIGN_OR_RETURN(const auto release,
                            s.files.ReleaseByProof(ctx.Actor(), ctx.Param("id"), *proof));
  s.metrics.CountReleases("offline");
  return Ok({{"released", core::ToJson(release.released, true)},
             {"earlier_offline_releases",
              {{"license", release.earlier_of_license}, {"machine", release.earlier_of_machine}}}});
}

Result<Reply> CreateBundle(Services& s, RequestContext& ctx) {
  LICENSOR_RETURN_IF_ERROR(RejectUnknownFields(ctx.body, {"activation_id", "server_url"}));
  LICENSOR_ASSIGN_OR_RETURN(const auto activation_id,
                            RequiredString(ctx.body, "activation_id", 64));
  LICENSOR_ASSIGN_OR_RETURN(const auto server_url, OptionalString(ctx.body, "server_url", 512));
  if (server_url) {
    const bool scheme = server_url->starts_with("http://") || server_url->starts_with("https://");
    const bool plain = std::none_of(server_url->begin(), server_url->end(), [](char c) {
      return static_cast<unsigned char>(c) < 0x20 || c == '"' || c == '\\' || c == 0x7f;
    });
    if (!scheme || !plain) {
      return Status::InvalidField("server_url must be an http:// or https:// URL");
    }
  }
  LICENSOR_ASSIGN_OR_RETURN(
      const auto bundle,
      s.files.Bundle(ctx.Actor(), ctx.Param("id"), activation_id, server_url.value_or("")));
  return Created({{"bundle", bundle}});
}

}  // namespace

void RegisterFileRoutes(Router& router, Services& s) {
  router.Add({"GET", "/v1/client/license-file", Access::kClient, Permission::kRead,
              [&s](RequestContext& ctx) { return ClientLicenseFile(s, ctx); }});
  router.Add({"POST", "/v1/licenses/{id}/offline-files", Access::kSignedIn,
              Permission::kManageLicensing,
              [&s](RequestContext& ctx) { return OfflineFile(s, ctx); }});
  router.Add({"POST", "/v1/licenses/{id}/offline-deactivations", Access::kSignedIn,
              Permission::kManageLicensing,
              [&s](RequestContext& ctx) { return OfflineDeactivation(s, ctx); }});
  router.Add({"POST", "/v1/licenses/{id}/bundles", Access::kSignedIn, Permission::kManageLicensing,
              [&s](RequestContext& ctx) { return CreateBundle(s, ctx); }});
  router.Add({"GET", "/v1/keys", Access::kSignedIn, Permission::kRead,
              [&s](RequestContext& ctx) -> Result<Reply> {
                LICENSOR_ASSIGN_OR_RETURN(const auto page, PageRequestFrom(ctx.query));
                return ListReply(PageByIndex(s.files.Keys(), page, KeyJson), AsIs);
              }});
  router.Add({"GET", "/v1/keys/public", Access::kSignedIn, Permission::kRead,
              [&s](RequestContext&) -> Result<Reply> {
                return Ok(crypto::PublicKeysDocument(s.files.Keys()));
              }});
  router.Add({"POST", "/v1/keys/rotate", Access::kSignedIn, Permission::kManageKeys,
              [&s](RequestContext& ctx) -> Result<Reply> {
                LICENSOR_RETURN_IF_ERROR(RejectUnknownFields(ctx.body, {}));
                LICENSOR_ASSIGN_OR_RETURN(const auto key, s.files.RotateKey(ctx.Actor()));
                return Created(KeyJson(key));
              }});
  router.Add({"POST", "/v1/keys/{id}/retire", Access::kSignedIn, Permission::kManageKeys,
              [&s](RequestContext& ctx) -> Result<Reply> {
                LICENSOR_RETURN_IF_ERROR(RejectUnknownFields(ctx.body, {}));
                LICENSOR_RETURN_IF_ERROR(s.files.RetireKey(ctx.Actor(), ctx.Param("id")));
                return NoContent();
              }});
}

}  // namespace licensor::server
