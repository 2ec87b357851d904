# Precompiled headers for the examples: each example's own opening #include
# lines (scripts/example_pch.py writes them to <book>/pch/<chapter>.hpp)
# are compiled once into a precompiled header, and an edit below them
# compiles only the example's own code (chapter 1: 1.5 s of CPU instead of
# about 3 s at -O3). The headers are the example's own, in its order, so the
# program is the one compiled without it (litbook serve's edit-to-page time
# is mostly this compile). -DLITBOOK_PCH=OFF compiles without.
include_guard(GLOBAL)

option(LITBOOK_PCH "Precompile each example's opening #include lines" ON)

# exe: the example's target; main_cpp its source; catalog its generated
# catalogue (compiled without: it defines LITBOOK_IMPLEMENTATION before it
# includes litbook/example.hpp).
function(_litbook_example_pch exe name main_cpp catalog)
  if(NOT LITBOOK_PCH)
    return()
  endif()
  set(header "${LITBOOK_BINARY_DIR}/pch/${name}.hpp")
  add_custom_command(
    OUTPUT "${header}"
    COMMAND "${LITBOOK_PYTHON}" "${_lb_scripts}/example_pch.py"
            "${main_cpp}" "${header}"
    DEPENDS "${main_cpp}" "${_lb_scripts}/example_pch.py"
    COMMENT "The opening #include lines of ${name}"
    VERBATIM)
  target_sources(${exe} PRIVATE "${header}")
  target_precompile_headers(${exe} PRIVATE "${header}")
  set_source_files_properties("${catalog}" PROPERTIES
                              SKIP_PRECOMPILE_HEADERS ON)
endfunction()
