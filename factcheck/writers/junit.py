"""JUnit XML for ``factcheck check --format junit`` (GitLab, Jenkins).

One test suite per draft, one test case per figure; a contradicted figure is a
failure, an ignored-by-policy one (different quantity, unsupported) passes with its
verdict in ``system-out``.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET

from factcheck.check import CheckRun, Verdict, message


def write_junit(run: CheckRun) -> str:
    """The run as a ``<testsuites>`` document."""
    suites = ET.Element("testsuites", name="factcheck")
    total = failures = 0
    for draft in run.drafts:
        failed = sum(1 for f in draft.figures if f.verdict == Verdict.CONTRADICTED)
        suite = ET.SubElement(suites, "testsuite", name=draft.draft.path,
                              tests=str(len(draft.figures)), failures=str(failed))
        total += len(draft.figures)
        failures += failed
        for figure in draft.figures:
            line, column = draft.draft.line_column(figure.mention.start)
            case = ET.SubElement(suite, "testcase", classname=draft.draft.path,
                                 name=f"{line}:{column} {figure.mention.text}",
                                 file=draft.draft.path, line=str(line))
            if figure.verdict == Verdict.CONTRADICTED:
                failure = ET.SubElement(case, "failure", type="factcheck/conflict",
                                        message=message(figure))
                failure.text = message(figure)
            else:
                out = ET.SubElement(case, "system-out")
                out.text = message(figure) if figure.evidence else figure.verdict.label
    suites.set("tests", str(total))
    suites.set("failures", str(failures))
    ET.indent(suites)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(suites, "unicode") + "\n"
