"""``python -m terapi_lint``: the same command line as ``terapi-lint``."""

from terapi_lint.cli import main

if __name__ == "__main__":
    main()
