# The JSON API of `newsdex serve` without its HTTP side (no cpp-httplib): the CLI builds these
# files with the rest of tools/newsdex; the serve_request fuzz target and the unit tests that
# replay its saved inputs (tests/unit/fuzz_regressions_test.cpp) compile them in too.
set(newsdex_serve_api_sources
    ${CMAKE_CURRENT_LIST_DIR}/http_api.cpp ${CMAKE_CURRENT_LIST_DIR}/host_check.cpp
    ${CMAKE_CURRENT_LIST_DIR}/searcher_pool.cpp ${CMAKE_CURRENT_LIST_DIR}/printer.cpp
    ${CMAKE_CURRENT_LIST_DIR}/stats_output.cpp ${CMAKE_CURRENT_LIST_DIR}/entities_output.cpp
    ${CMAKE_CURRENT_LIST_DIR}/trend_output.cpp ${CMAKE_CURRENT_LIST_DIR}/output_fields.cpp)
