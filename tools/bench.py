"""Runs one folder's benchmark rows (bench/rows) and writes target/bench/rows.tsv.

Every row is measured into samples, and every row is reported the same way: the median of its
samples, their interquartile range as its spread (p75 - p25: wider than the median itself means
the row is noise, not a figure), and the ratio of its median to its baseline's. The row format is described in CONTRIBUTING.md; `bench.sh` is how it is called.
"""
import json
import shlex
import os
import statistics
import subprocess
import sys
import time

QUICK = bool(os.environ.get("BENCH_QUICK"))
JMH_DEFAULTS = "-wi 1 -w 500ms -i 3 -r 500ms" if QUICK else "-wi 3 -w 1s -i 5 -r 1s"
STARTUP_RUNS = 3 if QUICK else 10
OUT = "target/bench"


class BenchError(Exception):
    pass


def parse_rows(path):
    rows = []
    with open(path) as f:
        for number, line in enumerate(f, 1):
            if not line.strip() or line.lstrip().startswith("#"):
                continue
            cells = [cell.strip() for cell in line.rstrip("\n").split("|", 2)]
            if len(cells) != 3 or not all(cells):
                raise BenchError(f"{path}:{number}: want 'what | baseline | how', got: {line.strip()}")
            what, baseline, how = cells
            kind = how.split(None, 1)[0]
            if kind not in ("jmh", "startup", "loop"):
                raise BenchError(f"{path}:{number}: 'how' must start with jmh, startup or loop, not {kind!r}")
            rows.append({"what": what, "baseline": baseline, "how": how, "line": number})
    names = [row["what"] for row in rows]
    for row in rows:
        if names.count(row["what"]) > 1:
            raise BenchError(f"{path}:{row['line']}: the row {row['what']!r} is there twice")
        if row["baseline"] not in names:
            raise BenchError(f"{path}:{row['line']}: the baseline {row['baseline']!r} is not a row of this file")
    return rows


def run(command, log):
    with open(log, "w") as out:
        result = subprocess.run(["sh", "-c", command], stdout=out, stderr=subprocess.STDOUT)
    if result.returncode != 0:
        tail = open(log).read().strip().splitlines()[-5:]
        raise BenchError(f"exit status {result.returncode} from: {command}\n    " + "\n    ".join(tail)
                         + f"\n    (whole log: {log})")


def jmh_options(row_options):
    """The defaults, with each option the row gives replacing the default of the same name
    (JMH refuses an option given twice)."""
    options = dict(zip(*[iter(("-f 1 " + JMH_DEFAULTS).split())] * 2))
    words = shlex.split(row_options)
    if len(words) % 2:
        raise BenchError(f"JMH options come in pairs (-wi 5), not: {row_options}")
    options.update(zip(words[0::2], words[1::2]))
    # Each value in double quotes, so that the shell still expands the Makefile's variables in it.
    return " ".join(f'{name} "{value}"' for name, value in options.items())


def measure_jmh(row, index):
    options, _, pattern = row["how"][len("jmh"):].strip().rpartition(" ")
    result_file = f"{OUT}/jmh-{index}.json"
    jmh = os.environ.get("JMH")
    if not jmh:
        raise BenchError("a jmh row needs $JMH: the java command line up to org.openjdk.jmh.Main")
    run(f"{jmh} {jmh_options(options)} -rf json -rff {result_file} '{pattern}$'",
        f"{OUT}/jmh-{index}.log")
    results = json.load(open(result_file))
    if len(results) != 1:
        names = [r["benchmark"] for r in results]
        raise BenchError(f"the pattern {pattern!r} matched {len(results)} benchmarks, not one: {names}")
    metric = results[0]["primaryMetric"]
    samples = [value for fork in metric["rawData"] for value in fork]
    return samples, metric["scoreUnit"].replace("/op", "/call")


def measure_startup(row, index):
    command = row["how"][len("startup"):].strip()
    log = f"{OUT}/startup-{index}.log"
    samples = []
    for attempt in range(STARTUP_RUNS + 1):  # the first run only warms the caches
        start = time.perf_counter_ns()
        run(command, log)
        elapsed = (time.perf_counter_ns() - start) / 1e6
        if attempt > 0:
            samples.append(elapsed)
    return samples, "ms"


def measure_loop(row, index):
    unit, command = row["how"][len("loop"):].strip().split(None, 1)
    log = f"{OUT}/loop-{index}.log"
    run(command, log)
    samples = []
    for line in open(log):
        try:
            samples.append(float(line))
        except ValueError:
            raise BenchError(f"{command} printed {line.strip()!r}: a loop row prints one number a line (log: {log})")
    if not samples:
        raise BenchError(f"{command} printed no samples (log: {log})")
    return samples, unit


MEASURE = {"jmh": measure_jmh, "startup": measure_startup, "loop": measure_loop}


def figure(value):
    """Three significant digits, never in e-notation: 0.0123, 1.23, 123, 12345."""
    return f"{value:.0f}" if abs(value) >= 100 else f"{value:.3g}"


def summarize(samples):
    if len(samples) < 2:
        return samples[0], 0.0
    q1, median, q3 = statistics.quantiles(samples, n=4, method="inclusive")
    return median, q3 - q1


def measure(row, index):
    kind = row["how"].split(None, 1)[0]
    samples, unit = MEASURE[kind](row, index)
    median, spread = summarize(samples)
    if spread > median:  # too noisy to publish bare: once more, and flagged if it still is
        print(f"  {row['what']}: spread {spread:.3g} > median {median:.3g}, measuring again", file=sys.stderr)
        samples, unit = MEASURE[kind](row, index)
        median, spread = summarize(samples)
    return {"median": median, "spread": spread, "unit": unit, "n": len(samples),
            "noisy": spread > median}


def main(rows_file, folder):
    rows = parse_rows(rows_file)
    os.makedirs(OUT, exist_ok=True)
    results = {}
    for index, row in enumerate(rows, 1):
        print(f"{folder} bench: [{index}/{len(rows)}] {row['what']}", file=sys.stderr)
        results[row["what"]] = measure(row, index)
    lines = ["what\tmedian\tspread\tunit\tbaseline\tratio\tsamples\tnoisy"]
    for row in rows:
        r, base = results[row["what"]], results[row["baseline"]]
        if r["unit"] != base["unit"]:
            raise BenchError(f"{row['what']!r} is in {r['unit']}, its baseline {row['baseline']!r} in {base['unit']}")
        ratio = r["median"] / base["median"] if base["median"] else float("nan")
        lines.append(f"{row['what']}\t{figure(r['median'])}\t{figure(r['spread'])}\t{r['unit']}\t{row['baseline']}"
                     f"\t{figure(ratio)}\t{r['n']}\t{'noisy' if r['noisy'] else ''}")
    with open(f"{OUT}/rows.tsv", "w") as f:
        f.write("\n".join(lines) + "\n")
    width = max(len(row["what"]) for row in rows)
    for line in lines[1:]:
        what, median, spread, unit, baseline, ratio, n, noisy = line.split("\t")
        print(f"{what:<{width}}  {median:>9} {unit:<8} (IQR {spread:<7}) {ratio:>7}x {baseline}"
              + ("  (noisy)" if noisy else ""))


if __name__ == "__main__":
    try:
        main(sys.argv[1], sys.argv[2])
    except (BenchError, OSError) as error:
        print(f"{sys.argv[2]} bench: error: {error}", file=sys.stderr)
        sys.exit(1)
