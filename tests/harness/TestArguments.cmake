# sluice_check_test_arguments(<function> REQUIRED <name>... ): the checks
# every test-registering function makes on its parsed ARG_* variables (in the
# caller's scope): the REQUIRED ones are set, nothing unknown was passed, and
# ARG_TIMEOUT defaults to 300 seconds.
macro(sluice_check_test_arguments function)
  cmake_parse_arguments(CHECK "" "" "REQUIRED" ${ARGN})
  foreach(required IN LISTS CHECK_REQUIRED)
    if(NOT ARG_${required})
      message(FATAL_ERROR "${function} needs ${required}")
    endif()
  endforeach()
  if(ARG_UNPARSED_ARGUMENTS)
    message(FATAL_ERROR "${function}: unknown arguments ${ARG_UNPARSED_ARGUMENTS}")
  endif()
  if(NOT ARG_TIMEOUT)
    set(ARG_TIMEOUT 300)
  endif()
endmacro()
