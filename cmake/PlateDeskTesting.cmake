# SPDX-License-Identifier: GPL-3.0-or-later
# platedesk_add_test(NAME LABEL label SOURCES ... LIBS ...): one Boost.Test executable, one CTest
# entry, a label (unit, integration, gui, conformance). Tests run in their own build folder.
function(platedesk_add_test name)
  cmake_parse_arguments(T "" "LABEL;TIMEOUT" "SOURCES;LIBS" ${ARGN})
  if(NOT T_LABEL)
    set(T_LABEL unit)
  endif()
  add_executable(${name} ${T_SOURCES})
  target_link_libraries(${name} PRIVATE ${T_LIBS} Boost::unit_test_framework
                        platedesk::warnings platedesk::sanitizers platedesk_testsupport)
  target_compile_definitions(${name} PRIVATE BOOST_TEST_DYN_LINK)
  add_test(NAME ${name} COMMAND ${name} --log_level=test_suite --report_level=short)
  set_tests_properties(${name} PROPERTIES LABELS "${T_LABEL}")
  if(T_TIMEOUT)
    set_tests_properties(${name} PROPERTIES TIMEOUT ${T_TIMEOUT})
  endif()
endfunction()
