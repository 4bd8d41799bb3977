"""``terapi-lint compile``: turn a field-list structure into a Draft 2020-12 JSON Schema.

Exit codes: 0 compiled (or ``--check`` found the schema up to date), 1 ``--check`` found the
schema stale, 2 the structure was refused (one line on stderr, no traceback).
"""

from __future__ import annotations

from pathlib import Path

import click

from .compiler import compile_structure
from .structure import load_structure, render_schema, schema_diff
from .typegrammar import StructureError

EXIT_OK = 0
EXIT_STALE = 1
EXIT_REFUSED = 2


def _fail(label: str, err: StructureError) -> None:
    click.echo(f"{label}: {err}", err=True)
    raise SystemExit(EXIT_REFUSED)


@click.command(
    "compile",
    help="Compile a field-list STRUCTURE into a Draft 2020-12 JSON Schema.",
)
@click.argument("structure", type=click.Path(dir_okay=False, path_type=Path))
@click.option("-o", "--output", "out", type=click.Path(dir_okay=False, path_type=Path),
              help="Write the schema to OUT instead of stdout.")  # fmt: skip
@click.option("--check", "check", type=click.Path(dir_okay=False, path_type=Path),
              help="Compare with an existing SCHEMA; exit 1 with a diff when it is stale.")  # fmt: skip
@click.option("--closed", is_flag=True, help="Add additionalProperties: false to every object with properties.")
@click.option("--strict", is_flag=True, help="Treat warnings (unresolved references, unknown keys...) as errors.")
def compile_command(structure: Path, out: Path | None, check: Path | None, closed: bool, strict: bool) -> None:
    """Compile STRUCTURE; see the module docstring for exit codes."""
    label = structure.name

    def warn(pointer: str, message: str) -> None:
        click.echo(f"{label}: {pointer}: warning: {message}", err=True)

    try:
        schema = compile_structure(load_structure(structure), closed=closed, strict=strict, warn=warn)
    except StructureError as err:
        _fail(label, err)
    text = render_schema(schema)
    if check is not None:
        try:
            current = check.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as err:
            click.echo(f"{check.name}: cannot read schema: {getattr(err, 'strerror', None) or err}", err=True)
            raise SystemExit(EXIT_REFUSED) from None
        if current == text:
            click.echo(f"{check.name}: up to date", err=True)
            raise SystemExit(EXIT_OK)
        click.echo(f"{check.name}: stale; regenerate with: terapi-lint compile {structure} -o {check}", err=True)
        click.echo(schema_diff(current, text, str(check), f"{structure} (compiled)"), nl=False)
        raise SystemExit(EXIT_STALE)
    if out is not None:
        try:
            out.write_text(text, encoding="utf-8")
        except OSError as err:
            click.echo(f"{out.name}: cannot write: {err.strerror or err}", err=True)
            raise SystemExit(EXIT_REFUSED) from None
    else:
        click.echo(text, nl=False)


def compiled_path(structure: Path) -> Path:
    """Where the compiled schema of ``x.structure.json`` lives: ``x.schema.json`` beside it."""
    name = structure.name
    stem = name[: -len(".structure.json")] if name.endswith(".structure.json") else structure.stem
    return structure.with_name(f"{stem}.schema.json")


def structure_of(path: Path) -> Path | None:
    """The structure a path stands for: itself, or for ``x.schema.json`` the ``x.structure.json``
    beside it (None when there is none: a schema written by hand has nothing to be compiled from)."""
    if not path.name.endswith(".schema.json"):
        return path
    structure = path.with_name(path.name[: -len(".schema.json")] + ".structure.json")
    return structure if structure.is_file() else None


@click.command(
    "check-compiled",
    help="Fail when the compiled schema beside each STRUCTURE (x.structure.json -> x.schema.json) is stale. "
         "A compiled schema given instead stands for its structure.",
)
@click.argument("paths", nargs=-1, required=True, type=click.Path(dir_okay=False, path_type=Path))
@click.option("--closed", is_flag=True, help="The schemas were compiled with --closed.")
def check_compiled_command(paths: tuple[Path, ...], closed: bool) -> None:
    """The pre-commit hook ``terapi-lint-compile``: exit 1 if any schema is stale or missing.

    pre-commit passes whichever of the pair is staged: a hand edit of the compiled schema is
    checked against its structure as much as an edit of the structure.
    """
    worst = EXIT_OK
    structures: dict[Path, None] = {}
    for path in paths:
        structure = structure_of(path)
        if structure is None:
            click.echo(f"{path}: no structure beside it; nothing to check", err=True)
        else:
            structures.setdefault(structure)
    for structure in structures:
        target = compiled_path(structure)
        try:
            text = render_schema(compile_structure(load_structure(structure), closed=closed))
        except StructureError as err:
            click.echo(f"{structure}: {err}", err=True)
            worst = max(worst, EXIT_REFUSED)
            continue
        try:
            current = target.read_text(encoding="utf-8")
        except FileNotFoundError:
            current = None
        except (OSError, UnicodeDecodeError) as err:
            click.echo(f"{target}: cannot read schema: {getattr(err, 'strerror', None) or 'not UTF-8'}", err=True)
            worst = max(worst, EXIT_REFUSED)
            continue
        if current == text:
            continue
        flag = " --closed" if closed else ""
        state = "missing" if current is None else "stale"
        click.echo(f"{target}: {state}; regenerate with: terapi-lint compile{flag} {structure} -o {target}", err=True)
        if current is not None:
            click.echo(schema_diff(current, text, str(target), f"{structure} (compiled)"), nl=False)
        worst = max(worst, EXIT_STALE)
    raise SystemExit(worst)
