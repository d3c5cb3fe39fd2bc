# licensord, its library, the embedded API description, and licensorctl.

set(LICENSOR_OPENAPI_CPP ${CMAKE_BINARY_DIR}/generated/openapi_document.cpp)
add_custom_command(
  OUTPUT ${LICENSOR_OPENAPI_CPP}
  COMMAND ${CMAKE_COMMAND} -DINPUT=${CMAKE_SOURCE_DIR}/docs/openapi.json
          -DOUTPUT=${LICENSOR_OPENAPI_CPP} -DFUNCTION=OpenApiDocument
          -P ${CMAKE_SOURCE_DIR}/cmake/embed_text.cmake
  DEPENDS ${CMAKE_SOURCE_DIR}/docs/openapi.json ${CMAKE_SOURCE_DIR}/cmake/embed_text.cmake
  COMMENT "Embedding docs/openapi.json")

# The console, built by scripts/build-console.sh into web/console/dist, embedded as C++ data.
set(LICENSOR_CONSOLE_DIST ${CMAKE_SOURCE_DIR}/web/console/dist)
set(LICENSOR_CONSOLE_CPP ${CMAKE_BINARY_DIR}/generated/console_assets.cpp)
file(GLOB_RECURSE LICENSOR_CONSOLE_FILES CONFIGURE_DEPENDS ${LICENSOR_CONSOLE_DIST}/*)
find_program(NODE_EXECUTABLE node REQUIRED)
add_custom_command(
  OUTPUT ${LICENSOR_CONSOLE_CPP}
  COMMAND ${NODE_EXECUTABLE} ${CMAKE_SOURCE_DIR}/web/console/scripts/embed.mjs
          ${LICENSOR_CONSOLE_DIST} ${LICENSOR_CONSOLE_CPP}
  DEPENDS ${LICENSOR_CONSOLE_FILES} ${CMAKE_SOURCE_DIR}/web/console/scripts/embed.mjs
  COMMENT "Embedding the console (web/console/dist)")

add_library(licensor_server STATIC
  src/server/app.cpp
  src/server/problem.cpp
  src/server/query.cpp
  src/server/router.cpp
  src/server/metrics.cpp
  src/server/process_metrics.cpp
  src/server/timed_store.cpp
  src/server/startup_keys.cpp
  src/server/licensing_gauges.cpp
  src/server/rate_limiter.cpp
  src/server/http_server.cpp
  src/server/log_format.cpp
  src/server/log_throttle.cpp
  src/server/http_framing.cpp
  src/server/json_body.cpp
  src/server/json_writer.cpp
  src/server/connection_table.cpp
  src/server/client_address.cpp
  src/server/session_cookie.cpp
  src/server/tls_context.cpp
  src/server/https_redirect.cpp
  src/server/console_files.cpp
  src/server/jobs/job_runner.cpp
  src/server/jobs/state_flusher.cpp
  src/server/jobs/webhook_sender.cpp
  src/server/jobs/mail_sender.cpp
  src/server/handlers/system_routes.cpp
  src/server/handlers/token_routes.cpp
  src/server/handlers/account_routes.cpp
  src/server/handlers/stats_routes.cpp
  src/server/handlers/catalog_routes.cpp
  src/server/handlers/license_routes.cpp
  src/server/handlers/client_routes.cpp
  src/server/handlers/file_routes.cpp
  src/server/handlers/installation_routes.cpp
  src/server/handlers/registry_routes.cpp
  src/server/handlers/webhook_routes.cpp
  src/server/handlers/mail_routes.cpp
  src/server/handlers/card_routes.cpp
  src/server/handlers/card_statistics.cpp
  src/server/handlers/fleet_routes.cpp
  ${LICENSOR_OPENAPI_CPP}
  ${LICENSOR_CONSOLE_CPP})
target_link_libraries(licensor_server PUBLIC licensor_storage Boost::system spdlog::spdlog Threads::Threads
  OpenSSL::SSL PRIVATE PkgConfig::CURL)

add_executable(licensord src/server/main.cpp)
target_link_libraries(licensord PRIVATE licensor_server CLI11::CLI11)

add_library(licensor_http_client STATIC src/cli/http_client.cpp)
target_link_libraries(licensor_http_client PUBLIC licensor_common Boost::system Threads::Threads
  PRIVATE OpenSSL::SSL)

# End-to-end tests: each starts real licensord processes on loopback.
add_executable(licensor_e2e_tests
  tests/support/licensord_process.cpp
  tests/support/webhook_receiver.cpp
  tests/scenario_online_test.cpp
  tests/activation_lifecycle_test.cpp
  tests/concurrency_durability_test.cpp
  tests/bad_input_test.cpp
  tests/authz_test.cpp
  tests/cli_test.cpp
  tests/multi_node_test.cpp
  tests/startup_config_test.cpp
  tests/license_files_test.cpp
  tests/installations_test.cpp
  tests/registry_test.cpp
  tests/registry_reminders_test.cpp
  tests/mail_test.cpp
  tests/registry_cli_test.cpp
  tests/cards_test.cpp
  tests/customer_overview_test.cpp
  tests/cards_cli_test.cpp
  tests/http_hardening_test.cpp
  tests/signed_answers_test.cpp
  tests/tls_test.cpp
  tests/backup_test.cpp
  tests/console_accounts_test.cpp
  tests/sign_in_defences_test.cpp
  tests/console_serving_test.cpp
  tests/dashboard_stats_test.cpp
  tests/catalog_test.cpp
  tests/server_keys_test.cpp)
target_include_directories(licensor_e2e_tests PRIVATE ${CMAKE_SOURCE_DIR})
target_compile_definitions(licensor_e2e_tests PRIVATE LICENSORD_PATH="$<TARGET_FILE:licensord>"
                                                     LICENSORCTL_PATH="$<TARGET_FILE:licensorctl>"
                                                     LICENSOR_SMTP_AUTH_RELAY="${CMAKE_SOURCE_DIR}/tests/support/smtp_auth_relay.py"
                                                     LICENSOR_RESPONSE_LOG_DIR="${CMAKE_BINARY_DIR}/responses")
target_link_libraries(licensor_e2e_tests PRIVATE licensor_http_client licensor_test_databases
                      licensor_crypto
                      nlohmann_json::nlohmann_json GTest::gtest_main)
add_dependencies(licensor_e2e_tests licensord licensorctl)
# The whole end-to-end suite runs on each store: SQLite, then PostgreSQL.
gtest_discover_tests(licensor_e2e_tests TEST_PREFIX "sqlite." DISCOVERY_TIMEOUT 30
  PROPERTIES TIMEOUT 300)
gtest_discover_tests(licensor_e2e_tests TEST_PREFIX "postgres." DISCOVERY_TIMEOUT 30
  PROPERTIES TIMEOUT 300 ENVIRONMENT LICENSOR_E2E_STORE=postgres FIXTURES_REQUIRED postgres)

# /metrics as Prometheus sees it, and the shipped alert rules and dashboard (docs/monitoring).
add_test(NAME metrics.promtool
         COMMAND ${CMAKE_SOURCE_DIR}/tests/metrics_check.sh $<TARGET_FILE:licensord> ${CMAKE_BINARY_DIR})
set_tests_properties(metrics.promtool PROPERTIES TIMEOUT 300)

# make package's Debian packages, checked, unpacked and serving (needs every target built).
add_test(NAME package.deb COMMAND ${CMAKE_SOURCE_DIR}/tests/package_test.sh ${CMAKE_BINARY_DIR})
set_tests_properties(package.deb PROPERTIES TIMEOUT 600)

# The API description as a client generator sees it: lint, a generated client, type-checked.
add_test(NAME openapi.client COMMAND ${CMAKE_SOURCE_DIR}/tests/openapi/run.sh $<TARGET_FILE:licensord>)
set_tests_properties(openapi.client PROPERTIES TIMEOUT 300)

add_executable(licensor_server_tests src/server/openapi_test.cpp src/server/app_test.cpp
  src/server/process_metrics_test.cpp
  src/server/rate_limiter_test.cpp src/server/query_test.cpp src/server/log_throttle_test.cpp
  src/server/http_framing_test.cpp src/server/client_address_test.cpp src/server/json_body_test.cpp
  src/server/router_test.cpp src/server/json_writer_test.cpp src/server/problem_test.cpp
  src/server/https_redirect_test.cpp)
target_link_libraries(licensor_server_tests PRIVATE licensor_server GTest::gtest_main)
target_compile_definitions(licensor_server_tests PRIVATE LICENSOR_SOURCE_DIR="${CMAKE_SOURCE_DIR}")
gtest_discover_tests(licensor_server_tests DISCOVERY_TIMEOUT 30)

add_executable(licensorctl src/cli/main.cpp src/cli/commands.cpp src/cli/file_commands.cpp
  src/cli/installation_commands.cpp src/cli/registry_commands.cpp src/cli/card_commands.cpp
  src/cli/user_commands.cpp src/cli/output.cpp)
target_link_libraries(licensorctl PRIVATE licensor_http_client licensor_core CLI11::CLI11
  nlohmann_json::nlohmann_json)

# The SQLite reference for the activation benchmark (bench/run.sh).
add_executable(licensor_bench_sqlite_commits bench/sqlite_commits.cpp)
target_link_libraries(licensor_bench_sqlite_commits PRIVATE SQLite::SQLite3)

# The daily deduction run over a fleet beside a bare UPDATE (bench/run.sh).
add_executable(licensor_deduction_bench bench/deduction_bench.cpp)
target_link_libraries(licensor_deduction_bench PRIVATE licensor_storage SQLite::SQLite3)

# The console (web/console): its unit tests (Vitest), its formatting, its lint (ESLint, with
# the boundaries between features), and its browser tests
# (Playwright in Debian's Chromium) against the licensord just built. Its dependencies are
# installed by scripts/build-console.sh, which `make build` runs.
set(LICENSOR_CONSOLE_DIR ${CMAKE_SOURCE_DIR}/web/console)
add_test(NAME console.unit COMMAND npx vitest run WORKING_DIRECTORY ${LICENSOR_CONSOLE_DIR})
add_test(NAME console.format COMMAND npx prettier --check src e2e playwright.config.ts vite.config.ts
         eslint.config.js WORKING_DIRECTORY ${LICENSOR_CONSOLE_DIR})
add_test(NAME console.lint COMMAND npx eslint --max-warnings 0 . WORKING_DIRECTORY ${LICENSOR_CONSOLE_DIR})
add_test(NAME console.browser COMMAND npx playwright test WORKING_DIRECTORY ${LICENSOR_CONSOLE_DIR})
set_tests_properties(console.browser PROPERTIES TIMEOUT 1500 ENVIRONMENT
  "LICENSORD=$<TARGET_FILE:licensord>;LICENSORCTL=$<TARGET_FILE:licensorctl>;LICENSOR_FINGERPRINT=$<TARGET_FILE:licensor-fingerprint>;LICENSED_APP=$<TARGET_FILE:licensed-app>")
