"""Prints the mutation score per part of Vybe's core from Stryker's JSON report, then per file, and
writes every mutant no test noticed to a list (file:line, mutator, what the code became).

The score is Stryker's own: mutants detected (killed by a failing test, or timed out) over mutants
detected plus undetected (survived, or not covered by any selected test). Mutants that did not
compile are left out, as Stryker leaves them out.

    python3 scripts/mutation/summary.py artifacts/mutation/reports/mutation-report.json survivors.txt

Exit status 1 when a part misses its target.
"""

import json
import sys
from collections import Counter
from pathlib import PurePosixPath

# The parts of the core, the files in each, and the share of mutants the unit tests must notice.
PARTS = [
    ("Input parsing", 85, ["Readings/InputText.cs", "Readings/NumberInput.cs", "Readings/TimeInput.cs",
                           "Readings/TimeOrNumber.cs", "Readings/ReadingDepth.cs", "Readings/ReadingSubject.cs"]),
    ("Numerology engine", 85, ["Readings/NumerologyEngine.cs", "Readings/NumerologyFacts.cs",
                               "Readings/PersonalNumbers.cs", "Readings/DigitProfile.cs"]),
    ("Meanings and the built-in writer", 75, ["Readings/NumberMeanings.cs", "Readings/AngelNumbers.cs",
                                              "Readings/DigitVoices.cs", "Readings/BuiltInReadingWriter.cs",
                                              "Readings/BuiltInReadingWriter.Reading.cs"]),
    ("Error-log queue, redaction, fingerprints", 75, ["ErrorLog/ErrorLogQueue.cs", "ErrorLog/SecretRedactor.cs",
                                                      "ErrorLog/Issues/ErrorFingerprint.cs"]),
    ("OCR candidates and image headers", 75, ["Ocr/CandidateExtractor.cs", "Ocr/ImageHeader.cs"]),
]
DETECTED = {"Killed", "Timeout"}
UNDETECTED = {"Survived", "NoCoverage"}


def relative(path):
    """The path below Vybe.Web/, the way PARTS names files."""
    parts = PurePosixPath(path.replace("\\", "/")).parts
    return "/".join(parts[parts.index("Vybe.Web") + 1:]) if "Vybe.Web" in parts else "/".join(parts)


def score(counts):
    detected = sum(counts[status] for status in DETECTED)
    undetected = sum(counts[status] for status in UNDETECTED)
    return (100.0 * detected / (detected + undetected) if detected + undetected else None), detected, undetected


def main(report_path, survivors_path):
    report = json.load(open(report_path, encoding="utf-8"))
    # Stryker reports every file of the project; the ones this run mutated have a mutant that is not
    # "Ignored" (removed by the mutate filter).
    files = {relative(path): data for path, data in report["files"].items()
             if any(mutant["status"] != "Ignored" for mutant in data["mutants"])}
    part_of = {name: part for part, _, names in PARTS for name in names}
    unlisted = sorted(set(files) - set(part_of))
    run_parts = [names for _, _, names in PARTS if any(name in files for name in names)]
    missing = sorted(name for names in run_parts for name in names if name not in files)

    per_file = {name: Counter(mutant["status"] for mutant in data["mutants"]) for name, data in files.items()}
    rows, ok = [], True
    for part, target, names in PARTS:
        if not any(name in files for name in names):
            continue  # not mutated in this run (scripts/mutation.sh PART...)
        counts = sum((per_file.get(name, Counter()) for name in names), Counter())
        value, detected, undetected = score(counts)
        met = value is not None and value >= target
        ok = ok and met
        rows.append((part, detected, undetected, counts["Killed"], counts["Timeout"], counts["Survived"],
                     counts["NoCoverage"], value, target, met))

    header = f"{'part':42} {'mutants':>7} {'killed':>6} {'timeout':>7} {'survived':>8} {'no cover':>8} {'score':>6} {'target':>6}"
    print(header)
    for part, detected, undetected, killed, timeout, survived, no_cover, value, target, met in rows:
        shown = "-" if value is None else f"{value:.1f}%"
        print(f"{part:42} {detected + undetected:7} {killed:6} {timeout:7} {survived:8} {no_cover:8} {shown:>6} "
              f"{target:5}% {'met' if met else 'MISSED'}")
    total = sum(per_file.values(), Counter())
    value, detected, undetected = score(total)
    print(f"{'all of the core':42} {detected + undetected:7} {total['Killed']:6} {total['Timeout']:7} "
          f"{total['Survived']:8} {total['NoCoverage']:8} {value:5.1f}%")

    print("\nper file:")
    for part, _, names in PARTS:
        for name in (name for name in names if name in files):
            value, detected, undetected = score(per_file.get(name, Counter()))
            shown = "-" if value is None else f"{value:.1f}%"
            print(f"  {name:46} {detected + undetected:5} mutants  {undetected:4} undetected  {shown:>6}")

    with open(survivors_path, "w", encoding="utf-8") as out:
        for name in sorted(files):
            source_lines = files[name]["source"].splitlines()
            for mutant in sorted(files[name]["mutants"], key=lambda m: (m["location"]["start"]["line"], m["id"])):
                if mutant["status"] not in UNDETECTED:
                    continue
                line = mutant["location"]["start"]["line"]
                code = source_lines[line - 1].strip() if 0 < line <= len(source_lines) else ""
                out.write(f"{name}:{line}: {mutant['status']}: {mutant['mutatorName']}: "
                          f"{mutant.get('replacement', '')!r}\n    {code}\n")
    undetected_count = total["Survived"] + total["NoCoverage"]
    print(f"\n{undetected_count} undetected mutants listed in {survivors_path}")

    if missing:
        print(f"warning: no mutants reported for {', '.join(missing)} (moved or renamed?)", file=sys.stderr)
    if unlisted:
        print(f"warning: mutated but in no part: {', '.join(unlisted)}", file=sys.stderr)
    return 0 if ok else 1


def globs(keys):
    """The --mutate patterns for the parts named (their first word, lower case: input, numerology,
    meanings, error-log, ocr), or for every part; one per line, for scripts/mutation.sh."""
    chosen = [part for part in PARTS if not keys or part[0].split()[0].lower() in keys]
    if keys and len(chosen) != len(keys):
        known = ", ".join(part[0].split()[0].lower() for part in PARTS)
        print(f"unknown part in {' '.join(keys)}; the parts are: {known}", file=sys.stderr)
        return 2
    for _, _, names in chosen:
        for name in names:
            print(f"**/{name}")
    return 0


if __name__ == "__main__":
    if len(sys.argv) >= 2 and sys.argv[1] == "--globs":
        sys.exit(globs([key.lower() for key in sys.argv[2:]]))
    if len(sys.argv) != 3:
        print(__doc__, file=sys.stderr)
        sys.exit(2)
    sys.exit(main(sys.argv[1], sys.argv[2]))
