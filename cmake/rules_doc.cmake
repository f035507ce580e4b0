# Turns the rule sections of docs/rules.md into a C++ table compiled into vrfleak, so that the
# SARIF rule descriptors carry each rule's documentation without the binary reading docs at run
# time (it is installed alone) and without the text being written twice.
#
#   cmake -DINPUT=docs/rules.md -DOUTPUT=rules_doc.inc -P cmake/rules_doc.cmake
#
# A section starts with a line "## SLUG" and ends before the next "## " line or at the end of the
# file; its body is kept byte for byte, without the heading and the blank lines around it. OUTPUT
# holds one initializer per section, in the order of the page:
#   {"SLUG", R"vrfleak_doc(BODY)vrfleak_doc"},
# and is rewritten only when it changes, so that an edit elsewhere in the page rebuilds nothing.
cmake_minimum_required(VERSION 3.25)

if(NOT DEFINED INPUT OR NOT DEFINED OUTPUT)
  message(FATAL_ERROR "usage: cmake -DINPUT=rules.md -DOUTPUT=rules_doc.inc -P rules_doc.cmake")
endif()

file(READ "${INPUT}" doc)
set(delimiter "vrfleak_doc")
string(FIND "${doc}" ")${delimiter}\"" clash)
if(NOT clash EQUAL -1)
  message(FATAL_ERROR "${INPUT} contains ')${delimiter}\"', which ends the generated raw strings")
endif()

get_filename_component(input_name "${INPUT}" NAME)
set(out "// Generated from docs/${input_name} by cmake/rules_doc.cmake; do not edit.\n")
set(count 0)
# Every heading is found after a line end: a heading on the first line belongs to no section.
set(rest "\n${doc}")
while(TRUE)
  string(FIND "${rest}" "\n## " at)
  if(at EQUAL -1)
    break()
  endif()
  math(EXPR at "${at} + 4")
  string(SUBSTRING "${rest}" ${at} -1 rest)
  string(FIND "${rest}" "\n" eol)
  if(eol EQUAL -1)
    set(eol 0)
    string(LENGTH "${rest}" eol)
  endif()
  string(SUBSTRING "${rest}" 0 ${eol} slug)
  string(STRIP "${slug}" slug)
  string(SUBSTRING "${rest}" ${eol} -1 rest)
  string(FIND "${rest}" "\n## " next)
  if(next EQUAL -1)
    set(body "${rest}")
  else()
    string(SUBSTRING "${rest}" 0 ${next} body)
  endif()
  # Blank lines around the body go; trailing blanks of its last line stay (they are content).
  string(REGEX REPLACE "^[\r\n]+" "" body "${body}")
  string(REGEX REPLACE "[\r\n]+$" "" body "${body}")
  if(NOT slug MATCHES "^[a-z0-9]+(-[a-z0-9]+)*$")
    message(FATAL_ERROR "${INPUT}: the heading '## ${slug}' is not a rule slug")
  endif()
  string(APPEND out "{\"${slug}\", R\"${delimiter}(${body})${delimiter}\"},\n")
  math(EXPR count "${count} + 1")
endwhile()
if(count EQUAL 0)
  message(FATAL_ERROR "${INPUT} has no '## SLUG' sections")
endif()

set(old "")
if(EXISTS "${OUTPUT}")
  file(READ "${OUTPUT}" old)
endif()
if(NOT old STREQUAL out)
  file(WRITE "${OUTPUT}" "${out}")
endif()
