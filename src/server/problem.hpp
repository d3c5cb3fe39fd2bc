// Error mapping: the one place where stable error codes become HTTP statuses and problem+json.
#pragma once

#include <string>

#include "common/status.hpp"
#include "core/serialize.hpp"

namespace licensor::server {

using Json = core::Json;

int HttpStatusFor(ErrorCode code);

// RFC 9457 problem document. For kInternal the detail is replaced by a generic sentence; the
// real message is for the log only.
Json ProblemFor(const Status& status);

}  // namespace licensor::server
