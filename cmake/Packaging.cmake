# CPack: a Debian package of the installed tree (cmake/Install.cmake), with prefix /usr.
# `bash tools/dev.sh package` runs it; the .deb lands in build/ (psoas-atlas_<version>_<arch>.deb).
# Depends: the shared libraries' packages are computed by dpkg-shlibdeps from the program's
# ELF needs (CPACK_DEBIAN_PACKAGE_SHLIBDEPS); the ones listed here are loaded at run time without
# being linked, so dpkg-shlibdeps cannot see them (see packaging/README.md).
set(CPACK_GENERATOR "DEB")
set(CPACK_PACKAGE_NAME "psoas-atlas")
set(CPACK_PACKAGE_VERSION "${PROJECT_VERSION}")
set(CPACK_PACKAGE_VENDOR "The Psoas Atlas authors")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "3D teaching viewer of the lumbopelvic region")
set(CPACK_PACKAGE_DESCRIPTION
    "Psoas Atlas shows T12-L5, sacrum, pelvis and femurs with the psoas major and minor, iliacus and
diaphragm in 3D, moved by a joint-angle solver (tilt the pelvis, flex a hip, breathe) with muscle
lengths and moment arms read out live, and a side panel of sourced articles, symptom notes,
exercises and lessons. It also renders images and computes kinematics from the command line
with no display. For education only; not medical advice.")
set(CPACK_PACKAGING_INSTALL_PREFIX "/usr")
set(CPACK_STRIP_FILES ON)
set(CPACK_PACKAGE_CONTACT "The Psoas Atlas authors <dev@psoas-atlas.local>" CACHE STRING
    "Maintainer of the .deb (set it to a real address before publishing)")
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_SECTION "science")
set(CPACK_DEBIAN_PACKAGE_PRIORITY "optional")
set(CPACK_DEBIAN_PACKAGE_HOMEPAGE "${PSOAS_PROJECT_URL}")
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
# Loaded at run time, not linked (so invisible to dpkg-shlibdeps):
#   libgl1-mesa-dri   the Mesa GL drivers (llvmpipe and the hardware ones) that libGL/libEGL load
#   libegl-mesa0      libglvnd's EGL vendor: --render draws in an EGL surfaceless context
#   libglx-mesa0      libglvnd's GLX vendor: the viewer's window (Qt's xcb GLX integration)
#   fonts-dejavu-core a font for the widgets and --labels (Qt finds fonts through fontconfig)
set(CPACK_DEBIAN_PACKAGE_DEPENDS "libgl1-mesa-dri, libegl-mesa0, libglx-mesa0, fonts-dejavu-core")
# The completion script needs bash-completion's helpers; the rest works without it.
set(CPACK_DEBIAN_PACKAGE_SUGGESTS "bash-completion")
include(CPack)
