# licensord, its library, the embedded API description, and licensorctl.

set(LICENSOR_OPENAPI_CPP ${CMAKE_BINARY_DIR}/generated/openapi_document.cpp)
add_custom_command(
  OUTPUT ${LICENSOR_OPENAPI_CPP}
  COMMAND ${CMAKE_COMMAND} -DINPUT=${CMAKE_SOURCE_DIR}/docs/openapi.json
          -DOUTPUT=${LICENSOR_OPENAPI_CPP} -DFUNCTION=OpenApiDocument
          -P ${CMAKE_SOURCE_DIR}/cmake/embed_text.cmake
  DEPENDS ${CMAKE_SOURCE_DIR}/docs/openapi.json ${CMAKE_SOURCE_DIR}/cmake/embed_text.cmake
  COMMENT "Embedding docs/openapi.json")

add_library(licensor_server STATIC
  src/server/app.cpp
  src/server/problem.cpp
  src/server/json_fields.cpp
  src/server/query.cpp
  src/server/router.cpp
  src/server/metrics.cpp
  src/server/rate_limiter.cpp
  src/server/http_server.cpp
  src/server/log_format.cpp
  src/server/jobs/job_runner.cpp
  src/server/handlers/system_routes.cpp
  src/server/handlers/token_routes.cpp
  src/server/handlers/catalog_routes.cpp
  src/server/handlers/license_routes.cpp
  src/server/handlers/client_routes.cpp
  ${LICENSOR_OPENAPI_CPP})
target_link_libraries(licensor_server PUBLIC licensor_storage Boost::system spdlog::spdlog Threads::Threads)

add_executable(licensord src/server/main.cpp)
target_link_libraries(licensord PRIVATE licensor_server CLI11::CLI11)
