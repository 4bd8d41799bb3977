"""Linting on a Dask cluster: ``check --dask SCHEDULER`` and the pipeline API.

* :func:`lint_urls` lints paths and fsspec URLs (``s3://``, ``gs://``, ``file://``, globs) on a
  ``distributed`` cluster and returns the same :class:`~terapi_lint.linter.LintResult`, findings
  in the same order, as a local run (:mod:`terapi_lint.dask.cluster`);
* :func:`lint_bag` turns a ``dask.bag`` of NDJSON lines or records into a bag of findings
  (:mod:`terapi_lint.dask.bag`).

The extra brings dask, distributed, fsspec and s3fs: ``pip install "terapi-lint[dask]"``.  This
module imports none of them, so the command line can say how to install them.  (Inside this
package ``import dask`` is the library: imports are absolute.)
"""

from __future__ import annotations

from typing import Any

INSTALL = 'pip install "terapi-lint[dask]"'


class ClusterError(Exception):
    """A cluster run that cannot go on (no scheduler, lost workers); the message is ready to show."""


def require() -> None:
    """Raise ClusterError saying how to install the extra when dask, distributed or fsspec is missing."""
    try:
        import dask  # noqa: F401
        import distributed  # noqa: F401
        import fsspec  # noqa: F401
    except ImportError as error:
        raise ClusterError(f"--dask needs the dask extra ({error.name} is not installed): {INSTALL}") from None


def lint_urls(urls: Any, options: Any = None, client: Any = None, **kwargs: Any) -> Any:
    """Lint paths and URLs on ``client`` (None: ``options.dask``); see :func:`terapi_lint.dask.cluster.lint_urls`."""
    require()
    from terapi_lint.dask.cluster import lint_urls as run

    return run(urls, options, client, **kwargs)


def lint_bag(bag: Any, options: Any = None, **kwargs: Any) -> Any:
    """A bag of findings from a bag of NDJSON lines or records; see :func:`terapi_lint.dask.bag.lint_bag`."""
    require()
    from terapi_lint.dask.bag import lint_bag as run

    return run(bag, options, **kwargs)


__all__ = ["INSTALL", "ClusterError", "lint_bag", "lint_urls", "require"]
