# SPDX-License-Identifier: GPL-3.0-or-later
# platedesk_embed_files(TARGET NAMESPACE FILES...): compiles files from resources/ into the binary
# as std::string_view constants, so executables need no install-time resource lookup.
function(platedesk_embed_files out_var ns)
  set(gen "${CMAKE_CURRENT_BINARY_DIR}/embedded_${ns}.cpp")
  add_custom_command(OUTPUT "${gen}"
    COMMAND ${CMAKE_COMMAND} -DOUT=${gen} -DNS=${ns} "-DFILES=${ARGN}"
            -P "${PROJECT_SOURCE_DIR}/cmake/EmbedScript.cmake"
    DEPENDS ${ARGN} "${PROJECT_SOURCE_DIR}/cmake/EmbedScript.cmake"
    COMMENT "Embedding ${ns} resources" VERBATIM)
  set(${out_var} "${gen}" PARENT_SCOPE)
endfunction()
