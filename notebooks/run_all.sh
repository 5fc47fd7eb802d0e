#!/usr/bin/env bash
# Writes the notebooks' data with the contagion command line, executes every notebook headless and
# checks that each saved its figures. The repository stays clean: data, executed notebooks and
# figures go to a temporary folder (removed at the end unless KEEP=1 or a notebook failed).
#
#   bash notebooks/run_all.sh [CONTAGION_BINARY]        # default: $CONTAGION, else build/contagion
#
# Registered as the CTest test "notebooks: execute headless" (tests/cli/CMakeLists.txt).
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(dirname "$here")"
export CONTAGION="${1:-${CONTAGION:-$root/build/contagion}}"
PY="${PYTHON:-/usr/bin/python3}"

if ! "$PY" -c "import nbconvert, ipykernel, matplotlib, pandas, h5py" 2>/dev/null; then
  echo "run_all: $PY lacks nbconvert/ipykernel/matplotlib/pandas/h5py (bash scripts/setup.sh installs them)" >&2
  exit 1
fi

work="$(mktemp -d "${TMPDIR:-/tmp}/contagion-notebooks.XXXXXX")"
keep="${KEEP:-0}"
cleanup() { if [ "$keep" = 1 ]; then echo "run_all: kept $work"; else rm -rf "$work"; fi; }
trap cleanup EXIT

start=$SECONDS
bash "$here/make_data.sh" "$work/data"

export CONTAGION_NOTEBOOK_DATA="$work/data"
export CONTAGION_NOTEBOOK_FIGURES="$work/figures"
export MPLBACKEND=Agg
export MPLCONFIGDIR="$work/mpl"          # matplotlib's font cache: not in $HOME
export JUPYTER_RUNTIME_DIR="$work/jupyter-runtime"
export PYDEVD_DISABLE_FILE_VALIDATION=1  # the debugger's warning about frozen modules
mkdir -p "$work/executed" "$work/figures"

failed=()
for nb in "$here"/[0-9][0-9]_*.ipynb; do
  name="$(basename "$nb" .ipynb)"
  t0=$SECONDS
  if "$PY" -m nbconvert --to notebook --execute --ExecutePreprocessor.timeout=600 \
       --ExecutePreprocessor.kernel_name=python3 --output-dir "$work/executed" "$nb" \
       > "$work/$name.log" 2>&1; then
    figs=("$work"/figures/"${name:0:2}"_*.png)
    if [ ! -s "${figs[0]}" ]; then
      echo "run_all: $name saved no figure" >&2
      failed+=("$name")
    else
      echo "run_all: $name ok ($((SECONDS - t0)) s, ${#figs[@]} figures)"
    fi
  else
    echo "run_all: $name FAILED ($((SECONDS - t0)) s):" >&2
    sed -e "s/\x1b\[[0-9;]*m//g" "$work/$name.log" | tail -n 40 >&2
    failed+=("$name")
  fi
done

if [ ${#failed[@]} -gt 0 ]; then
  keep=1
  echo "run_all: ${#failed[@]} notebook(s) failed: ${failed[*]}" >&2
  exit 1
fi
echo "run_all: every notebook ran in $((SECONDS - start)) s; figures: $(ls "$work"/figures/*.png | wc -l)"
