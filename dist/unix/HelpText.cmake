# cmake -DOUTPUT=<file> -P HelpText.cmake, with lanchat on PATH: writes `lanchat --help` to the
# file and fails when lanchat does (for example when it wants a display for --help).
execute_process(COMMAND lanchat --help OUTPUT_FILE "${OUTPUT}" ERROR_VARIABLE error
                RESULT_VARIABLE result)
if(NOT result EQUAL 0)
    message(FATAL_ERROR "lanchat --help failed (${result}): ${error}")
endif()
