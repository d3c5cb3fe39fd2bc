# Writes OUTPUT: a C++ file defining FUNCTION() in namespace licensor::server returning INPUT's text.
# The text's length comes from the array's size, not from scanning it at compile time, which
# compilers cap (GCC at 262144 steps) and the OpenAPI document outgrows.
file(READ "${INPUT}" content)
set(delimiter "LICENSOR_EMBED")
file(WRITE "${OUTPUT}" "// Generated from ${INPUT}; do not edit.\n#include <string_view>\nnamespace licensor::server {\nstd::string_view ${FUNCTION}() {\n  static constexpr char kText[] = R\"${delimiter}(${content})${delimiter}\";\n  return {kText, sizeof(kText) - 1};\n}\n}  // namespace licensor::server\n")
