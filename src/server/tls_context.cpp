// OpenSSL settings for the server, in one place.
#include "server/tls_context.hpp"

#include <openssl/err.h>
#include <openssl/ssl.h>
#include <openssl/x509.h>

#include <ctime>
#include <fstream>

#include "common/time_format.hpp"

namespace licensor::server {
namespace ssl = boost::asio::ssl;

namespace {

// TLS 1.2's forward-secret AEAD suites (TLS 1.3 has only such suites, and OpenSSL's defaults).
constexpr const char* kTls12Ciphers =
    "ECDHE-ECDSA-AES128-GCM-SHA256:ECDHE-RSA-AES128-GCM-SHA256:"
    "ECDHE-ECDSA-AES256-GCM-SHA384:ECDHE-RSA-AES256-GCM-SHA384:"
    "ECDHE-ECDSA-CHACHA20-POLY1305:ECDHE-RSA-CHACHA20-POLY1305";

Status Unusable(std::string_view flag, const std::string& path, const std::string& why) {
  return Status::InvalidField(std::string(flag) + " " + path + ": " + why);
}

Status CheckReadable(std::string_view flag, const std::string& path) {
  if (path.empty()) return Status::InvalidField(std::string(flag) + " needs a file");
  if (!std::ifstream(path)) return Unusable(flag, path, "cannot be read");
  return Status::Ok();
}

}  // namespace

Result<std::shared_ptr<ssl::context>> MakeServerTlsContext(const TlsFiles& files) {
  LICENSOR_RETURN_IF_ERROR(CheckReadable("--tls-cert", files.certificate_chain));
  LICENSOR_RETURN_IF_ERROR(CheckReadable("--tls-key", files.private_key));
  auto context = std::make_shared<ssl::context>(ssl::context::tls_server);
  SSL_CTX* native = context->native_handle();
  SSL_CTX_set_min_proto_version(native, TLS1_2_VERSION);
  // No compression (CRIME), no renegotiation (a client could make the server redo handshakes).
  SSL_CTX_set_options(native, SSL_OP_NO_COMPRESSION | SSL_OP_NO_RENEGOTIATION);
  if (SSL_CTX_set_cipher_list(native, kTls12Ciphers) != 1) {
    return Status::Internal("OpenSSL refused the TLS 1.2 cipher list");
  }
  boost::system::error_code ec;
  context->use_certificate_chain_file(files.certificate_chain, ec);
  if (ec) {
    return Unusable("--tls-cert", files.certificate_chain,
                    "not a PEM certificate chain (" + ec.message() + ")");
  }
  context->use_private_key_file(files.private_key, ssl::context::pem, ec);
  // OpenSSL compares the key with the certificate as it loads it.
  const bool mismatch =
      ec && ERR_GET_REASON(static_cast<unsigned long>(ec.value())) == X509_R_KEY_VALUES_MISMATCH;
  if (mismatch || (!ec && SSL_CTX_check_private_key(native) != 1)) {
    return Unusable("--tls-key", files.private_key,
                    "is not the key of the certificate in " + files.certificate_chain);
  }
  if (ec) {
    return Unusable("--tls-key", files.private_key,
                    "not an unencrypted PEM private key (" + ec.message() + ")");
  }
  return context;
}

std::string DescribeCertificate(ssl::context& context) {
  X509* certificate = SSL_CTX_get0_certificate(context.native_handle());
  if (certificate == nullptr) return "no certificate";
  std::string subject = "?";
  if (BIO* out = BIO_new(BIO_s_mem())) {
    X509_NAME_print_ex(out, X509_get_subject_name(certificate), 0, XN_FLAG_RFC2253);
    char* text = nullptr;
    const long size = BIO_get_mem_data(out, &text);
    if (size > 0) subject.assign(text, static_cast<std::size_t>(size));
    BIO_free(out);
  }
  std::tm until{};
  if (ASN1_TIME_to_tm(X509_get0_notAfter(certificate), &until) != 1) return subject;
  return subject + ", valid until " + FormatRfc3339(timegm(&until));
}

}  // namespace licensor::server
