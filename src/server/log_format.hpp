// Log output: human text, or one JSON object per line for log collectors.
#pragma once

#include <string>

namespace licensor::server {

void ConfigureLogging(const std::string& format);

}  // namespace licensor::server
