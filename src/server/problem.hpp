// Error mapping: the one place where stable error codes become HTTP statuses and problem+json.
#pragma once

#include <string>

#include "common/status.hpp"
#include "core/serialize.hpp"
#include "server/router.hpp"

namespace licensor::server {

using Json = core::Json;

int HttpStatusFor(ErrorCode code);

// RFC 9457 problem document. For kInternal the detail is replaced by a generic sentence; the
// real message is for the log only.
Json ProblemFor(const Status& status);

// A problem+json reply for `status`, with the HTTP status its code maps to unless
// `http_status` is given (431 for oversized headers has no error code of its own).
Reply ProblemReply(const Status& status, std::optional<int> http_status = std::nullopt);

}  // namespace licensor::server
