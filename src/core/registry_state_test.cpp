#include "core/registry_state.hpp"

#include <gtest/gtest.h>

namespace licensor::core::registry {
namespace {

constexpr UnixSeconds kT = 1'800'000'000;
constexpr std::int64_t kDay = 86400;

crypto::CertificatePackage Package(std::vector<crypto::Certificate> certificates) {
  crypto::CertificatePackage p;
  p.package_id = "pkg_" + certificates.front().id;
  p.installation = {"inst_1", "ENV-PROD-1", "t", "PROD", "Acme"};
  p.certificates = std::move(certificates);
  return p;
}

TEST(RegistryState, PlatformActivatesOnUploadAndAgentsWaitForBinding) {
  RegistryState r;
  ASSERT_TRUE(r.Accept(PackageUploaded{Package({{"p1", "PLATFORM", "SUBSCRIPTION", 365},
                                                {"a1", "AGENT", "SUBSCRIPTION", 365},
                                                {"a2", "AGENT", "SUBSCRIPTION", 365},
                                                {"a3", "AGENT", "TEST", 30}})},
                       kT)
                  .ok());
  EXPECT_EQ(r.platform().until, kT + 365 * kDay);
  EXPECT_EQ(r.StatusOf(r.certificates()[0], kT), CertificateStatus::kActivated);
  EXPECT_EQ(r.StatusOf(r.certificates()[1], kT), CertificateStatus::kUnused);

  ASSERT_TRUE(r.Accept(AgentCreated{"ag1", "Support bot"}, kT).ok());
  ASSERT_TRUE(r.Accept(CertificateBound{"a1", "ag1"}, kT + kDay).ok());
  EXPECT_EQ(r.StatusOf(r.certificates()[1], kT + kDay), CertificateStatus::kActivated);
  EXPECT_EQ(r.AgentCoverage(*r.FindAgent("ag1")).until, kT + 366 * kDay);
  // A binding cannot change, and only agent certificates bind.
  ASSERT_TRUE(r.Accept(AgentCreated{"ag2", "Sales bot"}, kT).ok());
  EXPECT_EQ(r.Accept(CertificateBound{"a1", "ag2"}, kT).code(), ErrorCode::kAlreadyBound);
  EXPECT_EQ(r.Accept(CertificateBound{"p1", "ag2"}, kT).code(), ErrorCode::kInvalidField);
  EXPECT_EQ(r.Accept(CertificateBound{"nope", "ag2"}, kT).code(), ErrorCode::kNotFound);
  // A second agent certificate on the same agent stacks on its future end.
  ASSERT_TRUE(r.Accept(CertificateBound{"a3", "ag1"}, kT + 2 * kDay).ok());
  EXPECT_EQ(r.AgentCoverage(*r.FindAgent("ag1")).until, kT + 396 * kDay);
  // Deleting the agent expires its certificates.
  ASSERT_TRUE(r.Accept(AgentDeleted{"ag1"}, kT + 3 * kDay).ok());
  EXPECT_EQ(r.StatusOf(r.certificates()[1], kT + 3 * kDay), CertificateStatus::kExpired);
  EXPECT_FALSE(r.AgentCoverage(*r.FindAgent("ag1")).CoversAt(kT + 3 * kDay));
  EXPECT_EQ(r.Accept(CertificateBound{"a2", "ag1"}, kT).code(), ErrorCode::kNotFound);
}

TEST(RegistryState, PlatformCertificatesStackAndRepeatedUploadsChangeNothing) {
  RegistryState r;
  const auto first = Package({{"p1", "PLATFORM", "SUBSCRIPTION", 365}});
  ASSERT_TRUE(r.Accept(PackageUploaded{first}, kT).ok());
  ASSERT_TRUE(r.Accept(PackageUploaded{first}, kT + 10 * kDay).ok());  // the same file again
  EXPECT_EQ(r.platform().until, kT + 365 * kDay);
  EXPECT_EQ(r.certificates().size(), 1u);
  ASSERT_TRUE(
      r.Accept(PackageUploaded{Package({{"p2", "PLATFORM", "SUBSCRIPTION", 30}})}, kT + 100 * kDay)
          .ok());
  EXPECT_EQ(r.platform().until, kT + 395 * kDay);
  // The first certificate's time ends where the second's begins.
  EXPECT_EQ(r.StatusOf(r.certificates()[0], kT + 370 * kDay), CertificateStatus::kExpired);
  EXPECT_EQ(r.StatusOf(r.certificates()[1], kT + 370 * kDay), CertificateStatus::kActivated);
}

TEST(RegistryState, UnlimitedAgentsAreLicensedWhileTheirCertificateIs) {
  RegistryState r;
  ASSERT_TRUE(r.Accept(AgentCreated{"before", "b"}, kT).ok());
  ASSERT_TRUE(
      r.Accept(PackageUploaded{Package({{"u1", "PLATFORM_UNLIMITED_AGENTS", "BUYOUT", 90}})}, kT)
          .ok());
  ASSERT_TRUE(r.Accept(AgentCreated{"after", "a"}, kT + kDay).ok());
  EXPECT_TRUE(r.AgentCoverage(*r.FindAgent("after")).CoversAt(kT + 80 * kDay));
  EXPECT_FALSE(r.AgentCoverage(*r.FindAgent("after")).CoversAt(kT + 90 * kDay));
  EXPECT_FALSE(r.AgentCoverage(*r.FindAgent("before")).CoversAt(kT + kDay));
  EXPECT_TRUE(r.platform().CoversAt(kT + 80 * kDay));
}

TEST(RegistryState, TheDeploymentLicenseLimitsAgentsAndUsersAndNeverGoesBack) {
  RegistryState r;
  crypto::DeploymentLicense l;
  l.id = "dl_2";
  l.version = 2;
  l.max_agents = 1;
  l.max_users = 2;
  ASSERT_TRUE(r.Accept(UserCreated{"u0", "before the license"}, kT).ok());
  ASSERT_TRUE(r.Accept(LicenseUploaded{l}, kT).ok());
  ASSERT_TRUE(r.Accept(UserCreated{"u1", "b"}, kT).ok());
  EXPECT_EQ(r.Accept(UserCreated{"u2", "c"}, kT).code(), ErrorCode::kLicenseLimitReached);
  ASSERT_TRUE(r.Accept(UserDeleted{"u0"}, kT).ok());
  EXPECT_EQ(r.Accept(UserDeleted{"u0"}, kT).code(), ErrorCode::kNotFound);
  EXPECT_TRUE(r.Accept(UserCreated{"u2", "c"}, kT).ok());  // a deleted user frees its place
  ASSERT_TRUE(r.Accept(AgentCreated{"ag1", "a"}, kT).ok());
  EXPECT_EQ(r.Accept(AgentCreated{"ag2", "b"}, kT).code(), ErrorCode::kLicenseLimitReached);
  ASSERT_TRUE(r.Accept(AgentDeleted{"ag1"}, kT).ok());
  EXPECT_TRUE(r.Accept(AgentCreated{"ag2", "b"}, kT).ok());  // a deleted agent frees its place
  auto older = l;
  older.version = 1;
  EXPECT_EQ(r.Accept(LicenseUploaded{older}, kT).code(), ErrorCode::kConflict);
}

TEST(RegistryState, ListsKeepCreationOrderAndARefusalChangesNothing) {
  RegistryState r;
  for (const char* id : {"u_c", "u_a", "u_b"}) ASSERT_TRUE(r.Accept(UserCreated{id, id}, kT).ok());
  ASSERT_TRUE(r.Accept(AgentCreated{"ag_z", "z"}, kT).ok());
  ASSERT_TRUE(r.Accept(AgentCreated{"ag_y", "y"}, kT).ok());
  ASSERT_TRUE(r.Accept(UserDeleted{"u_a"}, kT).ok());
  ASSERT_TRUE(r.Accept(AgentDeleted{"ag_z"}, kT).ok());
  std::vector<std::string> users;
  for (const auto& [ordinal, u] : r.users()) users.push_back(u->id);
  EXPECT_EQ(users, (std::vector<std::string>{"u_c", "u_b"}));
  ASSERT_EQ(r.live_agents().size(), 1u);
  EXPECT_EQ(r.live_agents().begin()->second->id, "ag_y");
  EXPECT_TRUE(r.FindAgent("ag_z")->deleted_at.has_value());  // kept: its certificates expired
  EXPECT_EQ(r.FindUser("u_a"), nullptr);

  crypto::DeploymentLicense l;
  l.version = 1;
  l.max_users = 2;
  l.max_agents = 5;
  ASSERT_TRUE(r.Accept(LicenseUploaded{l}, kT).ok());
  EXPECT_EQ(r.Refusal(UserCreated{"u_d", "d"}, kT).code(), ErrorCode::kLicenseLimitReached);
  EXPECT_EQ(r.users().size(), 2u);
  EXPECT_EQ(r.FindUser("u_d"), nullptr);
}

}  // namespace
}  // namespace licensor::core::registry
