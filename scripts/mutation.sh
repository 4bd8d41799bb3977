#!/usr/bin/env bash
# Mutation testing of the core modules, by hand (never in CI): see docs/testing.md.
#
#   scripts/mutation.sh                 every group below, one after the other
#   scripts/mutation.sh findings exits  only these groups
#   JOBS=2 scripts/mutation.sh reporters  more workers (default 1: the machine is shared)
#   scripts/mutation.sh --list          the groups, what they mutate and which tests judge them
#
# Each group mutates a few modules with mutmut 3 and judges each mutant with the tests of those
# modules only (the tests that reach the mutated function among them), so a mutant costs a few
# seconds rather than the whole suite.  mutmut reads its settings ([tool.mutmut]) from the
# pyproject.toml of the folder it runs in, so each group runs in its own copy of the work tree,
# build/mutation/GROUP/, whose pyproject.toml gets that group's [tool.mutmut] table; the results
# stay there until the group's next run (`cd build/mutation/GROUP && mutmut show NAME` prints a
# mutant's diff).  Every run starts afresh: mutmut keeps an old verdict even when the tests changed.
#
# Needs mutmut 3 in the active environment:  python -m pip install -e ".[mutation]"
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
JOBS=${JOBS:-1}

# GROUP | modules to mutate (globs under src/) | the tests that judge them (pytest arguments)
#       | optionally, only these functions (mutmut's mutant names, * as a wildcard)
GROUPS_TABLE='
findings  | terapi_lint/findings.py | tests/unit/test_findings.py
exits     | terapi_lint/run.py terapi_lint/cli.py | tests/acceptance/test_check_cli.py tests/acceptance/test_config_cli.py tests/acceptance/test_never_silent.py --deselect tests/acceptance/test_never_silent.py::test_item05_folder_walking_finds_connection_files_not_everything --deselect tests/acceptance/test_never_silent.py::test_item08_compile_hook_runs_when_the_compiled_schema_is_staged --deselect tests/acceptance/test_config_cli.py::test_allowlist_with_jobs_2_on_a_big_input
reporters | terapi_lint/reporters/*.py | tests/unit/test_reporter_text.py tests/unit/test_reporter_json.py tests/unit/test_reporter_sarif.py tests/unit/test_reporter_github.py tests/unit/test_reporter_junit.py
noecho    | terapi_lint/withheld.py terapi_lint/schema/errors.py terapi_lint/loaders/yaml_.py | tests/unit/test_findings.py tests/unit/test_schema_checks.py tests/unit/test_loader_yaml.py tests/acceptance/test_no_echo.py | terapi_lint.withheld.* terapi_lint.schema.errors.* terapi_lint.loaders.yaml_.x__clean* terapi_lint.loaders.yaml_.x__tag_name*
loaders   | terapi_lint/loaders/json_.py terapi_lint/loaders/positions.py terapi_lint/loaders/yaml_.py | tests/unit/test_loader_json.py tests/unit/test_loader_yaml.py tests/unit/test_loader_ndjson.py tests/unit/test_loader_records.py tests/unit/test_hostile_inputs.py --deselect tests/unit/test_hostile_inputs.py::test_20_megabyte_string --deselect tests/unit/test_hostile_inputs.py::test_300000_key_object | terapi_lint.loaders.json_.x_fast_loads* terapi_lint.loaders.positions.x__key* terapi_lint.loaders.yaml_.xǁ_Composerǁdocument*
selection | terapi_lint/config/selection.py terapi_lint/suppression.py | tests/unit/test_config.py tests/unit/test_suppression.py tests/unit/test_settings.py tests/acceptance/test_config_cli.py --deselect tests/acceptance/test_config_cli.py::test_allowlist_with_jobs_2_on_a_big_input
'

field() { awk -F'|' -v g="$1" -v n="$2" '$1 ~ "^ *"g" *$" { gsub(/^ +| +$/, "", $n); print $n }' <<<"$GROUPS_TABLE"; }
all_groups() { awk -F'|' 'NF >= 3 { gsub(/ /, "", $1); print $1 }' <<<"$GROUPS_TABLE"; }
toml_list() { local out="" item; for item in "$@"; do out+="\"$item\", "; done; echo "[${out%, }]"; }

if [[ ${1:-} == --list ]]; then
    for group in $(all_groups); do
        printf '%-10s mutates %s\n' "$group" "$(field "$group" 2)"
        [[ -z $(field "$group" 4) ]] || printf '%-10s only %s\n' "" "$(field "$group" 4)"
        printf '%-10s judged by %s\n' "" "$(field "$group" 3)"
    done
    exit 0
fi
command -v mutmut >/dev/null || { echo "mutation.sh: mutmut is not installed; run: python -m pip install -e '.[mutation]'" >&2; exit 2; }

groups=("$@")
[[ ${#groups[@]} -gt 0 ]] || mapfile -t groups < <(all_groups)

for group in "${groups[@]}"; do
    modules=$(field "$group" 2)
    tests=$(field "$group" 3)
    read -r -a functions <<<"$(field "$group" 4)"
    [[ -n $modules ]] || { echo "mutation.sh: no group named $group (see --list)" >&2; exit 2; }
    work="$ROOT/build/mutation/$group"
    rm -rf "$work" && mkdir -p "$work"
    # A copy of the work tree: the sources, the tests and the files they read.
    tar -C "$ROOT" --exclude=./.git --exclude=./.venv --exclude=./build --exclude='*/__pycache__' \
        --exclude=./benchmarks/data -cf - . | tar -C "$work" -xf -
    read -r -a globs <<<"$modules"
    read -r -a test_paths <<<"$tests"
    {
        echo
        echo "[tool.mutmut]"
        echo "source_paths = [\"src\"]"
        echo "also_copy = [\"schemas\", \"examples\", \"docs\", \"benchmarks\", \"scripts\", \"README.md\", \".pre-commit-hooks.yaml\"]"
        echo "only_mutate = $(toml_list "${globs[@]/#/src/}")"
        echo "pytest_add_cli_args_test_selection = $(toml_list "${test_paths[@]}")"
        echo "pytest_add_cli_args = [\"-p\", \"no:cacheprovider\"]"
        echo "use_git_change_detection = false"
    } >>"$work/pyproject.toml"
    echo "== $group: mutating $modules"
    (cd "$work" && nice -n 15 mutmut run --max-children "$JOBS" "${functions[@]}" >"$work/run.log" 2>&1) || {
        echo "mutation.sh: mutmut failed for $group; see $work/run.log" >&2
        tail -n 20 "$work/run.log" >&2
        exit 1
    }
    # Score per module, and each surviving mutant (mutmut show NAME, in $work, prints its diff).
    (cd "$work" && python - "$group" <<'PY'
import json, sys
from pathlib import Path

KILLED = {1, 3, 37}          # a test failed (or pytest errored, or the type check caught it)
SURVIVED = {0}
TIMEOUT = {36, 24, -24, 152, 255}  # a mutant that makes the tests hang is caught too
for meta in sorted(Path("mutants/src").rglob("*.meta")):
    codes = json.loads(meta.read_text())["exit_code_by_key"]
    module = str(meta.relative_to("mutants/src"))[: -len(".meta")]
    codes = {name: c for name, c in codes.items() if c is not None}  # a run of some functions only
    killed = sum(1 for c in codes.values() if c in KILLED or c in TIMEOUT)
    survived = [name for name, c in codes.items() if c in SURVIVED]
    untested = sum(1 for c in codes.values() if c == 33 or c == 5)
    judged = killed + len(survived) + untested  # a mutant no test reaches is not killed
    if not codes:
        continue
    score = f"{100 * killed / judged:.1f}%" if judged else "-"
    print(f"{module:45} {len(codes):4} mutants  {killed:4} killed  {len(survived):3} survived  "
          f"{untested:3} not reached  {score}")
    for name, c in codes.items():
        if c in SURVIVED or c in (33, 5):
            print(f"    {'survived' if c in SURVIVED else 'not reached'}: {name}")
PY
    ) | tee "$work/score.txt"
done
