#include "storage/postgres/pg_listener.hpp"

#include <fcntl.h>
#include <poll.h>
#include <spdlog/spdlog.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>

namespace licensor::storage::postgres {
namespace {

constexpr int kFirstPauseMs = 100;
constexpr int kLongestPauseMs = 5000;

}  // namespace

PgListener::PgListener(std::string url, std::string channel, OnNotify on_notify, OnState on_state)
    : url_(std::move(url)),
      channel_(std::move(channel)),
      on_notify_(std::move(on_notify)),
      on_state_(std::move(on_state)) {
  if (::pipe2(stop_pipe_, O_CLOEXEC) != 0) stop_pipe_[0] = stop_pipe_[1] = -1;
  thread_ = std::thread([this] { Run(); });
}

PgListener::~PgListener() {
  // Closing the pipe's write end makes its read end readable: the thread's poll returns.
  if (stop_pipe_[1] >= 0) ::close(stop_pipe_[1]);
  if (thread_.joinable()) thread_.join();
  if (stop_pipe_[0] >= 0) ::close(stop_pipe_[0]);
}

bool PgListener::StopWithin(int ms) const {
  pollfd stop{stop_pipe_[0], POLLIN, 0};
  return ::poll(&stop, 1, ms) > 0;
}

void PgListener::Run() {
  int pause_ms = kFirstPauseMs;
  for (bool lost_before = false;; lost_before = true) {
    auto conn = PgConnection::OpenKeptAlive(url_);
    const Status listening =
        conn.ok() ? (*conn)->Exec(("LISTEN " + channel_).c_str()) : conn.status();
    if (!listening.ok()) {
      spdlog::warn("cannot listen for other nodes' changes (retrying in {} ms): {}", pause_ms,
                   listening.message());
      if (StopWithin(pause_ms)) return;
      pause_ms = std::min(pause_ms * 2, kLongestPauseMs);
      continue;
    }
    pause_ms = kFirstPauseMs;
    if (lost_before) spdlog::info("listening for other nodes' changes again");
    on_state_(true);
    for (;;) {
      pollfd fds[2] = {{(*conn)->Socket(), POLLIN, 0}, {stop_pipe_[0], POLLIN, 0}};
      if (::poll(fds, 2, -1) < 0 && errno != EINTR) break;
      if (fds[1].revents != 0) return;
      if (fds[0].revents == 0) continue;
      auto notifications = (*conn)->TakeNotifications(channel_);
      if (!notifications.ok()) {
        spdlog::warn("{}; reading past the validation cache until it is back",
                     notifications.status().message());
        break;
      }
      if (!notifications->empty()) on_notify_(*notifications);
    }
    on_state_(false);
  }
}

}  // namespace licensor::storage::postgres
