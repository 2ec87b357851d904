# The preview server's manifest: <build>/litbook-serve.json tells
# `litbook serve` (scripts/serve.py) where the book's inputs are and how each
# step is run, with the same commands as the build's own rules.
include_guard(GLOBAL)

# A JSON string literal of `value`.
function(_litbook_json_str out value)
  string(REPLACE "\\" "\\\\" value "${value}")
  string(REPLACE "\"" "\\\"" value "${value}")
  set(${out} "\"${value}\"" PARENT_SCOPE)
endfunction()

# A JSON array of strings from the remaining arguments.
function(_litbook_json_list out)
  set(items "")
  foreach(x IN LISTS ARGN)
    _litbook_json_str(s "${x}")
    list(APPEND items "${s}")
  endforeach()
  string(JOIN ", " body ${items})
  set(${out} "[${body}]" PARENT_SCOPE)
endfunction()

# Records one chapter step's command (run, or plot-<lang>) for the manifest.
function(_litbook_serve_step chapter step)
  _litbook_json_list(cmd ${ARGN})
  set_property(GLOBAL APPEND PROPERTY LITBOOK_SERVE_STEPS_${chapter}
               "\"${step}\": ${cmd}")
endfunction()

# Writes the manifest (called by litbook_add_book).
function(_litbook_serve_manifest)
  cmake_parse_arguments(ARG "" "SOURCE_DIR;BOOK;SPHINX_BUILD" "SPHINX_ARGS;ENV"
                        ${ARGN})
  get_property(chapters GLOBAL PROPERTY LITBOOK_CHAPTERS)
  set(entries "")
  foreach(c IN LISTS chapters)
    get_property(srcs GLOBAL PROPERTY LITBOOK_MSG_SOURCES_${c})
    list(GET srcs 0 main_cpp)
    get_filename_component(dir "${main_cpp}" DIRECTORY)
    get_property(steps GLOBAL PROPERTY LITBOOK_SERVE_STEPS_${c})
    string(JOIN ", " steps ${steps})
    set(script "${LITBOOK_FIGURES_DIR}/${c}.gp")
    set(labels "${LITBOOK_FIGURES_DIR}/${c}.labels.tsv")
    if(NOT EXISTS "${script}")
      set(script "")
      set(labels "")
    endif()
    # The WebAssembly program of the Run panel (none without the runner).
    set(wasm "")
    set(runner "")
    if(TARGET wasm-${c})
      set(wasm "wasm-${c}")
      set(runner "${LITBOOK_BINARY_DIR}/runner/static/litbook-runner/${c}.js"
                 "${LITBOOK_BINARY_DIR}/runner/${c}.params.json")
    endif()
    _litbook_json_list(j_runner ${runner})
    set(out "${LITBOOK_BINARY_DIR}/out/${c}")
    foreach(v IN ITEMS c dir script labels wasm out)
      _litbook_json_str(j_${v} "${${v}}")
    endforeach()
    list(APPEND entries "${j_c}: {\"dir\": ${j_dir}, \"script\": ${j_script}, \
\"labels\": ${j_labels}, \"exe_target\": \"example-${c}\", \
\"target\": \"chapter-${c}\", \"wasm_target\": ${j_wasm}, \
\"runner\": ${j_runner}, \"out\": ${j_out}, \"steps\": {${steps}}}")
  endforeach()
  string(JOIN ",\n  " chapters_json ${entries})
  _litbook_json_list(langs ${LITBOOK_LANGS})
  _litbook_json_list(sphinx_args ${ARG_SPHINX_ARGS})
  _litbook_json_list(env ${ARG_ENV})
  foreach(v IN ITEMS CMAKE_SOURCE_DIR CMAKE_BINARY_DIR LITBOOK_DIR
                     LITBOOK_PYTHON CMAKE_COMMAND CMAKE_GENERATOR)
    _litbook_json_str(j_${v} "${${v}}")
  endforeach()
  foreach(v IN ITEMS SOURCE_DIR BOOK SPHINX_BUILD)
    _litbook_json_str(j_${v} "${ARG_${v}}")
  endforeach()
  set(targets doxygen locale figures)
  if(TARGET archive)
    list(APPEND targets archive)
  endif()
  # The Run panels read the programs' parameters (the WebAssembly builds).
  get_property(wasm_targets GLOBAL PROPERTY LITBOOK_WASM_TARGETS)
  list(APPEND targets ${wasm_targets})
  _litbook_json_list(prepare ${targets})
  file(GENERATE OUTPUT "${CMAKE_BINARY_DIR}/litbook-serve.json" CONTENT "{
 \"source_root\": ${j_CMAKE_SOURCE_DIR},
 \"build_dir\": ${j_CMAKE_BINARY_DIR},
 \"book_dir\": ${j_BOOK},
 \"litbook_dir\": ${j_LITBOOK_DIR},
 \"python\": ${j_LITBOOK_PYTHON},
 \"cmake\": ${j_CMAKE_COMMAND},
 \"generator\": ${j_CMAKE_GENERATOR},
 \"langs\": ${langs},
 \"prepare_targets\": ${prepare},
 \"sphinx\": {\"srcdir\": ${j_SOURCE_DIR}, \"build\": ${j_SPHINX_BUILD},
            \"env\": ${env}, \"args\": ${sphinx_args}},
 \"chapters\": {
  ${chapters_json}}
}
")
endfunction()
