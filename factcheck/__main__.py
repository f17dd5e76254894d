"""``python -m factcheck``: the same command as the ``factcheck`` console script."""

from factcheck.cli import main

if __name__ == "__main__":
    main()
