#!/usr/bin/env bash
# Debian 12 packages the build, the demo and the tests need (run as root).
#   libpixelmed-java, libpixelmed-imageio-java  PixelMed DICOM toolkit (not on Maven Central)
#   dcmtk, dicom3tools, orthanc, libgdcm-tools  independent DICOM peers and validators used by the tests
set -euo pipefail
export DEBIAN_FRONTEND=noninteractive
apt-get update -q
apt-get install -y -q --no-install-recommends \
  openjdk-17-jdk-headless maven \
  libpixelmed-java libpixelmed-imageio-java \
  dcmtk dicom3tools orthanc libgdcm-tools \
  fontconfig fonts-dejavu-core \
  chromium
