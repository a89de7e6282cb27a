"""Checks that every code block in the given Markdown files is what it says it is.

A fenced block carries a marker on the line before it (see CONTRIBUTING.md):
  <!-- excerpt: PATH -->  its lines are a run of consecutive lines of PATH
  <!-- output: PATH -->   the same, for a program's output (e.g. expected-output.txt)
  <!-- sketch -->         not checked
Blocks tagged `sh` (commands to type) need none. Indentation common to all the lines of the block,
and of the lines it is compared with, is ignored. Prints one line per problem; exits 1 if any.
Usage: check_docs.py [--folder DIR] FILE.md...
  --folder DIR  resolve the markers' paths from DIR instead of each file's own folder (to check an
                edited copy of a README kept elsewhere, as the tools' tests do)
"""
import os
import re
import sys

FENCE = re.compile(r"^(\s*)(`{3,}|~{3,})\s*([\w+-]*)")
MARKER = re.compile(r"^\s*<!--\s*(excerpt|output):\s*(\S+)\s*-->\s*$|^\s*<!--\s*(sketch)\s*-->\s*$")


def dedent(lines):
    indents = [len(line) - len(line.lstrip()) for line in lines if line.strip()]
    cut = min(indents, default=0)
    return [line[cut:].rstrip() for line in lines]


def blocks(text):
    """Yields (line number, marker line, tag, lines) for each fenced block."""
    lines = text.split("\n")
    i = 0
    while i < len(lines):
        match = FENCE.match(lines[i])
        if not match:
            i += 1
            continue
        fence, tag, start = match.group(2), match.group(3), i
        end = next((j for j in range(i + 1, len(lines)) if lines[j].strip().startswith(fence)), len(lines))
        yield start + 1, lines[start - 1] if start else "", tag, lines[start + 1:end]
        i = end + 1


def contains(source_lines, excerpt):
    want = dedent(excerpt)
    n = len(want)
    return any(dedent(source_lines[i:i + n]) == want for i in range(len(source_lines) - n + 1))


def check(markdown, folder=None):
    problems = []
    folder = folder or os.path.dirname(markdown)
    for number, marker_line, tag, code in blocks(open(markdown).read()):
        where = f"{markdown}:{number}"
        marker = MARKER.match(marker_line)
        if not marker:
            if tag != "sh":
                problems.append(f"{where}: a code block without a marker: put <!-- excerpt: PATH -->, "
                                "<!-- output: PATH --> or <!-- sketch --> on the line before it")
            continue
        if marker.group(3) == "sketch":
            continue
        path = os.path.join(folder, marker.group(2))
        if not os.path.isfile(path):
            problems.append(f"{where}: {marker.group(1)} of {marker.group(2)}, which does not exist")
        elif not any(line.strip() for line in code):
            problems.append(f"{where}: an empty {marker.group(1)} of {marker.group(2)}")
        elif not contains(open(path).read().split("\n"), code):
            problems.append(f"{where}: the block is not an exact {marker.group(1)} of {marker.group(2)} "
                            "(it was edited, or the source changed): copy it again")
    return problems


if __name__ == "__main__":
    args = sys.argv[1:]
    folder = args[1] if args[:1] == ["--folder"] else None
    found = [problem for markdown in args[2 if folder else 0:] for problem in check(markdown, folder)]
    for problem in found:
        print(problem)
    sys.exit(1 if found else 0)
