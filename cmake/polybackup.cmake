# Helpers that keep every folder's CMakeLists.txt a short manifest.
#
#   polybackup_library(NAME name SRCS a.cc b.cc DEPS dep1 dep2)
#     A static library; its public include root is the repository root, so
#     headers are included as "tfplugin/cty/value.h".
#   polybackup_test(NAME name SRCS a_test.cc DEPS lib1 lib2 [LABELS unit])
#     One doctest executable registered as one CTest (doctest's main is
#     linked in from base/doctest_main.cc).

function(polybackup_library)
  cmake_parse_arguments(ARG "" "NAME" "SRCS;DEPS" ${ARGN})
  add_library(${ARG_NAME} STATIC ${ARG_SRCS})
  target_include_directories(${ARG_NAME} PUBLIC ${PROJECT_SOURCE_DIR} ${PROJECT_BINARY_DIR})
  target_link_libraries(${ARG_NAME} PUBLIC ${ARG_DEPS})
endfunction()

# Test sources compile at -O0: the code under test lives in the libraries,
# which keep the build's flags, and a test's own code is mostly doctest's
# assertion templates, whose optimisation is the larger part of its compile
# time. Measured on a resource test: g++ -O3 14.5 s, -O1 11.5 s, -O0 9.4 s;
# in the sanitizer build clang -O1 with libFuzzer's coverage hooks 19.7 s,
# -O0 without them 10.0 s (the hooks serve the fuzz targets, not the tests).
function(polybackup_test_compile_options target)
  target_compile_options(${target} PRIVATE -O0)
  if(POLYBACKUP_FUZZ)
    target_compile_options(${target} PRIVATE -fno-sanitize=fuzzer-no-link)
  endif()
endfunction()

function(polybackup_test)
  cmake_parse_arguments(ARG "" "NAME" "SRCS;DEPS;LABELS" ${ARGN})
  if(NOT POLYBACKUP_BUILD_TESTS)
    return()
  endif()
  add_executable(${ARG_NAME} ${ARG_SRCS})
  polybackup_test_compile_options(${ARG_NAME})
  target_link_libraries(${ARG_NAME} PRIVATE ${ARG_DEPS} polybackup_doctest_main doctest::doctest)
  add_test(NAME ${ARG_NAME} COMMAND ${ARG_NAME})
  if(ARG_LABELS)
    set_tests_properties(${ARG_NAME} PROPERTIES LABELS "${ARG_LABELS}")
  else()
    set_tests_properties(${ARG_NAME} PROPERTIES LABELS "unit")
  endif()
endfunction()
