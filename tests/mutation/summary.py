"""The mutation score of the parts tests/mutation/run.sh ran, from dotnet-stryker's JSON reports, and every mutant that
lived (survived, or was covered by no test) by file and line, with the code it changed.

Usage: python3 tests/mutation/summary.py STRYKER_OUTPUT PART...
"""
import json
import os
import sys
from collections import Counter

COUNTED = ["Killed", "Timeout", "Survived", "NoCoverage"]
LIVED = ["Survived", "NoCoverage"]


def report(output, part):
    path = os.path.join(output, part, "reports", "mutation-report.json")
    if not os.path.exists(path):
        sys.exit(f"no report for {part} at {path}: run tests/mutation/run.sh {part}")
    with open(path, encoding="utf-8") as file:
        return json.load(file)


def score(counts):
    detected = counts["Killed"] + counts["Timeout"]
    valid = detected + counts["Survived"] + counts["NoCoverage"]
    return 100.0 * detected / valid if valid else 100.0


def line(counts):
    others = ", ".join(f"{counts[s]} {s.lower()}" for s in sorted(counts) if s not in COUNTED and counts[s])
    text = (f"{score(counts):5.1f}%  {counts['Killed']} killed, {counts['Timeout']} timeout, "
            f"{counts['Survived']} survived, {counts['NoCoverage']} no coverage")
    return text + (f" (not counted: {others})" if others else "")


def changed_code(source, location):
    lines = source.splitlines()
    start, end = location["start"], location["end"]
    if start["line"] == end["line"]:
        text = lines[start["line"] - 1][start["column"] - 1:end["column"] - 1]
    else:
        text = lines[start["line"] - 1][start["column"] - 1:] + " ..."
    text = " ".join(text.split())
    return text if len(text) <= 70 else text[:67] + "..."


def main(output, parts):
    total = Counter()
    lived = []
    for part in parts:
        counts = Counter()
        for name, entry in report(output, part)["files"].items():
            file = name[name.find("src/Scaffolder.Core/"):] if "src/Scaffolder.Core/" in name else name
            for mutant in entry["mutants"]:
                counts[mutant["status"]] += 1
                if mutant["status"] in LIVED:
                    lived.append((file, mutant["location"]["start"]["line"], mutant["status"], mutant["mutatorName"],
                                  changed_code(entry["source"], mutant["location"]), mutant.get("replacement", "")))
        total += counts
        print(f"{part:<10} {line(counts)}")
    if len(parts) > 1:
        print(f"{'all':<10} {line(total)}")
    current = None
    for file, number, status, mutator, original, replacement in sorted(lived):
        if file != current:
            print(f"\n{file}")
            current = file
        lived_as = "no coverage" if status == "NoCoverage" else "survived"
        print(f"  {number:>4} {lived_as:<11} {mutator}: {original}  ->  {' '.join(replacement.split())[:70]}")


if __name__ == "__main__":
    if len(sys.argv) < 3:
        sys.exit(__doc__)
    main(sys.argv[1], sys.argv[2:])
