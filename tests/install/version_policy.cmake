# The installed CMake package's version policy (docs/ARCHITECTURE.md, "ABI"): while the major
# version is 0 a request for the same minor version is compatible and any other minor is not;
# from 1.0 the major version decides. Run as cmake -DVERSION_FILE=.../newsdexConfigVersion.cmake -P.
if(NOT EXISTS "${VERSION_FILE}")
  message(FATAL_ERROR "no version file at '${VERSION_FILE}'")
endif()

# Evaluates the version file as find_package(newsdex <requested>) would.
function(newsdex_compatible requested out)
  set(PACKAGE_FIND_NAME newsdex)
  set(PACKAGE_FIND_VERSION ${requested})
  string(REPLACE "." ";" parts ${requested})
  list(LENGTH parts PACKAGE_FIND_VERSION_COUNT)
  list(APPEND parts 0 0 0)
  list(GET parts 0 PACKAGE_FIND_VERSION_MAJOR)
  list(GET parts 1 PACKAGE_FIND_VERSION_MINOR)
  list(GET parts 2 PACKAGE_FIND_VERSION_PATCH)
  include("${VERSION_FILE}")
  set(${out} "${PACKAGE_VERSION_COMPATIBLE}" PARENT_SCOPE)
  set(installed_version "${PACKAGE_VERSION}" PARENT_SCOPE)
endfunction()

function(expect requested wanted)
  newsdex_compatible(${requested} compatible)
  if(NOT "${compatible}" STREQUAL "${wanted}")
    message(FATAL_ERROR "newsdex ${installed_version}: find_package(newsdex ${requested}) "
                        "compatible='${compatible}', expected '${wanted}'")
  endif()
  message(STATUS "newsdex ${installed_version}: find_package(newsdex ${requested}) compatible=${wanted}")
endfunction()

newsdex_compatible(0 ignored) # reads PACKAGE_VERSION
string(REPLACE "." ";" parts ${installed_version})
list(GET parts 0 major)
list(GET parts 1 minor)
math(EXPR next_minor "${minor} + 1")
math(EXPR next_major "${major} + 1")

expect(${major}.${minor} TRUE)
expect(${major}.${minor}.0 TRUE)
expect(${next_major}.0 FALSE)
if(major EQUAL 0)
  expect(${major}.${next_minor} FALSE)
  if(minor GREATER 0)
    math(EXPR previous_minor "${minor} - 1")
    expect(${major}.${previous_minor} FALSE)
  endif()
else()
  expect(${major}.0 TRUE)
endif()
