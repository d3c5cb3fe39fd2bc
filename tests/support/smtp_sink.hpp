// An SMTP relay of the tests' own: Debian's aiosmtpd on loopback, which demands STARTTLS with a
// certificate from a TestAuthority (and, given a login, a user name and password) and files
// each message it accepts in a Maildir. licensord is pointed at it with --smtp-url and
// --smtp-ca-file.
#pragma once

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <map>
#include <memory>
#include <optional>
#include <sstream>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include "tests/support/child_process.hpp"
#include "tests/support/loopback.hpp"
#include "tests/support/test_authority.hpp"

namespace licensor::testing {

struct ReceivedMail {
  std::map<std::string, std::string> headers;  // names in lower case
  std::string body;                            // line ends as "\n"

  std::string header(const std::string& name) const {
    const auto it = headers.find(name);
    return it == headers.end() ? "" : it->second;
  }
  // The text after `marker` up to the end of its line, e.g. the token of a link.
  std::string After(const std::string& marker) const {
    const auto at = body.find(marker);
    if (at == std::string::npos) return "";
    const auto begin = at + marker.size();
    return body.substr(begin, body.find_first_of("\n ", begin) - begin);
  }
};

// A relay that also demands a user name and password (tests/support/smtp_auth_relay.py).
struct SmtpLogin {
  std::string user;
  std::string password;
};

class SmtpSink {
 public:
  explicit SmtpSink(const std::string& dir, const std::optional<SmtpLogin>& login = std::nullopt)
      : dir_(dir), authority_(dir + "/smtp-ca", "smtp") {
    const IssuedCertificate cert = authority_.Issue("relay", "localhost");
    int port = 0;
    ::close(ListenOnLoopback(&port));  // a free port, taken again at once by the sink
    port_ = port;
    for (const char* box : {"tmp", "new", "cur"}) {
      std::filesystem::create_directories(maildir() + "/" + box);
    }
    const std::string address = "127.0.0.1:" + std::to_string(port_);
    argv_ = login ? std::vector<std::string>{"/usr/bin/python3", LICENSOR_SMTP_AUTH_RELAY,
                                             "127.0.0.1",        std::to_string(port_),
                                             cert.certificate,   cert.key,
                                             maildir(),          login->user,
                                             login->password}
                  : std::vector<std::string>{"/usr/bin/python3",
                                             "-m",
                                             "aiosmtpd",
                                             "-n",
                                             "-l",
                                             address,
                                             "--tlscert",
                                             cert.certificate,
                                             "--tlskey",
                                             cert.key,
                                             "-c",
                                             "aiosmtpd.handlers.Mailbox",
                                             maildir()};
    Start();
  }

  // The relay goes away (mail to it fails) and comes back at the same address.
  void Stop() { sink_.reset(); }
  void Start() {
    sink_ = std::make_unique<ChildProcess>(argv_);
    WaitUntilListening();
  }

  std::string url() const { return "smtp://localhost:" + std::to_string(port_); }
  std::string ca_file() const { return authority_.certificate(); }
  std::string maildir() const { return dir_ + "/maildir"; }

  // Every message received so far, oldest first.
  std::vector<ReceivedMail> Received() const {
    std::vector<std::pair<std::filesystem::file_time_type, std::string>> files;
    const auto box = std::filesystem::path(maildir()) / "new";
    if (!std::filesystem::exists(box)) return {};
    for (const auto& entry : std::filesystem::directory_iterator(box)) {
      files.emplace_back(entry.last_write_time(), entry.path().string());
    }
    std::sort(files.begin(), files.end());
    std::vector<ReceivedMail> out;
    for (const auto& [time, path] : files) out.push_back(Parse(path));
    return out;
  }

  // The messages to `to`.
  std::vector<ReceivedMail> To(const std::string& to) const {
    std::vector<ReceivedMail> out;
    for (auto& m : Received()) {
      if (m.header("to") == "<" + to + ">") out.push_back(std::move(m));
    }
    return out;
  }

 private:
  void WaitUntilListening() {
    for (int i = 0; i < 200; ++i) {
      const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
      sockaddr_in address{};
      address.sin_family = AF_INET;
      address.sin_port = htons(static_cast<std::uint16_t>(port_));
      address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
      const bool up = ::connect(fd, reinterpret_cast<sockaddr*>(&address), sizeof address) == 0;
      ::close(fd);
      if (up) return;
      std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    throw std::runtime_error("the SMTP sink (python3-aiosmtpd) did not start");
  }

  static ReceivedMail Parse(const std::string& path) {
    std::ifstream in(path);
    std::stringstream text;
    text << in.rdbuf();
    ReceivedMail mail;
    std::string line;
    bool in_body = false;
    std::istringstream lines(text.str());
    while (std::getline(lines, line)) {
      if (!line.empty() && line.back() == '\r') line.pop_back();
      if (in_body) {
        mail.body += line + "\n";
      } else if (line.empty()) {
        in_body = true;
      } else if (const auto colon = line.find(':'); colon != std::string::npos) {
        std::string name = line.substr(0, colon);
        for (char& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        mail.headers[name] = line.substr(line.find_first_not_of(' ', colon + 1));
      }
    }
    return mail;
  }

  std::string dir_;
  TestAuthority authority_;
  int port_ = 0;
  std::vector<std::string> argv_;
  std::unique_ptr<ChildProcess> sink_;
};

}  // namespace licensor::testing
