#!/usr/bin/env bash
# Installs what the package needs from Debian's packages (OpenBLAS and pkg-config),
# if they are missing. Safe to run repeatedly.
set -euo pipefail
if [ "$(uname)" = "Linux" ] && ! { dpkg -s libopenblas-dev >/dev/null 2>&1 && command -v pkg-config >/dev/null; }; then
    SUDO=""
    [ "$(id -u)" -ne 0 ] && SUDO="sudo"
    $SUDO apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq libopenblas-dev pkg-config >/dev/null
fi
