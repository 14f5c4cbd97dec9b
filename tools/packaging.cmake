# Debian packages with CPack (scripts/package.sh runs `cpack -G DEB`; docs/INSTALL.md):
#
#   newsdex          the tool, its man pages and shell completions   (install COMPONENT newsdex)
#   libnewsdex0.N    the shared library, named after its soname       (COMPONENT libnewsdex)
#   libnewsdex-dev   headers, the soname-less symlink, CMake package, pkg-config (COMPONENT dev)
#
# Dependencies on other packages come from dpkg-shlibdeps; between these three, from the
# component dependencies (each on the exact version of the library package).
# Included at the end of the top-level CMakeLists.txt, once every install rule is declared.

if(NOT NEWSDEX_TOP_LEVEL)
  return()
endif()

# The soname's version, as lib/CMakeLists.txt sets it: 0.MINOR while newsdex is 0.x.
get_target_property(newsdex_package_soversion newsdex SOVERSION)
set(newsdex_library_package libnewsdex${newsdex_package_soversion})

set(CPACK_PACKAGE_NAME newsdex)
set(CPACK_PACKAGE_VENDOR "newsdex")
set(CPACK_PACKAGE_VERSION ${PROJECT_VERSION})
set(CPACK_PACKAGE_CONTACT "newsdex developers <newsdex@invalid>" CACHE STRING
    "Maintainer of the Debian packages")
set(CPACK_RESOURCE_FILE_LICENSE ${PROJECT_SOURCE_DIR}/LICENSE)
set(CPACK_STRIP_FILES ON)

# CMake 3.25 puts the summary before every package's description unless it is CPack's default
# (CPack.cmake's CPACK_DEFAULT_PACKAGE_DESCRIPTION_SUMMARY): so it is that, and each package's
# description starts with its own synopsis line (scripts/package.sh checks it).
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "${CMAKE_PROJECT_NAME} built using CMake")
set(CPACK_GENERATOR DEB)
set(CPACK_DEB_COMPONENT_INSTALL ON)
# What the packages hold; anything installed in no component would be left out of all three,
# which scripts/package.sh catches by checking each package's contents.
set(CPACK_COMPONENTS_ALL newsdex libnewsdex dev)
get_cmake_property(newsdex_install_components COMPONENTS)
if("Unspecified" IN_LIST newsdex_install_components)
  message(STATUS "Packaging: some install rules name no COMPONENT; their files are in no .deb")
endif()

set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT) # name_version-release_arch.deb
set(CPACK_DEBIAN_PACKAGE_RELEASE 1)
set(CPACK_DEBIAN_PACKAGE_MAINTAINER "${CPACK_PACKAGE_CONTACT}")
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
# The tool links the library being packaged, not an installed one: dpkg-shlibdeps finds it
# here, and the dependency on it is the component dependency below.
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS_PRIVATE_DIRS ${PROJECT_BINARY_DIR}/lib)
set(CPACK_DEBIAN_ENABLE_COMPONENT_DEPENDS ON)
set(CPACK_DEBIAN_PACKAGE_GENERATE_SHLIBS ON) # a shlibs file: packages built on ours depend right
set(CPACK_DEBIAN_PACKAGE_GENERATE_SHLIBS_POLICY "=") # 0.x: each minor release breaks the ABI

set(CPACK_COMPONENT_NEWSDEX_DISPLAY_NAME "newsdex command-line tool")
set(CPACK_COMPONENT_NEWSDEX_DEPENDS libnewsdex)
set(CPACK_DEBIAN_NEWSDEX_PACKAGE_NAME newsdex)
set(CPACK_DEBIAN_NEWSDEX_PACKAGE_SECTION utils)
set(CPACK_DEBIAN_NEWSDEX_DESCRIPTION "full-text search for news articles: command-line tool
newsdex indexes news articles (plain text, JSON Lines, JSON, HTML, gzip) into a
Xapian database and answers ranked searches over it, with one ICU-based analyzer
at index and query time, entity recognition, facets and snippets.
.
This package holds the newsdex command, its man pages and its bash, zsh and fish
completions.")

set(CPACK_COMPONENT_LIBNEWSDEX_DISPLAY_NAME "newsdex shared library")
set(CPACK_DEBIAN_LIBNEWSDEX_PACKAGE_NAME ${newsdex_library_package})
set(CPACK_DEBIAN_LIBNEWSDEX_PACKAGE_SECTION libs)
set(CPACK_DEBIAN_LIBNEWSDEX_DESCRIPTION "full-text search for news articles: shared library
libnewsdex indexes news articles into Xapian databases and searches them.
.
This package holds the shared library.")

set(CPACK_COMPONENT_DEV_DISPLAY_NAME "newsdex development files")
set(CPACK_COMPONENT_DEV_DEPENDS libnewsdex)
set(CPACK_DEBIAN_DEV_PACKAGE_NAME libnewsdex-dev)
set(CPACK_DEBIAN_DEV_PACKAGE_SECTION libdevel)
# newsdex.pc names the library's dependencies in Requires.private, and pkg-config refuses a
# module whose Requires.private it cannot find, even for a shared link: their -dev packages.
set(CPACK_DEBIAN_DEV_PACKAGE_DEPENDS "libxapian-dev, libicu-dev, libtbb-dev, libsimdjson-dev, \
libgumbo-dev, zlib1g-dev, libzstd-dev")
set(CPACK_DEBIAN_DEV_DESCRIPTION "full-text search for news articles: development files
libnewsdex indexes news articles into Xapian databases and searches them.
.
This package holds the C++ headers, a CMake package (find_package(newsdex)) and a
pkg-config file (newsdex.pc).")

include(CPack)
