# sluice_add_unit_tests(<target> NAME <ctest name> [TIMEOUT <seconds>])
#
# Registers a GoogleTest binary as one CTest test that runs every case in one
# process. A test per case (gtest_discover_tests) started 655 processes; in
# the ASan build each start and leak check cost about 0.2 s of CPU, 120 s in
# all against 7 s for the same cases run binary by binary
# (docs/DEVELOPING.md). GoogleTest still reports each case: only failures on
# the console (--gtest_brief), every case in
# <build>/test-results/<ctest name>.xml. One case while developing:
#   bin/<target> --gtest_filter='Suite.Case'
include(${CMAKE_CURRENT_LIST_DIR}/TestArguments.cmake)

function(sluice_add_unit_tests target)
  cmake_parse_arguments(ARG "" "NAME;TIMEOUT" "" ${ARGN})
  sluice_check_test_arguments("sluice_add_unit_tests(${target})" REQUIRED NAME)
  add_test(NAME ${ARG_NAME}
           COMMAND ${target} --gtest_brief=1 --gtest_output=xml:${PROJECT_BINARY_DIR}/test-results/${ARG_NAME}.xml
           WORKING_DIRECTORY ${CMAKE_CURRENT_BINARY_DIR})
  set_tests_properties(${ARG_NAME} PROPERTIES LABELS "gtest" TIMEOUT ${ARG_TIMEOUT})
endfunction()
