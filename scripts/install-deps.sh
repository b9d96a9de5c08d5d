#!/usr/bin/env bash
# Installs what the package needs from Debian's packages (OpenBLAS, zlib for
# ZIPFoundation, and pkg-config), if they are missing. Safe to run repeatedly.
set -euo pipefail
PACKAGES="libopenblas-dev zlib1g-dev pkg-config"
if [ "$(uname)" = "Linux" ] && ! dpkg -s $PACKAGES >/dev/null 2>&1; then
    SUDO=""
    [ "$(id -u)" -ne 0 ] && SUDO="sudo"
    $SUDO apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq $PACKAGES >/dev/null
fi
