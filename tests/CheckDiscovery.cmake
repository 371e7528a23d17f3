# Fails when a test program's build-time test discovery (catch_discover_tests) found no tests.
# Discovery runs each program at build time with the build's environment; a program that
# cannot start there (a Qt one wanting a display, say) would otherwise drop all its tests
# from ctest without a word. Run as: cmake -DDIR=<build>/tests -P CheckDiscovery.cmake
file(GLOB_RECURSE _lists "${DIR}/*_tests-*.cmake")
set(_empty "")
set(_count 0)
foreach(_file IN LISTS _lists)
  file(STRINGS "${_file}" _tests REGEX "^add_test\\(")
  list(LENGTH _tests _n)
  math(EXPR _count "${_count} + 1")
  if(_n EQUAL 0)
    list(APPEND _empty "${_file}")
  endif()
endforeach()
if(_count EQUAL 0)
  message(FATAL_ERROR "No test discovery files under ${DIR}: build the tests first (cmake --build).")
endif()
if(_empty)
  string(REPLACE ";" "\n  " _shown "${_empty}")
  message(FATAL_ERROR "Test discovery found no tests in:\n  ${_shown}\n"
                      "Run that program with --list-test-names-only in the build's environment to see why.")
endif()
message(STATUS "${_count} test programs, each with its tests discovered.")
