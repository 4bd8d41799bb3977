"""Where a schema's references lead: files on disk and schema folders, never the network.

Both validators resolve ``$ref``, ``$dynamicRef`` and ``$recursiveRef`` through one
:class:`LocalResources`, a ``referencing`` retrieve function over:

- ``file:`` URIs, read from disk: a schema file's base URI is its own location, so a relative
  reference (``defs/common.json#/$defs/provider``) resolves against the referring document, in
  sibling files, sub-folders, at any depth, cycles included;
- the JSON Schema meta-schemas (``jsonschema-specifications``);
- the schemas of the schema folders (``--schema-dir``), by their ``$id``, and for a folder given
  with a base URI by their path below that URI;
- the folder a document's ``$id`` stands for: a document with ``$id`` ``https://x/s/a.json`` read
  from ``dir/a.json`` makes ``https://x/s/b.json`` mean ``dir/b.json``.

Anything else does not resolve.  :func:`crawl` follows every reference of a schema before any
record is read, so a reference that leads nowhere is refused up front, naming the URI, the file
and the JSON Pointer that hold it.
"""

from __future__ import annotations

import json
import os
import stat
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urldefrag, urljoin, urlsplit

from terapi_lint.findings import pointer_from_path
from terapi_lint.schema.errors import SchemaLoadError

#: The keywords whose value is a reference, by the drafts that have them.
REFERENCE_KEYWORDS = ("$ref", "$dynamicRef", "$recursiveRef")
_MAX_BYTES = 64 * 1024 * 1024


@dataclass(frozen=True)
class SchemaDir:
    """A folder of schemas registered by their ``$id``; with ``base_uri``, also by their path."""

    path: str
    base_uri: str | None = None


class LocalResources:
    """The documents a schema may reference, found only on this machine.

    ``retrieve`` is the ``referencing`` retrieve function; :meth:`contents` serves jsonschema-rs
    the same documents, so both validators see exactly the same ones.  Every document read is
    kept, once, by its URI.
    """

    def __init__(self, schema_dirs: Iterable[SchemaDir | str] = (), default_dialect: str | None = None) -> None:
        self.schema_dirs = tuple(d if isinstance(d, SchemaDir) else SchemaDir(os.fspath(d)) for d in schema_dirs)
        for schema_dir in self.schema_dirs:
            if not os.path.isdir(schema_dir.path):
                what = "is a file: give the folder that holds it" if os.path.exists(schema_dir.path) \
                    else "does not exist"
                raise SchemaLoadError(f"{schema_dir.path}: the schema folder {what}")
        self.default_dialect = default_dialect
        self.documents: dict[str, Any] = {}
        self.files: dict[str, str] = {}
        self.failures: dict[str, str] = {}
        self._folders: list[tuple[str, str]] = []  # (URI folder, file folder) from documents' $id
        self._index: dict[str, str] | None = None

    def add(self, uri: str, contents: Any, file: str | None = None) -> None:
        """Register a document under ``uri`` (and, when it was read from ``file``, its ``$id`` folder)."""
        uri = urldefrag(uri)[0]
        self.documents[uri] = contents
        if file is not None:
            self.files[uri] = file
        own_id = _id_of(contents)
        if own_id and urlsplit(own_id).scheme:
            own_id = urldefrag(own_id)[0]
            self.documents.setdefault(own_id, contents)
            if file is not None:
                self.files.setdefault(own_id, file)
                folder = (urljoin(own_id, "."), os.path.dirname(file))
                if folder not in self._folders:  # also for a schema folder's file found by its $id
                    self._folders.append(folder)

    def contents(self, uri: str) -> Any:
        """The document at ``uri``; raises ``LookupError`` with the reason when there is none."""
        uri = urldefrag(uri)[0]
        if uri in self.documents:
            return self.documents[uri]
        if urlsplit(uri).netloc == "json-schema.org":
            from jsonschema_specifications import REGISTRY as METASCHEMAS

            try:
                self.documents[uri] = METASCHEMAS.contents(uri)
                return self.documents[uri]
            except LookupError:
                pass
        file = self._file_for(uri)
        if file is None:
            reason = self.failures.get(uri) or _missing_reason(uri)
            self.failures[uri] = reason
            raise LookupError(reason)
        self.add(uri, self._read(uri, file), file)
        return self.documents[uri]

    def retrieve(self, uri: str) -> Any:
        """``referencing``'s retrieve function: a Resource, or ``NoSuchResource``.

        A document is read by the draft its ``$schema`` names, else by the root schema's draft.
        """
        from referencing.exceptions import NoSuchResource
        from referencing.jsonschema import specification_with

        from terapi_lint.schema.dialects import DRAFT202012, standard_dialect

        try:
            contents = self.contents(uri)
        except LookupError:
            raise NoSuchResource(ref=uri) from None
        dialect = contents.get("$schema") if isinstance(contents, dict) else None
        dialect = standard_dialect(dialect) if isinstance(dialect, str) else None
        return specification_with(dialect or self.default_dialect or DRAFT202012).create_resource(contents)

    def registry(self) -> Any:
        """A ``referencing`` Registry that retrieves only through :meth:`retrieve`."""
        from referencing import Registry

        return Registry(retrieve=self.retrieve)  # type: ignore[call-arg]

    def file_of(self, uri: str) -> str:
        """How a document is named in messages: its file, or its URI."""
        return self.files.get(urldefrag(uri)[0]) or uri

    def _file_for(self, uri: str) -> str | None:
        parts = urlsplit(uri)
        if parts.scheme == "file":
            return unquote(parts.path)
        index = self._schema_index()
        if uri in index:
            return index[uri]
        for folder_uri, folder in self._folders:
            if uri.startswith(folder_uri):
                candidate = os.path.join(folder, *unquote(uri[len(folder_uri):]).split("/"))
                if os.path.isfile(candidate):
                    return candidate
        return None

    def _schema_index(self) -> dict[str, str]:
        """Every schema of the schema folders by ``$id`` (and by base URI + path), read once."""
        if self._index is not None:
            return self._index
        self._index = {}
        for schema_dir in self.schema_dirs:
            root = Path(schema_dir.path)
            for path in sorted(root.rglob("*.json")):
                if not path.is_file():
                    continue
                relative = path.relative_to(root).as_posix()
                if schema_dir.base_uri:
                    self._index.setdefault(urljoin(schema_dir.base_uri, relative), str(path))
                try:
                    document = json.loads(path.read_bytes())
                except (OSError, ValueError, RecursionError):
                    continue  # named by the URI that needs it, if any does
                own_id = _id_of(document)
                if own_id and urlsplit(own_id).scheme:
                    self._index.setdefault(urldefrag(own_id)[0], str(path))
        return self._index

    def _read(self, uri: str, file: str) -> Any:
        try:
            mode = os.stat(file).st_mode
            if not stat.S_ISREG(mode):
                raise LookupError(f"{file} is not a regular file")
            with open(file, "rb") as handle:
                data = handle.read(_MAX_BYTES + 1)
        except FileNotFoundError:
            raise self._fail(uri, f"there is no file {file}") from None
        except OSError as error:
            raise self._fail(uri, f"{file} cannot be read: {(error.strerror or 'unreadable').lower()}") from None
        except LookupError as error:
            raise self._fail(uri, str(error)) from None
        try:
            if len(data) > _MAX_BYTES:
                raise ValueError
            return json.loads(data)
        except (ValueError, RecursionError):
            raise self._fail(uri, f"{file} is not a JSON document") from None

    def _fail(self, uri: str, reason: str) -> LookupError:
        self.failures[urldefrag(uri)[0]] = reason
        return LookupError(reason)


def _missing_reason(uri: str) -> str:
    scheme = urlsplit(uri).scheme
    if scheme in ("http", "https"):
        return ("it is a remote URI and terapi-lint never fetches one: save the schema and give its folder "
                "with --schema-dir (schemas there are found by their $id)")
    if not scheme:
        return "it is a relative URI and the schema has no location to resolve it against"
    return "no schema of the schema folders has that $id: give the folder that holds it with --schema-dir"


def _id_of(document: Any) -> str | None:
    if not isinstance(document, dict):
        return None
    value = document.get("$id", document.get("id"))
    return value if isinstance(value, str) else None


# Keywords that give a subschema its own base URI or a name: where they are, the full crawl is needed.
_NAMING = ("$id", "$anchor", "$dynamicAnchor", "$dynamicRef", "$recursiveRef", "$recursiveAnchor")


def local_only(schema: Any, dialect: str) -> bool | None:
    """True when every reference of ``schema`` is a JSON Pointer into it that resolves, and every
    pattern compiles, without ``referencing``: the common case of a compiled structure.

    Every ``$ref``, ``pattern`` and ``patternProperties`` member anywhere counts, even inside
    ``enum`` data, so True here implies :func:`crawl` would find nothing wrong.  None means: ask
    :func:`crawl` (an identifier or anchor below the root, a reference to another document, or
    something that does not resolve or compile, which the crawl then reports precisely).
    """
    from terapi_lint.schema.dialects import DRAFT4
    from terapi_lint.schema.patterns import pattern_problem

    naming = (*_NAMING, "id") if dialect == DRAFT4 else _NAMING
    stack: list[tuple[Any, bool]] = [(schema, True)]
    while stack:
        node, root = stack.pop()
        if isinstance(node, dict):
            named = [key for key in naming if isinstance(node.get(key), (str, bool))]
            if named and not (root and set(named) <= {"$id", "id"}):
                return None
            reference = node.get("$ref")
            if reference is not None and not (isinstance(reference, str) and _resolves_locally(schema, reference)):
                return None
            pattern = node.get("pattern")
            if isinstance(pattern, str) and pattern_problem(pattern) is not None:
                return None
            patterns = node.get("patternProperties")
            if isinstance(patterns, dict) and any(pattern_problem(key) is not None for key in patterns):
                return None
            stack.extend((value, False) for value in node.values())
        elif isinstance(node, list):
            stack.extend((value, False) for value in node)
    return True


def _resolves_locally(schema: Any, reference: str) -> bool:
    if not reference.startswith("#") or (len(reference) > 1 and reference[1] != "/"):
        return False
    node = schema
    for token in unquote(reference[1:]).split("/")[1:]:
        token = token.replace("~1", "/").replace("~0", "~")
        if isinstance(node, dict) and token in node:
            node = node[token]
        elif isinstance(node, list) and token.isdigit() and int(token) < len(node) and (token == "0" or token[0] != "0"):
            node = node[int(token)]
        else:
            return False
    return True


@dataclass(frozen=True)
class Place:
    """One subschema (a JSON object) of a document, and where it is."""

    uri: str
    pointer: str
    node: dict[str, Any]


def crawl(resources: LocalResources, root_uri: str, dialect: str, root_name: str) -> Iterator[Place]:
    """Every subschema of the document at ``root_uri`` and of every document it references.

    Each reference is resolved on the way, so one that leads nowhere raises
    :class:`SchemaLoadError` naming the reference, its file (``root_name`` for the root) and
    pointer, and why.
    """
    from referencing.exceptions import Unresolvable
    from referencing.jsonschema import specification_with

    specification = specification_with(dialect)
    root = specification.create_resource(resources.contents(root_uri))
    registry = resources.registry().with_resource(root_uri, root)
    queue = [root_uri]
    walked: set[str] = set()
    while queue:
        uri = queue.pop()
        if uri in walked:
            continue
        walked.add(uri)
        contents = resources.contents(uri)
        pointers = _pointers(contents)
        resource = resources.retrieve(uri) if uri != root_uri else root
        registry = registry.with_resource(uri, resource)
        stack = [(resource, registry.resolver(base_uri=uri), uri)]
        while stack:
            resource, resolver, base = stack.pop()
            node = resource.contents
            if not isinstance(node, dict):
                continue
            resolver = resolver.in_subresource(resource)
            base = urljoin(base, resource.id()) if resource.id() else base
            place = Place(uri, pointers.get(id(node), ""), node)
            yield place
            for keyword in REFERENCE_KEYWORDS:
                reference = node.get(keyword)
                if not isinstance(reference, str):
                    continue
                known = set(resources.documents)
                try:
                    resolver.lookup(reference)
                except Unresolvable:
                    raise _unresolvable(resources, place, keyword, reference, base, root_name if uri == root_uri else None) from None
                queue.extend(set(resources.documents) - known)
            stack.extend((sub, resolver, base) for sub in resource.subresources())


def _unresolvable(resources: LocalResources, place: Place, keyword: str, reference: str, base: str,
                  name: str | None) -> SchemaLoadError:
    target = urljoin(base, reference) if base else reference
    document = urldefrag(target)[0]
    if document in resources.failures:
        why = resources.failures[document]
    elif urldefrag(target)[1]:
        why = f"{resources.file_of(document)} has nothing at #{urldefrag(target)[1]}"
    else:
        why = "it does not lead to a schema"
    where = f"{place.pointer}/{keyword.replace('~', '~0').replace('/', '~1')}"
    resolved = f" ({target})" if target != reference and urlsplit(target).scheme != "file" else ""
    return SchemaLoadError(f"{name or display(resources.file_of(place.uri))}: {where}: cannot resolve the reference "
                           f"{reference!r}{resolved}: {why}")


def display(file: str) -> str:
    """A file as messages name it: relative to the working folder when that is shorter."""
    if os.path.isabs(file):
        try:
            relative = os.path.relpath(file)
        except ValueError:
            return file
        return relative if not relative.startswith(".." + os.sep + "..") else file
    return file


def _pointers(document: Any) -> dict[int, str]:
    """The JSON Pointer of every object in ``document``, by identity (parsed JSON shares none)."""
    out: dict[int, str] = {}
    stack: list[tuple[Any, tuple]] = [(document, ())]
    while stack:
        node, path = stack.pop()
        if isinstance(node, dict):
            out[id(node)] = pointer_from_path(path)
            stack.extend((value, (*path, key)) for key, value in node.items())
        elif isinstance(node, list):
            stack.extend((value, (*path, index)) for index, value in enumerate(node))
    return out
