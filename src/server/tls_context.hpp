// licensord's TLS: a certificate chain and its private key read from PEM files, offered with
// TLS 1.2 and 1.3 only and forward-secret AEAD ciphers.
#pragma once

#include <boost/asio/ssl/context.hpp>
#include <memory>
#include <string>

#include "common/status.hpp"

namespace licensor::server {

struct TlsFiles {
  std::string certificate_chain;  // PEM: the server's certificate, then its intermediates
  std::string private_key;        // PEM: the certificate's key, unencrypted
};

// A server context from the files; refused with a message that names the file and the reason
// (unreadable, not PEM, or a key that does not belong to the certificate).
Result<std::shared_ptr<boost::asio::ssl::context>> MakeServerTlsContext(const TlsFiles& files);

// "CN=licensor.example.com, valid until 2027-03-01T00:00:00Z": what the context serves, for
// the log at start and at each reload.
std::string DescribeCertificate(boost::asio::ssl::context& context);

}  // namespace licensor::server
