"""Gathers every folder's target/bench/rows.tsv into one report (Markdown) and one chart (SVG),
and the folders' target/bench/data.tsv (moving data) into a second part and a second chart.

Usage: bench_report.py REPORT.md CHART.svg JDK_HOME [--keep-from OLD.md] FOLDER...
The second chart is CHART with "-data" before ".svg". A folder without rows gets a line saying
so. A folder named `keep:FOLDER` was not measured in this run (`make bench ONLY=...`): its date and
rows are kept from OLD.md. The charts need matplotlib; without it the report says they were not drawn.
"""
import os
import platform
import re
import sys
import time

QUICK = bool(os.environ.get("BENCH_QUICK"))
TO_NS = {"ps/call": 1e-3, "ns/call": 1, "us/call": 1e3, "ms/call": 1e6, "s/call": 1e9}


def read_rows(folder):
    path = f"{folder}/target/bench/rows.tsv"
    if not os.path.exists(path):
        return None
    with open(path) as f:
        header, *lines = f.read().splitlines()
    keys = header.split("\t")
    return [dict(zip(keys, line.split("\t"))) for line in lines if line]


ROW = re.compile(r"^\| (.+) \| (\S+) (\S+) \((\S+)\)( \*\*noisy: IQR > median\*\*)? \| (.+) \| (\S+) \|$")


def kept_rows(report, folder):
    """A folder's date and rows as an earlier report has them (None if it has none)."""
    if not os.path.exists(report):
        return None, None
    text = open(report).read()
    section = re.search(rf"^## {re.escape(folder)}\n(.*?)(?=^## |^# |\Z)", text, re.M | re.S)
    date = re.search(r"^Measured (\d{4}-\d\d-\d\d \d\d:\d\d UTC)", section.group(1), re.M) if section else None
    date = date or re.search(r"^- date: (.+)$", text, re.M)  # a report from before sections were dated
    rows = [dict(zip(("what", "median", "unit", "spread", "noisy", "baseline", "ratio"), m.groups()))
            for m in (ROW.match(line) for line in (section.group(1).splitlines() if section else [])) if m]
    return (date.group(1) if date else "?"), rows or None


def size_name(size):
    return next((f"{size // 1024 ** p} {unit}" for p, unit in ((2, "MiB"), (1, "KiB"))
                 if size >= 1024 ** p and size % 1024 ** p == 0), f"{size} B")


def read_data(folder):
    """A folder's moving-data rows: [(what, baseline, {size: (GB/s, fraction, noisy)})], or None."""
    path = f"{folder}/target/bench/data.tsv"
    if not os.path.exists(path):
        return None
    rows = {}
    for line in open(path).read().splitlines()[1:]:
        what, size, rate, _spread, baseline, fraction, _n, noisy = line.split("\t")
        rows.setdefault((what, baseline), {})[int(size)] = (rate, fraction, bool(noisy))
    return [(what, baseline, cells) for (what, baseline), cells in rows.items()]


DATA_CELL = re.compile(r"^(\S+) \((\S+)\)(\*?)$")


def kept_data(report, folder):
    """A folder's date and moving-data rows as an earlier report has them."""
    if not report or not os.path.exists(report):
        return None, None
    section = re.search(rf"^## {re.escape(folder)}: moving data\n(.*?)(?=^## |^# |\Z)", open(report).read(), re.M | re.S)
    if not section:
        return None, None
    date = re.search(r"^Measured (\d{4}-\d\d-\d\d \d\d:\d\d UTC)", section.group(1), re.M)
    table = [[cell.strip() for cell in line.strip().strip("|").split("|")]
             for line in section.group(1).splitlines() if line.startswith("| ")]
    if not table:
        return None, None
    units = {"B": 1, "KiB": 1024, "MiB": 1024 ** 2}
    sizes = [int(name.split()[0]) * units[name.split()[1]] for name in table[0][1:]]
    rows = []
    for what, *cells in table[1:]:
        matches = [DATA_CELL.match(cell) for cell in cells]
        rows.append((what, "memcpy (C)", {size: (m.group(1), m.group(2), bool(m.group(3))) for size, m in zip(sizes, matches)}))
    return (date.group(1) if date else "?"), rows


def data_chart(path, results):
    """One panel a folder: GB/s against payload size, log-log, one line a path, the baseline in black."""
    import matplotlib
    matplotlib.use("svg")
    matplotlib.rcParams["svg.hashsalt"] = "interop-examples"
    matplotlib.rcParams["svg.fonttype"] = "none"
    import matplotlib.pyplot as plt
    columns = 2
    lines = (len(results) + columns - 1) // columns
    fig, axes = plt.subplots(lines, columns, figsize=(12, 4.2 * lines), squeeze=False)
    for ax in axes.flat[len(results):]:
        ax.axis("off")
    for ax, (folder, rows) in zip(axes.flat, results):
        for what, baseline, cells in sorted(rows, key=lambda row: row[0] != row[1]):  # the baseline first
            sizes = sorted(cells)
            style = {"color": "black", "linewidth": 2.5, "zorder": 3} if what == baseline else {"linewidth": 1, "marker": "."}
            ax.plot(sizes, [float(cells[size][0]) for size in sizes], label=what, **style)
        ax.set_xscale("log", base=2)
        ax.set_yscale("log")
        ax.set_xticks(sizes, [size_name(size) for size in sizes], fontsize=7)
        ax.set_title(f"{folder}: GB/s by payload size", loc="left", fontsize=9)
        ax.set_ylabel("GB/s (log scale)", fontsize=7)
        ax.grid(which="both", alpha=0.3)
        ax.legend(fontsize=5.5, loc="best")
    fig.tight_layout()
    fig.savefig(path, metadata={"Date": None})


def data_part(results, dates):
    """The "Moving data" part of the report: a table a folder, a cell "GB/s (fraction of memcpy)"."""
    out = ["# Moving data", "",
           "A payload of each size moved across the boundary, in GB/s (10^9 bytes a second), with its",
           "fraction of a C `memcpy` of the same size between two buffers measured in the same run",
           "(`tools/memcpy.c`), in brackets: `3.2 (0.5)` is 3.2 GB/s, half of memcpy's speed. A cell",
           "marked * had an IQR wider than its median: noise, not a figure. Each folder's `bench/rows`",
           "names what one transfer does; its README says which path to pick.", ""]
    for folder, rows in results:
        sizes = sorted(rows[0][2])
        out += [f"## {folder}: moving data", "", f"Measured {dates[folder]}.", "",
                "| path | " + " | ".join(size_name(size) for size in sizes) + " |",
                "|---|" + "---:|" * len(sizes)]
        out += ["| " + what + " | " + " | ".join(f"{cells[s][0]} ({cells[s][1]}){'*' if cells[s][2] else ''}" for s in sizes) + " |"
                for what, _baseline, cells in rows]
        out.append("")
    return out


def machine(jdk):
    cpu = next((line.split(":", 1)[1].strip() for line in open("/proc/cpuinfo") if line.startswith("model name")), "?")
    memory = next(int(line.split()[1]) for line in open("/proc/meminfo") if line.startswith("MemTotal"))
    release = dict(line.strip().split("=", 1) for line in open(f"{jdk}/release") if "=" in line)
    java = f"{release.get('IMPLEMENTOR', '?').strip(chr(34))} {release.get('JAVA_RUNTIME_VERSION', '?').strip(chr(34))}"
    return (f"- date: {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}\n"
            f"- machine: {os.cpu_count()} cores, {cpu}, {memory / 1048576:.0f} GiB, {platform.system()} {platform.release()}\n"
            f"- JDK: {java}")


def chart(path, results):
    """Two panels, log scale: the cost of one call (ns) and start-ups (ms); baselines in grey."""
    import matplotlib
    matplotlib.use("svg")
    matplotlib.rcParams["svg.hashsalt"] = "interop-examples"  # stable ids: the file changes only with the figures
    matplotlib.rcParams["svg.fonttype"] = "none"  # text as text: a small file
    import matplotlib.pyplot as plt
    def point(folder, r, scale):  # baselines in grey
        return f"{folder}: {r['what']}", float(r["median"]) * scale, "#9e9e9e" if r["what"] == r["baseline"] else "#4c78a8"
    calls = [point(folder, r, TO_NS[r["unit"]]) for folder, rows in results for r in rows if r["unit"] in TO_NS]
    startups = [point(folder, r, 1) for folder, rows in results for r in rows if r["unit"] == "ms"]
    panels = [(p, title) for p, title in ((calls, "one call, ns (log scale)"), (startups, "start-up, ms (log scale)")) if p]
    heights = [len(p) for p, _ in panels]
    fig, axes = plt.subplots(len(panels), 1, figsize=(11, 1.5 + 0.22 * sum(heights)),
                             gridspec_kw={"height_ratios": heights}, squeeze=False)
    for ax, (points, title) in zip(axes[:, 0], panels):
        labels, values, colors = zip(*reversed(points))
        ax.barh(labels, values, color=colors)
        ax.set_xscale("log")
        ax.set_title(title, loc="left", fontsize=10)
        ax.tick_params(axis="y", labelsize=7)
        ax.grid(axis="x", which="both", alpha=0.3)
        for y, value in enumerate(values):
            ax.text(value, y, f" {value:.3g}", va="center", fontsize=6)
    fig.tight_layout()
    fig.savefig(path, metadata={"Date": None})


def main(report, chart_path, jdk, folders, keep_from=None):
    results, missing = [], []
    out = ["# What every boundary costs", "",
           f"Generated by `make bench{' BENCH_QUICK=1' if QUICK else ''}`; do not edit by hand, run it again.", ""]
    if QUICK:
        out += ["**Quick run: short measurements, wide error bars.**", ""]
    out += [machine(jdk), "",
            "Every row is the median of its samples with their interquartile range (IQR), and its ratio to a",
            "baseline measured in the same run (median / median). JVM rows are JMH measurement iterations,",
            "start-ups are whole processes timed 10 times after one warm-up run, and the C, Node.js, Ruby and",
            "Python loops time themselves. Each folder's `bench/rows` says how each row is measured.", ""]
    chart_line = len(out)
    previous = {folder[len("keep:"):]: kept_rows(keep_from, folder[len("keep:"):]) for folder in folders if folder.startswith("keep:")}
    today = time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())
    for folder in (f.removeprefix("keep:") for f in folders):
        date, rows = previous[folder] if folder in previous else (today, read_rows(folder))
        out += [f"## {folder}", "", f"Measured {date}{'' if folder not in previous else ' (not measured again in this run)'}.", ""]
        if not rows:
            out += [f"No figures: `make -C {folder} bench` did not pass.", ""]
            missing.append(folder)
            continue
        results.append((folder, rows))
        out += ["| what | median (IQR) | baseline | ratio |", "|---|---|---|---|"]
        for r in rows:
            flag = " **noisy: IQR > median**" if r.get("noisy") else ""
            out.append(f"| {r['what']} | {r['median']} {r['unit']} ({r['spread']}){flag} | {r['baseline']} | {r['ratio']} |")
        out.append("")
    data, dates = [], {}
    for folder in (f.removeprefix("keep:") for f in folders):
        date, rows = kept_data(keep_from, folder) if folder in previous else (today, read_data(folder))
        if rows:
            data.append((folder, rows))
            dates[folder] = date + (" (not measured again in this run)" if folder in previous else "")
    data_chart_path = chart_path.removesuffix(".svg") + "-data.svg"
    if data:
        out += data_part(data, dates)
    try:
        chart(chart_path, results)
        out[chart_line:chart_line] = [f"![every row on a log scale]({os.path.basename(chart_path)})", ""]
        if data:
            data_chart(data_chart_path, data)
            at = out.index("# Moving data") + 8
            out[at:at] = [f"![GB/s against payload size, one line a path]({os.path.basename(data_chart_path)})", ""]
    except ImportError:
        out[chart_line:chart_line] = ["(No chart: matplotlib is not installed.)", ""]
    with open(report, "w") as f:
        f.write("\n".join(out))
    print("\n".join(out))
    return not missing


if __name__ == "__main__":
    args = sys.argv[1:]
    keep_from = args[4] if args[3:4] == ["--keep-from"] else None
    sys.exit(0 if main(*args[:3], args[5 if keep_from else 3:], keep_from) else 1)
