# sluice_add_plugin(<target> SOURCES <src>... [LIBRARIES <lib>...] [OUTPUT_NAME <name>])
#
# Builds a plugin shared object against the SDK only: hidden visibility (the
# entry function is the one exported symbol), -Wl,--no-undefined (a plugin
# resolves nothing from the host, so a missing library shows at link time,
# not when sluice loads it) and the file name <name>.so that the host scans
# for. `cmake --install` puts it in SLUICE_PLUGIN_INSTALL_DIR, by default
# lib/sluice under the install prefix: where an installed `sluice` looks
# (<its bin/>/../lib/sluice), whatever the platform's library directory is.
# In the Sluice tree, SLUICE_PLUGIN_OUTPUT_DIR gathers every plugin in one
# build directory.
function(sluice_add_plugin target)
  cmake_parse_arguments(ARG "" "OUTPUT_NAME" "SOURCES;LIBRARIES" ${ARGN})
  if(ARG_UNPARSED_ARGUMENTS)
    message(FATAL_ERROR "sluice_add_plugin(${target}): unknown arguments ${ARG_UNPARSED_ARGUMENTS}")
  endif()
  if(NOT ARG_SOURCES)
    message(FATAL_ERROR "sluice_add_plugin(${target}): SOURCES is required")
  endif()
  if(NOT TARGET Sluice::sdk)
    message(FATAL_ERROR "sluice_add_plugin(${target}): no Sluice::sdk target; call find_package(Sluice) first")
  endif()
  if(NOT ARG_OUTPUT_NAME)
    set(ARG_OUTPUT_NAME ${target})
  endif()
  add_library(${target} MODULE ${ARG_SOURCES})
  target_link_libraries(${target} PRIVATE Sluice::sdk ${ARG_LIBRARIES})
  target_link_options(${target} PRIVATE -Wl,--no-undefined)
  set_target_properties(${target} PROPERTIES
    PREFIX ""
    SUFFIX ".so"
    OUTPUT_NAME ${ARG_OUTPUT_NAME}
    C_VISIBILITY_PRESET hidden
    CXX_VISIBILITY_PRESET hidden
    VISIBILITY_INLINES_HIDDEN ON)
  if(DEFINED SLUICE_PLUGIN_OUTPUT_DIR)
    set_target_properties(${target} PROPERTIES LIBRARY_OUTPUT_DIRECTORY ${SLUICE_PLUGIN_OUTPUT_DIR})
  endif()
  if(DEFINED SLUICE_PLUGIN_INSTALL_DIR)
    set(destination ${SLUICE_PLUGIN_INSTALL_DIR})
  else()
    set(destination lib/sluice)
  endif()
  install(TARGETS ${target} LIBRARY DESTINATION ${destination})
endfunction()
