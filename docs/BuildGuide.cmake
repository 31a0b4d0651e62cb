# SPDX-License-Identifier: GPL-3.0-or-later
# cmake -DCMARK=cmark-gfm -DIN=user-guide.md -DOUT=user-guide.html -P BuildGuide.cmake
# The Markdown's HTML in a page of its own: a title, UTF-8, and tables that read as tables.
execute_process(COMMAND ${CMARK} --extension table --extension autolink --to html ${IN}
                OUTPUT_VARIABLE body RESULT_VARIABLE rc ERROR_VARIABLE err)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "cmark-gfm failed on ${IN}: ${err}")
endif()
file(WRITE ${OUT} "<!DOCTYPE html>
<html lang=\"en\"><head><meta charset=\"utf-8\"><title>PlateDesk user guide</title>
<style>body{font-family:sans-serif;max-width:60em;margin:auto;padding:1em;line-height:1.4}
table{border-collapse:collapse}td,th{border:1px solid #bbb;padding:2px 6px;text-align:left}
code,pre{background:#f4f4f4}img{max-width:100%}</style></head>
<body>
${body}</body></html>
")
