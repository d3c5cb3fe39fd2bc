# The client SDK: liblicensor.so with the C++ API (licensor.hpp) and the C ABI (licensor.h),
# liblicensor.a for vendors who ship one binary, the licensor-fingerprint tool, the example
# app, and their install and package files.
# Libraries go where Debian keeps them (lib/x86_64-linux-gnu) in any prefix, not only in /usr:
# an install into a prefix and the packages agree, and pkg-config serves cross builds.
if(CMAKE_LIBRARY_ARCHITECTURE AND NOT DEFINED CACHE{CMAKE_INSTALL_LIBDIR})
  set(CMAKE_INSTALL_LIBDIR "lib/${CMAKE_LIBRARY_ARCHITECTURE}" CACHE PATH
      "Object code libraries (LIBDIR)")
endif()
include(GNUInstallDirs)
include(CMakePackageConfigHelpers)

set(LICENSOR_SDK_SOURCES
  src/sdk/codes.cpp
  src/sdk/fingerprint_linux.cpp
  src/sdk/http.cpp
  src/sdk/client_state.cpp
  src/sdk/client.cpp
  src/sdk/c_api.cpp)
add_library(licensor_sdk SHARED ${LICENSOR_SDK_SOURCES})
set_target_properties(licensor_sdk PROPERTIES
  OUTPUT_NAME licensor
  EXPORT_NAME licensor
  VERSION ${PROJECT_VERSION}
  SOVERSION ${PROJECT_VERSION_MAJOR}
  CXX_VISIBILITY_PRESET hidden
  VISIBILITY_INLINES_HIDDEN ON)
# Only the API marked LICENSOR_API leaves the library; common and crypto are linked inside it.
target_compile_definitions(licensor_sdk PRIVATE LICENSOR_SDK_BUILD)
target_include_directories(licensor_sdk PUBLIC
  $<BUILD_INTERFACE:${CMAKE_SOURCE_DIR}/include> $<INSTALL_INTERFACE:include>)
target_include_directories(licensor_sdk PRIVATE ${CMAKE_SOURCE_DIR}/src)
target_link_libraries(licensor_sdk PRIVATE licensor_crypto PkgConfig::SODIUM PkgConfig::CURL
                      nlohmann_json::nlohmann_json Threads::Threads)
target_link_options(licensor_sdk PRIVATE -Wl,--exclude-libs,ALL)
add_library(Licensor::licensor ALIAS licensor_sdk)

# The static variant holds what the shared one links inside it (common and crypto), so a vendor
# links it with libsodium and libcurl only; the package files name those.
add_library(licensor_sdk_static STATIC ${LICENSOR_SDK_SOURCES}
  $<TARGET_OBJECTS:licensor_common> $<TARGET_OBJECTS:licensor_crypto>)
set_target_properties(licensor_sdk_static PROPERTIES OUTPUT_NAME licensor EXPORT_NAME licensor_static)
target_compile_definitions(licensor_sdk_static PRIVATE LICENSOR_SDK_BUILD)
target_include_directories(licensor_sdk_static PUBLIC
  $<BUILD_INTERFACE:${CMAKE_SOURCE_DIR}/include> $<INSTALL_INTERFACE:include>)
target_include_directories(licensor_sdk_static PRIVATE ${CMAKE_SOURCE_DIR}/src)
target_link_libraries(licensor_sdk_static PRIVATE $<BUILD_INTERFACE:nlohmann_json::nlohmann_json>)
target_link_libraries(licensor_sdk_static INTERFACE
  $<BUILD_INTERFACE:PkgConfig::SODIUM> $<BUILD_INTERFACE:PkgConfig::CURL>
  $<INSTALL_INTERFACE:sodium> $<INSTALL_INTERFACE:curl> Threads::Threads)
add_library(Licensor::licensor_static ALIAS licensor_sdk_static)

add_executable(licensor-fingerprint src/sdk/fingerprint_tool.cpp)
target_link_libraries(licensor-fingerprint PRIVATE licensor_sdk)
# Installed, the tool finds the library it was installed with, wherever the prefix is.
set_target_properties(licensor-fingerprint PROPERTIES
  INSTALL_RPATH "$ORIGIN/../${CMAKE_INSTALL_LIBDIR}")

add_executable(licensed-app examples/licensed-app/main.cpp)
target_link_libraries(licensed-app PRIVATE licensor_sdk)

# Three install components, one per Debian package (cmake/package.cmake): `sdk_runtime` (the
# shared library, liblicensor.so.0, that a product loads), `sdk` (what a vendor builds its
# product against, and the fingerprint tool it ships) and `server` (licensord and licensorctl).
# A plain `cmake --install` installs all three; `--component sdk_runtime` and
# `--component sdk` the SDK alone.
install(TARGETS licensor_sdk licensor_sdk_static EXPORT LicensorTargets
  LIBRARY DESTINATION ${CMAKE_INSTALL_LIBDIR} COMPONENT sdk_runtime NAMELINK_COMPONENT sdk
  ARCHIVE DESTINATION ${CMAKE_INSTALL_LIBDIR} COMPONENT sdk
  INCLUDES DESTINATION ${CMAKE_INSTALL_INCLUDEDIR})
install(TARGETS licensor-fingerprint RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR} COMPONENT sdk)
install(TARGETS licensord licensorctl RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR} COMPONENT server)
install(FILES include/licensor/licensor.h include/licensor/licensor.hpp
  DESTINATION ${CMAKE_INSTALL_INCLUDEDIR}/licensor COMPONENT sdk)
install(EXPORT LicensorTargets NAMESPACE Licensor:: COMPONENT sdk
  DESTINATION ${CMAKE_INSTALL_LIBDIR}/cmake/Licensor)
configure_package_config_file(cmake/LicensorConfig.cmake.in
  ${CMAKE_BINARY_DIR}/LicensorConfig.cmake INSTALL_DESTINATION ${CMAKE_INSTALL_LIBDIR}/cmake/Licensor)
write_basic_package_version_file(${CMAKE_BINARY_DIR}/LicensorConfigVersion.cmake
  COMPATIBILITY SameMajorVersion)
install(FILES ${CMAKE_BINARY_DIR}/LicensorConfig.cmake ${CMAKE_BINARY_DIR}/LicensorConfigVersion.cmake
  DESTINATION ${CMAKE_INSTALL_LIBDIR}/cmake/Licensor COMPONENT sdk)
# The .pc files name the prefix relative to their own directory, however deep the libdir is.
file(RELATIVE_PATH LICENSOR_PC_TO_PREFIX "/${CMAKE_INSTALL_LIBDIR}/pkgconfig" "/")
configure_file(cmake/licensor.pc.in ${CMAKE_BINARY_DIR}/licensor.pc @ONLY)
configure_file(cmake/licensor-static.pc.in ${CMAKE_BINARY_DIR}/licensor-static.pc @ONLY)
install(FILES ${CMAKE_BINARY_DIR}/licensor.pc ${CMAKE_BINARY_DIR}/licensor-static.pc
  DESTINATION ${CMAKE_INSTALL_LIBDIR}/pkgconfig COMPONENT sdk)

# A C program that includes only licensor.h, and the SDK's end-to-end tests.
add_executable(licensor_c_test tests/c/licensor_c_test.c)
set_target_properties(licensor_c_test PROPERTIES C_STANDARD 11 C_EXTENSIONS OFF)
target_compile_options(licensor_c_test PRIVATE -Wall -Wextra -Werror -pedantic)
target_link_libraries(licensor_c_test PRIVATE licensor_sdk)

target_sources(licensor_e2e_tests PRIVATE tests/sdk_client_test.cpp tests/sdk_threading_test.cpp
  tests/sdk_network_test.cpp tests/sdk_answers_test.cpp)
target_link_libraries(licensor_e2e_tests PRIVATE licensor_sdk)
target_compile_definitions(licensor_e2e_tests PRIVATE
  LICENSED_APP_PATH="$<TARGET_FILE:licensed-app>"
  LICENSOR_FINGERPRINT_PATH="$<TARGET_FILE:licensor-fingerprint>"
  LICENSOR_C_TEST_PATH="$<TARGET_FILE:licensor_c_test>")
add_dependencies(licensor_e2e_tests licensed-app licensor-fingerprint licensor_c_test)

# The parser fuzzers (clang, libFuzzer, ASan, UBSan), each built and run for a short time by
# CTest (tests/fuzz/run.sh names what each covers).
foreach(target license_file http_input)
  add_test(NAME fuzz.${target}
    COMMAND ${CMAKE_SOURCE_DIR}/tests/fuzz/run.sh ${CMAKE_BINARY_DIR} 20 ${target})
  set_tests_properties(fuzz.${target} PROPERTIES TIMEOUT 600)
endforeach()

# bench/bindings.sh calls this empty C function through each binding's FFI: the floor its own
# cost is measured from.
add_library(licensor_ffi_floor SHARED bench/bindings/ffi_floor.c)

# bench/run.sh runs this beside the server benchmarks (docs/benchmarks.md).
add_executable(licensor_sdk_bench bench/sdk_bench.cpp)
target_include_directories(licensor_sdk_bench PRIVATE ${CMAKE_SOURCE_DIR}/src)
target_link_libraries(licensor_sdk_bench PRIVATE licensor_sdk licensor_crypto PkgConfig::SODIUM)

# The Python binding (bindings/python) over the C ABI, against a real licensord.
add_test(NAME sdk.python
  COMMAND ${CMAKE_COMMAND} -E env LICENSOR_LIBRARY=$<TARGET_FILE:licensor_sdk>
    LICENSORD=$<TARGET_FILE:licensord> LICENSOR_HEADER=${CMAKE_SOURCE_DIR}/include/licensor/licensor.h
    PYTHONPATH=${CMAKE_SOURCE_DIR}/bindings/python
    python3 -m unittest discover -s ${CMAKE_SOURCE_DIR}/bindings/python/tests)

# The Node.js binding (bindings/node) over the C ABI with koffi, against a real licensord.
add_test(NAME sdk.node
  COMMAND ${CMAKE_COMMAND} -E env LICENSOR_LIBRARY=$<TARGET_FILE:licensor_sdk>
    LICENSORD=$<TARGET_FILE:licensord> LICENSOR_HEADER=${CMAKE_SOURCE_DIR}/include/licensor/licensor.h
    ${CMAKE_SOURCE_DIR}/bindings/node/test.sh)

# The installed SDK works for a vendor: pkg-config and find_package(Licensor).
add_test(NAME sdk.install COMMAND ${CMAKE_SOURCE_DIR}/tests/sdk_install.sh ${CMAKE_BINARY_DIR})
add_test(NAME sdk.versions_agree
  COMMAND ${CMAKE_SOURCE_DIR}/tests/versions_agree.sh ${CMAKE_SOURCE_DIR} ${PROJECT_VERSION})
