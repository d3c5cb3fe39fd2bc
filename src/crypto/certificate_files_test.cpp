#include "crypto/certificate_files.hpp"

#include <gtest/gtest.h>

#include "crypto/random.hpp"

namespace licensor::crypto {
namespace {

class CertificateFiles : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(Initialize());
    std::array<unsigned char, 32> seed{};
    seed[0] = 42;
    key_ = SigningKeyFromSeed(seed);
    trusted_[key_.key_id] = TrustedKey{key_.public_key, false};
    installation_ = {"inst_1", "ENV-PROD-7Q2X", "tenant-acme", "PROD", "Acme"};
    package_.package_id = "pkg_1";
    package_.installation = installation_;
    package_.issued_at = 1'800'000'000;
    package_.certificates = {{"crt_p", "PLATFORM", "SUBSCRIPTION", 365},
                             {"crt_a1", "AGENT", "SUBSCRIPTION", 365},
                             {"crt_a2", "AGENT", "TEST", 30},
                             {"crt_u", "PLATFORM_UNLIMITED_AGENTS", "BUYOUT", std::nullopt}};
    license_.id = "dl_1";
    license_.installation = installation_;
    license_.version = 2;
    license_.issued_at = 1'800'000'000;
    license_.effective_at = 1'800'000'000;
    license_.expires_at = 1'831'536'000;
    license_.modules = {{"chat", {{"model_types", {"gpt-4o", "llama-3"}}}}, {"workflow", {}}};
    license_.max_users = 500;
    license_.max_agents = 20;
  }

  SigningKey key_;
  PublicKeys trusted_;
  InstallationRef installation_;
  CertificatePackage package_;
  DeploymentLicense license_;
};

TEST_F(CertificateFiles, PackagesRoundTripAndNeverPassForAnotherPayload) {
  const std::string lcs = IssueCertificatePackage(key_, package_);
  const auto opened = OpenCertificatePackage(lcs, trusted_);
  ASSERT_EQ(opened.code, FileCode::kValid) << opened.detail;
  ASSERT_EQ(opened.payload.certificates.size(), 4u);
  EXPECT_EQ(opened.payload.certificates[3].type, "PLATFORM_UNLIMITED_AGENTS");
  EXPECT_FALSE(opened.payload.certificates[3].validity_days.has_value());  // PERMANENT
  EXPECT_EQ(opened.payload.installation.license_id, "ENV-PROD-7Q2X");
  // A package is not a deployment license or a machine license, and the reverse.
  EXPECT_EQ(OpenDeploymentLicense(lcs, trusted_).code, FileCode::kBadPayload);
  EXPECT_EQ(OpenLicense(lcs, trusted_).code, FileCode::kBadPayload);
  const std::string lic = IssueDeploymentLicense(key_, license_);
  EXPECT_EQ(OpenCertificatePackage(lic, trusted_).code, FileCode::kBadPayload);
}

TEST_F(CertificateFiles, DeploymentLicensesRoundTripWithModulesAndLimits) {
  const auto opened = OpenDeploymentLicense(IssueDeploymentLicense(key_, license_), trusted_);
  ASSERT_EQ(opened.code, FileCode::kValid) << opened.detail;
  EXPECT_EQ(opened.payload.modules.size(), 2u);
  EXPECT_EQ(opened.payload.modules[0].restrictions.at("model_types"),
            (std::vector<std::string>{"gpt-4o", "llama-3"}));
  EXPECT_EQ(opened.payload.max_users, 500);
  EXPECT_EQ(opened.payload.max_agents, 20);
  EXPECT_EQ(opened.payload.version, 2);
}

TEST_F(CertificateFiles, TamperedForeignAndInvalidFilesAreRefused) {
  std::string lcs = IssueCertificatePackage(key_, package_);
  for (std::size_t i = 0; i < lcs.size(); i += 13) {
    std::string changed = lcs;
    changed[i] ^= 0x04;
    EXPECT_NE(OpenCertificatePackage(changed, trusted_).code, FileCode::kValid) << i;
  }
  EXPECT_EQ(OpenCertificatePackage(lcs, PublicKeys{}).code, FileCode::kUnknownKey);
  EXPECT_EQ(OpenCertificatePackage("not a package", trusted_).code, FileCode::kMalformed);

  // Invalid contents are refused when issuing, and when read even if someone signed them.
  auto bad = package_;
  bad.certificates[1].type = "SERVER";
  EXPECT_FALSE(CheckCertificatePackage(bad).ok());
  EXPECT_EQ(OpenCertificatePackage(IssueCertificatePackage(key_, bad), trusted_).code,
            FileCode::kBadPayload);
  bad = package_;
  bad.certificates[1].id = "crt_p";
  EXPECT_FALSE(CheckCertificatePackage(bad).ok());
  bad = package_;
  bad.certificates[0].validity_days = 0;
  EXPECT_FALSE(CheckCertificatePackage(bad).ok());
  bad = package_;
  bad.certificates.clear();
  EXPECT_FALSE(CheckCertificatePackage(bad).ok());
  bad = package_;
  bad.installation.environment = "QA";
  EXPECT_FALSE(CheckCertificatePackage(bad).ok());

  auto bad_license = license_;
  bad_license.expires_at = bad_license.effective_at;
  EXPECT_FALSE(CheckDeploymentLicense(bad_license).ok());
  bad_license = license_;
  bad_license.max_agents = -1;
  EXPECT_FALSE(CheckDeploymentLicense(bad_license).ok());
  bad_license = license_;
  bad_license.modules.push_back({"chat", {}});
  EXPECT_FALSE(CheckDeploymentLicense(bad_license).ok());
}

}  // namespace
}  // namespace licensor::crypto
