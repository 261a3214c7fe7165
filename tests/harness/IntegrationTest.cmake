# sluice_add_integration_test(NAME <name> SCRIPT <script.py> [LABELS <label>...] [TIMEOUT <seconds>]
#                             [COST <seconds>] [BUILD_INDEPENDENT])
#
# Registers a CTest test that runs a Python unittest script against the real
# `sluice` binary. The script finds everything through its environment:
#   SLUICE_BIN         the built sluice executable
#   SLUICE_SOURCE_DIR  the repository root (scripts/, node_modules/, test data)
#   SLUICE_BUILD_DIR   the build tree
#   PYTHONPATH         tests/harness, so `import sluice_harness` works
# Every such test carries the label `integration` (ctest -L integration / -LE integration),
# which scripts/test.sh runs once, in the ASan+UBSan build. BUILD_INDEPENDENT is
# for a test whose outcome cannot depend on how the code was compiled (it checks
# files, or builds something of its own): it is labelled `independent` instead
# and runs once, in the -Werror build. COST is the test's usual duration on a
# 2-core machine: ctest starts the costliest first, so that a long test does not
# begin last and hold the run up alone.

find_package(Python3 3.9 REQUIRED COMPONENTS Interpreter)
include(${CMAKE_CURRENT_LIST_DIR}/TestArguments.cmake)

# Resolved here, at include time: inside the function CMAKE_CURRENT_LIST_DIR is the caller's.
set(SLUICE_HARNESS_DIR ${CMAKE_CURRENT_LIST_DIR})
get_filename_component(SLUICE_HARNESS_SOURCE_DIR ${SLUICE_HARNESS_DIR}/../.. ABSOLUTE)

function(sluice_add_integration_test)
  cmake_parse_arguments(ARG "BUILD_INDEPENDENT" "NAME;SCRIPT;TIMEOUT;COST" "LABELS" ${ARGN})
  sluice_check_test_arguments(sluice_add_integration_test REQUIRED NAME SCRIPT)
  if(NOT ARG_COST)
    set(ARG_COST 10)
  endif()
  if(ARG_BUILD_INDEPENDENT)
    set(kind independent)
  else()
    set(kind integration)
  endif()
  get_filename_component(script ${ARG_SCRIPT} ABSOLUTE BASE_DIR ${CMAKE_CURRENT_SOURCE_DIR})

  add_test(NAME ${ARG_NAME}
           COMMAND ${Python3_EXECUTABLE} ${script}
           WORKING_DIRECTORY ${CMAKE_CURRENT_BINARY_DIR})
  set_tests_properties(${ARG_NAME} PROPERTIES
    LABELS "${kind};${ARG_LABELS}"
    TIMEOUT ${ARG_TIMEOUT}
    COST ${ARG_COST}
    ENVIRONMENT
      "SLUICE_BIN=$<TARGET_FILE:sluice>;SLUICE_SOURCE_DIR=${SLUICE_HARNESS_SOURCE_DIR};SLUICE_BUILD_DIR=${PROJECT_BINARY_DIR};PYTHONPATH=${SLUICE_HARNESS_DIR};PYTHONDONTWRITEBYTECODE=1")
endfunction()
