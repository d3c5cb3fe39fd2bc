// Mapping the shared file verdicts and the server's problem codes onto the SDK's codes.
#pragma once

#include <optional>
#include <string_view>

#include "crypto/license_file.hpp"
#include "licensor/licensor.hpp"

namespace licensor::sdk {

Code FromFileCode(crypto::FileCode code);
// A problem+json `code` from licensord (e.g. "ACTIVATION_LIMIT_REACHED").
Code FromServerProblem(std::string_view problem_code);
// The code a CodeName() names, if any.
std::optional<Code> CodeNamed(std::string_view name);

}  // namespace licensor::sdk
