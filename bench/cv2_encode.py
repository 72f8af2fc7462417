#!/usr/bin/python3
"""cv2.imencode on the same frames as `imbytes bench --encode-only`: every image in FRAMES_DIR is
read once with cv2.imread (before the clock), then only cv2.imencode(".jpg", frame,
[IMWRITE_JPEG_QUALITY, Q]) is timed, round-robin over the frames, on one thread.

bench/encode_only.sh makes the frames (1920x1080 PNGs from real photos, written by imbytes, so
both sides encode the very same pixels) and runs this beside the Java side. Run with Debian's
python (python3-opencv), with the OpenBLAS overrides unset for this command only:
    env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE /usr/bin/python3 bench/cv2_encode.py FRAMES_DIR [quality] [seconds] [warmup]
Prints one JSON object: {"lib", "frames", "quality", "seconds", "framesPerSec", "cpuMillisPerFrame", "meanBytes"}.
"""
import json
import os
import sys
import time

import cv2


def main():
    frames_dir = sys.argv[1]
    quality = int(sys.argv[2]) if len(sys.argv) > 2 else 80
    seconds = float(sys.argv[3]) if len(sys.argv) > 3 else 10.0
    warmup = float(sys.argv[4]) if len(sys.argv) > 4 else 2.0
    cv2.setNumThreads(1)
    frames = [cv2.imread(os.path.join(frames_dir, f), cv2.IMREAD_COLOR) for f in sorted(os.listdir(frames_dir))]
    frames = [f for f in frames if f is not None]
    if not frames:
        sys.exit("no frames in " + frames_dir)
    params = [cv2.IMWRITE_JPEG_QUALITY, quality]

    def run(secs):
        count, total_bytes, i = 0, 0, 0
        cpu0, t0 = time.thread_time(), time.perf_counter()
        end = t0 + secs
        now = t0
        while now < end:
            ok, buf = cv2.imencode(".jpg", frames[i % len(frames)], params)
            if not ok:
                sys.exit("imencode failed")
            total_bytes += len(buf)
            count += 1
            i += 1
            now = time.perf_counter()
        return count, now - t0, time.thread_time() - cpu0, total_bytes

    run(warmup)
    count, elapsed, cpu, total_bytes = run(seconds)
    print(json.dumps({"lib": "cv2.imencode " + cv2.__version__, "frames": len(frames), "quality": quality,
                      "seconds": round(elapsed, 3), "framesPerSec": round(count / elapsed, 2),
                      "cpuMillisPerFrame": round(cpu * 1000 / count, 3), "meanBytes": total_bytes // count}))


if __name__ == "__main__":
    main()
