# Shared by run.sh and profile.sh (sourced, not run): the pinned Python environment and the workload.
# Expects `here` (this folder) to be set; defines `work`, `venv`, `say`, `py`, `prepare_python`,
# `prepare_workload SCALE` (sets `data`) and `release_covaudit` (sets `covaudit`).
work=$(realpath -m "${BENCH_WORK:-$here/.work}")
venv=$(realpath -m "${BENCH_VENV:-$here/.venv}")
say() { echo "== $*" >&2; }
py() { PYTHONPATH="$here" "$venv/bin/python" "$@"; }

# The venv with requirements.txt, made again when that file changes.
prepare_python() {
  local want base
  want=$(sha256sum "$here/requirements.txt" | cut -d' ' -f1)
  if [ "$(cat "$venv/.requirements.sha256" 2>/dev/null)" != "$want" ]; then
    base=${BENCH_PYTHON:-$(command -v python3.11 || command -v python3)}
    "$base" -c 'import sys; sys.exit(sys.version_info[:2] != (3, 11))' ||
      echo "warning: $base is not Python 3.11; the pins were checked on 3.11" >&2
    say "python environment: $venv ($("$base" --version))"
    [ -x "$venv/bin/python" ] || "$base" -m venv "$venv"
    "$venv/bin/python" -m pip install --quiet --disable-pip-version-check -r "$here/requirements.txt"
    echo "$want" > "$venv/.requirements.sha256"
  fi
}

# The workload of one scale, generated once (seeded) and kept until the generator changes.
prepare_workload() {
  data=$work/data/$1
  py -m bench.workload "$1" "$data" >&2
}

# The release build of covaudit (`swift build -c release` unless BENCH_NO_BUILD=1).
release_covaudit() {
  local repo
  repo=$(cd "$here/.." && pwd)
  if [ "${BENCH_NO_BUILD:-}" != 1 ]; then
    say "building covaudit (swift build -c release)"
    (cd "$repo" && swift build -c release --product covaudit >&2)
  fi
  covaudit=$(cd "$repo" && swift build -c release --show-bin-path)/covaudit
  [ -x "$covaudit" ] || { echo "$covaudit not found: build it with swift build -c release" >&2; exit 1; }
}
