"""Mutation testing with mutmut, one group of modules at a time, within a time bound.

    python tools/mutation.py                  # io.py, errors.py, _files.py, _limits.py
    python tools/mutation.py --modules _checks.py _values.py _rules.py _shape.py --seconds 3600
    python tools/mutation.py --modules _jsontext.py --seconds 3600

mutmut changes the source one small step at a time (a ``<`` for a ``<=``, a
constant, a removed call) and runs the tests that cover the changed function;
a mutant the tests do not notice "survives". The run happens in a throw-away
copy of the committed tree (``git worktree``), so the working tree is never
touched; ``../shared`` (JSONTestSuite) is linked into it. If ``pyproject.toml``
has no ``[tool.mutmut]`` table, the one below is added to the copy.

The tests used are the fast ones that exercise these modules. For the I/O
modules: the bad-input catalogue, the limits, the error family, the
regressions, JSONTestSuite, the public API, the command line and the bundled
data set. For the model's modules (``model/``: values, checks, rules,
shape): the constraints, the shape, the value types, the rules (also on
classes made up for them), the decimals, the regressions, the error
family, immutability, the JSON
Schema's text rules, the corpus's rules and data, the query layer (date
relations and the order of locators) and the catalogue. (The mutmut settings live here, not
in ``pyproject.toml``, because they differ by group: each run writes its
own ``[tool.mutmut]`` table into the throw-away copy.) The Hypothesis
round-trip tests are left out, too slow to run once per mutant; the
selected Hypothesis tests run under the ``mutation`` profile of
``tests/conftest.py``. The script prints each survivor's diff and the
counts, and the kill rate: (killed + timed out) / every mutant with a verdict.

``converters.py`` is left out by default: most of it is wiring that runs once,
when the module is imported or a class is first converted, and mutmut forks
each mutant from a process that has already done that, so its mutants there
survive whatever the tests do. The behaviour is covered by the catalogue.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
VENV_BIN = Path(sys.executable).parent
TESTS = [
    "tests/catalogue",
    "tests/test_limits.py",
    "tests/test_errors.py",
    "tests/test_regressions.py",
    "tests/test_jsontestsuite.py",
    "tests/test_public_api.py",
    "tests/test_cli.py",
    "tests/test_dataset.py",
    "tests/test_error_locations.py::TestErrorText",
]
MODEL_TESTS = [
    "tests/test_checks.py",
    "tests/test_shape.py",
    "tests/test_values.py",
    "tests/test_rules.py",
    "tests/test_rules_any_class.py",
    "tests/test_decimals.py",
    "tests/test_regressions.py",
    "tests/test_errors.py",
    "tests/test_immutability.py",
    "tests/test_json_schema.py::TestTextPattern",
    "tests/test_json_schema.py::TestLibraryOnlyRules",
    "tests/test_corpus.py",
    "tests/test_corpus_data.py",
    "tests/test_corpus_data_2019_2023.py",
    "tests/test_query.py",
    "tests/catalogue",
]
#: The model's modules, which MODEL_TESTS exercise.
MODEL_MODULES = {"_values.py", "_checks.py", "_rules.py", "_shape.py"}
DEFAULT_MODULES = ["io.py", "errors.py", "_files.py", "_limits.py"]


def tests_for(modules: list[str]) -> list[str]:
    """The tests that exercise these modules."""
    return MODEL_TESTS if set(modules) <= MODEL_MODULES else TESTS


def config(modules: list[str]) -> str:
    """The ``[tool.mutmut]`` table for these modules."""
    only = ", ".join(f'"*/{name}"' for name in modules)
    tests = ", ".join(f'"{path}"' for path in tests_for(modules))
    return (
        "\n[tool.mutmut]\n"
        'source_paths = ["src/cyberspace_whitepaper"]\n'
        # The problem codes' table in docs/loading.md is checked against the library.
        'also_copy = ["docs"]\n'
        f"only_mutate = [{only}]\n"
        'pytest_add_cli_args = ["-p", "no:cacheprovider", "-q"]\n'
        f"pytest_add_cli_args_test_selection = [{tests}]\n"
    )


def _mutmut(*args: str, cwd: Path, timeout: float | None = None) -> str:
    """Run one mutmut command in ``cwd``; its output, and on failure the end of it on stderr."""
    finished = subprocess.run(  # noqa: S603 - our own command line
        [str(VENV_BIN / "mutmut"), *args],
        cwd=cwd,
        env={**os.environ, "HYPOTHESIS_PROFILE": "mutation"},  # tests/conftest.py says why
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )
    if finished.returncode != 0:
        print(
            f"mutmut {args[0]} failed:\n{finished.stdout[-3000:]}{finished.stderr[-3000:]}", file=sys.stderr
        )
    return finished.stdout


def _print_kill_rate(label: str, verdicts: dict[str, list[str]]) -> None:
    """Print (killed + timed out) / every mutant with a verdict."""
    killed = len(verdicts.get("killed", [])) + len(verdicts.get("timeout", []))
    judged = killed + len(verdicts.get("survived", [])) + len(verdicts.get("no tests", []))
    if judged:
        print(f"{label}: {killed}/{judged} = {killed / judged:.1%}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--modules", nargs="+", default=DEFAULT_MODULES, help="file names to mutate")
    parser.add_argument("--seconds", type=int, default=1500, help="time bound of the run (default 1500)")
    parser.add_argument("--children", type=int, default=os.cpu_count() or 2, help="parallel mutants")
    arguments = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="mutation-"))
    copy = work / "repo"
    git = shutil.which("git") or "git"
    subprocess.run([git, "worktree", "add", "--detach", str(copy), "HEAD"], cwd=ROOT, check=True)  # noqa: S603
    try:
        for link in (work / "shared", copy / "shared"):
            link.symlink_to(ROOT.parent / "shared")
        pyproject = copy / "pyproject.toml"
        if "[tool.mutmut]" not in pyproject.read_text("utf-8"):
            with pyproject.open("a", encoding="utf-8") as file:
                file.write(config(arguments.modules))
        try:
            _mutmut("run", f"--max-children={arguments.children}", cwd=copy, timeout=arguments.seconds)
            finished = "finished"
        except subprocess.TimeoutExpired:
            finished = f"stopped after {arguments.seconds} s (counts are of the mutants run)"
        results = _mutmut("results", "--all", "true", cwd=copy)
        verdicts: dict[str, list[str]] = {}
        for name, verdict in re.findall(r"^\s*(\S+): (.+)$", results, re.MULTILINE):
            verdicts.setdefault(verdict.strip(), []).append(name)
        for name in verdicts.get("survived", []):
            print(_mutmut("show", name, cwd=copy))
        print(f"modules: {', '.join(arguments.modules)}; {finished}")
        print("; ".join(f"{verdict}: {len(names)}" for verdict, names in sorted(verdicts.items())))
        _print_kill_rate("kill rate", verdicts)
        # A mutant's name is its module's dotted name, a dot, and the mutant within it.
        modules = sorted({name.rpartition(".")[0] for names in verdicts.values() for name in names})
        for module in modules:
            mine = {
                verdict: [name for name in names if name.rpartition(".")[0] == module]
                for verdict, names in verdicts.items()
            }
            _print_kill_rate(f"  {module}", mine)
    finally:
        subprocess.run([git, "worktree", "remove", "--force", str(copy)], cwd=ROOT, check=False)  # noqa: S603
        shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
