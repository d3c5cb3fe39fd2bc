// The policy's field table. A new policy field is a line here beside its entity member, column
// and schema step; the API, the audit log's before/after, the service's checks and licensorctl
// follow from it (docs/architecture.md, "Adding a field").
#include "core/policy_fields.hpp"

#include <array>

#include "common/field_count.hpp"
#include "common/license_terms.hpp"

namespace licensor::core {
namespace {

using namespace api;

constexpr std::int64_t kYearInSeconds = 31'536'000;

constexpr std::array kFields = {
    Field<Text<64>, &Policy::id>("id", Settable::kNever),
    Field<Text<64>, &Policy::product_id>("product_id", Settable::kOnCreate, "--product",
                                         "Product id"),
    Field<Text<kMaxNameLength, 1>, &Policy::name>("name", Settable::kAlways, "--name",
                                                  "Policy name"),
    Field<Text<500>, &Policy::description>("description", Settable::kAlways, "--description",
                                           "What the policy is for"),
    Field<Text<64>, &Policy::sku>("sku", Settable::kAlways, "--sku",
                                  "The vendor's code for what the policy sells (SKU)"),
    Field<IntegerOrNull<1, kMaxDurationDays>, &Policy::duration_days>(
        "duration_days", Settable::kAlways, "--duration-days",
        "Validity in days, or 'none' for perpetual"),
    Field<Choice<ValidityBasis, ParseValidityBasis>, &Policy::validity_basis>(
        "validity_basis", Settable::kAlways, "--validity-basis", "When the validity starts"),
    Field<Integer<1, kMaxActivations>, &Policy::max_activations>(
        "max_activations", Settable::kAlways, "--max-activations", "Activation cap"),
    Field<Names<kMaxFeatures, kMaxFeatureLength>, &Policy::features>(
        "features", Settable::kAlways, "--features", "Entitlement codes, comma-separated"),
    Field<Choice<DeploymentMode, ParseDeploymentMode>, &Policy::deployment_mode>(
        "deployment_mode", Settable::kAlways, "--deployment-mode", "How machines activate"),
    Field<TrueFalse, &Policy::trial>("trial", Settable::kAlways, "--trial",
                                     "Whether licenses of the policy are trials"),
    Field<IntegerOrNull<10, kYearInSeconds>, &Policy::heartbeat_interval_s>(
        "heartbeat_interval_s", Settable::kAlways, "--heartbeat-interval",
        "Seconds between heartbeats, or 'none' for no heartbeat"),
    Field<Integer<0, kYearInSeconds>, &Policy::heartbeat_grace_s>(
        "heartbeat_grace_s", Settable::kAlways, "--heartbeat-grace",
        "Seconds past the interval before a silent machine is dead"),
    Field<IntegerOrNull<0, kYearInSeconds>, &Policy::offline_grace_s>(
        "offline_grace_s", Settable::kAlways, "--offline-grace",
        "Seconds a client runs past its file's refresh-by, or 'none' for the heartbeat grace"),
    Field<Choice<DeadActivationAction, ParseDeadActivationAction>, &Policy::dead_activation>(
        "dead_activation", Settable::kAlways, "--dead-activation",
        "What becomes of a dead machine's slot"),
    Field<Names<16, 64>, &Policy::fingerprint_rule, &FingerprintRule::components>(
        "fingerprint_rule.components", Settable::kAlways, "--fp-components",
        "Fingerprint components that identify a machine, e.g. mac,cpu,disk (give with "
        "--fp-min-matching)"),
    Field<Integer<0, 16>, &Policy::fingerprint_rule, &FingerprintRule::min_matching>(
        "fingerprint_rule.min_matching", Settable::kAlways, "--fp-min-matching",
        "How many of them must match for the same machine"),
    Field<Integer<0, 365>, &Policy::expiry_grace_days>("expiry_grace_days", Settable::kAlways,
                                                       "--expiry-grace-days",
                                                       "Days still valid after expiry"),
    Field<Time, &Policy::created_at>("created_at", Settable::kNever),
    Field<Time, &Policy::updated_at>("updated_at", Settable::kNever),
};
static_assert(MembersNamed<Policy>(kFields) == FieldCount<Policy>());

}  // namespace

std::span<const ApiField<Policy>> PolicyFields() { return kFields; }

}  // namespace licensor::core
