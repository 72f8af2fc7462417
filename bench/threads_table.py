#!/usr/bin/python3
"""Median table of bench/threads.sh output: /usr/bin/python3 bench/threads_table.py bench/results/threads-final.txt"""
import json
import re
import statistics
import sys
from collections import defaultdict

acc = defaultdict(lambda: defaultdict(list))
for line in open(sys.argv[1]):
    m = re.match(r'round=\d+ workload="([^"]+)" threads=(\d+) opencvThreads=(\d+) (\{.*\})', line)
    if not m:
        continue
    wl = m.group(1).replace("--to jpg ", "")
    d = json.loads(m.group(4))
    for k in ("imagesPerSec", "p50Millis", "p99Millis", "cpuMillisPerImage"):
        if k in d:
            acc[(wl, int(m.group(2)), int(m.group(3)))][k].append(d[k])
print("| workload | workers | OpenCV threads | images/s | × 1 worker (same OpenCV setting) | p50 ms | p99 ms | CPU ms/image | rounds |")
print("|---|---:|---|---:|---:|---:|---:|---:|---:|")
for (wl, t, o), v in sorted(acc.items()):
    ips = statistics.median(v["imagesPerSec"])
    one = statistics.median(acc[(wl, 1, o)]["imagesPerSec"])
    cpu = statistics.median(v["cpuMillisPerImage"]) if v.get("cpuMillisPerImage") else float("nan")
    print(f"| {wl} | {t} | {'default (2)' if o == 0 else '1'} | {ips:.1f} | {ips / one:.2f} | "
          f"{statistics.median(v['p50Millis']):.1f} | {statistics.median(v['p99Millis']):.1f} | {cpu:.1f} | {len(v['imagesPerSec'])} |")
