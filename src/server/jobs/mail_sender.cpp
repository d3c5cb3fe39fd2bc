#include "server/jobs/mail_sender.hpp"

#include <algorithm>
#include <ctime>

#include "crypto/encoding.hpp"
#include "server/jobs/curl_handle.hpp"

namespace licensor::server {
namespace {

bool IsAscii(const std::string& text) {
  return std::all_of(text.begin(), text.end(),
                     [](char c) { return static_cast<unsigned char>(c) < 0x80; });
}

// A header value: ASCII as it is, anything else as an RFC 2047 encoded word.
std::string HeaderText(const std::string& text) {
  if (IsAscii(text)) return text;
  return "=?UTF-8?B?" + crypto::Base64(text) + "?=";
}

std::string RfcDate(UnixSeconds now) {
  const std::time_t t = static_cast<std::time_t>(now);
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[64];
  std::strftime(buf, sizeof buf, "%a, %d %b %Y %H:%M:%S +0000", &tm);
  return buf;
}

std::string WithCrlf(const std::string& text) {
  std::string out;
  out.reserve(text.size() + text.size() / 40);
  for (const char c : text) {
    if (c == '\r') continue;
    if (c == '\n') out += '\r';
    out += c;
  }
  return out;
}

struct Upload {
  const std::string& data;
  std::size_t sent = 0;
};

std::size_t ReadMessage(char* buffer, std::size_t size, std::size_t count, void* user) {
  auto* upload = static_cast<Upload*>(user);
  const std::size_t n = std::min(size * count, upload->data.size() - upload->sent);
  std::copy_n(upload->data.data() + upload->sent, n, buffer);
  upload->sent += n;
  return n;
}

}  // namespace

std::string EnvelopeAddress(const std::string& from) {
  const auto open = from.rfind('<');
  const auto close = from.rfind('>');
  if (open == std::string::npos || close == std::string::npos || close < open) return from;
  return from.substr(open + 1, close - open - 1);
}

std::string FormatMessage(const SmtpConfig& smtp, const core::OutgoingMail& mail, UnixSeconds now) {
  const std::string sender = EnvelopeAddress(smtp.from);
  const std::string domain = sender.substr(sender.find('@') + 1);
  return "Date: " + RfcDate(now) + "\r\nFrom: " + smtp.from + "\r\nTo: <" + mail.to +
         ">\r\nSubject: " + HeaderText(mail.subject) + "\r\nMessage-ID: <" + mail.id + "@" +
         domain +
         ">\r\nMIME-Version: 1.0\r\nContent-Type: text/plain; charset=UTF-8\r\n"
         "Content-Transfer-Encoding: 8bit\r\nAuto-Submitted: auto-generated\r\n\r\n" +
         WithCrlf(mail.body);
}

core::MailOutcome SendMail(const SmtpConfig& smtp, const core::OutgoingMail& mail,
                           UnixSeconds now) {
  const CurlHandle curl = NewCurlHandle();
  if (!curl) return {false, "cannot start an SMTP client"};
  const std::string message = FormatMessage(smtp, mail, now);
  Upload upload{message};
  const CurlList recipients(curl_slist_append(nullptr, ("<" + mail.to + ">").c_str()),
                            &curl_slist_free_all);
  const std::string mail_from = "<" + EnvelopeAddress(smtp.from) + ">";
  CURL* c = curl.get();
  curl_easy_setopt(c, CURLOPT_URL, smtp.url.c_str());
  curl_easy_setopt(c, CURLOPT_PROTOCOLS_STR, "smtp,smtps");
  curl_easy_setopt(c, CURLOPT_USE_SSL, static_cast<long>(CURLUSESSL_ALL));
  if (!smtp.ca_file.empty()) curl_easy_setopt(c, CURLOPT_CAINFO, smtp.ca_file.c_str());
  if (!smtp.user.empty()) {
    curl_easy_setopt(c, CURLOPT_USERNAME, smtp.user.c_str());
    curl_easy_setopt(c, CURLOPT_PASSWORD, smtp.password.c_str());
  }
  curl_easy_setopt(c, CURLOPT_MAIL_FROM, mail_from.c_str());
  curl_easy_setopt(c, CURLOPT_MAIL_RCPT, recipients.get());
  curl_easy_setopt(c, CURLOPT_UPLOAD, 1L);
  curl_easy_setopt(c, CURLOPT_READFUNCTION, &ReadMessage);
  curl_easy_setopt(c, CURLOPT_READDATA, &upload);
  curl_easy_setopt(c, CURLOPT_INFILESIZE_LARGE, static_cast<curl_off_t>(message.size()));
  curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(c, CURLOPT_CONNECTTIMEOUT, 10L);
  curl_easy_setopt(c, CURLOPT_TIMEOUT, kMailTimeoutSeconds);
  const CURLcode result = curl_easy_perform(c);
  if (result == CURLE_OK) return {true, ""};
  long reply = 0;
  curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &reply);
  std::string error = curl_easy_strerror(result);
  if (reply > 0) error += " (SMTP " + std::to_string(reply) + ")";
  return {false, error};
}

}  // namespace licensor::server
