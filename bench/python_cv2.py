#!/usr/bin/python3
"""Python comparison for BENCHMARKS.md: cv2 (full and IMREAD_REDUCED_COLOR_n decode) and PIL,
bytes in memory -> resize -> encoded bytes, one thread, images/s per workload and image set.

Run with Debian's python (python3-opencv, python3-pil), from the repository root, with the
OpenBLAS overrides unset for this command only (see BENCHMARKS.md):
    env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE /usr/bin/python3 bench/python_cv2.py [seconds] [rounds] [WORKLOAD,...] [SET,...]
Prints one JSON object per line: {"lib", "workload", "set", "round", "imagesPerSec"}.
"""
import io

import cv2
import numpy as np
from PIL import Image, ImageOps

import harness

# name: (width, height, exact, extension, quality)
WORKLOADS = {
    "SEED": (500, 500, True, ".jpg", 95),
    "THUMBNAIL": (256, 256, False, ".jpg", 85),
    "PNG": (1024, 1024, False, ".png", 0),
}
REDUCED = {2: cv2.IMREAD_REDUCED_COLOR_2, 4: cv2.IMREAD_REDUCED_COLOR_4, 8: cv2.IMREAD_REDUCED_COLOR_8}


def target(w, h, spec):
    tw, th, exact = spec[0], spec[1], spec[2]
    if exact:
        return tw, th
    s = min(tw / w, th / h)
    return max(1, round(w * s)), max(1, round(h * s))


def reduction(w, h, spec):
    tw, th = target(w, h, spec)
    for d in (8, 4, 2):
        if -(-w // d) >= tw and -(-h // d) >= th:
            return d
    return 1


def params(spec):
    if spec[3] == ".png":
        return [cv2.IMWRITE_PNG_COMPRESSION, 6, cv2.IMWRITE_PNG_STRATEGY, cv2.IMWRITE_PNG_STRATEGY_DEFAULT]
    return [cv2.IMWRITE_JPEG_QUALITY, spec[4]]


def cv2_job(data, spec, reduced):
    # what imbytes plans: the upright size from a full decode, done once outside the timing
    full = cv2.imdecode(np.frombuffer(data, np.uint8), cv2.IMREAD_COLOR)
    h, w = full.shape[:2]
    size = target(w, h, spec)
    flags = REDUCED.get(reduction(w, h, spec), cv2.IMREAD_COLOR) if reduced else cv2.IMREAD_COLOR
    p = params(spec)
    ext = spec[3]

    def run():
        img = cv2.imdecode(np.frombuffer(data, np.uint8), flags)
        small = cv2.resize(img, size, interpolation=cv2.INTER_AREA)
        ok, buf = cv2.imencode(ext, small, p)
        return buf.tobytes()
    return run


def pil_job(data, spec):
    tw, th, exact, ext, q = spec

    def run():
        im = Image.open(io.BytesIO(data))
        im.draft("RGB", (tw, th))          # JPEG shrink-on-load (DCT scaling), PIL's own thumbnail path
        im = ImageOps.exif_transpose(im)
        size = (tw, th) if exact else target(im.width, im.height, spec)
        im = im.resize(size, Image.Resampling.BILINEAR, reducing_gap=None)
        out = io.BytesIO()
        if ext == ".png":
            im.save(out, "PNG", compress_level=6)
        else:
            im.save(out, "JPEG", quality=q)
        return out.getvalue()
    return run


def libraries(spec, items):
    return {
        "python-cv2-full": [cv2_job(d, spec, False) for d in items],
        "python-cv2-reduced": [cv2_job(d, spec, True) for d in items],
        "python-pil": [pil_job(d, spec) for d in items],
    }


if __name__ == "__main__":
    harness.main("cv2 %s, PIL %s, cv2 threads %d, numpy %s" % (
        cv2.__version__, Image.__version__, cv2.getNumThreads(), np.__version__), WORKLOADS, libraries)
