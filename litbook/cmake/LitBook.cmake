# LitBook: a literate-book generator for C++ examples.
#
# A book made with it has
#   chapters/NN-slug/main.cpp + expected.<lang>.txt   (litbook_add_chapter)
#   figures/NN-slug.gp + figures/NN-slug.labels.tsv   (optional, same call)
#   docs/ with conf.py, the .rst sources and locale/  (litbook_add_book)
#
# Every stage is a file-level rule; each rule leaves a stamp in
# ${LITBOOK_BINARY_DIR}/stamps when it succeeds and removes its results when
# it fails, so a book is never built from stale outputs.
#
# Targets: chapters, figures, html, pdf, docs, approve, gate, update-po,
# and per chapter: chapter-<name>, approve-<name>.
include_guard(GLOBAL)

# LITBOOK_DIR holds scripts/, sphinxext/, locale/ and templates/; the
# installed package (LitBookConfig.cmake) sets it and LITBOOK_INCLUDE_DIR,
# a source tree finds them beside this file.
if(NOT LITBOOK_DIR)
  get_filename_component(LITBOOK_DIR "${CMAKE_CURRENT_LIST_DIR}/.." ABSOLUTE)
endif()
if(NOT LITBOOK_INCLUDE_DIR)
  set(LITBOOK_INCLUDE_DIR "${LITBOOK_DIR}/include")
endif()
set(LITBOOK_BINARY_DIR "${CMAKE_BINARY_DIR}/book" CACHE PATH
    "Where the book's generated files go")
set(LITBOOK_ONLY "" CACHE STRING
    "For authors: build only these chapters (a ;-list); empty: all")
set(LITBOOK_FIGURES_DIR "${CMAKE_SOURCE_DIR}/figures" CACHE PATH
    "Directory of the figure scripts (<chapter>.gp)")
# Debian's python3 sees Debian's Sphinx; a python3 earlier on PATH may not.
find_program(LITBOOK_PYTHON NAMES python3 PATHS /usr/bin NO_DEFAULT_PATH)
if(NOT LITBOOK_PYTHON)
  find_program(LITBOOK_PYTHON NAMES python3 REQUIRED)
endif()

set(_lb_scripts "${LITBOOK_DIR}/scripts")
include("${CMAKE_CURRENT_LIST_DIR}/LitBookServe.cmake")  # litbook serve
include("${CMAKE_CURRENT_LIST_DIR}/LitBookPch.cmake")  # examples' PCH

# The book's languages: one list, the source language first, set by the
# book before it includes litbook (set(LITBOOK_LANGS en ja)); any language
# Sphinx ships, by its code as Sphinx spells it.
if(NOT LITBOOK_LANGS)
  message(FATAL_ERROR "litbook: set LITBOOK_LANGS to the book's languages "
          "(the source language first), e.g. set(LITBOOK_LANGS en ja), "
          "before find_package(LitBook) or include(LitBook)")
endif()
execute_process(COMMAND "${LITBOOK_PYTHON}" "${_lb_scripts}/langs.py" check
                        ${LITBOOK_LANGS}
                RESULT_VARIABLE _lb_langs_ok ERROR_VARIABLE _lb_langs_err)
if(NOT _lb_langs_ok EQUAL 0)
  message(FATAL_ERROR "litbook: LITBOOK_LANGS: ${_lb_langs_err}")
endif()
# The Sphinx extension, found by every Sphinx run of the book.
set(_lb_env "${CMAKE_COMMAND}" -E env
    "PYTHONPATH=${LITBOOK_DIR}/sphinxext")

# Distribution paths, Debian's by default; a missing one stops the build
# naming the package that has it.
set(LITBOOK_MATHJAX_DIR /usr/share/javascript/mathjax CACHE PATH
    "MathJax 2 (Debian: libjs-mathjax), copied into the HTML book")
set(LITBOOK_NORMALIZE_CSS
    /usr/share/javascript/normalize.css/normalize.css CACHE FILEPATH
    "normalize.css for the furo theme (Debian: node-normalize.css)")
file(MAKE_DIRECTORY "${LITBOOK_BINARY_DIR}/stamps")

# One date for everything the build stamps (Sphinx's "today", PDF dates):
# SOURCE_DATE_EPOCH if set, else the time of the last commit.
if(DEFINED ENV{SOURCE_DATE_EPOCH})
  set(_lb_epoch "$ENV{SOURCE_DATE_EPOCH}")
else()
  execute_process(COMMAND git log -1 --format=%ct
                  WORKING_DIRECTORY "${CMAKE_SOURCE_DIR}"
                  OUTPUT_VARIABLE _lb_epoch OUTPUT_STRIP_TRAILING_WHITESPACE
                  ERROR_QUIET RESULT_VARIABLE _lb_git)
  if(NOT _lb_git EQUAL 0 OR NOT _lb_epoch)
    set(_lb_epoch 1767225600)  # 2026-01-01, outside a git checkout
  endif()
endif()
# Every stage runs under guard.py: a failure removes the stage's results and
# the book outputs, so nothing stale survives it.
set(_lb_guard "${LITBOOK_PYTHON}" "${_lb_scripts}/guard.py"
    --book "${LITBOOK_BINARY_DIR}" --epoch "${_lb_epoch}")

# What every example links: the argument parser and output writer.
if(NOT TARGET litbook_example)
  add_library(litbook_example INTERFACE)
  add_library(litbook::example ALIAS litbook_example)
  target_include_directories(litbook_example INTERFACE
                             "${LITBOOK_INCLUDE_DIR}")
  target_compile_features(litbook_example INTERFACE cxx_std_20)
  find_package(fmt 9 REQUIRED)
  target_link_libraries(litbook_example INTERFACE fmt::fmt)
endif()

# The in-page runner: every example also compiled to WebAssembly with
# em++ (emscripten) from the same sources, checked under node against the
# same expected outputs, and run in the HTML book's pages. A book gives
# the flags and the sources of its own code before its chapters:
#   LITBOOK_WASM_FLAGS    em++ compile flags (-O2, -I, -isystem, ...)
#   LITBOOK_WASM_SOURCES  sources every example links (compiled once)
# -DLITBOOK_RUNNER=OFF builds a book without the runner.
option(LITBOOK_RUNNER
       "Compile the examples to WebAssembly and run them in the HTML pages"
       ON)
if(LITBOOK_RUNNER)
  find_program(LITBOOK_EMXX em++)
  find_program(LITBOOK_NODE node)
  if(NOT LITBOOK_EMXX OR NOT LITBOOK_NODE)
    message(FATAL_ERROR "litbook: the in-page runner needs em++ and node, "
            "and em++ is ${LITBOOK_EMXX}, node is ${LITBOOK_NODE}: install "
            "them (Debian: apt-get install emscripten nodejs), or configure "
            "with -DLITBOOK_RUNNER=OFF for a book without the runner")
  endif()
  set(LITBOOK_NODE_PATH /usr/share/nodejs CACHE PATH
      "Where emscripten's optimiser finds acorn (Debian's node modules)")
  # fmt in header-only mode, alone on the include path (not all of
  # /usr/include, whose C library headers are not emscripten's).
  find_path(LITBOOK_FMT_INCLUDE_DIR fmt/core.h)
  if(NOT LITBOOK_FMT_INCLUDE_DIR)
    message(FATAL_ERROR "litbook: fmt's headers not found (Debian: "
            "libfmt-dev); set LITBOOK_FMT_INCLUDE_DIR")
  endif()
  file(MAKE_DIRECTORY "${LITBOOK_BINARY_DIR}/wasm/include"
       "${LITBOOK_BINARY_DIR}/wasm/obj")
  file(CREATE_LINK "${LITBOOK_FMT_INCLUDE_DIR}/fmt"
       "${LITBOOK_BINARY_DIR}/wasm/include/fmt" SYMBOLIC)
endif()

# em++ compiles one source into an object of the runner's build; the
# header dependencies come from em++ itself (-MD). The paths of the
# checkout and the build tree do not reach the program (__FILE__ in
# assertions): two checkouts build the same bytes. C++ exceptions are
# WebAssembly's own (-fwasm-exceptions): emscripten's JavaScript emulation
# made chapter 7's training three times slower.
function(_litbook_wasm_object src obj)
  get_filename_component(what "${src}" NAME)
  add_custom_command(
    OUTPUT "${obj}"
    COMMAND "${CMAKE_COMMAND}" -E env "NODE_PATH=${LITBOOK_NODE_PATH}"
            "${LITBOOK_EMXX}" -std=c++20 ${LITBOOK_WASM_FLAGS}
            "-ffile-prefix-map=${CMAKE_SOURCE_DIR}=."
            "-ffile-prefix-map=${CMAKE_BINARY_DIR}=build"
            -DFMT_HEADER_ONLY -fwasm-exceptions -Wall -Wextra -Werror
            -I "${LITBOOK_INCLUDE_DIR}"
            -isystem "${LITBOOK_BINARY_DIR}/wasm/include" ${ARGN}
            -MD -MF "${obj}.d" -c "${src}" -o "${obj}"
    DEPENDS "${src}"
    DEPFILE "${obj}.d"
    COMMENT "em++ ${what} (WebAssembly)"
    VERBATIM)
endfunction()

# The chapter's program in WebAssembly: ${B}/runner/static/litbook-runner/
# <name>.js (loaded by the page) and ${B}/runner/<name>.params.json (its
# parameters, for the page's controls), both written only once the program
# printed its tested output in every language under node.
function(_litbook_add_wasm name dir catalog data)
  set(B "${LITBOOK_BINARY_DIR}")
  set(obj "${B}/wasm/obj")
  get_property(shared GLOBAL PROPERTY LITBOOK_WASM_SHARED_OBJECTS)
  get_property(done GLOBAL PROPERTY LITBOOK_WASM_SHARED_DONE)
  if(NOT done)
    # Once for the whole book, in the first chapter's directory: a target
    # owns the rules, so that no two chapters build them at once.
    set(shared "")
    foreach(src IN LISTS LITBOOK_WASM_SOURCES)
      get_filename_component(base "${src}" NAME_WE)
      _litbook_wasm_object("${src}" "${obj}/shared-${base}.o")
      list(APPEND shared "${obj}/shared-${base}.o")
    endforeach()
    add_custom_target(litbook-wasm-shared DEPENDS ${shared})
    set_property(GLOBAL PROPERTY LITBOOK_WASM_SHARED_OBJECTS "${shared}")
    set_property(GLOBAL PROPERTY LITBOOK_WASM_SHARED_DONE TRUE)
  endif()
  # Data files are embedded at the path the program finds them under.
  set(root "/book/chapters/${name}")
  set(embed "")
  foreach(f IN LISTS data)
    cmake_path(SET at NORMALIZE "${root}/${f}")
    list(APPEND embed --embed-file "${dir}/${f}@${at}")
  endforeach()
  _litbook_wasm_object("${dir}/main.cpp" "${obj}/${name}.main.o"
                       "-DLITBOOK_CHAPTER_DIR=\"${root}\"")
  _litbook_wasm_object("${catalog}" "${obj}/${name}.catalog.o")
  set(raw "${B}/wasm/${name}.raw.js")
  set(js "${B}/runner/static/litbook-runner/${name}.js")
  set(params "${B}/runner/${name}.params.json")
  set(stamp "${B}/stamps/wasm-${name}.stamp")
  set(expected "")  # what wasm_check.mjs holds the program to
  foreach(lang IN LISTS LITBOOK_LANGS)
    list(APPEND expected "${dir}/expected.${lang}.txt")
  endforeach()
  add_custom_command(
    OUTPUT "${stamp}"
    BYPRODUCTS "${raw}" "${js}" "${params}"
    COMMAND ${_lb_guard} --remove "${raw}" --remove "${js}"
            --remove "${params}" --
            "${CMAKE_COMMAND}" -E env "NODE_PATH=${LITBOOK_NODE_PATH}"
            "${LITBOOK_EMXX}" ${LITBOOK_WASM_FLAGS} -fwasm-exceptions
            "${obj}/${name}.main.o" "${obj}/${name}.catalog.o" ${shared}
            ${embed} -sSINGLE_FILE=1 -sMODULARIZE=1
            -sEXPORT_NAME=litbookExample -sINVOKE_RUN=0 -sEXIT_RUNTIME=1
            -sALLOW_MEMORY_GROWTH=1 -sEXPORTED_RUNTIME_METHODS=callMain,FS
            -sENVIRONMENT=web,worker,node -o "${raw}"
    COMMAND ${_lb_guard} --remove "${js}" --remove "${params}"
            --stamp "${stamp}" --
            "${LITBOOK_NODE}" "${_lb_scripts}/wasm_check.mjs"
            --raw "${raw}" --chapter "${name}" --expected-dir "${dir}"
            --langs ${LITBOOK_LANGS} --out-js "${js}" --params "${params}"
            --stamp "${stamp}"
    DEPENDS "${obj}/${name}.main.o" "${obj}/${name}.catalog.o" ${shared}
            "${_lb_scripts}/wasm_check.mjs" ${expected}
    COMMENT "WebAssembly build of ${name}, checked under node (${LITBOOK_LANGS})"
    VERBATIM)
  add_custom_target(wasm-${name} DEPENDS "${stamp}")
  add_dependencies(wasm-${name} litbook-wasm-shared)
  set_property(GLOBAL APPEND PROPERTY LITBOOK_WASM_TARGETS wasm-${name})
  set_property(GLOBAL APPEND PROPERTY LITBOOK_WASM_STAMPS "${stamp}")
endfunction()

if(NOT TARGET chapters)
  add_custom_target(chapters)
  add_custom_target(figures)
  add_custom_target(approve)
  add_custom_target(examples)
endif()

# The program's messages in every language: the chapter's catalogues
# (locale/<lang>.po beside main.cpp) checked and compiled into a table
# that is linked into the example. A chapter without locale/ has no
# translated messages (the examples written before litbook::Example).
# Sets catalog (the table's source file), po_files (the catalogues of the
# languages but the source one; none without locale/) and legacy
# (--legacy without locale/).
function(_litbook_chapter_messages name dir)
  file(GLOB chapter_sources CONFIGURE_DEPENDS "${dir}/*.cpp" "${dir}/*.hpp")
  set(catalog "${LITBOOK_BINARY_DIR}/catalogs/${name}.cpp")
  set(po_dir "${dir}/locale")
  set(po_files "")
  set(legacy "")
  # (globbed, so that creating locale/ makes the next build configure)
  file(GLOB any_po CONFIGURE_DEPENDS "${po_dir}/*.po")
  if(any_po)
    list(GET LITBOOK_LANGS 0 source_lang)
    foreach(lang IN LISTS LITBOOK_LANGS)
      if(NOT lang STREQUAL source_lang)
        list(APPEND po_files "${po_dir}/${lang}.po")
      endif()
    endforeach()
  else()
    set(legacy --legacy)
  endif()
  file(GLOB litbook_po CONFIGURE_DEPENDS "${LITBOOK_DIR}/locale/*.po")
  add_custom_command(
    OUTPUT "${catalog}"
    COMMAND "${LITBOOK_PYTHON}" "${_lb_scripts}/messages.py" compile
            --source ${chapter_sources} --po-dir "${po_dir}"
            --root "${CMAKE_SOURCE_DIR}" --langs ${LITBOOK_LANGS}
            --out "${catalog}" ${legacy}
    DEPENDS ${chapter_sources} ${po_files} ${litbook_po}
            "${_lb_scripts}/messages.py"
    COMMENT "Program messages of ${name} (${LITBOOK_LANGS})"
    VERBATIM)
  set_property(GLOBAL PROPERTY LITBOOK_MSG_SOURCES_${name}
               "${chapter_sources}")
  set(catalog "${catalog}" PARENT_SCOPE)
  set(po_files "${po_files}" PARENT_SCOPE)
  set(legacy "${legacy}" PARENT_SCOPE)
endfunction()

# The chapter's figures, figures/<name>.gp with its label table, drawn
# from the run's data <out> in every language (none without a script):
# <stamps_out>, the stamps of their rules.
function(_litbook_chapter_figures name out run_stamp stamps_out)
  set(script "${LITBOOK_FIGURES_DIR}/${name}.gp")
  set(labels "${LITBOOK_FIGURES_DIR}/${name}.labels.tsv")
  set(stamps "")
  if(EXISTS "${script}")
    if(NOT EXISTS "${labels}")
      message(FATAL_ERROR "litbook: ${script} needs its label table "
              "${labels}")
    endif()
    foreach(lang IN LISTS LITBOOK_LANGS)
      set(fs "${LITBOOK_BINARY_DIR}/stamps/fig-${name}.${lang}.stamp")
      set(plot_cmd ${_lb_guard} --
                "${LITBOOK_PYTHON}" "${_lb_scripts}/plot.py"
                --script "${script}" --labels "${labels}"
                --data "${out}"
                --outdir "${LITBOOK_BINARY_DIR}/figures/${name}"
                --lang ${lang} --all-langs ${LITBOOK_LANGS}
                --stamp "${fs}"
                --timing "${LITBOOK_BINARY_DIR}/timing/${name}")
      _litbook_serve_step(${name} plot-${lang} ${plot_cmd})
      add_custom_command(
        OUTPUT "${fs}"
        COMMAND ${plot_cmd}
        DEPENDS "${run_stamp}" "${script}" "${labels}"
                "${_lb_scripts}/plot.py" "${_lb_scripts}/timing.py"
        COMMENT "Plotting figures of ${name} (${lang})"
        VERBATIM)
      list(APPEND stamps "${fs}")
      set_property(GLOBAL APPEND PROPERTY LITBOOK_FIG_STAMPS_${lang} "${fs}")
    endforeach()
  endif()
  set(${stamps_out} "${stamps}" PARENT_SCOPE)
endfunction()

# The chapter's CTests: its output in each language, the reader's copy of
# every language but the source one (a chapter with locale/ only) and its
# command line. The arguments after <legacy>: what the reader's copies link.
function(_litbook_chapter_tests name exe dir catalog po_files legacy)
  set(libs ${ARGN})
  set(po_dir "${dir}/locale")
  list(GET LITBOOK_LANGS 0 source_lang)
  foreach(lang IN LISTS LITBOOK_LANGS)
    add_test(NAME "chapter.${name}.${lang}"
             COMMAND "${LITBOOK_PYTHON}" "${_lb_scripts}/run_example.py"
                     check --exe "$<TARGET_FILE:${exe}>" --chapter "${name}"
                     --expected-dir "${dir}" --langs ${lang})
    set_tests_properties("chapter.${name}.${lang}" PROPERTIES
                         LABELS "chapter")
  endforeach()

  # What a reader of another language downloads (markers gone, comments
  # and message literals in that language) compiles and prints the tested
  # output in every language.
  if(NOT legacy)
    foreach(lang IN LISTS LITBOOK_LANGS)
      if(lang STREQUAL source_lang)
        continue()
      endif()
      set(reader "${LITBOOK_BINARY_DIR}/reader/${lang}/${name}/main.cpp")
      add_custom_command(
        OUTPUT "${reader}"
        COMMAND "${CMAKE_COMMAND}" -E make_directory
                "${LITBOOK_BINARY_DIR}/reader/${lang}/${name}"
        COMMAND "${LITBOOK_PYTHON}" "${_lb_scripts}/messages.py" reader
                --source "${dir}/main.cpp" --po-dir "${po_dir}"
                --langs ${LITBOOK_LANGS} --lang ${lang} --out "${reader}"
        DEPENDS "${dir}/main.cpp" ${po_files} "${_lb_scripts}/messages.py"
        COMMENT "The ${lang} reader's copy of ${name}"
        VERBATIM)
      set(rexe "example-${name}-${lang}")
      add_executable(${rexe} "${reader}" "${catalog}")
      target_link_libraries(${rexe} PRIVATE litbook::example ${libs})
      target_include_directories(${rexe} PRIVATE "${dir}")
      target_compile_definitions(${rexe} PRIVATE
                                 LITBOOK_CHAPTER_DIR="${dir}")
      add_test(NAME "chapter.${name}.reader-copy.${lang}"
               COMMAND "${LITBOOK_PYTHON}" "${_lb_scripts}/run_example.py"
                       check --exe "$<TARGET_FILE:${rexe}>"
                       --chapter "${name}" --expected-dir "${dir}"
                       --langs ${LITBOOK_LANGS})
      set_tests_properties("chapter.${name}.reader-copy.${lang}" PROPERTIES
                           LABELS "chapter")
    endforeach()
  endif()

  add_test(NAME "chapter.${name}.cli"
           COMMAND "${LITBOOK_PYTHON}" "${_lb_scripts}/check_cli.py"
                   --exe "$<TARGET_FILE:${exe}>" --chapter "${name}")
  set_tests_properties("chapter.${name}.cli" PROPERTIES LABELS "chapter")
endfunction()

# litbook_add_chapter(<NN-slug> [LIBS lib...] [DATA file...])
#
# DATA: input files of the example in its folder (read at run time through
# the LITBOOK_CHAPTER_DIR macro); editing one re-runs the example.
# Builds chapters/<NN-slug>/main.cpp, runs it in every language, checks its
# stdout against expected.<lang>.txt, publishes its data and values, renders
# figures/<NN-slug>.gp per language, and registers one CTest per language.
function(litbook_add_chapter name)
  cmake_parse_arguments(ARG "" "" "LIBS;DATA" ${ARGN})
  if(LITBOOK_ONLY AND NOT name IN_LIST LITBOOK_ONLY)
    return()
  endif()
  set(dir "${CMAKE_CURRENT_SOURCE_DIR}/${name}")
  if(NOT EXISTS "${dir}/main.cpp")
    message(FATAL_ERROR "litbook: chapter ${name}: ${dir}/main.cpp missing")
  endif()
  set(expected "")
  foreach(lang IN LISTS LITBOOK_LANGS)
    if(NOT EXISTS "${dir}/expected.${lang}.txt")
      message(FATAL_ERROR "litbook: chapter ${name}: "
              "${dir}/expected.${lang}.txt missing (every language needs "
              "one; create an empty file and run the approve target)")
    endif()
    list(APPEND expected "${dir}/expected.${lang}.txt")
  endforeach()

  _litbook_chapter_messages(${name} "${dir}")  # catalog, po_files, legacy

  set(exe "example-${name}")
  add_executable(${exe} "${dir}/main.cpp" "${catalog}")
  target_link_libraries(${exe} PRIVATE litbook::example ${ARG_LIBS})
  target_compile_definitions(${exe} PRIVATE
                             LITBOOK_CHAPTER_DIR="${dir}")
  _litbook_example_pch(${exe} ${name} "${dir}/main.cpp" "${catalog}")
  # The timing report: compile seconds of each example.
  set_target_properties(${exe} PROPERTIES CXX_COMPILER_LAUNCHER
    "${LITBOOK_PYTHON};${_lb_scripts}/timing.py;${LITBOOK_BINARY_DIR}/timing/${name};compile;--")
  set(inputs "")
  foreach(f IN LISTS ARG_DATA)
    if(NOT EXISTS "${dir}/${f}")
      message(FATAL_ERROR "litbook: chapter ${name}: data file ${dir}/${f} "
              "missing")
    endif()
    list(APPEND inputs "${dir}/${f}")
  endforeach()
  set_target_properties(${exe} PROPERTIES
    OUTPUT_NAME "${name}"
    RUNTIME_OUTPUT_DIRECTORY "${LITBOOK_BINARY_DIR}/examples")
  add_dependencies(examples ${exe})

  set(out "${LITBOOK_BINARY_DIR}/out/${name}")
  set(run_stamp "${LITBOOK_BINARY_DIR}/stamps/run-${name}.stamp")
  set(run_cmd ${_lb_guard} --
            "${LITBOOK_PYTHON}" "${_lb_scripts}/run_example.py" build
            --exe "$<TARGET_FILE:${exe}>" --chapter "${name}"
            --expected-dir "${dir}" --langs ${LITBOOK_LANGS}
            --out "${out}"
            --unapproved "${LITBOOK_BINARY_DIR}/unapproved/${name}"
            --stamp "${run_stamp}"
            --timing "${LITBOOK_BINARY_DIR}/timing/${name}")
  _litbook_serve_step(${name} run ${run_cmd})
  add_custom_command(
    OUTPUT "${run_stamp}"
    COMMAND ${run_cmd}
    DEPENDS ${exe} ${expected} ${inputs} "${_lb_scripts}/run_example.py"
            "${_lb_scripts}/timing.py"
    COMMENT "Running example ${name} (${LITBOOK_LANGS}) and checking stdout"
    VERBATIM)
  set(stamps "${run_stamp}")
  if(LITBOOK_RUNNER)
    _litbook_add_wasm(${name} "${dir}" "${catalog}" "${ARG_DATA}")
  endif()

  _litbook_chapter_figures(${name} "${out}" "${run_stamp}" fig_stamps)

  add_custom_target(chapter-${name} DEPENDS ${stamps} ${fig_stamps})
  add_dependencies(chapters chapter-${name})
  add_dependencies(figures chapter-${name})
  set_property(GLOBAL APPEND PROPERTY LITBOOK_CHAPTERS ${name})
  set_property(GLOBAL APPEND PROPERTY LITBOOK_RUN_STAMPS "${run_stamp}")
  set_property(GLOBAL APPEND PROPERTY LITBOOK_SOURCES "${dir}/main.cpp")

  _litbook_chapter_tests(${name} ${exe} "${dir}" "${catalog}" "${po_files}"
                         "${legacy}" ${ARG_LIBS})

  add_custom_target(approve-${name}
    COMMAND "${LITBOOK_PYTHON}" "${_lb_scripts}/run_example.py" approve
            --exe "$<TARGET_FILE:${exe}>" --chapter "${name}"
            --expected-dir "${dir}" --langs ${LITBOOK_LANGS}
    DEPENDS ${exe}
    COMMENT "Approving the output of ${name}: review it with git diff"
    VERBATIM)
  add_dependencies(approve approve-${name})
endfunction()

# litbook_add_variant(<NN-slug> <variant> ARGS arg... MATCH regex...
#                     [LANG lang])
#
# A CTest "chapter.<NN-slug>.variant.<variant>" that runs the chapter's
# example with non-default parameters (ARGS) and passes when its output
# matches every MATCH regular expression: how the output must change.
function(litbook_add_variant name variant)
  cmake_parse_arguments(ARG "" "LANG" "ARGS;MATCH" ${ARGN})
  if(LITBOOK_ONLY AND NOT name IN_LIST LITBOOK_ONLY)
    return()
  endif()
  if(NOT TARGET example-${name})
    message(FATAL_ERROR "litbook_add_variant: no chapter ${name} (call "
            "litbook_add_chapter first)")
  endif()
  if(NOT ARG_MATCH)
    message(FATAL_ERROR "litbook_add_variant(${name} ${variant}): MATCH "
            "is required")
  endif()
  if(NOT ARG_LANG)
    list(GET LITBOOK_LANGS -1 ARG_LANG)
  endif()
  set(test "chapter.${name}.variant.${variant}")
  list(TRANSFORM ARG_ARGS PREPEND "--arg=")
  list(TRANSFORM ARG_MATCH PREPEND "--match=")
  add_test(NAME "${test}"
           COMMAND "${LITBOOK_PYTHON}" "${_lb_scripts}/run_example.py"
                   variant --exe "$<TARGET_FILE:example-${name}>"
                   --chapter "${name}" --langs ${ARG_LANG}
                   --expected-dir "${CMAKE_CURRENT_SOURCE_DIR}/${name}"
                   ${ARG_ARGS} ${ARG_MATCH})
  set_tests_properties("${test}" PROPERTIES LABELS "chapter")
endfunction()

# litbook_add_archive(NAME name CMAKELISTS file README pattern
#                     [DIRS dir...] [CHECK chapter])
#
# The code archive readers download: ${LITBOOK_BINARY_DIR}/archive/
# <name>-<lang>.tar.gz per language, with every chapter's program in that
# language, its compiled catalogue, data and expected outputs, litbook's
# headers, the DIRS of the book (relative to its top folder) and a
# CMakeLists.txt and README.md made from the given templates (README is a
# pattern with <lang> in it, e.g. archive/README.<lang>.md.in). The HTML
# book links it from every run-it box. With CHECK, a CTest builds the
# archive of the last language with its README's commands and checks that
# chapter.
function(litbook_add_archive)
  cmake_parse_arguments(ARG "" "NAME;CMAKELISTS;README;CHECK" "DIRS"
                        ${ARGN})
  get_property(chapters GLOBAL PROPERTY LITBOOK_CHAPTERS)
  # What every language's archive is made from.
  set(deps "")
  foreach(c IN LISTS chapters)
    get_property(srcs GLOBAL PROPERTY LITBOOK_MSG_SOURCES_${c})
    list(APPEND deps ${srcs} "${LITBOOK_BINARY_DIR}/catalogs/${c}.cpp")
  endforeach()
  foreach(d IN LISTS ARG_DIRS)
    file(GLOB_RECURSE dfiles CONFIGURE_DEPENDS "${CMAKE_SOURCE_DIR}/${d}/*")
    list(APPEND deps ${dfiles})
  endforeach()
  file(GLOB headers CONFIGURE_DEPENDS "${LITBOOK_INCLUDE_DIR}/litbook/*")
  list(APPEND deps ${headers})

  set(archives "")
  foreach(lang IN LISTS LITBOOK_LANGS)
    _litbook_archive(${lang} out "${ARG_NAME}" "${ARG_CMAKELISTS}"
                     "${ARG_README}" "${chapters}" "${ARG_DIRS}" ${deps})
    list(APPEND archives "${out}")
  endforeach()
  add_custom_target(archive DEPENDS ${archives})
  foreach(c IN LISTS chapters)
    add_dependencies(archive example-${c})
  endforeach()
  set_property(GLOBAL PROPERTY LITBOOK_ARCHIVE_NAME "${ARG_NAME}")
  if(ARG_CHECK)
    _litbook_archive_test("${ARG_NAME}" "${ARG_CHECK}")
  endif()
endfunction()

# The rule of one language's archive (<out>: its path), made from the
# files given after the chapters and the DIRS.
function(_litbook_archive lang out name cmakelists readme chapters dirs)
  string(REPLACE "<lang>" "${lang}" readme "${readme}")
  set(archive "${LITBOOK_BINARY_DIR}/archive/${name}-${lang}.tar.gz")
  add_custom_command(
    OUTPUT "${archive}"
    COMMAND ${_lb_guard} --
            "${LITBOOK_PYTHON}" "${_lb_scripts}/code_archive.py"
            --out "${archive}" --name "${name}" --lang ${lang}
            --langs ${LITBOOK_LANGS} --root "${CMAKE_SOURCE_DIR}"
            --include-dir "${LITBOOK_INCLUDE_DIR}"
            --catalogs "${LITBOOK_BINARY_DIR}/catalogs"
            --chapters ${chapters} --dir ${dirs}
            --cmakelists "${CMAKE_SOURCE_DIR}/${cmakelists}"
            --readme "${CMAKE_SOURCE_DIR}/${readme}" --epoch ${_lb_epoch}
    DEPENDS ${ARGN} "${CMAKE_SOURCE_DIR}/${cmakelists}"
            "${CMAKE_SOURCE_DIR}/${readme}"
            "${_lb_scripts}/code_archive.py" "${_lb_scripts}/messages.py"
    COMMENT "Code archive ${name}-${lang}.tar.gz"
    VERBATIM)
  set_property(GLOBAL PROPERTY LITBOOK_ARCHIVE_${lang} "${archive}")
  set(${out} "${archive}" PARENT_SCOPE)
endfunction()

# The CTest that builds the last language's archive as a reader would and
# checks one chapter of it.
function(_litbook_archive_test name chapter)
  list(GET LITBOOK_LANGS -1 lang)
  add_test(NAME "archive.builds"
           COMMAND "${LITBOOK_PYTHON}" "${_lb_scripts}/check_archive.py"
                   --archive "${LITBOOK_BINARY_DIR}/archive/${name}-${lang}.tar.gz"
                   --name "${name}" --chapter "${chapter}" --lang ${lang})
  set_tests_properties("archive.builds" PROPERTIES LABELS "book"
                       FIXTURES_REQUIRED book_built)
endfunction()

# litbook_add_book(SOURCE_DIR dir PDF_NAME name
#                  [DOXYFILE file DOXYGEN_INPUT dir])
#
# Doxygen XML per language -> translation gate -> Sphinx HTML per language
# -> Sphinx LaTeX + latexmk per language; Sphinx EPUB + epubcheck per
# language. Not part of ALL: `make docs`, `make epub`.
#
# The helpers below (_litbook_book_*) make one part each. They share the
# book's settings, which litbook_add_book sets before it calls them:
#   _lb_src         the docs folder (SOURCE_DIR), Sphinx's source and conf
#   _lb_name        PDF_NAME: the file name of the PDF and EPUB books
#   _lb_source_lang the book's source language (the first of LITBOOK_LANGS)
#   _lb_docs        the files every Sphinx run of the book reads: the docs,
#                   the extension, the examples' and other code sources
#   _lb_code_args   the gate's options for the book's other code sources
#   _lb_chapters    the chapter-<name> targets
# and the results of the earlier helpers: doxy_<lang> (Doxygen's stamp of
# the language, if any), mo_<lang>, po_all, mo_all and _lb_sphinx (the
# options every Sphinx run shares).
function(litbook_add_book)
  cmake_parse_arguments(ARG "" "SOURCE_DIR;DOXYGEN_INPUT;PDF_NAME;DOXYFILE"
                        "" ${ARGN})
  _litbook_book_tools("${ARG_DOXYGEN_INPUT}")
  set(_lb_src "${ARG_SOURCE_DIR}")
  set(_lb_name "${ARG_PDF_NAME}")
  list(GET LITBOOK_LANGS 0 _lb_source_lang)
  get_property(chapters GLOBAL PROPERTY LITBOOK_CHAPTERS)
  set(_lb_chapters "")
  foreach(c IN LISTS chapters)
    list(APPEND _lb_chapters chapter-${c})
  endforeach()
  _litbook_book_sources()  # _lb_docs, _lb_code_args

  _litbook_book_doxygen("${ARG_DOXYGEN_INPUT}" "${ARG_DOXYFILE}")
  _litbook_book_locale()  # po_all, mo_all, mo_<lang>; target locale
  _litbook_book_sphinx_options()  # _lb_sphinx
  _litbook_book_gate(gate)
  _litbook_book_update_po("${chapters}")

  # Each language's books (HTML, PDF, EPUB) read the same inputs: the
  # language's catalogues and figures, and the API in that language.
  get_property(run_stamps GLOBAL PROPERTY LITBOOK_RUN_STAMPS)
  get_property(wasm_stamps GLOBAL PROPERTY LITBOOK_WASM_STAMPS)
  set(html_stamps "")
  set(pdfs "")
  set(epubs "")
  foreach(lang IN LISTS LITBOOK_LANGS)
    get_property(fig_stamps GLOBAL PROPERTY LITBOOK_FIG_STAMPS_${lang})
    file(GLOB_RECURSE po_lang CONFIGURE_DEPENDS
         "${_lb_src}/locale/${lang}/*.po")
    set(deps ${_lb_docs} ${po_lang} ${mo_${lang}} ${run_stamps}
             ${fig_stamps} ${doxy_${lang}})
    # Only the other languages' HTML and PDF wait for the gate, so that the
    # source language's Sphinx run and the gate overlap.
    set(gate_dep "")
    if(NOT lang STREQUAL _lb_source_lang)
      set(gate_dep "${gate}")
    endif()
    _litbook_book_html(${lang} hs ${deps} "${_lb_scripts}/guard.py"
                       ${gate_dep} ${wasm_stamps})
    list(APPEND html_stamps "${hs}")
    if(LATEXMK)
      _litbook_book_pdf(${lang} pdf ${deps} "${_lb_scripts}/guard.py"
                        ${gate_dep} "${_lb_scripts}/check_pdf.py")
      list(APPEND pdfs "${pdf}")
    endif()
    # (The EPUBs, built after the HTML, wait for the gate in every language.)
    _litbook_book_epub(${lang} epub ${deps} "${gate}")
    list(APPEND epubs "${epub}")
  endforeach()
  _litbook_book_targets("${html_stamps}" "${pdfs}" "${epubs}")
  _litbook_serve_manifest(SOURCE_DIR "${_lb_src}" BOOK "${LITBOOK_BINARY_DIR}"
                          SPHINX_BUILD "${SPHINX_BUILD}"
                          SPHINX_ARGS ${_lb_sphinx}
                          ENV "PYTHONPATH=${LITBOOK_DIR}/sphinxext")
endfunction()

# The programs the book needs, found (a missing one stops the build naming
# its Debian package): Sphinx, the distribution paths, Doxygen when the
# book has an API reference (doxygen_input); latexmk, java and epubcheck
# when at hand (the PDF and the EPUB check need them).
function(_litbook_book_tools doxygen_input)
  find_program(SPHINX_BUILD sphinx-build)
  if(NOT SPHINX_BUILD)
    message(FATAL_ERROR "litbook: sphinx-build not found (Debian: "
            "python3-sphinx)")
  endif()
  foreach(need IN ITEMS LITBOOK_MATHJAX_DIR LITBOOK_NORMALIZE_CSS)
    if(NOT EXISTS "${${need}}")
      message(FATAL_ERROR "litbook: ${need} ${${need}} does not exist; "
              "install the package named in its description or set it")
    endif()
  endforeach()
  if(doxygen_input)  # an API reference: Doxygen and Breathe
    find_program(DOXYGEN doxygen)
    if(NOT DOXYGEN)
      message(FATAL_ERROR "litbook: doxygen not found (Debian: doxygen); a "
              "book without DOXYGEN_INPUT does not need it")
    endif()
  endif()
  find_program(LATEXMK latexmk)
  # Debian's epubcheck is a jar (/usr/bin/epubcheck runs only where
  # binfmt_misc knows jars): run it with java.
  find_program(JAVA java)
  find_file(EPUBCHECK_JAR epubcheck.jar PATHS /usr/share/java NO_DEFAULT_PATH)
endfunction()

# _lb_docs: the files every Sphinx run reads (the docs, litbook's extension
# and its words, the examples); _lb_code_args: the gate's options for the
# book's other sources in another language (conf.py's
# litbook_code_languages), whose excerpts' comments the gate checks in
# <dir>/locale/<lang>.po; the books depend on both.
function(_litbook_book_sources)
  file(GLOB_RECURSE docs CONFIGURE_DEPENDS
       "${_lb_src}/*.rst" "${_lb_src}/*.py" "${_lb_src}/*.tsv"
       "${_lb_src}/_templates/*" "${_lb_src}/_static/*")
  file(GLOB_RECURSE ext CONFIGURE_DEPENDS
       "${LITBOOK_DIR}/sphinxext/*.py" "${LITBOOK_DIR}/sphinxext/*.html"
       "${LITBOOK_DIR}/sphinxext/*.css" "${LITBOOK_DIR}/sphinxext/*.js"
       "${LITBOOK_DIR}/locale/*.po")
  get_property(examples GLOBAL PROPERTY LITBOOK_SOURCES)
  list(APPEND docs ${ext} ${examples})

  execute_process(
    COMMAND "${LITBOOK_PYTHON}" "${_lb_scripts}/messages.py" code-dirs
            --conf "${_lb_src}/conf.py" --root "${CMAKE_SOURCE_DIR}"
    OUTPUT_VARIABLE code_dirs ERROR_VARIABLE code_err
    RESULT_VARIABLE code_rc OUTPUT_STRIP_TRAILING_WHITESPACE)
  if(NOT code_rc EQUAL 0)
    message(FATAL_ERROR "litbook: ${code_err}")
  endif()
  set_property(DIRECTORY APPEND PROPERTY CMAKE_CONFIGURE_DEPENDS
               "${_lb_src}/conf.py")
  string(REPLACE "\n" ";" code_dirs "${code_dirs}")
  set(code_args --root "${CMAKE_SOURCE_DIR}")
  foreach(entry IN LISTS code_dirs)
    string(REGEX REPLACE "=.*" "" code_dir "${entry}")
    file(GLOB code_files CONFIGURE_DEPENDS
         "${CMAKE_SOURCE_DIR}/${code_dir}/*.cpp"
         "${CMAKE_SOURCE_DIR}/${code_dir}/*.hpp"
         "${CMAKE_SOURCE_DIR}/${code_dir}/locale/*.po")
    list(APPEND docs ${code_files})
    list(APPEND code_args --code "${entry}")
  endforeach()
  set(_lb_docs ${docs} PARENT_SCOPE)
  set(_lb_code_args ${code_args} PARENT_SCOPE)
endfunction()

# Doxygen's XML of the API in every language (its text does not go
# through gettext), from the headers under <input> (none without one):
# doxy_<lang>, the stamp Doxygen's rule leaves. One target, doxygen, owns
# the rules; the others wait for it, so that no two targets run the same
# rule at once.
function(_litbook_book_doxygen input doxyfile)
  set(B "${LITBOOK_BINARY_DIR}")
  set(stamps "")
  foreach(lang IN LISTS LITBOOK_LANGS)
    set(doxy_${lang} "" PARENT_SCOPE)
  endforeach()
  if(NOT input)
    add_custom_target(doxygen)
    return()
  endif()
  file(GLOB_RECURSE headers CONFIGURE_DEPENDS "${input}/*.hpp")
  foreach(lang IN LISTS LITBOOK_LANGS)
    execute_process(COMMAND "${LITBOOK_PYTHON}" "${_lb_scripts}/langs.py"
                            get ${lang} doxygen
                    OUTPUT_VARIABLE DOXYGEN_LANGUAGE
                    OUTPUT_STRIP_TRAILING_WHITESPACE)
    set(DOXYGEN_INPUT "${input}")
    set(DOXYGEN_OUTPUT "${B}/doxygen/${lang}")
    configure_file("${doxyfile}" "${B}/doxygen/Doxyfile.${lang}.base" @ONLY)
    # The headers by name, in a fixed order: given a folder, Doxygen takes
    # its files in the order the file system lists them, and so orders the
    # API page's entries differently in another checkout.
    file(READ "${B}/doxygen/Doxyfile.${lang}.base" text)
    string(APPEND text "\n# litbook: every header, sorted by path\nINPUT =")
    foreach(h IN LISTS headers)
      string(APPEND text " \\\n    \"${h}\"")
    endforeach()
    file(WRITE "${B}/doxygen/Doxyfile.${lang}.tmp" "${text}\n")
    configure_file("${B}/doxygen/Doxyfile.${lang}.tmp"
                   "${B}/doxygen/Doxyfile.${lang}" COPYONLY)
    # The rule's output is a stamp, written once Doxygen has finished:
    # Doxygen writes index.xml as it goes, so an interrupted run would
    # leave one that looks current.
    set(xml "${B}/doxygen/${lang}/xml/index.xml")
    set(ds "${B}/stamps/doxygen-${lang}.stamp")
    add_custom_command(
      OUTPUT "${ds}"
      BYPRODUCTS "${xml}"
      COMMAND "${CMAKE_COMMAND}" -E rm -rf "${B}/doxygen/${lang}/xml"
      COMMAND ${_lb_guard} --remove "${B}/doxygen/${lang}/xml"
              --stamp "${ds}" --
              "${LITBOOK_PYTHON}" "${_lb_scripts}/doxygen_xml.py"
              --input "${input}" --xml "${B}/doxygen/${lang}/xml" --
              "${DOXYGEN}" "${B}/doxygen/Doxyfile.${lang}"
      DEPENDS ${headers} "${B}/doxygen/Doxyfile.${lang}"
              "${_lb_scripts}/doxygen_xml.py"
      WORKING_DIRECTORY "${input}"
      COMMENT "Doxygen XML of the API (${lang})"
      VERBATIM)
    set(doxy_${lang} "${ds}" PARENT_SCOPE)
    list(APPEND stamps "${ds}")
  endforeach()
  add_custom_target(doxygen DEPENDS ${stamps})
endfunction()

# The catalogues, compiled into the build tree (Sphinx would write each .mo
# next to its .po, in the source tree): one rule per .po copies it to
# ${B}/locale and compiles it there, the .mo last (written under a
# temporary name, then renamed), so that Sphinx finds every .mo current and
# compiles nothing itself. Sphinx reads ${B}/locale (-D locale_dirs).
# Sets po_all, mo_all and mo_<lang>; one target, locale, owns the rules
# (as doxygen does Doxygen's).
function(_litbook_book_locale)
  set(B "${LITBOOK_BINARY_DIR}")
  file(GLOB_RECURSE po_all CONFIGURE_DEPENDS "${_lb_src}/locale/*.po")
  find_program(MSGFMT msgfmt REQUIRED)
  if(B MATCHES ",")
    message(FATAL_ERROR "litbook: the build directory ${B} has a comma in "
            "its path; Sphinx reads -D locale_dirs as a comma-separated list")
  endif()
  set(mo_all "")
  foreach(lang IN LISTS LITBOOK_LANGS)
    set(mo_${lang} "")
  endforeach()
  foreach(po IN LISTS po_all)
    file(RELATIVE_PATH rel "${_lb_src}/locale" "${po}")
    string(REGEX REPLACE "\\.po$" "" rel "${rel}")
    set(mo "${B}/locale/${rel}.mo")
    add_custom_command(
      OUTPUT "${mo}"
      BYPRODUCTS "${B}/locale/${rel}.po"
      COMMAND "${CMAKE_COMMAND}" -E copy "${po}" "${B}/locale/${rel}.po"
      COMMAND ${_lb_guard} --remove "${mo}.tmp" --
              "${MSGFMT}" -o "${mo}.tmp" "${po}"
      COMMAND "${CMAKE_COMMAND}" -E rename "${mo}.tmp" "${mo}"
      DEPENDS "${po}"
      COMMENT "Compiling locale/${rel}.po"
      VERBATIM)
    list(APPEND mo_all "${mo}")
    string(REGEX MATCH "^[^/]+" mo_lang "${rel}")
    list(APPEND mo_${mo_lang} "${mo}")
  endforeach()
  add_custom_target(locale DEPENDS ${mo_all})
  set(po_all ${po_all} PARENT_SCOPE)
  set(mo_all ${mo_all} PARENT_SCOPE)
  foreach(lang IN LISTS LITBOOK_LANGS)
    set(mo_${lang} ${mo_${lang}} PARENT_SCOPE)
  endforeach()
endfunction()

# _lb_sphinx: the options every Sphinx run of the book shares (the
# extension's settings, the catalogues' folder, the chapters built).
function(_litbook_book_sphinx_options)
  set(B "${LITBOOK_BINARY_DIR}")
  string(REPLACE ";" "," langs_csv "${LITBOOK_LANGS}")
  get_property(archive_name GLOBAL PROPERTY LITBOOK_ARCHIVE_NAME)
  set(opts
      -c "${_lb_src}" -W --keep-going -q -n
      -D "locale_dirs=${B}/locale"
      -D "litbook_build_dir=${B}"
      -D "litbook_source_root=${CMAKE_SOURCE_DIR}"
      -D "litbook_pdf_name=${_lb_name}"
      -D "litbook_languages=${langs_csv}"
      -D "litbook_archive=${archive_name}"
      -D "litbook_mathjax_dir=${LITBOOK_MATHJAX_DIR}"
      -D "litbook_normalize_css=${LITBOOK_NORMALIZE_CSS}")
  if(LITBOOK_RUNNER)
    list(APPEND opts -D "litbook_runner=${B}/runner")
  endif()
  if(LITBOOK_ONLY)
    string(REPLACE ";" "," only "${LITBOOK_ONLY}")
    list(APPEND opts -D "litbook_only=${only}")
  endif()
  set(_lb_sphinx ${opts} PARENT_SCOPE)
endfunction()

# i18n_gate.py's command line, with <mode> (--stamp <file> for the gate,
# --update to refresh the catalogues) among its options: Sphinx's gettext
# builder in the source language, then the catalogues of the others.
function(_litbook_book_i18n out)
  set(B "${LITBOOK_BINARY_DIR}")
  set(${out} ${_lb_env} "${LITBOOK_PYTHON}" "${_lb_scripts}/i18n_gate.py"
      ${ARGN} --sphinx-build "${SPHINX_BUILD}" --srcdir "${_lb_src}"
      --potdir "${B}/gettext" --langs ${LITBOOK_LANGS} ${_lb_code_args}
      -- ${_lb_sphinx} -D "language=${_lb_source_lang}"
      -d "${B}/doctrees/gettext" PARENT_SCOPE)
endfunction()

# The translation gate: every message of every document translated, none
# fuzzy, in every language but the source one. <out>: its stamp.
function(_litbook_book_gate out)
  set(stamp "${LITBOOK_BINARY_DIR}/stamps/gate.stamp")
  get_property(run_stamps GLOBAL PROPERTY LITBOOK_RUN_STAMPS)
  _litbook_book_i18n(gate_cmd --stamp "${stamp}")
  add_custom_command(
    OUTPUT "${stamp}"
    COMMAND ${_lb_guard} -- ${gate_cmd}
    DEPENDS ${_lb_docs} ${po_all} ${mo_all} ${run_stamps}
            ${doxy_${_lb_source_lang}} "${_lb_scripts}/i18n_gate.py"
    COMMENT "Translation gate: every message translated, none fuzzy"
    VERBATIM)
  add_custom_target(gate DEPENDS "${stamp}")
  add_dependencies(gate doxygen locale ${_lb_chapters})
  set(${out} "${stamp}" PARENT_SCOPE)
endfunction()

# update-po: the catalogues refreshed after editing the source text
# (authors): first each chapter's program catalogue (messages and comments),
# which needs nothing built, then the docs' (update-po-docs), which needs
# the chapters run. In that order because a chapter compiles its catalogue:
# a new comment or message must be in it (to translate) before the chapter
# can build, or update-po could never add it.
function(_litbook_book_update_po chapters)
  _litbook_book_i18n(update_cmd --update)
  add_custom_target(update-po-docs
    COMMAND ${update_cmd}
    COMMENT "Merging the new source text into the docs' catalogues"
    VERBATIM)
  add_dependencies(update-po-docs doxygen locale ${_lb_chapters})
  set(programs "")
  foreach(c IN LISTS chapters)
    get_property(srcs GLOBAL PROPERTY LITBOOK_MSG_SOURCES_${c})
    list(GET srcs 0 main_cpp)
    get_filename_component(cdir "${main_cpp}" DIRECTORY)
    list(APPEND programs
         COMMAND "${LITBOOK_PYTHON}" "${_lb_scripts}/messages.py" update
                 --source ${srcs} --po-dir "${cdir}/locale"
                 --root "${CMAKE_SOURCE_DIR}" --langs ${LITBOOK_LANGS})
  endforeach()
  add_custom_target(update-po
    ${programs}
    COMMAND "${CMAKE_COMMAND}" --build "${CMAKE_BINARY_DIR}"
            --target update-po-docs
    COMMENT "Merging the new source text into the catalogues"
    VERBATIM)
endfunction()

# <out>: the command line of Sphinx's <builder> in <lang>, from the docs
# into <dir>, with the extra options after the language.
function(_litbook_sphinx out builder lang dir)
  set(${out} ${_lb_env} "${SPHINX_BUILD}" -b ${builder} ${_lb_sphinx}
      -D "language=${lang}" ${ARGN}
      -d "${LITBOOK_BINARY_DIR}/doctrees/${builder}-${lang}"
      "${_lb_src}" "${dir}" PARENT_SCOPE)
endfunction()

# The HTML book of <lang> (${B}/html/<lang>), from the files after <out>;
# <out>: the stamp its rule leaves.
function(_litbook_book_html lang out)
  set(B "${LITBOOK_BINARY_DIR}")
  set(stamp "${B}/stamps/html-${lang}.stamp")
  _litbook_sphinx(sphinx html ${lang} "${B}/html/${lang}")
  add_custom_command(
    OUTPUT "${stamp}"
    COMMAND ${_lb_guard} --stamp "${stamp}" --remove "${B}/html/${lang}" --
            ${sphinx}
    DEPENDS ${ARGN}
    COMMENT "Sphinx HTML (${lang})"
    VERBATIM)
  set(${out} "${stamp}" PARENT_SCOPE)
endfunction()

# The PDF book of <lang> (${B}/pdf/<name>-<lang>.pdf, <out>): Sphinx's
# LaTeX, typeset by latexmk with xelatex, its log checked.
function(_litbook_book_pdf lang out)
  set(B "${LITBOOK_BINARY_DIR}")
  set(latex "${B}/latex/${lang}")
  set(pdf "${B}/pdf/${_lb_name}-${lang}.pdf")
  _litbook_sphinx(sphinx latex ${lang} "${latex}")
  add_custom_command(
    OUTPUT "${pdf}"
    COMMAND ${_lb_guard} --remove "${latex}" -- ${sphinx}
    COMMAND ${_lb_guard} --remove "${latex}" --cwd "${latex}" --
            "${LATEXMK}" -xelatex -interaction=nonstopmode
            -halt-on-error -file-line-error -quiet "${_lb_name}.tex"
    COMMAND ${_lb_guard} --
            "${LITBOOK_PYTHON}" "${_lb_scripts}/check_pdf.py"
            --log "${latex}/${_lb_name}.log" --pdf "${latex}/${_lb_name}.pdf"
            --copy-to "${pdf}"
    DEPENDS ${ARGN}
    COMMENT "Sphinx LaTeX + xelatex: ${_lb_name}-${lang}.pdf"
    VERBATIM)
  set(${out} "${pdf}" PARENT_SCOPE)
endfunction()

# The EPUB book of <lang> (${B}/epub/<name>-<lang>.epub, <out>): static
# figures, math as SVG images, checked with epubcheck when it is at hand.
function(_litbook_book_epub lang out)
  set(B "${LITBOOK_BINARY_DIR}")
  set(built "${B}/epub-build/${lang}")
  set(epub "${B}/epub/${_lb_name}-${lang}.epub")
  _litbook_sphinx(sphinx epub ${lang} "${built}"
                  -D html_math_renderer=imgmath)
  set(check_cmd "")
  if(JAVA AND EPUBCHECK_JAR)
    set(check_cmd COMMAND ${_lb_guard} --
        "${JAVA}" -jar "${EPUBCHECK_JAR}" --quiet --failonwarnings
        "${built}/${_lb_name}.epub")
  endif()
  add_custom_command(
    OUTPUT "${epub}"
    COMMAND ${_lb_guard} --remove "${built}" -- ${sphinx}
    ${check_cmd}
    COMMAND "${CMAKE_COMMAND}" -E copy "${built}/${_lb_name}.epub" "${epub}"
    DEPENDS ${ARGN}
    COMMENT "Sphinx EPUB (${lang}) and epubcheck"
    VERBATIM)
  set(${out} "${epub}" PARENT_SCOPE)
endfunction()

# The book's targets: html, pdf and docs (both), epub.
function(_litbook_book_targets html_stamps pdfs epubs)
  add_custom_target(epub DEPENDS ${epubs})
  add_dependencies(epub html doxygen locale ${_lb_chapters})
  # The gate's rule runs inside html (only the non-source languages wait
  # for it), so that the source language's Sphinx run and the gate overlap.
  add_custom_target(html DEPENDS ${html_stamps})
  add_dependencies(html doxygen locale ${_lb_chapters})
  get_property(wasm_targets GLOBAL PROPERTY LITBOOK_WASM_TARGETS)
  if(wasm_targets)
    add_dependencies(html ${wasm_targets})
  endif()
  add_custom_target(pdf DEPENDS ${pdfs})
  add_dependencies(pdf doxygen locale ${_lb_chapters})
  # html and pdf both need the gate's stamp: build them one after the other.
  add_dependencies(pdf html)
  add_custom_target(docs)
  add_dependencies(docs html pdf)
  if(TARGET archive)  # the code archive goes with the HTML book
    add_dependencies(html archive)
  endif()
endfunction()
