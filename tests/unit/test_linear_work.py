"""Work that must grow linearly with the input, counted, never timed.

The count is of the Python lines terapi-lint itself executes (``sys.settrace``), which is the
same on every machine and every run.  Linear work gives about 4 times the lines for 4 times the
input; a quadratic regression about 16 times.  Work inside the regex engine is not counted: the
patterns' own bounds are checked instead, where a failed try must stop (no unbounded repeat).
"""

from __future__ import annotations

import re
import sys
from pathlib import Path
from typing import Any, Callable

import pytest

import terapi_lint
from terapi_lint.findings import dotted
from terapi_lint.loaders import load
from terapi_lint.secrets.detectors import find_secrets
from tests.unit.secret_fakes import Fakes

SOURCE = str(Path(terapi_lint.__file__).resolve().parent)


def python_steps(function: Callable[[], Any]) -> int:
    """How many lines of terapi-lint's own code ``function()`` executes."""
    count = 0

    def local(frame: Any, event: str, arg: Any) -> Any:
        nonlocal count
        if event == "line":
            count += 1
        return local

    def global_(frame: Any, event: str, arg: Any) -> Any:
        return local if frame.f_code.co_filename.startswith(SOURCE) else None

    previous = sys.gettrace()
    sys.settrace(global_)
    try:
        function()
    finally:
        sys.settrace(previous)
    return count


def growth(make: Callable[[int], Callable[[], Any]], n: int) -> float:
    """Lines executed for an input of size 4n over those for size n."""
    return python_steps(make(4 * n)) / python_steps(make(n))


def test_the_counter_tells_linear_from_quadratic() -> None:
    linear = growth(lambda n: lambda: dotted(("a",) * n), 500)
    quadratic = growth(lambda n: lambda: [dotted(("a",) * i) for i in range(n)], 100)
    assert 3.5 < linear < 4.5 and quadratic > 12


def test_unterminated_string_with_many_escapes_takes_linear_work() -> None:
    def unterminated(n: int) -> Callable[[], Any]:
        return lambda: list(load(b'[{"a": "' + b'\\"x' * n, name="x.json"))

    assert growth(unterminated, 2_000) < 5


@pytest.mark.parametrize("unit", ["a://", "a://b:c@=", "ATATT3=", "5AEP861.", "-----BEGIN PRIVATE KEY-----",
                                  "eyJ.", "Bearer =", "ghp_", "sk-"])
def test_repeated_shape_starts_take_linear_work(unit: str) -> None:
    token = Fakes(21).github("ghp")

    def repeated(n: int) -> Callable[[], Any]:
        return lambda: find_secrets(unit * n + " " + token)

    assert growth(repeated, 400) < 5


def _unbounded_repeats(pattern: re.Pattern[str]) -> list[str]:
    """The named groups of ``pattern`` holding a repeat without an upper bound."""
    parser: Any = re._parser if hasattr(re, "_parser") else __import__("sre_parse")  # 3.11+ / 3.10
    constants: Any = re._constants if hasattr(re, "_constants") else __import__("sre_constants")
    repeats = {constants.MAX_REPEAT, constants.MIN_REPEAT, getattr(constants, "POSSESSIVE_REPEAT", None)}
    names = {number: name for name, number in pattern.groupindex.items()}
    found: list[str] = []

    def walk(items: Any, group: str) -> None:
        for op, av in items:
            if op in repeats:
                low, high, body = av
                if high == constants.MAXREPEAT:
                    found.append(group)
                walk(body, group)
            elif op is constants.SUBPATTERN:
                walk(av[-1], names.get(av[0], group))
            elif op is constants.BRANCH:
                for branch in av[1]:
                    walk(branch, group)
            elif op in (constants.ASSERT, constants.ASSERT_NOT):
                walk(av[1], group)

    walk(parser.parse(pattern.pattern, pattern.flags), "")
    return found


def test_every_secret_shape_has_a_bounded_body() -> None:
    """A failed try stops within a bound, so repeated shape starts cost linear time in the regex
    engine too (an unbounded body once made a 200 KB string take minutes)."""
    from terapi_lint.secrets import headers, shapes

    assert _unbounded_repeats(shapes.pattern()) == []
    for compiled in (headers._TOKEN, headers._PARAM, headers._COOKIE_PAIR):
        assert _unbounded_repeats(compiled) == []
    assert _unbounded_repeats(re.compile(r"(?P<x>a+)|(?P<y>b{1,3})")) == ["x"]
