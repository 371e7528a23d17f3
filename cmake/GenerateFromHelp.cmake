# Runs the built program with one generator option and writes its output to a file, gzipped
# when GZIP is given (man pages). Used at build time for the man page and the bash completion,
# so both come from the same option list as --help.
#   cmake -DEXE=... -DOPTION=--help-man -DOUTPUT=psoas-atlas.1 [-DGZIP=/bin/gzip] -P GenerateFromHelp.cmake
execute_process(COMMAND "${EXE}" "${OPTION}" OUTPUT_FILE "${OUTPUT}.tmp" RESULT_VARIABLE rc)
if(NOT rc EQUAL 0)
  file(REMOVE "${OUTPUT}.tmp")
  message(FATAL_ERROR "${EXE} ${OPTION} failed (${rc})")
endif()
if(GZIP)
  # -n: no name or time stamp inside, so the bytes are the same on every build.
  execute_process(COMMAND "${GZIP}" -9 -n -c "${OUTPUT}.tmp" OUTPUT_FILE "${OUTPUT}" RESULT_VARIABLE rc)
  file(REMOVE "${OUTPUT}.tmp")
  if(NOT rc EQUAL 0)
    message(FATAL_ERROR "${GZIP} failed on ${OUTPUT}")
  endif()
else()
  file(RENAME "${OUTPUT}.tmp" "${OUTPUT}")
endif()
