#!/usr/bin/python3
"""Turns benchmark outputs into BENCHMARKS.md tables and docs/benchmarks.png.

    /usr/bin/python3 bench/report.py --jmh17 J17.json --jmh25 J25.json --py PY.jsonl --vips VIPS.jsonl \
        [--png docs/benchmarks.png]

JMH JSON (-rf json): the median over every measured iteration of every fork. Python JSON lines
(bench/python_cv2.py, bench/vips.py): the median over rounds. Prints markdown tables (images/s).
"""
import argparse
import json
import statistics
from collections import defaultdict

JAVA_NAMES = {
    "ConvertBench.imbytes": "imbytes",
    "ConvertBench.opencvFull": "OpenCV Java, full decode",
    "ConvertBench.opencvReduced": "OpenCV Java, reduced decode",
    "ConvertBench.imageio": "ImageIO + Graphics2D",
    "ConvertBench.thumbnailator": "Thumbnailator",
    "BufferedImageBench.imbytes": "imbytes",
    "BufferedImageBench.opencv": "OpenCV Java (put + imencode)",
    "BufferedImageBench.imageio": "ImageIO",
    "BufferedImageBench.thumbnailator": "Thumbnailator",
}
PY_NAMES = {
    "python-cv2-full": "Python cv2, full decode",
    "python-cv2-reduced": "Python cv2, reduced decode",
    "python-pil": "PIL (draft + bilinear)",
    "libvips": "libvips (thumbnail_buffer)",
    # bench/peers.py: every library in one interleaved run
    "sharp": "sharp (libvips + mozjpeg)",
    "imbytes-java17": "imbytes, Java 17 (bench)",
    "imbytes-java25": "imbytes, Java 25 (bench)",
    "jmh-imageio": "ImageIO + Graphics2D",
    "jmh-thumbnailator": "Thumbnailator",
    # imbytes bench --decode-only: the decoder alone at the planned scale, the limit of every row
    "imbytes-decode-java17": "decode only, Java 17 (the limit)",
    "imbytes-decode-java25": "decode only, Java 25 (the limit)",
}
LIMITS = ("decode only, Java 17 (the limit)", "decode only, Java 25 (the limit)")
ORDER = ["Python cv2, full decode", "Python cv2, reduced decode", "PIL (draft + bilinear)", "libvips (thumbnail_buffer)",
         "sharp (libvips + mozjpeg)", "imbytes, Java 17 (bench)", "imbytes, Java 25 (bench)",
         "OpenCV Java, full decode", "OpenCV Java, reduced decode", "imbytes, Java 17 (OpenCV codec)",
         "OpenCV Java, reduced decode, Java 25", "imbytes, Java 25 (libturbojpeg)", "ImageIO + Graphics2D", "Thumbnailator",
         *LIMITS]
WORKLOAD_TITLES = {"SEED": "exact 500×500 → JPEG q95", "THUMBNAIL": "fit 256×256 → JPEG q85",
                   "PNG": "fit 1024×1024 → PNG", "BUFFEREDIMAGE": "BufferedImage (1800×1200) → JPEG q95"}


def jmh(path, java):
    out = defaultdict(dict)  # (workload, set) -> name -> (median, n)
    for b in json.load(open(path)):
        short = ".".join(b["benchmark"].split(".")[-2:])
        if short not in JAVA_NAMES:
            continue
        p = b.get("params", {})
        workload = p.get("workload", "BUFFEREDIMAGE")
        name = JAVA_NAMES[short]
        if name == "imbytes":
            name = "imbytes, Java 25 (libturbojpeg)" if java == 25 else "imbytes, Java 17 (OpenCV codec)"
        elif java == 25:
            name += ", Java 25"
        raw = [x for fork in b["primaryMetric"]["rawData"] for x in fork]
        out[(workload, p.get("set", "photos"))][name] = (statistics.median(raw), len(raw))
    return out


def pylines(path):
    acc = defaultdict(lambda: defaultdict(list))
    for line in open(path):
        d = json.loads(line)
        if "lib" in d and d["lib"] in PY_NAMES:
            acc[(d["workload"], d["set"])][PY_NAMES[d["lib"]]].append(d["imagesPerSec"])
    return {k: {n: (statistics.median(v), len(v)) for n, v in m.items()} for k, m in acc.items()}


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--jmh17")
    ap.add_argument("--jmh25")
    ap.add_argument("--py", action="append", default=[])
    ap.add_argument("--png")
    ap.add_argument("--charts", help="folder for one chart per workload (benchmarks-WORKLOAD.png)")
    ap.add_argument("--paired", help="a peers.py output: print, per workload and set, each imbytes row's "
                    "ratio to Python cv2 (reduced decode) within each round, as median [min-max]")
    a = ap.parse_args()
    if a.paired:
        paired(a.paired)
        return
    table = defaultdict(dict)
    for src in ([jmh(a.jmh17, 17)] if a.jmh17 else []) + ([jmh(a.jmh25, 25)] if a.jmh25 else []) + [pylines(p) for p in a.py]:
        for k, m in src.items():
            table[k].update(m)
    keys = sorted(table, key=lambda k: (list(WORKLOAD_TITLES).index(k[0]), k[1] != "photos"))
    for k in keys:
        m = table[k]
        base = m.get("Python cv2, full decode", (None,))[0]
        red = m.get("Python cv2, reduced decode", (None,))[0]
        # the faster of the two decode-only runs: the best this decoder did at these scales in this run
        limit = max((m[n][0] for n in LIMITS if n in m), default=None)
        print(f"\n#### {WORKLOAD_TITLES[k[0]]} — {'9 photos, 1800×1200' if k[1] == 'photos' else '2 large, 18 MP and 12 MP'}\n")
        print("| library | images/s (median) | n | × cv2 full | × cv2 reduced |" + (" share of the limit |" if limit else ""))
        print("|---|---:|---:|---:|---:|" + ("---:|" if limit else ""))
        for name in sorted(m, key=lambda n: ORDER.index(n) if n in ORDER else 99):
            v, n = m[name]
            r1 = f"{v / base:.2f}" if base else "–"
            r2 = f"{v / red:.2f}" if red else "–"
            share = f" {100 * v / limit:.0f} % |" if limit and name not in LIMITS else " |" if limit else ""
            print(f"| {name} | {v:.1f} | {n} | {r1} | {r2} |{share}")
    if a.png:
        chart(table, keys, a.png)
    if a.charts:
        for workload in dict.fromkeys(k[0] for k in keys if k[0] != "BUFFEREDIMAGE"):
            chart(table, [k for k in keys if k[0] == workload], f"{a.charts}/benchmarks-{workload.lower()}.png")


def paired(path):
    """Ratios within a round: both sides ran minutes apart at most, so the machine's drift cancels."""
    rounds = defaultdict(dict)
    for line in open(path):
        d = json.loads(line)
        if "lib" in d and d["lib"] in PY_NAMES:
            rounds[(d["workload"], d["set"], d["round"])][PY_NAMES[d["lib"]]] = d["imagesPerSec"]
    keys = sorted({k[:2] for k in rounds}, key=lambda k: (list(WORKLOAD_TITLES).index(k[0]), k[1] != "photos"))
    present = {n for m in rounds.values() for n in m}
    names = [n for n in ORDER if (n.startswith("imbytes") or n in LIMITS) and n in present]
    print("| workload, set | rounds | " + " | ".join(f"{n} × cv2 reduced" for n in names) + " |")
    print("|---|---:|" + "---:|" * len(names))
    for k in keys:
        cells = []
        count = 0
        for n in names:
            ratios = sorted(m[n] / m["Python cv2, reduced decode"] for (w, s, _), m in rounds.items()
                            if (w, s) == k and n in m and "Python cv2, reduced decode" in m)
            count = max(count, len(ratios))
            cells.append(f"{statistics.median(ratios):.2f} [{ratios[0]:.2f}–{ratios[-1]:.2f}]" if ratios else "–")
        print(f"| {WORKLOAD_TITLES[k[0]]}, {k[1]} | {count} | " + " | ".join(cells) + " |")


def chart(table, keys, path):
    import matplotlib
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    keys = [k for k in keys if k[0] != "BUFFEREDIMAGE"]
    fig, axes = plt.subplots(len(keys), 1, figsize=(10, 2.6 * len(keys)), squeeze=False)
    axes = axes[:, 0]
    for ax, k in zip(axes, keys):
        m = table[k]
        names = [n for n in ORDER if n in m][::-1]
        vals = [m[n][0] for n in names]
        colors = ["#d62728" if n.startswith("imbytes") else "#1f77b4" if n.startswith(("Python", "PIL", "libvips", "sharp"))
                  else "#f4a582" if n in LIMITS else "#7f7f7f" for n in names]
        ax.barh(names, vals, color=colors)
        for y, v in enumerate(vals):
            ax.text(v, y, f" {v:.1f}", va="center", fontsize=8)
        ax.set_title(f"{WORKLOAD_TITLES[k[0]]} — {k[1]} (images/s, one thread, higher is better)", fontsize=10)
        ax.tick_params(axis="y", labelsize=8)
        ax.set_xlim(0, max(vals) * 1.15)
    fig.tight_layout()
    fig.savefig(path, dpi=110)


if __name__ == "__main__":
    main()
