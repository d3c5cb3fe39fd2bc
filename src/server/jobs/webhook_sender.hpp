// Sends one webhook delivery over HTTP(S) with libcurl, on the jobs thread.
#pragma once

#include "core/webhook_service.hpp"

namespace licensor::server {

// POSTs the request and reports whether the endpoint answered 2xx. Redirects are not followed
// and only http and https are used; a slow endpoint gives up after kWebhookTimeout.
core::WebhookOutcome SendWebhook(const core::WebhookRequest& request);

inline constexpr long kWebhookTimeoutSeconds = 10;

}  // namespace licensor::server
