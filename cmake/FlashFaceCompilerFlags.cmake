# Warnings for our own targets; applied through flashface_warnings so third-party code is untouched.
# Aggregates name only the fields that differ from their default member initializers
# (`{.numHeads = 2}`); GCC 12 flags even those designated initializers as missing fields.
add_library(flashface_warnings INTERFACE)
target_compile_options(flashface_warnings INTERFACE
  $<$<CXX_COMPILER_ID:GNU,Clang>:-Wall -Wextra -Wno-unused-parameter -Wno-missing-field-initializers>)

# Adds a static library of the engine under core/<unit>, with core/ as its include root
# so that headers are included as "unit/header.h". DEPENDS are what its public headers need;
# PRIVATE_DEPENDS only its sources (they are linked, but their headers stay out of its users').
function(flashface_add_core_library name)
  cmake_parse_arguments(ARG "" "" "SOURCES;DEPENDS;PRIVATE_DEPENDS" ${ARGN})
  add_library(${name} STATIC ${ARG_SOURCES})
  target_include_directories(${name} PUBLIC ${PROJECT_SOURCE_DIR}/core)
  target_link_libraries(${name} PUBLIC ${ARG_DEPENDS} PRIVATE ${ARG_PRIVATE_DEPENDS} flashface_warnings)
  target_link_libraries(flashface_core INTERFACE ${name})
endfunction()
