// What the store holds that an operator watches, read at each scrape: licenses by status and
// the webhook outbox (its depth, its failures and how long the oldest delivery has waited).
#pragma once

#include <string>

#include "common/clock.hpp"
#include "core/store.hpp"

namespace licensor::server {

// Appends the gauges in the text exposition format. One read transaction of two grouped
// counts; when the store cannot be read, only licensor_scrape_store_readable 0.
void RenderLicensingGauges(core::Store& store, const Clock& clock, std::string& out);

}  // namespace licensor::server
