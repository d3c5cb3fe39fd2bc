# Run by CPack on the staged packages (CPACK_PRE_BUILD_SCRIPTS): a Debian package's binaries find
# their libraries in the system's directories, so the $ORIGIN-relative RUNPATH that lets an
# install into any prefix run without LD_LIBRARY_PATH comes off.
file(GLOB_RECURSE staged_binaries LIST_DIRECTORIES false
     "${CPACK_TEMPORARY_INSTALL_DIRECTORY}/*/usr/bin/*")
foreach(binary IN LISTS staged_binaries)
  file(RPATH_REMOVE FILE "${binary}")
endforeach()
