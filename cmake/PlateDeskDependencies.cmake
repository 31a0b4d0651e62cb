# SPDX-License-Identifier: GPL-3.0-or-later
# Third-party libraries, each found once and wrapped in an imported/INTERFACE target.
find_package(Threads REQUIRED)
find_package(SQLite3 REQUIRED)
find_package(nlohmann_json 3.10 REQUIRED)
find_package(PkgConfig REQUIRED)
# Evidence packages: OpenSSL's digests (BagIt manifests of other tools use MD5, SHA-1, SHA-224...)
# and ICU's Unicode normalisation (file names that differ only in NFC/NFD or case).
find_package(OpenSSL 1.1 REQUIRED COMPONENTS Crypto SSL)
# The storage server's HTTPS side (Poco NetSSL over OpenSSL) and the camera simulator's client (libcurl).
find_package(Poco 1.11 REQUIRED COMPONENTS Foundation Net NetSSL Crypto Util)
find_package(CURL 7.68 REQUIRED)
find_package(ICU 60 REQUIRED COMPONENTS uc)
# Encrypted evidence packages: AES-256 zip (WinZip AE-2) through libzip. pkg-config first:
# Debian's CMake config names the zipcmp tool, which libzip-dev does not install.
add_library(platedesk_zip INTERFACE)
pkg_check_modules(LIBZIP QUIET IMPORTED_TARGET libzip>=1.6)
if(LIBZIP_FOUND)
  target_link_libraries(platedesk_zip INTERFACE PkgConfig::LIBZIP)
else()
  find_package(libzip 1.6 REQUIRED CONFIG)
  target_link_libraries(platedesk_zip INTERFACE libzip::zip)
endif()
add_library(platedesk::zip ALIAS platedesk_zip)
# The PDF form of the evidence report and the reports' charts: cairo's PDF, SVG and image surfaces.
pkg_check_modules(CAIRO REQUIRED IMPORTED_TARGET cairo>=1.14 cairo-pdf cairo-svg)
add_library(platedesk_cairo INTERFACE)
target_link_libraries(platedesk_cairo INTERFACE PkgConfig::CAIRO)
add_library(platedesk::cairo ALIAS platedesk_cairo)
pkg_check_modules(SODIUM REQUIRED IMPORTED_TARGET libsodium>=1.0.18)
add_library(platedesk_sodium INTERFACE)
target_link_libraries(platedesk_sodium INTERFACE PkgConfig::SODIUM)
add_library(platedesk::sodium ALIAS platedesk_sodium)

# OpenCV: the config package where there is one (vcpkg, libopencv-dev); else the three split
# Debian packages (libopencv-{core,imgproc,imgcodecs}-dev), which ship no CMake config and are a
# fraction of libopencv-dev's size.
add_library(platedesk_opencv INTERFACE)
find_package(OpenCV 4 QUIET CONFIG COMPONENTS core imgproc imgcodecs)
if(OpenCV_FOUND)
  target_include_directories(platedesk_opencv SYSTEM INTERFACE ${OpenCV_INCLUDE_DIRS})
  target_link_libraries(platedesk_opencv INTERFACE opencv_core opencv_imgproc opencv_imgcodecs)
else()
  find_path(PLATEDESK_OPENCV_INCLUDE opencv2/core.hpp PATH_SUFFIXES opencv4 REQUIRED)
  foreach(m core imgproc imgcodecs)
    find_library(PLATEDESK_OPENCV_${m} opencv_${m} REQUIRED)
    target_link_libraries(platedesk_opencv INTERFACE ${PLATEDESK_OPENCV_${m}})
  endforeach()
  target_include_directories(platedesk_opencv SYSTEM INTERFACE ${PLATEDESK_OPENCV_INCLUDE})
endif()
add_library(platedesk::opencv ALIAS platedesk_opencv)

if(PLATEDESK_BUILD_GUI)
  find_package(wxWidgets 3.2 REQUIRED COMPONENTS html core base)
  add_library(platedesk_wx INTERFACE)
  target_include_directories(platedesk_wx SYSTEM INTERFACE ${wxWidgets_INCLUDE_DIRS})
  target_compile_definitions(platedesk_wx INTERFACE ${wxWidgets_DEFINITIONS})
  target_compile_options(platedesk_wx INTERFACE ${wxWidgets_CXX_FLAGS})
  target_link_libraries(platedesk_wx INTERFACE ${wxWidgets_LIBRARIES})
  add_library(platedesk::wx ALIAS platedesk_wx)
  # libqrencode: the TOTP enrolment QR code in the Users panel (views only).
  pkg_check_modules(QRENCODE REQUIRED IMPORTED_TARGET libqrencode>=4)
  add_library(platedesk_qrencode INTERFACE)
  target_link_libraries(platedesk_qrencode INTERFACE PkgConfig::QRENCODE)
  add_library(platedesk::qrencode ALIAS platedesk_qrencode)
endif()

if(BUILD_TESTING)
  find_package(Boost 1.74 REQUIRED COMPONENTS unit_test_framework)
endif()
