# SPDX-License-Identifier: GPL-3.0-or-later
# Warnings and sanitizers as INTERFACE targets, linked PRIVATE by every PlateDesk target.
add_library(platedesk_warnings INTERFACE)
add_library(platedesk::warnings ALIAS platedesk_warnings)
if(MSVC)
  target_compile_options(platedesk_warnings INTERFACE /W4 /permissive- /utf-8)
else()
  target_compile_options(platedesk_warnings INTERFACE -Wall -Wextra -Wpedantic -Wshadow
    -Wnon-virtual-dtor -Wcast-align -Woverloaded-virtual -Wno-unused-parameter)
  # GCC's -Wmissing-field-initializers (in -Wextra) also fires on C++20 designated initializers
  # that leave members to their defaults (GCC bug 96868), which is how AuditEvent, CaseRecord and
  # the like are written on purpose; clang does not warn there and keeps the check.
  if(CMAKE_CXX_COMPILER_ID STREQUAL "GNU")
    target_compile_options(platedesk_warnings INTERFACE -Wno-missing-field-initializers)
  endif()
endif()
# Warnings as errors (the ci preset turns it on): only PlateDesk's own targets link
# platedesk_warnings, and third-party headers come in as SYSTEM includes, so this holds
# PlateDesk's own code alone to it.
option(PLATEDESK_WERROR "Treat compiler warnings in PlateDesk's own code as errors" OFF)
if(PLATEDESK_WERROR)
  if(MSVC)
    target_compile_options(platedesk_warnings INTERFACE /WX)
  else()
    target_compile_options(platedesk_warnings INTERFACE -Werror)
  endif()
endif()

add_library(platedesk_sanitizers INTERFACE)
add_library(platedesk::sanitizers ALIAS platedesk_sanitizers)
if(PLATEDESK_ASAN AND NOT MSVC)
  target_compile_options(platedesk_sanitizers INTERFACE -fsanitize=address,undefined -fno-omit-frame-pointer)
  target_link_options(platedesk_sanitizers INTERFACE -fsanitize=address,undefined)
endif()

find_program(CCACHE_PROGRAM ccache)
if(CCACHE_PROGRAM AND NOT CMAKE_CXX_COMPILER_LAUNCHER)
  set(CMAKE_CXX_COMPILER_LAUNCHER "${CCACHE_PROGRAM}")
endif()

# platedesk_add_library(NAME SOURCES ...): core module target platedesk_NAME, alias platedesk::NAME.
function(platedesk_add_library name)
  add_library(platedesk_${name} STATIC ${ARGN})
  add_library(platedesk::${name} ALIAS platedesk_${name})
  target_include_directories(platedesk_${name} PUBLIC ${CMAKE_CURRENT_SOURCE_DIR}/include
                                              PRIVATE ${CMAKE_CURRENT_SOURCE_DIR}/src)
  target_link_libraries(platedesk_${name} PRIVATE platedesk::warnings platedesk::sanitizers)
  set_target_properties(platedesk_${name} PROPERTIES POSITION_INDEPENDENT_CODE ON)
endfunction()
