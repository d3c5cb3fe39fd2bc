// A policy's fields as the API shows and takes them, and licensorctl's flags for them.
#pragma once

#include <span>

#include "core/api_fields.hpp"
#include "core/entities.hpp"

namespace licensor::core {

std::span<const ApiField<Policy>> PolicyFields();

}  // namespace licensor::core
