# `make package`: three Debian packages from one build, with CPack's DEB generator.
#   licensord        licensord and licensorctl, a hardened systemd unit, /etc/licensor/licensord.toml
#   liblicensor0     the SDK's shared library, liblicensor.so.0
#   liblicensor-dev  its headers, static library, pkg-config and CMake files, licensor-fingerprint
# tests/package_test.sh checks them with lintian, installs them in a throwaway root, and serves
# the console from the installed licensord with the shipped configuration.

set(LICENSOR_DEBIAN ${CMAKE_SOURCE_DIR}/packaging/debian)

# packaging/debian/PACKAGE/ holds each package's maintainer scripts and control files, named as
# dpkg names them, and its lintian overrides.
#
# The service's files, in the system's places, only in the package: a `cmake --install
# --component server` into a prefix must not write to /etc or /lib.
install(FILES packaging/licensord.service DESTINATION /lib/systemd/system COMPONENT service)
install(FILES packaging/licensord.toml DESTINATION /etc/licensor COMPONENT service)

# Each package's documentation directory: its copyright, its changelog and, for the server,
# the operations guide with the alert rules and dashboard.
configure_file(${LICENSOR_DEBIAN}/changelog.in ${CMAKE_BINARY_DIR}/debian/changelog.Debian @ONLY)
execute_process(COMMAND gzip -9nf ${CMAKE_BINARY_DIR}/debian/changelog.Debian)
foreach(package_component IN ITEMS "licensord;service" "liblicensor0;sdk_runtime"
                                   "liblicensor-dev;sdk")
  list(GET package_component 0 package)
  list(GET package_component 1 component)
  install(FILES ${LICENSOR_DEBIAN}/copyright ${CMAKE_BINARY_DIR}/debian/changelog.Debian.gz
          DESTINATION ${CMAKE_INSTALL_DATADIR}/doc/${package} COMPONENT ${component})
  if(EXISTS ${LICENSOR_DEBIAN}/${package}/lintian-overrides)
    install(FILES ${LICENSOR_DEBIAN}/${package}/lintian-overrides
            DESTINATION ${CMAKE_INSTALL_DATADIR}/lintian/overrides RENAME ${package}
            COMPONENT ${component})
  endif()
endforeach()
install(FILES docs/operations.md docs/monitoring/licensor-alerts.yml
              docs/monitoring/licensor-dashboard.json
        DESTINATION ${CMAKE_INSTALL_DATADIR}/doc/licensord COMPONENT service)
install(FILES docs/sdk.md DESTINATION ${CMAKE_INSTALL_DATADIR}/doc/liblicensor-dev COMPONENT sdk)

set(CPACK_GENERATOR DEB)
set(CPACK_PACKAGE_NAME licensor)
set(CPACK_PACKAGE_VENDOR Licensor)
set(CPACK_PACKAGE_CONTACT "Licensor <packages@licensor.example.com>")
set(CPACK_PACKAGE_VERSION ${PROJECT_VERSION})
set(CPACK_PACKAGING_INSTALL_PREFIX /usr)
set(CPACK_STRIP_FILES ON)
set(CPACK_DEB_COMPONENT_INSTALL ON)
set(CPACK_COMPONENTS_ALL server service sdk_runtime sdk)
set(CPACK_COMPONENT_SERVER_GROUP licensord)
set(CPACK_COMPONENT_SERVICE_GROUP licensord)
set(CPACK_COMPONENT_SDK_RUNTIME_GROUP runtime)
set(CPACK_COMPONENT_SDK_GROUP dev)

set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_RELEASE 1)
set(CPACK_DEBIAN_PACKAGE_HOMEPAGE https://licensor.example.com)
set(CPACK_DEBIAN_PACKAGE_PRIORITY optional)
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)  # dpkg-shlibdeps: the libraries each binary links
# licensor-fingerprint links liblicensor.so.0, which is in this build rather than the system.
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS_PRIVATE_DIRS ${CMAKE_BINARY_DIR})
set(CPACK_PRE_BUILD_SCRIPTS ${CMAKE_SOURCE_DIR}/cmake/package_strip_rpath.cmake)
set(CPACK_DEBIAN_ENABLE_COMPONENT_DEPENDS OFF)
# An shlibs file for liblicensor0: packages built against it depend on this version or later.
set(CPACK_DEBIAN_PACKAGE_GENERATE_SHLIBS ON)
set(CPACK_DEBIAN_PACKAGE_GENERATE_SHLIBS_POLICY ">=")

set(CPACK_DEBIAN_LICENSORD_PACKAGE_NAME licensord)
set(CPACK_DEBIAN_LICENSORD_PACKAGE_SECTION net)
set(CPACK_DEBIAN_LICENSORD_PACKAGE_DEPENDS adduser)
# Each description: a summary line, then the extended one, whose lines CPack indents (and whose
# empty lines become " ." paragraph breaks) as a control file holds it.
set(CPACK_DEBIAN_LICENSORD_DESCRIPTION
    "license server for software and devices
Licensor lets a vendor define policies, issue licenses to its customers, and
have its products prove their right to run, online or fully offline:
activation codes with hardware fingerprints, signed license files,
certificate packages for a platform and its agents, and device day-cards.

This package holds licensord, with its web console, and licensorctl, and runs
licensord as a hardened systemd service on an embedded SQLite store.")
set(CPACK_DEBIAN_LICENSORD_PACKAGE_CONTROL_EXTRA
    ${LICENSOR_DEBIAN}/licensord/postinst ${LICENSOR_DEBIAN}/licensord/prerm
    ${LICENSOR_DEBIAN}/licensord/postrm ${LICENSOR_DEBIAN}/licensord/conffiles)
set(CPACK_DEBIAN_LICENSORD_PACKAGE_CONTROL_STRICT_PERMISSION ON)

set(CPACK_DEBIAN_RUNTIME_PACKAGE_NAME liblicensor0)
set(CPACK_DEBIAN_RUNTIME_PACKAGE_SECTION libs)
set(CPACK_DEBIAN_RUNTIME_PACKAGE_MULTIARCH same)
set(CPACK_DEBIAN_RUNTIME_DESCRIPTION
    "Licensor client SDK (shared library)
The library a product links to prove its right to run: it activates a
license, verifies signed license files offline, sends heartbeats and keeps
the product running through outages within its grace period. Python and
Node.js bindings load it too.")
set(CPACK_DEBIAN_RUNTIME_PACKAGE_CONTROL_EXTRA ${LICENSOR_DEBIAN}/liblicensor0/triggers)

set(CPACK_DEBIAN_DEV_PACKAGE_NAME liblicensor-dev)
set(CPACK_DEBIAN_DEV_PACKAGE_SECTION libdevel)
set(CPACK_DEBIAN_DEV_PACKAGE_DEPENDS "liblicensor0 (= ${PROJECT_VERSION}-1)")
set(CPACK_DEBIAN_DEV_DESCRIPTION
    "Licensor client SDK (development files)
Headers (C and C++), the static library, pkg-config and CMake package files
for building a product against the Licensor client SDK, and
licensor-fingerprint, the tool a vendor ships for offline activation.")

include(CPack)
