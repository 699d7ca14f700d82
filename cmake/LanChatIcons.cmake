# PNG icons are rendered at build time from the one SVG source (resources/icons/lanchat.svg) with
# librsvg's rsvg-convert (Debian's librsvg2-bin); no PNG copy is checked in.
find_program(LANCHAT_RSVG_CONVERT rsvg-convert REQUIRED)
set(LANCHAT_ICON_SOURCE "${PROJECT_SOURCE_DIR}/resources/icons/lanchat.svg")

# lanchat_render_icon(<output png> <size in px>): a custom command that renders the icon.
function(lanchat_render_icon output size)
    get_filename_component(directory "${output}" DIRECTORY)
    add_custom_command(OUTPUT "${output}"
        COMMAND ${CMAKE_COMMAND} -E make_directory "${directory}"
        COMMAND "${LANCHAT_RSVG_CONVERT}" --width ${size} --height ${size} --keep-aspect-ratio
                --output "${output}" "${LANCHAT_ICON_SOURCE}"
        DEPENDS "${LANCHAT_ICON_SOURCE}"
        COMMENT "Rendering the ${size} px icon"
        VERBATIM)
endfunction()
