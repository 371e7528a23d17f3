# Installation (FHS layout under any prefix): cmake --install build --prefix P, and CPack's .deb.
#   bin/psoas-atlas
#   share/psoas-atlas/            models/, poses/, lessons/, content.db (found from ../share/psoas-atlas)
#   share/applications/, share/icons/hicolor/, share/metainfo/, share/mime/packages/
#   share/man/man1/psoas-atlas.1.gz, share/bash-completion/completions/psoas-atlas
#   share/doc/psoas-atlas/        LICENSE (code, MIT), LICENSE-CC-BY-4.0.txt and ATTRIBUTION.md (assets),
#                                 copyright (Debian's machine-readable summary of both)
include(GNUInstallDirs)
set(PSOAS_APP_ID "org.psoasatlas.PsoasAtlas")
set(PSOAS_PROJECT_URL "https://github.com/psoas-atlas/psoas-atlas" CACHE STRING
    "Project home page, for the AppStream metadata and the .deb (set it to the real address before publishing)")
set(PSOAS_SCREENSHOT_URL "${PSOAS_PROJECT_URL}/raw/main/packaging/screenshots/viewer.png" CACHE STRING
    "Screenshot address for the AppStream metadata (the file is packaging/screenshots/viewer.png)")
set(PSOAS_RELEASE_DATE "2026-12-07" CACHE STRING "Date of this version's release, for the AppStream metadata")
set(_pkg "${PROJECT_SOURCE_DIR}/packaging")
set(_data "${CMAKE_INSTALL_DATADIR}/psoas-atlas")

install(TARGETS psoas-atlas RUNTIME DESTINATION "${CMAKE_INSTALL_BINDIR}")

# Shipped data. The content Markdown is not needed at run time: content.db holds it.
install(DIRECTORY "${PSOAS_ASSETS_DIR}/models" "${PSOAS_ASSETS_DIR}/poses" "${PSOAS_ASSETS_DIR}/lessons"
        DESTINATION "${_data}")
install(FILES "${CMAKE_BINARY_DIR}/content.db" DESTINATION "${_data}")

# Desktop integration.
install(FILES "${_pkg}/${PSOAS_APP_ID}.desktop" DESTINATION "${CMAKE_INSTALL_DATADIR}/applications")
install(FILES "${_pkg}/psoas-atlas.svg" DESTINATION "${CMAKE_INSTALL_DATADIR}/icons/hicolor/scalable/apps")
foreach(_size 16 32 48 64 128 256)
  install(FILES "${_pkg}/icons/psoas-atlas-${_size}.png" RENAME psoas-atlas.png
          DESTINATION "${CMAKE_INSTALL_DATADIR}/icons/hicolor/${_size}x${_size}/apps")
endforeach()
install(FILES "${_pkg}/psoas-atlas-mime.xml" RENAME psoas-atlas.xml DESTINATION "${CMAKE_INSTALL_DATADIR}/mime/packages")
configure_file("${_pkg}/${PSOAS_APP_ID}.metainfo.xml.in" "${CMAKE_BINARY_DIR}/${PSOAS_APP_ID}.metainfo.xml" @ONLY)
install(FILES "${CMAKE_BINARY_DIR}/${PSOAS_APP_ID}.metainfo.xml" DESTINATION "${CMAKE_INSTALL_DATADIR}/metainfo")

# Man page and bash completion, made by the program from the option list of --help.
find_program(PSOAS_GZIP gzip)
set(_man "${CMAKE_BINARY_DIR}/psoas-atlas.1")
if(PSOAS_GZIP)
  set(_man "${_man}.gz")
endif()
set(_completion "${CMAKE_BINARY_DIR}/psoas-atlas.bash-completion")
add_custom_command(OUTPUT "${_man}"
  COMMAND ${CMAKE_COMMAND} -DEXE=$<TARGET_FILE:psoas-atlas> -DOPTION=--help-man -DOUTPUT=${_man}
          -DGZIP=${PSOAS_GZIP} -P "${PROJECT_SOURCE_DIR}/cmake/GenerateFromHelp.cmake"
  DEPENDS psoas-atlas "${PROJECT_SOURCE_DIR}/cmake/GenerateFromHelp.cmake"
  COMMENT "Writing the man page from psoas-atlas --help-man" VERBATIM)
add_custom_command(OUTPUT "${_completion}"
  COMMAND ${CMAKE_COMMAND} -DEXE=$<TARGET_FILE:psoas-atlas> -DOPTION=--help-bash-completion -DOUTPUT=${_completion}
          -P "${PROJECT_SOURCE_DIR}/cmake/GenerateFromHelp.cmake"
  DEPENDS psoas-atlas "${PROJECT_SOURCE_DIR}/cmake/GenerateFromHelp.cmake"
  COMMENT "Writing the bash completion from psoas-atlas --help-bash-completion" VERBATIM)
add_custom_target(psoas_docs ALL DEPENDS "${_man}" "${_completion}")
install(FILES "${_man}" DESTINATION "${CMAKE_INSTALL_MANDIR}/man1")
install(FILES "${_completion}" RENAME psoas-atlas DESTINATION "${CMAKE_INSTALL_DATADIR}/bash-completion/completions")

# Licences and attribution.
install(FILES "${PROJECT_SOURCE_DIR}/LICENSE" "${PSOAS_ASSETS_DIR}/LICENSE-CC-BY-4.0.txt"
              "${PSOAS_ASSETS_DIR}/ATTRIBUTION.md" "${_pkg}/README.md" "${_pkg}/copyright"
        DESTINATION "${CMAKE_INSTALL_DATADIR}/doc/psoas-atlas")
