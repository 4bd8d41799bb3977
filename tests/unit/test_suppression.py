"""What a run hid: per entry, in source order, counted per source and summed up in one line."""

from __future__ import annotations

from terapi_lint.findings import Finding
from terapi_lint.suppression import Suppressed, Suppressor, counts, summary

ALLOW = Suppressor("allowlist", "allowlist[0]", "test data")
ALLOW_2 = Suppressor("allowlist", "allowlist[1]", "more test data")
GLOB = Suppressor("per-file-ignores", "fixtures/*", "fixtures/* = ['TL2']")
OTHER = Suppressor("some-plugin", "entry", "its own reason")


def finding(file: str = "a.json", line: int = 1) -> Finding:
    return Finding(file, line, 1, "/token", "secret-key", "error", "a secret")


def test_each_entry_keeps_its_findings_sorted_and_the_records_they_were_in():
    hidden = Suppressed()
    hidden.extend([(GLOB, finding("b.json", 9), 4), (ALLOW, finding("a.json", 7), None),
                   (GLOB, finding("b.json", 2), 1), (GLOB, finding("b.json", 5), 1)])
    assert hidden.by_entry() == {ALLOW: (finding("a.json", 7),),
                                 GLOB: (finding("b.json", 2), finding("b.json", 5), finding("b.json", 9))}
    assert list(hidden.by_entry()) == [ALLOW, GLOB]  # the allowlist before per-file-ignores, whatever came first
    assert hidden.records == {ALLOW: {("a.json", None)}, GLOB: {("b.json", 4), ("b.json", 1)}}


def test_an_unknown_source_comes_after_the_known_ones():
    hidden = Suppressed()
    hidden.add(OTHER, finding())
    hidden.add(GLOB, finding())
    hidden.add(ALLOW, finding())
    assert list(hidden.by_entry()) == [ALLOW, GLOB, OTHER]
    assert list(counts(hidden.by_entry())) == ["allowlist", "per-file-ignores", "some-plugin"]


def test_counts_add_up_the_entries_of_each_source_in_source_order():
    assert counts({GLOB: (finding(),), ALLOW: (finding(), finding()), ALLOW_2: (finding(),)}) == {
        "allowlist": 3, "per-file-ignores": 1}
    assert list(counts({OTHER: (finding(),), GLOB: (finding(),)})) == ["per-file-ignores", "some-plugin"]
    baseline = Suppressor("baseline", "baseline.json", "in the baseline")
    assert list(counts({baseline: (finding(),), GLOB: (finding(),)})) == ["per-file-ignores", "baseline"]
    assert counts({}) == {}


def test_the_summary_names_each_source_once():
    assert summary({ALLOW: (finding(),) * 50, GLOB: (finding(),) * 2}) == \
        "50 suppressed by the allowlist, 2 by per-file-ignores"
    assert summary({GLOB: (finding(),)}) == "1 suppressed by per-file-ignores"
    assert summary({GLOB: (finding(),), OTHER: (finding(),) * 3, ALLOW: (finding(),)}) == \
        "1 suppressed by the allowlist, 1 by per-file-ignores, 3 by some-plugin"
    assert summary({ALLOW: ()}) == "" and summary({}) == ""
    by_hand = Suppressor("made by hand", "entry", "reason")
    assert summary({by_hand: (finding(),)}) == "1 suppressed by made by hand"
