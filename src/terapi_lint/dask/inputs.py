"""What a cluster run reads: local paths (found as a local run finds them) and fsspec URLs.

A URL names one object (``s3://exports/part-0.ndjson.gz``), a folder or prefix (its files the
``include`` globs match, like a local folder), or a glob (``s3://exports/2026-12-01/part-*``).
Each file is a :class:`Remote`: its name in findings (the URL), the URL workers read and its size.

Errors of a storage library (a missing bucket, no credentials, access denied) become a short
message of our own, from the error's type only: their text may quote a request, a key or data.
"""

from __future__ import annotations

import fnmatch
import io
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any, BinaryIO

import fsspec
from fsspec.registry import known_implementations

from terapi_lint import loaders
from terapi_lint.discover import Skipped, Unreadable, _nothing_to_lint
from terapi_lint.linter import collect
from terapi_lint.loaders.streams import Stream, split_name

_GLOB = set("*?[")
#: Bytes a URL's file reads ahead when only a line end is looked for (cutting NDJSON into ranges).
PROBE_BYTES = 64 << 10


@dataclass(frozen=True)
class Remote:
    """A file named by a URL: ``name`` in findings, ``url`` what workers open, ``size`` in bytes."""

    name: str
    url: str
    size: int

    def __str__(self) -> str:
        return self.name


def is_url(path: str) -> bool:
    return "://" in path


def collect_inputs(paths: Iterable[str], options: Any) -> list[str | Remote | Unreadable | Skipped]:
    """Local paths as :func:`terapi_lint.linter.collect` finds them, URLs expanded, in order."""
    out: list[str | Remote | Unreadable | Skipped] = []
    seen: set[str] = set()
    for path in paths:
        found = list(_expand_url(path, options)) if is_url(path) else collect([path], options)
        for entry in found:
            key = entry.url if isinstance(entry, Remote) else entry if isinstance(entry, str) else None
            if key is None or key not in seen:
                out.append(entry)
                if key is not None:
                    seen.add(key)
    return out


def _expand_url(url: str, options: Any) -> Iterator[Remote | Unreadable]:
    try:
        fs, path = fsspec.core.url_to_fs(url)
        if _GLOB & set(path):
            matches = sorted(fs.glob(path, detail=True).items())
            files = [(p, info) for p, info in matches if info.get("type") == "file"]
            if not files:
                yield Unreadable(url, "no file matches this glob")
            for found, info in files:
                yield Remote(fs.unstrip_protocol(found), fs.unstrip_protocol(found), int(info.get("size") or 0))
            return
        info = fs.info(path)
        if info.get("type") != "directory":
            yield Remote(url, url, int(info.get("size") or 0))
            return
        listed = sorted(fs.find(path, detail=True).items())
    except Exception as error:  # noqa: BLE001 - any storage library's error, described by its type
        yield Unreadable(url, describe(error, url))
        return
    include, exclude = tuple(options.include), tuple(options.exclude)
    found_any = False
    skipped: Counter[str] = Counter()
    for found, info in listed:
        base = found.rsplit("/", 1)[-1]
        if any(fnmatch.fnmatch(base, glob) for glob in exclude):
            skipped["excluded"] += 1
        elif any(fnmatch.fnmatch(base, glob) for glob in include):
            found_any = True
            yield Remote(fs.unstrip_protocol(found), fs.unstrip_protocol(found), int(info.get("size") or 0))
    if not found_any:
        yield _nothing_to_lint(url, include, skipped)


def describe(error: BaseException, url: str = "") -> str:
    """What went wrong reading ``url``, from the error's type alone (never its text)."""
    name = type(error).__name__
    scheme = url.split("://", 1)[0] if is_url(url) else "file"
    if isinstance(error, FileNotFoundError):
        return "no such file, folder or bucket"
    if isinstance(error, IsADirectoryError):
        return "is a directory"
    if isinstance(error, PermissionError):
        return "access denied: check the credentials and what they may read"
    if "Credential" in name:
        how = "set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, or AWS_PROFILE" if scheme in ("s3", "s3a") \
            else "give them as its fsspec file system expects"
        return f"no credentials for {scheme}://: {how}"
    if name == "ConfigParseError":
        return f"the {scheme}:// client's config file cannot be parsed (AWS_CONFIG_FILE, ~/.aws/config): fix or move it"
    if isinstance(error, ImportError):
        package = known_implementations.get(scheme, {}).get("class", "").split(".")[0]
        return f"reading {scheme}:// needs the {package or 'fsspec'} package: pip install {package or 'fsspec'}"
    if isinstance(error, ValueError) and "protocol" in str(error).lower():
        return f"{scheme}:// is not a protocol fsspec knows"
    if isinstance(error, (ConnectionError, TimeoutError)) or "Endpoint" in name or "Connect" in name:
        return f"cannot connect to the {scheme}:// storage"
    return f"cannot be read ({name})"


# -- reading, on a worker -----------------------------------------------------------------------

def _file_system(url: str) -> tuple[Any, str]:
    return fsspec.core.url_to_fs(url)


def open_url(url: str, mode: str = "rb", block_size: int | None = None) -> BinaryIO:
    """A URL's file for reading; a storage error while opening or reading is a LoadError whose
    message says what went wrong (see :func:`describe`)."""
    try:
        fs, path = _file_system(url)
        handle = fs.open(path, mode, **({"block_size": block_size} if block_size else {}))
    except Exception as error:  # noqa: BLE001 - any storage library's error
        raise _os_error(error, url) from None
    return _Guarded(handle, url)


def probe(url: str, mode: str = "rb") -> BinaryIO:
    """A URL's file that reads little ahead, for finding line ends (cutting into ranges)."""
    return io.BufferedReader(open_url(url, mode, block_size=PROBE_BYTES), PROBE_BYTES)


def read_range(url: str, start: int, end: int) -> bytes:
    """Bytes ``start:end`` of a URL's file."""
    try:
        fs, path = _file_system(url)
        return fs.cat_file(path, start=start, end=end)
    except Exception as error:  # noqa: BLE001 - any storage library's error
        raise _os_error(error, url) from None


def whole_source(unit: Any, input_format: str | None = None) -> Any:
    """What a whole file named by a URL is linted from, as :func:`terapi_lint.loaders.load` reads
    a path: NDJSON and compressed files as a stream, anything else as its bytes."""
    kind = input_format or loaders.kind_of(unit.name)
    if kind == "ndjson" or split_name(unit.name)[1] is not None:
        return Stream(open_url(unit.source), unit.name, compression=split_name(unit.name)[1])
    with open_url(unit.source) as handle:
        return handle.read()


def _os_error(error: BaseException, url: str) -> loaders.LoadError:
    """The error a loader raises for a file it cannot read, with our own reason."""
    return loaders.LoadError(f"{url}: cannot read: {describe(error, url)}")


class _Guarded(io.RawIOBase):
    """A storage library's file whose errors are LoadErrors with our own message."""

    def __init__(self, handle: Any, url: str) -> None:
        self._handle = handle
        self._url = url

    def readable(self) -> bool:
        return True

    def seekable(self) -> bool:
        return True

    def seek(self, offset: int, whence: int = 0) -> int:
        return self._call(self._handle.seek, offset, whence)

    def tell(self) -> int:
        return self._handle.tell()

    def readinto(self, buffer: Any) -> int:
        data = self._call(self._handle.read, len(buffer))
        buffer[: len(data)] = data
        return len(data)

    def close(self) -> None:
        if not self.closed:
            self._handle.close()
        super().close()

    def _call(self, method: Any, *args: Any) -> Any:
        try:
            return method(*args)
        except Exception as error:  # noqa: BLE001 - any storage library's error
            raise _os_error(error, self._url) from None
