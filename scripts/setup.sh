#!/usr/bin/env bash
# Installs every build, test and run-time dependency of contagion from Debian's packages.
# Idempotent; works as root or through sudo. Later modules add their packages to PACKAGES.
set -euo pipefail

PACKAGES=(
  # toolchain
  build-essential cmake ninja-build pkg-config git clang-format
  # core / sim / store / stats
  libeigen3-dev libboost-graph-dev libboost-math-dev libhdf5-dev hdf5-tools
  librandom123-dev libfmt-dev libtomlplusplus-dev libcli11-dev nlohmann-json3-dev
  libfast-float-dev libpugixml-dev libxxhash-dev
  # tests and benchmarks
  catch2 libbenchmark-dev
  # reading our HDF5 output without our library (tests, notebooks, bench comparison)
  python3 python3-numpy python3-scipy python3-h5py
  # notebooks (executed by the test suite: notebooks/run_all.sh)
  python3-pandas python3-matplotlib python3-nbconvert python3-ipykernel jupyter-nbconvert
)

if [ "$(id -u)" -eq 0 ]; then SUDO=(); else SUDO=(sudo); fi

missing=()
for p in "${PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done

if [ ${#missing[@]} -eq 0 ]; then
  echo "setup: all ${#PACKAGES[@]} packages already installed"
  exit 0
fi

echo "setup: installing ${#missing[@]} packages: ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
"${SUDO[@]}" apt-get update -qq
"${SUDO[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}"
echo "setup: done"
