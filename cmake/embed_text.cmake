# Writes OUTPUT: a C++ file defining FUNCTION() in namespace licensor::server returning INPUT's text.
file(READ "${INPUT}" content)
set(delimiter "LICENSOR_EMBED")
file(WRITE "${OUTPUT}" "// Generated from ${INPUT}; do not edit.\n#include <string_view>\nnamespace licensor::server {\nstd::string_view ${FUNCTION}() {\n  static constexpr std::string_view kText = R\"${delimiter}(${content})${delimiter}\";\n  return kText;\n}\n}  // namespace licensor::server\n")
