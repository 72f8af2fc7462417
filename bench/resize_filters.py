#!/usr/bin/python3
"""Would a cheaper filter than AREA do after shrink-on-load? For the speed issue's W1 (exact 500x500)
and W2 (fit within 256x256) on the photos of BENCHMARKS.md: decodes each JPEG at the scale imbytes
plans (IMREAD_REDUCED_*), resizes with AREA (today), INTER_LINEAR, and a Gaussian pre-blur matched
to the remaining factor + INTER_LINEAR, and prints each output's PSNR against the full decode
resized with AREA in floating point. Debian's python3-opencv; from the repository root:
    env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE /usr/bin/python3 bench/resize_filters.py
"""
import glob

import cv2
import numpy as np

FILES = sorted(glob.glob("native-test-images/orientation/exif-orientation-examples/*.jpg")) + sorted(
    glob.glob("native-test-images/large/exifr/*.jpg"))
REDUCED = {1: cv2.IMREAD_COLOR, 2: cv2.IMREAD_REDUCED_COLOR_2, 4: cv2.IMREAD_REDUCED_COLOR_4,
           8: cv2.IMREAD_REDUCED_COLOR_8}


def psnr(a, b):
    mse = np.mean((a.astype(np.float64) - b.astype(np.float64)) ** 2)
    return float("inf") if mse == 0 else 10 * np.log10(255 ** 2 / mse)


def target(w, h, workload):
    if workload == "W1":
        return 500, 500
    s = min(256 / w, 256 / h)
    return max(1, round(w * s)), max(1, round(h * s))


def main():
    print("file workload denominator remaining-factor | PSNR dB: AREA, LINEAR, blur+LINEAR")
    for path in FILES:
        data = np.fromfile(path, np.uint8)
        full = cv2.imdecode(data, cv2.IMREAD_COLOR | cv2.IMREAD_IGNORE_ORIENTATION)
        h, w = full.shape[:2]
        for workload in ("W1", "W2"):
            tw, th = target(w, h, workload)
            d = next(d for d in (8, 4, 2, 1) if -(-w // d) >= tw and -(-h // d) >= th)
            reduced = cv2.imdecode(data, REDUCED[d] | cv2.IMREAD_IGNORE_ORIENTATION)
            reference = np.clip(np.round(cv2.resize(full.astype(np.float32), (tw, th), interpolation=cv2.INTER_AREA)),
                                0, 255)
            sx, sy = reduced.shape[1] / tw, reduced.shape[0] / th
            area = cv2.resize(reduced, (tw, th), interpolation=cv2.INTER_AREA)
            linear = cv2.resize(reduced, (tw, th), interpolation=cv2.INTER_LINEAR)
            sigma_x, sigma_y = max(1e-3, (sx - 1) / 2), max(1e-3, (sy - 1) / 2)
            blurred = cv2.GaussianBlur(reduced, (0, 0), sigmaX=sigma_x, sigmaY=sigma_y)
            blur_linear = cv2.resize(blurred, (tw, th), interpolation=cv2.INTER_LINEAR)
            print("%s %s 1/%d %.2fx%.2f | %.2f %.2f %.2f" % (path.split("/")[-1], workload, d, sx, sy,
                  psnr(area, reference), psnr(linear, reference), psnr(blur_linear, reference)))


if __name__ == "__main__":
    main()
