#!/usr/bin/env bash
# Installs contagion from BUILD_DIR into a scratch prefix and builds and runs a consumer project
# that uses find_package(contagion). Usage: check_package.sh BUILD_DIR SOURCE_DIR
set -euo pipefail
build=$1
here=$2
scratch="$build/package-check"
rm -rf "$scratch"
cmake --install "$build" --prefix "$scratch/prefix" > /dev/null
cmake -S "$here/consumer" -B "$scratch/consumer" -G Ninja -DCMAKE_PREFIX_PATH="$scratch/prefix" > /dev/null
cmake --build "$scratch/consumer" > /dev/null
"$scratch/consumer/consumer"
