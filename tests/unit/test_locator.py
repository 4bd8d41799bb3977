"""PathPositions: each path's place, found along the path only, is the exact parser's."""

from __future__ import annotations

import json

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from terapi_lint.loaders.locator import PathPositions
from terapi_lint.loaders.positions import parse

_scalars = (st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False, allow_infinity=False)
            | st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=6))
_keys = st.text(alphabet=st.sampled_from('ab"\\/{}[],: \n\té😀'), max_size=4)
_values = st.recursive(_scalars, lambda inner: st.lists(inner, max_size=4) | st.dictionaries(_keys, inner, max_size=4),
                       max_leaves=20)


def _texts(value, indent, ascii_only):
    return json.dumps(value, indent=indent, ensure_ascii=ascii_only)


@settings(max_examples=500, deadline=None, derandomize=True, database=None,
          suppress_health_check=[HealthCheck.too_slow])
@given(_values, st.sampled_from([None, 0, 2, "\t"]), st.booleans(), st.integers(1, 5), st.integers(1, 9))
def test_every_path_is_where_the_exact_parser_puts_it(value, indent, ascii_only, line, column):
    text = " \n " + _texts(value, indent, ascii_only) + " \n"
    exact = parse(text, line=line, column=column).positions
    located = PathPositions(text, line, column)
    for path, where in exact.items():
        assert located.get(path) == where, path
        assert located.get((*path, "not there")) is None
        assert located.get((*path, 10**6)) is None
    assert dict(located.items()) == exact and len(located) == len(exact) and set(located) == set(exact)


def test_paths_of_the_wrong_kind_are_not_there():
    located = PathPositions('{"a": [1, {"0": true}], "b": "x"}')
    assert located.get(("a", 1, "0")) == (1, 12)
    assert located.get(("a", "1")) is None and located.get((0,)) is None and located.get(("a", 1, 0)) is None
    assert located.get(("b", 0)) is None and located.get(("a", True)) is None
    assert located.get(()) == (1, 1)


def test_a_value_nested_deeper_than_the_c_scanner_recurses_is_skipped_too():
    deep = "[" * 5000 + "]" * 5000
    text = '{"a": ' + deep + ',\n "b": {"c": [1, {"d": 2}]}}'
    located = PathPositions(text, 3, 1)
    assert located.get(("b",)) == (4, 2) and located.get(("b", "c", 1, "d")) == (4, 18)
    assert located.get(("a",) + (0,) * 4999) == (3, 4999 + 7)


# Few, plain member names: the same name at several places and levels, and texts with no backslash
# (where a name that occurs once is placed where it occurs), as well as texts with escapes.
_plain_keys = st.sampled_from(["a", "b", "ab", "expires_at", "", "é"]) | _keys
_plain_values = st.recursive(_scalars, lambda inner: st.lists(inner, max_size=3)
                             | st.dictionaries(_plain_keys, inner, max_size=4), max_leaves=16)


@settings(max_examples=600, deadline=None, derandomize=True, database=None,
          suppress_health_check=[HealthCheck.too_slow])
@given(_plain_values, st.sampled_from([None, 2]), st.booleans(), st.integers(1, 5), st.integers(1, 9))
def test_place_is_the_exact_parsers_place_or_the_nearest_ancestors(value, indent, ascii_only, line, column):
    text = _texts(value, indent, ascii_only)
    parsed = parse(text, line=line, column=column)
    exact, value = parsed.positions, parsed.value
    located = PathPositions(text, line, column)
    for path, where in exact.items():
        assert located.place(path, value) == where, path
        assert located.place((*path, "not there"), value) == where
        assert located.place((*path, 10**6), value) == where
        assert located.place((*path, "a", "b"), value) == \
            exact.get((*path, "a", "b"), exact.get((*path, "a"), where))


def test_place_of_a_name_that_occurs_once_and_of_one_that_occurs_again():
    text = '{"id": "x", "metadata": {"note": "expires_at", "n": [{"a": 1}]},\n "credentials": {"expires_at": null, "a": 2}}'
    value, exact = json.loads(text), parse(text, line=7).positions
    located = PathPositions(text, 7, 1)
    for path in [("credentials", "expires_at"), ("credentials", "a"), ("metadata", "n", 0, "a"), ("id",)]:
        assert located.place(path, value) == exact[path]
    assert exact[("credentials", "expires_at")] == (8, 18)  # "expires_at" occurs twice: walked
    assert located.place(("credentials", "missing"), value) == exact[("credentials",)] == (8, 2)
    # The member's name escaped, the same name once as written elsewhere: the text is walked.
    escaped = text.replace('{"expires_at": null', '{"\\u0065xpires_at": null')
    assert escaped.count('"expires_at"') == 1
    assert PathPositions(escaped, 7, 1).place(("credentials", "expires_at"), json.loads(escaped)) == \
        parse(escaped, line=7).positions[("credentials", "expires_at")] == (8, 18)
