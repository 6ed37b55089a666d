"""How much of each rule the fast tier guards: mutation testing of the
modules that hold the rules about quotations, speakers, the register and
safety (`make mutate`; not in CI: it takes minutes).

    python tests/mutation.py [--no-run]

Runs mutmut (pinned in requirements-bench.txt; settings in
plugins/setup.cfg) from plugins/, against the newsroom's fast tests, then
prints for each module the mutants run, killed and survived, the score
(killed of the mutants that could change behaviour), and each survivor by
file and line with the change it made. Mutants that cannot change
behaviour are listed once, with the reason, in
plugins/newsroom/tests/equivalent_mutants.txt, and left out of the score.
--no-run reports the last run again.
"""

import ast
import difflib
import json
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PLUGINS = ROOT / "plugins"
MUTANTS = PLUGINS / "mutants"
EQUIVALENT = PLUGINS / "newsroom" / "tests" / "equivalent_mutants.txt"
TARGET = 0.90


def equivalents():
    """{mutant: reason} from the list of mutants that cannot change behaviour."""
    found = {}
    for line in EQUIVALENT.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            name, _, reason = line.partition(":")
            found[name.strip()] = reason.strip()
    return found


def where(source, mutated, name):
    """(line, change) of a mutant: the first line of its function that
    differs from the original, numbered as in the source file."""
    spans = json.loads(Path(f"{mutated}.spans").read_text())["spans"]
    lines = Path(mutated).read_text(encoding="utf-8").splitlines()
    function = name.rsplit(".", 1)[1]
    original = lines[slice(*spans[function.split("__mutmut_")[0] + "__mutmut_orig"])]
    changed = lines[slice(*spans[function])]
    tree = ast.parse(Path(source).read_text(encoding="utf-8"))
    plain = function.split("__mutmut_")[0].removeprefix("x_").replace("ǁ", ".")
    start = next((n.lineno for n in ast.walk(tree) if isinstance(n, (ast.FunctionDef, ast.AsyncFunctionDef))
                  and n.name == plain.rsplit(".", 1)[-1]), 1)
    base = function.split("__mutmut_")[0]
    original = [line.replace(base + "__mutmut_orig", base) for line in original]
    changed = [line.replace(function, base) for line in changed]
    for offset, (before, after) in enumerate(zip(original, changed)):
        if before != after:
            return start + offset, f"{before.strip()}  →  {after.strip()}"
    diff = [d for d in difflib.unified_diff(original, changed, lineterm="", n=0) if d[:1] in "+-"][2:]
    return start, " / ".join(d.strip() for d in diff)[:160]


def main(run=True):
    if run:
        # From scratch: mutmut's own resuming re-tests changed functions with the
        # tests it chose before, and scored a new function's mutants as survivors.
        shutil.rmtree(MUTANTS, ignore_errors=True)
        subprocess.run([str(Path(sys.executable).parent / "mutmut"), "run"], cwd=PLUGINS, check=False)
    from mutmut.stats import status_by_exit_code

    skip = equivalents()
    rows, failing = [], False
    print(f"\n{'module':<34} {'mutants':>7} {'equivalent':>10} {'killed':>6} {'survived':>8} {'score':>6}")
    for meta in sorted(MUTANTS.rglob("*.py.meta")):
        mutated = meta.with_suffix("")
        source = PLUGINS / mutated.relative_to(MUTANTS)
        results = json.loads(meta.read_text())["exit_code_by_key"]
        status = {name: status_by_exit_code.get(code, "killed") for name, code in results.items()}
        equivalent = [n for n in status if n in skip]
        counted = {n: s for n, s in status.items() if n not in skip}
        killed = sum(s in ("killed", "timeout", "caught by type check") for s in counted.values())
        survivors = sorted((n for n, s in counted.items() if s not in ("killed", "timeout", "caught by type check")),
                           key=lambda n: where(source, mutated, n)[0])
        score = killed / len(counted) if counted else 1.0
        failing |= score < TARGET
        module = source.relative_to(PLUGINS).as_posix()
        print(f"{module:<34} {len(status):>7} {len(equivalent):>10} {killed:>6} {len(survivors):>8} {score:>6.0%}")
        rows.append((module, source, mutated, survivors, status))
    for module, source, mutated, survivors, status in rows:
        for name in survivors:
            line, change = where(source, mutated, name)
            print(f"  survived ({status[name]}): plugins/{module}:{line}: {change}   [{name}]")
    print(f"\nTarget: {TARGET:.0%} of the mutants that could change behaviour killed in each module.")
    return 1 if failing else 0


if __name__ == "__main__":
    sys.exit(main(run="--no-run" not in sys.argv))
