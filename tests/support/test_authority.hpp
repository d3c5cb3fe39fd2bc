// A certificate authority of the tests' own, made with the openssl command: the certificates it
// issues are for 127.0.0.1 and localhost, each with a fresh P-256 key.
#pragma once

#include <filesystem>
#include <stdexcept>
#include <string>

#include "tests/support/run_command.hpp"

namespace licensor::testing {

struct IssuedCertificate {
  std::string certificate;  // PEM file
  std::string key;          // PEM file
  std::string pin;          // "sha256//BASE64" of its public key, as clients pin it
};

class TestAuthority {
 public:
  // Makes DIR/NAME-ca.pem and its key.
  TestAuthority(const std::string& dir, const std::string& name) : dir_(dir), name_(name) {
    std::filesystem::create_directories(dir);
    RunCommand("printf 'subjectAltName=IP:127.0.0.1,DNS:localhost\\n' > '" + dir + "/san.ext'");
    OpenSsl(
        "req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -days 30 "
        "-keyout " +
        name + "-ca.key -out " + name + "-ca.pem -subj '/CN=" + name + " CA'");
  }

  const std::string certificate() const { return dir_ + "/" + name_ + "-ca.pem"; }

  // DIR/STEM.pem and DIR/STEM.key, a server certificate for `common_name` from this authority.
  IssuedCertificate Issue(const std::string& stem, const std::string& common_name = "localhost") {
    OpenSsl("req -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -keyout " + stem +
            ".key -out " + stem + ".csr -subj '/CN=" + common_name + "'");
    OpenSsl("x509 -req -in " + stem + ".csr -CA " + name_ + "-ca.pem -CAkey " + name_ +
            "-ca.key -CAcreateserial -days 30 -out " + stem + ".pem -extfile san.ext");
    const std::string pin = OpenSsl("x509 -in " + stem +
                                    ".pem -pubkey -noout | openssl pkey -pubin -outform der | "
                                    "openssl dgst -sha256 -binary | openssl base64 -A");
    return {dir_ + "/" + stem + ".pem", dir_ + "/" + stem + ".key", "sha256//" + pin};
  }

 private:
  std::string OpenSsl(const std::string& args) const {
    const CommandResult result =
        RunCommand("cd '" + dir_ + "' && bash -c \"openssl " + args + "\" 2>/dev/null");
    if (result.exit_code != 0) throw std::runtime_error("openssl " + args + " failed");
    return result.output;
  }

  std::string dir_;
  std::string name_;
};

}  // namespace licensor::testing
