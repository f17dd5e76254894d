"""The exceptions factcheck raises for a user's mistake or a broken environment.

    FactcheckError          every error the CLI turns into one line and exit code 2
    +-- InputError          a source file is missing, empty, binary, not UTF-8 ...
    |   +-- FetchError      a URL times out, is too large, redirects in a loop, is 404 ...
    +-- ModelError          the embedding model cannot be found or loaded
    +-- ConfigError         a configuration file or option value is wrong

Each is raised with the file (where there is one) and what to do, so that
``str(error)`` is a complete one-line message.
"""

from __future__ import annotations


class FactcheckError(Exception):
    """Base class: a problem the user can fix, reported in one line."""


class InputError(FactcheckError):
    """A source cannot be read as an article."""

    def __init__(self, path: str, problem: str) -> None:
        super().__init__(f"{path}: {problem}")
        self.path = path
        self.problem = problem


class FetchError(InputError):
    """A URL cannot be fetched, or serves something that is not an article."""


class ModelError(FactcheckError):
    """The embedding model cannot be loaded or used."""


class ConfigError(FactcheckError):
    """A configuration value is invalid."""
