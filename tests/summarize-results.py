#!/usr/bin/env python3
"""Prints run-tests' closing line from one TRX file per test project.

usage: summarize-results.py RESULTS_DIR PROJECT.csproj...

Each project must have left RESULTS_DIR/<project name>.trx with counters and a finished outcome. A project whose
file is missing or unreadable, whose run was aborted, or whose run logged an error (a test host that crashed or
never started) counts as one more failure, and a line names it, so the closing line never hides a run that did not
finish. Exits 1 when anything failed.
"""
import os
import sys
import xml.etree.ElementTree as ET

FINISHED = {"Completed", "Passed", "Failed", "Warning"}
HOST_TROUBLE = ("aborted", "crash", "test host", "testhost", "negotiate", "timed out", "timeout")


def main(results, projects):
    passed = failed = skipped = 0
    problems = []
    for project in projects:
        name = os.path.basename(project)
        if name.endswith(".csproj"):
            name = name[: -len(".csproj")]
        path = os.path.join(results, name + ".trx")
        if not os.path.exists(path):
            failed += 1
            problems.append(f"{name}: no result file (its test host did not run to the end)")
            continue
        try:
            root = ET.parse(path).getroot()
        except ET.ParseError as e:
            failed += 1
            problems.append(f"{name}: unreadable result file ({e})")
            continue
        summary = root.find(".//{*}ResultSummary")
        counters = root.find(".//{*}Counters")
        if summary is None or counters is None:
            failed += 1
            problems.append(f"{name}: result file without counters")
            continue
        count = lambda key: int(counters.get(key, 0))
        passed += count("passed")
        failed += count("failed") + count("error") + count("timeout") + count("aborted")
        skipped += count("notExecuted")
        outcome = summary.get("outcome", "")
        # vstest also files a failing test's own "[FAIL]" line as a run-level error; only a host that aborted,
        # crashed or never connected is a run that did not finish (failed tests are counted above).
        errors = [(ri.findtext("{*}Text") or "").strip() for ri in root.findall(".//{*}RunInfo")
                  if ri.get("outcome") == "Error"]
        errors = [e for e in errors if any(word in e.lower() for word in HOST_TROUBLE)]
        if outcome not in FINISHED or errors:
            failed += 1
            detail = errors[0].splitlines()[0] if errors and errors[0] else f"outcome {outcome or 'missing'}"
            problems.append(f"{name}: test run did not finish cleanly: {detail}")
    for line in problems:
        print("run-tests: " + line)
    print(f"tests: {passed} passed, {failed} failed, {skipped} skipped")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1], sys.argv[2:]))
