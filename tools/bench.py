"""Runs one folder's benchmark rows (bench/rows) and writes target/bench/rows.tsv.

Every row is measured into samples, and every row is reported the same way: the median of its
samples, their interquartile range as its spread (p75 - p25: wider than the median itself means
the row is noise, not a figure), and the ratio of its median to its baseline's. The row format is described in CONTRIBUTING.md; `bench.sh` is how it is called.
"""
import json
import shlex
import os
import re
import statistics
import subprocess
import sys
import time

QUICK = bool(os.environ.get("BENCH_QUICK"))
JMH_DEFAULTS = "-wi 1 -w 200ms -i 2 -r 200ms" if QUICK else "-wi 3 -w 1s -i 5 -r 1s"
# A data row runs JMH once per size (a fork each): shorter iterations, as many sizes as samples.
# Quick: all sizes in JMH's own JVM (-f 0: $JMH's flags, no fork), a row's JVM started once.
DATA_JMH_DEFAULTS = "-f 0 -wi 1 -w 100ms -i 2 -r 100ms" if QUICK else "-wi 2 -w 500ms -i 5 -r 300ms"
# Start-ups: one untimed run to warm the caches, then 10 timed (quick: one, and no warm-up).
STARTUP_RUNS, STARTUP_WARM_UPS = (1, 0) if QUICK else (10, 1)
# The payload sizes of every data row, in bytes (16 B to 16 MiB); the tests may ask for others.
SIZES = [int(size) for size in os.environ.get("BENCH_SIZES", "16 1024 65536 1048576 16777216").split()]
os.environ["BENCH_SIZES"] = " ".join(map(str, SIZES))  # what a `data loop` command reads
OUT = "target/bench"
TOOLS = os.path.dirname(os.path.abspath(__file__))
TO_NS = {"ns/op": 1, "us/op": 1e3, "ms/op": 1e6, "s/op": 1e9}


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
            if kind not in ("jmh", "startup", "loop", "data"):
                raise BenchError(f"{path}:{number}: 'how' must start with jmh, startup, loop or data, not {kind!r}")
            if kind == "data" and (how.split() + [""])[1] not in ("memcpy", "jmh", "loop"):
                raise BenchError(f"{path}:{number}: a data row is 'data memcpy', 'data jmh PATTERN' or 'data loop COMMAND', not: {how}")
            rows.append({"what": what, "baseline": baseline, "how": how, "line": number, "data": kind == "data"})
    names = {row["what"]: row for row in rows}
    for row in rows:
        if [r["what"] for r in rows].count(row["what"]) > 1:
            raise BenchError(f"{path}:{row['line']}: the row {row['what']!r} is there twice")
        if row["baseline"] not in names:
            raise BenchError(f"{path}:{row['line']}: the baseline {row['baseline']!r} is not a row of this file")
        if names[row["baseline"]]["data"] != row["data"]:
            raise BenchError(f"{path}:{row['line']}: a data row's baseline is a data row, and a call row's a call row:"
                             f" not {row['baseline']!r}")
    return rows


def run(command, log, stderr_log=None):
    """Runs command with its output in log (its stderr in stderr_log, if given: a loop's samples stay clean)."""
    with open(log, "w") as out, open(stderr_log or os.devnull, "w") as err:
        result = subprocess.run(["sh", "-c", command], stdout=out, stderr=err if stderr_log else subprocess.STDOUT)
    if result.returncode != 0:
        tail = (open(log).read() + (open(stderr_log).read() if stderr_log else "")).strip().splitlines()[-5:]
        raise BenchError(f"exit status {result.returncode} from: {command}\n    " + "\n    ".join(tail)
                         + f"\n    (whole log: {log})")


def jmh_options(row_options, defaults=JMH_DEFAULTS):
    """The defaults, with each option the row gives replacing the default of the same name
    (JMH refuses an option given twice)."""
    options = dict(zip(*[iter(("-f 1 " + defaults).split())] * 2))
    words = shlex.split(row_options)
    if len(words) % 2:
        raise BenchError(f"JMH options come in pairs (-wi 5), not: {row_options}")
    options.update(zip(words[0::2], words[1::2]))
    # Each value in double quotes, so that the shell still expands the Makefile's variables in it.
    return " ".join(f'{name} "{value}"' for name, value in options.items())


def jmh_command(what):
    """$JMH; in a quick run, which measures folders side by side (the top Makefile), without the
    machine-wide lock by which JMH refuses to run next to another JMH."""
    jmh, main = os.environ.get("JMH", ""), "org.openjdk.jmh.Main"
    if not jmh:
        raise BenchError(f"{what} needs $JMH: the java command line up to {main}")
    return jmh[:-len(main)] + f"-Djmh.ignoreLock=true {main}" if QUICK and jmh.endswith(main) else jmh


# Quick: the JMH results of the rows run together (quick_jmh), by row index.
QUICK_JMH = {}


def quick_jmh(rows):
    """Quick: a folder's jmh rows with the same options (and so its data jmh rows) run in one JMH,
    in its own JVM (-f 0), not in a JVM each: every row is still run, for a fraction of the
    start-ups. A row that sets its JVM (-f 1, -jvmArgs...) still runs alone; one of -f 0 joins in."""
    groups = {}
    for index, row in enumerate(rows, 1):
        kind = "data jmh" if row["how"].startswith("data jmh ") else row["how"].split()[0]
        if kind in ("jmh", "data jmh"):
            options, _, pattern = row["how"][len(kind):].strip().rpartition(" ")
            options = re.sub(r"(^| )-f 0(?= |$)", "", options).strip()  # no fork: as the group runs anyway
            if not re.search(r"(^| )-(f|jvmArgs\w*) ", options + " "):
                groups.setdefault((kind, options), []).append((index, pattern))
    for number, ((kind, options), members) in enumerate(groups.items(), 1):
        result_file = f"{OUT}/jmh-quick-{number}.json"
        either = "|".join(pattern for _, pattern in members)
        sizes = f"-p size={','.join(map(str, SIZES))}" if kind == "data jmh" else ""
        defaults = DATA_JMH_DEFAULTS if kind == "data jmh" else JMH_DEFAULTS
        run(f"{jmh_command('a jmh row')} {jmh_options(options + ' -f 0', defaults)} {sizes} -rf json"
            f" -rff {result_file} '({either})$'", f"{OUT}/jmh-quick-{number}.log")
        results = json.load(open(result_file))
        for index, pattern in members:
            QUICK_JMH[index] = [r for r in results if re.search(pattern + "$", r["benchmark"])]


def measure_jmh(row, index):
    options, _, pattern = row["how"][len("jmh"):].strip().rpartition(" ")
    if index in QUICK_JMH:
        results = QUICK_JMH[index]
    else:
        result_file = f"{OUT}/jmh-{index}.json"
        run(f"{jmh_command('a jmh row')} {jmh_options(options)} -rf json -rff {result_file} '{pattern}$'",
            f"{OUT}/jmh-{index}.log")
        results = json.load(open(result_file))
    if not results:
        raise BenchError(f"JMH measured nothing for {pattern!r} (did the benchmark throw? its log: {OUT}/jmh-*.log)")
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
    for attempt in range(STARTUP_WARM_UPS + STARTUP_RUNS):
        start = time.perf_counter_ns()
        run(command, log)
        elapsed = (time.perf_counter_ns() - start) / 1e6
        if attempt >= STARTUP_WARM_UPS:
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


def data_jmh(row, index):
    """A JMH benchmark with an `int size` @Param: one op moves `size` bytes; one fork a size."""
    options, _, pattern = row["how"][len("data jmh"):].strip().rpartition(" ")
    if index in QUICK_JMH:
        results = QUICK_JMH.pop(index)  # a noisy size is not measured again when quick
    else:
        result_file = f"{OUT}/data-{index}.json"
        run(f"{jmh_command('a data jmh row')} {jmh_options(options, DATA_JMH_DEFAULTS)} -p size={','.join(map(str, SIZES))}"
            f" -rf json -rff {result_file} '{pattern}$'", f"{OUT}/data-{index}.log")
        results = json.load(open(result_file))
    if not results:
        raise BenchError(f"JMH measured nothing for {pattern!r} (did the benchmark throw? its log: {OUT}/data-{index}.log"
                         f" or {OUT}/jmh-quick-*.log)")
    if len({r["benchmark"] for r in results}) != 1:
        raise BenchError(f"the pattern {pattern!r} must match one benchmark, not: {sorted({r['benchmark'] for r in results})}")
    samples = {}
    for r in results:
        unit = r["primaryMetric"]["scoreUnit"]
        if unit not in TO_NS or "size" not in r.get("params", {}):
            raise BenchError(f"{r['benchmark']}: a data benchmark has an `int size` @Param and measures time per op, not {unit}")
        samples[int(r["params"]["size"])] = [v * TO_NS[unit] for fork in r["primaryMetric"]["rawData"] for v in fork]
    return samples


def data_loop(command, log):
    """A command that prints "SIZE NANOSECONDS" lines: the time of one transfer of SIZE bytes."""
    run(command, log, log + ".stderr")
    samples = {}
    for line in open(log):
        try:
            size, ns = line.split()
            samples.setdefault(int(size), []).append(float(ns))
        except ValueError:
            raise BenchError(f"{command} printed {line.strip()!r}: a data loop prints 'SIZE NANOSECONDS' lines (log: {log})")
    return samples


def data_memcpy(row, index):
    program = f"{OUT}/memcpy"
    run(f"${{CC:-cc}} -O2 -o {program} '{TOOLS}/memcpy.c'", f"{OUT}/memcpy-build.log")
    return data_loop(program, f"{OUT}/data-{index}.log")


DATA = {"memcpy": data_memcpy, "jmh": data_jmh,
        "loop": lambda row, index: data_loop(row["how"][len("data loop"):].strip(), f"{OUT}/data-{index}.log")}


def measure_data(row, index):
    """GB/s (10^9 bytes a second) at each size: the median and IQR of the samples' rates."""
    kind = row["how"].split()[1]
    for attempt in (1, 2):  # a size wider than its median: once more, and flagged if it still is
        samples = DATA[kind](row, index)
        if sorted(samples) != sorted(SIZES):
            raise BenchError(f"{row['what']!r} measured the sizes {sorted(samples)}, not {SIZES}")
        rates = {size: summarize([size / ns for ns in samples[size]]) + (len(samples[size]),) for size in SIZES}
        noisy = [size for size, (median, spread, n) in rates.items() if spread > median]
        if not noisy or attempt == 2 or QUICK:
            return {size: {"median": median, "spread": spread, "n": n, "noisy": size in noisy}
                    for size, (median, spread, n) in rates.items()}
        print(f"  {row['what']}: noisy at {noisy} bytes, measuring again", file=sys.stderr)


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
    if spread > median and not QUICK:  # too noisy to publish bare: once more, flagged if it still is
        print(f"  {row['what']}: spread {spread:.3g} > median {median:.3g}, measuring again", file=sys.stderr)
        samples, unit = MEASURE[kind](row, index)
        median, spread = summarize(samples)
    return {"median": median, "spread": spread, "unit": unit, "n": len(samples),
            "noisy": spread > median}


def size_name(size):
    return next((f"{size // 1024 ** p} {unit}" for p, unit in ((2, "MiB"), (1, "KiB"))
                 if size >= 1024 ** p and size % 1024 ** p == 0), f"{size} B")


def write_data(rows, results):
    """target/bench/data.tsv: a line a row and size; the fraction is GB/s over its baseline's."""
    lines = ["what\tsize\tGB/s\tspread\tbaseline\tfraction\tsamples\tnoisy"]
    for row in rows:
        for size in SIZES:
            r, base = results[row["what"]][size], results[row["baseline"]][size]
            fraction = r["median"] / base["median"] if base["median"] else float("nan")
            lines.append(f"{row['what']}\t{size}\t{figure(r['median'])}\t{figure(r['spread'])}\t{row['baseline']}"
                         f"\t{figure(fraction)}\t{r['n']}\t{'noisy' if r['noisy'] else ''}")
    with open(f"{OUT}/data.tsv", "w") as f:
        f.write("\n".join(lines) + "\n")
    width = max(len(row["what"]) for row in rows)
    print(f"{'moving data, GB/s (fraction of the baseline)':<{width}}" + "".join(f"  {size_name(s):>14}" for s in SIZES))
    for row in rows:
        cells = [line.split("\t") for line in lines[1:] if line.startswith(row["what"] + "\t")]
        print(f"{row['what']:<{width}}" + "".join(f"  {c[2] + ' (' + c[5] + ')' + ('*' if c[7] else ''):>14}" for c in cells))


def main(rows_file, folder):
    rows = parse_rows(rows_file)
    os.makedirs(OUT, exist_ok=True)
    results = {}
    if QUICK:
        quick_jmh(rows)
    for index, row in enumerate(rows, 1):
        print(f"{folder} bench: [{index}/{len(rows)}] {row['what']}", file=sys.stderr)
        results[row["what"]] = (measure_data if row["data"] else measure)(row, index)
    data = [row for row in rows if row["data"]]
    rows = [row for row in rows if not row["data"]]
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
    width = max((len(row["what"]) for row in rows), default=0)
    for line in lines[1:]:
        what, median, spread, unit, baseline, ratio, n, noisy = line.split("\t")
        print(f"{what:<{width}}  {median:>9} {unit:<8} (IQR {spread:<7}) {ratio:>7}x {baseline}"
              + ("  (noisy)" if noisy else ""))
    if os.path.exists(f"{OUT}/data.tsv"):
        os.remove(f"{OUT}/data.tsv")
    if data:
        write_data(data, results)


if __name__ == "__main__":
    try:
        main(sys.argv[1], sys.argv[2])
    except (BenchError, OSError) as error:
        print(f"{sys.argv[2]} bench: error: {error}", file=sys.stderr)
        sys.exit(1)
