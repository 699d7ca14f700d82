# The Debian package (cpack -G DEB; scripts/package builds it with the prefix /usr): what
# `cmake --install` installs, plus the Debian copyright file, changelog and maintainer scripts
# for the systemd unit. Library dependencies come from dpkg-shlibdeps; the icon cache, the
# desktop database and the man-db index are updated by those packages' dpkg triggers.
set(LANCHAT_DEBIAN_REVISION 1)
set(LANCHAT_DEBIAN_VERSION "${PROJECT_VERSION}-${LANCHAT_DEBIAN_REVISION}")
set(debian_out "${CMAKE_CURRENT_BINARY_DIR}/debian")

execute_process(COMMAND date -u -R -d "${LANCHAT_RELEASE_DATE}"
                OUTPUT_VARIABLE LANCHAT_RELEASE_DATE_RFC2822 OUTPUT_STRIP_TRAILING_WHITESPACE
                COMMAND_ERROR_IS_FATAL ANY)
configure_file(debian/copyright.in "${debian_out}/copyright" @ONLY)
configure_file(debian/changelog.in "${debian_out}/changelog.Debian" @ONLY)
foreach(script postinst prerm postrm)
    configure_file(debian/${script}.in "${debian_out}/${script}" @ONLY
                   FILE_PERMISSIONS OWNER_READ OWNER_WRITE OWNER_EXECUTE GROUP_READ
                                    GROUP_EXECUTE WORLD_READ WORLD_EXECUTE)
endforeach()
add_custom_command(OUTPUT "${debian_out}/changelog.Debian.gz"
    COMMAND gzip -9 --no-name --stdout "${debian_out}/changelog.Debian"
            > "${debian_out}/changelog.Debian.gz"
    DEPENDS "${debian_out}/changelog.Debian"
    VERBATIM)
add_custom_target(lanchat_debian_files ALL DEPENDS "${debian_out}/changelog.Debian.gz")
install(FILES "${debian_out}/copyright" "${debian_out}/changelog.Debian.gz"
        DESTINATION "${CMAKE_INSTALL_DATADIR}/doc/lanchat")

set(CPACK_GENERATOR DEB)
set(CPACK_PACKAGE_NAME lanchat)
set(CPACK_PACKAGE_VERSION "${PROJECT_VERSION}")
set(CPACK_PACKAGE_VENDOR "The LanChat developers")
set(CPACK_PACKAGE_CONTACT "${LANCHAT_MAINTAINER}")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "chat on the local network, hosted by one of its users")
# The extended description: lines after the first are indented by CPack. (No semicolons: CMake
# would take them for list separators.)
set(CPACK_PACKAGE_DESCRIPTION
    "One person starts LanChat and hosts: the program runs the chat server itself\n"
    "and its window becomes the operator's console (kick, ban, mute, announcements,\n"
    "history). Everyone else joins with the host's invite, from LanChat or from any\n"
    "browser. Every message is stored before anyone sees it. Also runs without a\n"
    "window, as the systemd service lanchat-server (disabled until enabled).")
string(JOIN "" CPACK_PACKAGE_DESCRIPTION ${CPACK_PACKAGE_DESCRIPTION})
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_RELEASE "${LANCHAT_DEBIAN_REVISION}")
set(CPACK_DEBIAN_PACKAGE_SECTION net)
set(CPACK_DEBIAN_PACKAGE_PRIORITY optional)
set(CPACK_DEBIAN_PACKAGE_HOMEPAGE "${LANCHAT_PUBLIC_URL}")
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
# Loaded as plugins, so dpkg-shlibdeps cannot see them: the SQLite driver of the history and the
# X11/Wayland platform plugins.
set(CPACK_DEBIAN_PACKAGE_DEPENDS "libqt6sql6-sqlite, qt6-qpa-plugins")
# Emoji show as empty boxes without a colour emoji font; discovery needs Avahi; Qt's own
# dialog buttons in German need Qt's translations.
set(CPACK_DEBIAN_PACKAGE_RECOMMENDS "avahi-daemon, fonts-noto-color-emoji, qt6-translations-l10n")
set(CPACK_DEBIAN_PACKAGE_CONTROL_EXTRA
    "${debian_out}/postinst;${debian_out}/prerm;${debian_out}/postrm")
set(CPACK_DEBIAN_PACKAGE_CONTROL_STRICT_PERMISSION TRUE)
set(CPACK_STRIP_FILES TRUE)
include(CPack)
