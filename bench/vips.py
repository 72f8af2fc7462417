#!/usr/bin/python3
"""libvips comparison for BENCHMARKS.md, in memory and on one thread: vips_thumbnail_buffer
(which shrinks on load by itself) -> vips_jpegsave_buffer / vips_pngsave_buffer, called through
ctypes on Debian's libvips (no pyvips package on Debian 12). From the repository root:
    /usr/bin/python3 bench/vips.py [seconds] [rounds] [WORKLOAD,...] [SET,...]
Prints one JSON object per line, like bench/python_cv2.py.
"""
import ctypes
import ctypes.util
import json
import pathlib
import sys
import time

ROOT = pathlib.Path("native-test-images")
SETS = {
    "photos": sorted((ROOT / "orientation/exif-orientation-examples").glob("*.jpg")),
    "large": sorted((ROOT / "large/exifr").glob("*.jpg")),
}
VIPS_SIZE_FORCE = 3  # VipsSize: BOTH=0, UP=1, DOWN=2, FORCE=3
WORKLOADS = {
    "SEED": (500, 500, True, "jpg", 95),
    "THUMBNAIL": (256, 256, False, "jpg", 85),
    "PNG": (1024, 1024, False, "png", 6),
}

vips = ctypes.CDLL(ctypes.util.find_library("vips") or "libvips.so.42")
glib = ctypes.CDLL(ctypes.util.find_library("glib-2.0") or "libglib-2.0.so.0")
gobj = ctypes.CDLL(ctypes.util.find_library("gobject-2.0") or "libgobject-2.0.so.0")
if vips.vips_init(b"bench") != 0:
    raise SystemExit("vips_init failed")
vips.vips_concurrency_set(1)   # one thread, like the other single-thread numbers
vips.vips_cache_set_max(0)     # no operation cache: every call does the work
vips.vips_version_string.restype = ctypes.c_char_p
c_p = ctypes.c_void_p


def job(data, spec):
    tw, th, exact, fmt, q = spec
    buf = ctypes.create_string_buffer(data, len(data))

    def run():
        img = c_p()
        if exact:
            rc = vips.vips_thumbnail_buffer(buf, ctypes.c_size_t(len(data)), ctypes.byref(img), ctypes.c_int(tw),
                                            b"height", ctypes.c_int(th), b"size", ctypes.c_int(VIPS_SIZE_FORCE), None)
        else:
            rc = vips.vips_thumbnail_buffer(buf, ctypes.c_size_t(len(data)), ctypes.byref(img), ctypes.c_int(tw),
                                            b"height", ctypes.c_int(th), None)
        if rc != 0:
            raise RuntimeError("thumbnail failed")
        out = c_p()
        n = ctypes.c_size_t()
        if fmt == "jpg":
            rc = vips.vips_jpegsave_buffer(img, ctypes.byref(out), ctypes.byref(n), b"Q", ctypes.c_int(q), None)
        else:
            rc = vips.vips_pngsave_buffer(img, ctypes.byref(out), ctypes.byref(n), b"compression", ctypes.c_int(q), None)
        gobj.g_object_unref(img)
        if rc != 0:
            raise RuntimeError("save failed")
        result = ctypes.string_at(out, n.value)
        glib.g_free(out)
        return result
    return run


def measure(jobs, seconds):
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


def main():
    seconds = float(sys.argv[1]) if len(sys.argv) > 1 else 5
    rounds = int(sys.argv[2]) if len(sys.argv) > 2 else 3
    only_workloads = sys.argv[3].split(",") if len(sys.argv) > 3 else list(WORKLOADS)
    only_sets = sys.argv[4].split(",") if len(sys.argv) > 4 else list(SETS)
    print(json.dumps({"info": "libvips " + vips.vips_version_string().decode()}), flush=True)
    data = {s: [p.read_bytes() for p in files] for s, files in SETS.items()}
    for r in range(1, rounds + 1):
        for wl, spec in WORKLOADS.items():
            if wl not in only_workloads:
                continue
            for s, items in data.items():
                if s not in only_sets:
                    continue
                jobs = [job(d, spec) for d in items]
                print(json.dumps({"lib": "libvips", "workload": wl, "set": s, "round": r,
                                  "imagesPerSec": round(measure(jobs, seconds), 2)}), flush=True)


if __name__ == "__main__":
    main()
