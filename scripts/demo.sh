#!/usr/bin/env bash
# Installs the dependencies, builds contagion (Release) and runs the end-to-end demo.
# Usage: scripts/demo.sh [BUILD_DIR]     (default: build)
set -euo pipefail
cd "$(dirname "$0")/.."
build=${1:-build}
bash scripts/setup.sh
cmake -S . -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Release -DCONTAGION_BUILD_BENCH=OFF
cmake --build "$build" --target contagion -j "$(nproc)"
"$build/contagion" demo -o demo.h5
