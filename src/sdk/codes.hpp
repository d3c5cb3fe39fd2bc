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
// `stored` (a code read back from the state file) when it is a known code that is not valid,
// else `fallback`: an edited state file can make the SDK refuse, never accept.
Code RefusalOr(int stored, Code fallback);
// The code a CodeName() names, if any.
std::optional<Code> CodeNamed(std::string_view name);

}  // namespace licensor::sdk
