# Included by the top-level CMakeLists.txt when SLUICE_FUZZ is ON, before any
# code is added, so that the libraries the fuzzers link are instrumented too:
# libFuzzer steers by the coverage of the code under test, not of the
# fuzzer's own few lines. ASan and UBSan turn silent memory and arithmetic
# errors into findings.
if(NOT CMAKE_CXX_COMPILER_ID STREQUAL "Clang")
  message(FATAL_ERROR "SLUICE_FUZZ needs clang (libFuzzer): configure with "
                      "-DCMAKE_C_COMPILER=clang -DCMAKE_CXX_COMPILER=clang++, or use scripts/fuzz.sh")
endif()
add_compile_options(-fsanitize=fuzzer-no-link,address,undefined
                    -fno-omit-frame-pointer -fno-sanitize-recover=undefined)
add_link_options(-fsanitize=address,undefined)
# As OSS-Fuzz builds: quick to compile, stacks with file and line, and
# assertions left on (no NDEBUG), whatever the build type.
foreach(language C CXX)
  foreach(type DEBUG RELEASE RELWITHDEBINFO MINSIZEREL)
    set(CMAKE_${language}_FLAGS_${type} "-O1 -gline-tables-only")
  endforeach()
endforeach()

# A fuzzing build is for the fuzzers alone: no tests, no benchmarks, and only
# the plugin folders whose code they reach.
set(SLUICE_TESTS OFF)
set(SLUICE_BENCH OFF)
set(SLUICE_PLUGIN_DIRS std sqs)
