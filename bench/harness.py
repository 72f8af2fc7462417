"""The timing loop and command line shared by the Python-side benchmarks (python_cv2.py, vips.py).

Usage of a script built on it: SCRIPT [seconds=5] [rounds=3] [WORKLOAD,...] [SET,...]
Prints one JSON object per library, workload, image set and round: images per second.
"""
import json
import pathlib
import sys
import time

ROOT = pathlib.Path("native-test-images")
SETS = {
    "photos": sorted((ROOT / "orientation/exif-orientation-examples").glob("*.jpg")),
    "large": sorted((ROOT / "large/exifr").glob("*.jpg")),
}


def measure(jobs, seconds):
    """Images per second of running the jobs round-robin for `seconds`, after one warm-up pass."""
    for j in jobs:
        j()
    n = 0
    start = time.perf_counter()
    end = start + seconds
    while True:
        jobs[n % len(jobs)]()
        n += 1
        now = time.perf_counter()
        if now >= end:
            return n / (now - start)


def main(info, workloads, libraries):
    """Runs every library on every selected workload and image set.

    `workloads` maps a workload name to its spec; `libraries(spec, images)` returns
    {library name: [one job per image]}; `info` describes the versions measured.
    """
    seconds = float(sys.argv[1]) if len(sys.argv) > 1 else 5
    rounds = int(sys.argv[2]) if len(sys.argv) > 2 else 3
    only_workloads = sys.argv[3].split(",") if len(sys.argv) > 3 else list(workloads)
    only_sets = sys.argv[4].split(",") if len(sys.argv) > 4 else list(SETS)
    print(json.dumps({"info": info}), flush=True)
    data = {s: [p.read_bytes() for p in files] for s, files in SETS.items()}
    for r in range(1, rounds + 1):
        for wl, spec in workloads.items():
            if wl not in only_workloads:
                continue
            for s, items in data.items():
                if s not in only_sets:
                    continue
                for lib, jobs in libraries(spec, items).items():
                    print(json.dumps({"lib": lib, "workload": wl, "set": s, "round": r,
                                      "imagesPerSec": round(measure(jobs, seconds), 2)}), flush=True)
