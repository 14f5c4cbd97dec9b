# Fails when a public symbol has no documentation (the tests api.reference and
# api.reference.catches_undocumented, docs/api/CMakeLists.txt). cmake -P with:
#   DOXYGEN         the doxygen executable
#   DOXYFILE        the configured Doxyfile of the `docs` target (its settings are the check's)
#   HEADERS         include/newsdex;  VERSION_HEADER  the generated version.hpp;  MAINPAGE  mainpage.md
#   WORK            a scratch directory, emptied first
#   MODE            check: pass when nothing is undocumented
#                   catches_undocumented: a copy of the headers with undocumented symbols of each
#                   kind added must fail, naming each of them and not the one in `detail`
#
# Three rules, because Doxygen 1.9.4 (Debian 12) alone misses two kinds of symbol:
#   1. doxygen with WARN_AS_ERROR = FAIL_ON_WARNINGS: undocumented classes, members, functions,
#      enums, type aliases, variables, and any documentation error;
#   2. every header carries a \file comment: Doxygen reports a header's macros only when the
#      header itself is documented, so an undocumented one would hide them;
#   3. every enum value is documented: Doxygen warns about them only from 1.9.6
#      (WARN_IF_UNDOC_ENUM_VAL), so this reads its XML output instead.

cmake_minimum_required(VERSION 3.25)

foreach(var DOXYGEN DOXYFILE HEADERS VERSION_HEADER MAINPAGE WORK MODE)
  if(NOT DEFINED ${var})
    message(FATAL_ERROR "check.cmake: -D${var}=... is required")
  endif()
endforeach()

file(REMOVE_RECURSE "${WORK}")
file(MAKE_DIRECTORY "${WORK}")

if(MODE STREQUAL "check")
  set(header_dir "${HEADERS}")
  file(GLOB headers "${HEADERS}/*.hpp")
  list(APPEND headers "${VERSION_HEADER}")
  set(input "\"${HEADERS}\" \"${VERSION_HEADER}\" \"${MAINPAGE}\"")
elseif(MODE STREQUAL "catches_undocumented")
  # The same headers, copied, plus two: one documented header holding an undocumented symbol of
  # each kind (and one in `detail`, which is not public), one header with no \file comment.
  set(header_dir "${WORK}/include/newsdex")
  file(GLOB headers "${HEADERS}/*.hpp")
  file(COPY ${headers} "${VERSION_HEADER}" DESTINATION "${header_dir}")
  file(WRITE "${header_dir}/probe.hpp" [=[
/// \file
/// Symbols the check must refuse (written by docs/api/check.cmake).
#pragma once
#include <newsdex/export.hpp>
#define NEWSDEX_UNDOCUMENTED_PROBE_MACRO 1
namespace newsdex {
NEWSDEX_EXPORT int undocumented_probe_function(int value);
/// A documented struct with one undocumented member.
struct DocumentedProbe {
  int undocumented_probe_member = 0;
};
/// A documented enum with one undocumented value.
enum class DocumentedProbeEnum {
  documented, ///< this one is
  undocumented_probe_value,
};
using UndocumentedProbeAlias = int;
namespace detail {
NEWSDEX_EXPORT int internal_probe_function();
} // namespace detail
} // namespace newsdex
]=])
  file(WRITE "${header_dir}/probe_without_file_comment.hpp" [=[
// A header whose first comment is not a \file comment.
#pragma once
namespace newsdex {
/// Documented.
int documented_probe_function();
} // namespace newsdex
]=])
  file(GLOB headers "${header_dir}/*.hpp")
  set(input "\"${header_dir}\" \"${MAINPAGE}\"")
  set(expected_names
      undocumented_probe_function undocumented_probe_member undocumented_probe_value
      UndocumentedProbeAlias NEWSDEX_UNDOCUMENTED_PROBE_MACRO probe_without_file_comment.hpp)
  set(unexpected_names internal_probe_function)
else()
  message(FATAL_ERROR "check.cmake: unknown MODE '${MODE}'")
endif()

set(problems "")

# Rule 2: a \file comment in every header.
foreach(header IN LISTS headers)
  file(READ "${header}" text)
  if(NOT text MATCHES "///[ \t]*[\\@]file")
    string(APPEND problems "${header}:1: no \\file comment: start the header with\n"
           "  /// \\file\n  /// What this header is for.\n")
  endif()
endforeach()

# Rule 1: the Doxyfile of the `docs` target, input and output moved, full paths in what it
# reports, warnings made fatal, and XML written for rule 3.
file(WRITE "${WORK}/Doxyfile" "@INCLUDE = \"${DOXYFILE}\"
INPUT = ${input}
OUTPUT_DIRECTORY = \"${WORK}/out\"
STRIP_FROM_PATH =
GENERATE_XML = YES
XML_PROGRAMLISTING = NO
WARN_AS_ERROR = FAIL_ON_WARNINGS
WARN_LOGFILE =
")
execute_process(COMMAND "${DOXYGEN}" "${WORK}/Doxyfile" WORKING_DIRECTORY "${WORK}"
                RESULT_VARIABLE status OUTPUT_VARIABLE output ERROR_VARIABLE output)
string(STRIP "${output}" output)
if(NOT status EQUAL 0 OR NOT output STREQUAL "")
  string(APPEND problems "doxygen (exit ${status}):\n${output}\n")
endif()

# Rule 3: every <enumvalue> of every enum in the XML has a description.
file(GLOB xml_files "${WORK}/out/xml/*.xml")
set(reported "")
foreach(xml_file IN LISTS xml_files)
  file(READ "${xml_file}" xml)
  while(TRUE)
    string(FIND "${xml}" "<memberdef kind=\"enum\"" at)
    if(at EQUAL -1)
      break()
    endif()
    string(SUBSTRING "${xml}" ${at} -1 xml)
    string(FIND "${xml}" "</memberdef>" end)
    string(SUBSTRING "${xml}" 0 ${end} enum)
    string(SUBSTRING "${xml}" ${end} -1 xml)
    string(REGEX MATCH "<qualifiedname>([^<]*)</qualifiedname>" _ "${enum}")
    set(enum_name "${CMAKE_MATCH_1}")
    string(REGEX MATCH "<location file=\"([^\"]*)\" line=\"([0-9]+)\"" _ "${enum}")
    set(enum_where "${CMAKE_MATCH_1}:${CMAKE_MATCH_2}")
    while(TRUE)
      string(FIND "${enum}" "<enumvalue " at)
      if(at EQUAL -1)
        break()
      endif()
      string(SUBSTRING "${enum}" ${at} -1 enum)
      string(FIND "${enum}" "</enumvalue>" end)
      string(SUBSTRING "${enum}" 0 ${end} value)
      string(SUBSTRING "${enum}" ${end} -1 enum)
      string(REGEX MATCH "<name>([^<]*)</name>" _ "${value}")
      set(value_name "${CMAKE_MATCH_1}")
      string(FIND "${value}" "<briefdescription>" description_at)
      string(SUBSTRING "${value}" ${description_at} -1 description)
      string(REGEX REPLACE "<[^>]*>" "" description "${description}")
      string(STRIP "${description}" description)
      set(key "${enum_name}::${value_name}")
      if(description STREQUAL "" AND NOT key IN_LIST reported)
        list(APPEND reported "${key}")
        string(APPEND problems "${enum_where}: enum value ${key} is not documented\n")
      endif()
    endwhile()
  endwhile()
endforeach()

if(MODE STREQUAL "check")
  if(NOT problems STREQUAL "")
    message(NOTICE "${problems}")
    message(FATAL_ERROR "Undocumented public API (above). Every public symbol in include/newsdex "
                        "needs a /// comment saying what it means: see docs/api/README.md.")
  endif()
  message(STATUS "every public symbol is documented")
  return()
endif()

message(NOTICE "${problems}")
if(problems STREQUAL "")
  message(FATAL_ERROR "the check passed headers with undocumented symbols: it cannot fail")
endif()
if(status EQUAL 0)
  message(FATAL_ERROR "doxygen exited 0 despite warnings: FAIL_ON_WARNINGS is not in effect")
endif()
foreach(name IN LISTS expected_names)
  string(FIND "${problems}" "${name}" at)
  if(at EQUAL -1)
    message(FATAL_ERROR "the check failed but did not name the undocumented ${name}")
  endif()
endforeach()
foreach(name IN LISTS unexpected_names)
  string(FIND "${problems}" "${name}" at)
  if(NOT at EQUAL -1)
    message(FATAL_ERROR "the check named ${name}, which is in a detail namespace and not public")
  endif()
endforeach()
message(STATUS "the check refuses each kind of undocumented symbol, naming it")
