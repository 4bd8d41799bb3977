"""Findings about the allowlist itself, each reported where its entry is written in the config file.

- ``unused-allowlist-entry``: the entry hid nothing (stale, once the run saw every file it names);
- ``allowlist-too-broad``: the entry hid findings in more than one record without saying
  ``records = "all"`` (a selector names one record: ``record``, ``line`` or ``id``).
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from typing import Any

from terapi_lint import rules
from terapi_lint.config.allowlist import AllowEntry
from terapi_lint.config.paths import match_path
from terapi_lint.findings import Finding
from terapi_lint.suppression import Suppressed


def allowlist_findings(pipeline: Any, config_file: str, files: list[str], suppressed: Suppressed, *,
                       complete: bool = True) -> Iterator[Finding]:
    """The findings of both rules, for the allowlist of ``pipeline`` after a run over ``files``.

    An entry is reported as unused only after a complete run (an interrupted one did not see
    everything it might hide).
    """
    name = os.path.relpath(config_file) if os.path.isabs(config_file) else config_file
    name = name.replace(os.sep, "/")
    root = pipeline.allowlist.root
    for entry, suppressor in zip(pipeline.allowlist.entries, pipeline.allowed):
        places = suppressed.records.get(suppressor)
        if not places:
            if complete and "unused-allowlist-entry" in pipeline.enabled and (
                    any(match_path(entry.path, f, root) for f in files) or not _exists(entry.path, root)):
                yield _finding(pipeline, name, entry, "unused-allowlist-entry",
                               f"allowlist entry for {entry.rule} at {entry.path} {entry.pointer} matched nothing; "
                               "delete it")
        elif len(places) > 1 and not entry.all_records and "allowlist-too-broad" in pipeline.enabled:
            hidden = len(suppressed.hidden[suppressor])
            yield _finding(pipeline, name, entry, "allowlist-too-broad",
                           f"allowlist entry for {entry.rule} at {entry.path} {entry.pointer} hid {hidden} findings "
                           f"in {len(places)} records; name its record (record, line or id), or say "
                           'records = "all"')


def _finding(pipeline: Any, file: str, entry: AllowEntry, rule: str, message: str) -> Finding:
    pointer, line, column = entry.at or ("", 1, 1)
    return Finding(file=file, line=line, column=column, pointer=pointer, rule=rule,
                   severity=pipeline.severities[rule], message=message, code=rules.BY_NAME[rule].CODE)


def _exists(pattern: str, root: str | None) -> bool:
    """Whether some file under ``root`` matches an allowlist path glob (an entry for a file that is
    gone is stale even when the run did not look at it)."""
    import glob

    base = root or os.getcwd()
    if glob.has_magic(pattern):
        return any(os.path.isfile(p) for p in glob.iglob(os.path.join(base, pattern), recursive=True))
    return os.path.isfile(os.path.join(base, pattern))
