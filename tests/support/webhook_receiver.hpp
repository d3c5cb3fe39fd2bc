// A minimal HTTP endpoint on loopback that records the webhook requests licensord sends, for
// end-to-end tests. It can be told to fail the next requests, to exercise retries.
#pragma once

#include <atomic>
#include <map>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

namespace licensor::testing {

struct ReceivedRequest {
  std::string target;
  std::map<std::string, std::string> headers;  // names in lower case
  std::string body;
  int answered = 0;  // the status it was answered with
};

class WebhookReceiver {
 public:
  WebhookReceiver();   // listens on 127.0.0.1 at a free port
  ~WebhookReceiver();  // stops and joins

  std::string url() const { return "http://127.0.0.1:" + std::to_string(port_) + "/hooks"; }
  void FailNext(int requests) { failures_left_ = requests; }  // answered 503
  std::vector<ReceivedRequest> received() const;

 private:
  void Serve();
  void Handle(int connection);

  int listener_ = -1;
  int port_ = 0;
  std::atomic<bool> stopping_{false};
  std::atomic<int> failures_left_{0};
  mutable std::mutex mutex_;
  std::vector<ReceivedRequest> received_;
  std::thread thread_;
};

}  // namespace licensor::testing
