# flashface_require_torch_free(<target>...): stops the configuration when a target would compile
# with libtorch's include directories, that is when libtorch is among its direct links or among
# the public (not link-only) links reachable from them. Private links of static libraries reach
# their users as $<LINK_ONLY:...>: linked, their headers unseen.
function(_flashface_torch_path target chain out)
  get_property(_visited GLOBAL PROPERTY _FLASHFACE_TORCH_VISITED)
  if(target IN_LIST _visited)
    set(${out} "" PARENT_SCOPE)
    return()
  endif()
  set_property(GLOBAL APPEND PROPERTY _FLASHFACE_TORCH_VISITED ${target})
  get_target_property(_links ${target} INTERFACE_LINK_LIBRARIES)
  if(ARGN)  # the target itself compiles with its private links too
    get_target_property(_direct ${target} LINK_LIBRARIES)
    if(_direct)
      list(APPEND _links ${_direct})
    endif()
  endif()
  foreach(_link IN LISTS _links)
    string(REGEX REPLACE "^::@\\(.*\\)$" "" _link "${_link}")
    # Only targets carry include directories: link-only entries, other generator expressions
    # and plain library files (libtorch's libc10.so among them) bring no headers.
    if(NOT TARGET "${_link}")
      continue()
    endif()
    if(_link IN_LIST TORCH_LIBRARIES OR _link MATCHES "^(torch|torch_library|torch_cpu|torch_cuda|c10|c10_cuda)$")
      set(${out} "${chain} -> ${_link}" PARENT_SCOPE)
      return()
    endif()
    _flashface_torch_path(${_link} "${chain} -> ${_link}" _found)
    if(_found)
      set(${out} "${_found}" PARENT_SCOPE)
      return()
    endif()
  endforeach()
  set(${out} "" PARENT_SCOPE)
endfunction()

function(flashface_require_torch_free)
  foreach(_target IN LISTS ARGN)
    set_property(GLOBAL PROPERTY _FLASHFACE_TORCH_VISITED "")
    _flashface_torch_path(${_target} "${_target}" _found DIRECT)
    if(_found)
      message(FATAL_ERROR "${_target} would compile with libtorch's headers (${_found}). Link the "
                          "engine library privately, or give it a libtorch-free header (docs/architecture.md).")
    endif()
  endforeach()
endfunction()
