// Hands e-mail to the operator's SMTP relay with libcurl, on the jobs thread. Over smtp:// the
// connection must be upgraded with STARTTLS, and over smtps:// it is TLS from the start: the
// relay's certificate is verified (against --smtp-ca-file or the system's store) and a relay
// that offers no TLS is not sent anything, for mail carries sign-in links.
#pragma once

#include <string>

#include "common/clock.hpp"
#include "core/mail_service.hpp"

namespace licensor::server {

struct SmtpConfig {
  std::string url;   // smtp://relay.example.com:587 or smtps://relay.example.com:465
  std::string from;  // "Licensor <licensor@vendor.example>" or a bare address
  std::string user;  // empty: no authentication
  std::string password;
  std::string ca_file;  // empty: the system's certificate store
};

inline constexpr long kMailTimeoutSeconds = 30;

// The message as it goes on the wire (RFC 5322, lines ending in CRLF): headers, a blank line
// and the body in UTF-8.
std::string FormatMessage(const SmtpConfig& smtp, const core::OutgoingMail& mail, UnixSeconds now);
// The address inside "Name <address>", or the whole text.
std::string EnvelopeAddress(const std::string& from);

core::MailOutcome SendMail(const SmtpConfig& smtp, const core::OutgoingMail& mail, UnixSeconds now);

}  // namespace licensor::server
