# Static linking of gRPC, protobuf, abseil and their private dependencies.
#
# Users install a provider as one file onto machines that have none of our
# build packages, so the binary may need nothing beyond glibc, OpenSSL 3 and
# libcurl (which every distribution ships). Debian's CMake package files
# import these libraries as shared objects; when POLYBACKUP_STATIC_DEPS is on
# we point every such imported target at the static archive that Debian ships
# beside it (libfoo.so -> libfoo.a). OpenSSL and curl stay shared.

option(POLYBACKUP_STATIC_DEPS "Link gRPC, protobuf, abseil, re2, c-ares, zlib statically" ON)

# Interface targets made from pkg-config (re2::re2, c-ares) carry "-lname":
# swap each for the archive's full path.
function(_polybackup_static_link_flags target)
  get_target_property(libs ${target} INTERFACE_LINK_LIBRARIES)
  if(NOT libs)
    return()
  endif()
  set(out "")
  foreach(item IN LISTS libs)
    if(item MATCHES "^-l(.+)$")
      find_library(_archive_${CMAKE_MATCH_1} NAMES lib${CMAKE_MATCH_1}.a)
      if(_archive_${CMAKE_MATCH_1})
        set(item "${_archive_${CMAKE_MATCH_1}}")
      endif()
    endif()
    list(APPEND out "${item}")
  endforeach()
  set_property(TARGET ${target} PROPERTY INTERFACE_LINK_LIBRARIES "${out}")
endfunction()

function(_polybackup_use_static_archive target)
  get_target_property(type ${target} TYPE)
  if(type STREQUAL "INTERFACE_LIBRARY")
    _polybackup_static_link_flags(${target})
    return()
  endif()
  if(NOT type MATCHES "SHARED_LIBRARY|UNKNOWN_LIBRARY")
    return()
  endif()
  foreach(prop IMPORTED_LOCATION IMPORTED_LOCATION_NONE IMPORTED_LOCATION_RELEASE
               IMPORTED_LOCATION_NOCONFIG IMPORTED_LOCATION_RELWITHDEBINFO)
    get_target_property(loc ${target} ${prop})
    if(loc AND loc MATCHES "\\.so(\\.[0-9.]+)?$")
      string(REGEX REPLACE "\\.so(\\.[0-9.]+)?$" ".a" archive "${loc}")
      if(EXISTS "${archive}")
        set_target_properties(${target} PROPERTIES ${prop} "${archive}")
        set_property(TARGET ${target} PROPERTY IMPORTED_SONAME "")
        set_property(TARGET ${target} PROPERTY IMPORTED_NO_SONAME TRUE)
      endif()
    endif()
  endforeach()
endfunction()

if(POLYBACKUP_STATIC_DEPS)
  get_directory_property(_imported IMPORTED_TARGETS)
  foreach(t IN LISTS _imported)
    if(t MATCHES "^(absl|gRPC|protobuf|re2|c-ares|ZLIB|upb)::")
      _polybackup_use_static_archive(${t})
    endif()
  endforeach()
endif()

# The C++ runtime is linked statically into shipped executables.
function(polybackup_static_runtime target)
  if(POLYBACKUP_STATIC_DEPS)
    target_link_options(${target} PRIVATE -static-libstdc++ -static-libgcc)
  endif()
endfunction()
