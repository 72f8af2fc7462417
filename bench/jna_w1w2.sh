#!/usr/bin/env bash
# Java 17 before and after the JNA binding: W1 (--exact 500x500 --to jpg --quality 95) and W2
# (--fit 256x256 --to jpg --quality 85) on the 9 orientation photos, one worker thread, with
# OpenCV's own codec (-Dimbytes.turbojpeg.binding=none: the path Java 17 had before) and with the
# system's libturbojpeg through JNA, interleaved run by run. Quotes the medians of the worker
# thread's CPU per image, which a loaded machine disturbs far less than wall time. Run from the
# repository root after `mvn -DskipTests package`. Usage: bench/jna_w1w2.sh [rounds] [seconds]
set -euo pipefail
ROUNDS=${1:-5}; SECONDS_PER_RUN=${2:-5}
J17=${J17:-/usr/lib/jvm/java-17-openjdk-amd64/bin/java}
JAR=${JAR:-target/imbytes.jar}
IMAGES=native-test-images/orientation/exif-orientation-examples
OUT=$(mktemp); trap 'rm -f "$OUT"' EXIT
for round in $(seq "$ROUNDS"); do
  for w in W1 W2; do
    if [ "$w" = W1 ]; then FLAGS=(--exact 500x500 --to jpg --quality 95); else FLAGS=(--fit 256x256 --to jpg --quality 85); fi
    for binding in none jna; do
      r=$("$J17" -Dimbytes.turbojpeg.binding=$binding -jar "$JAR" bench "$IMAGES" "${FLAGS[@]}" --threads 1 \
          --seconds "$SECONDS_PER_RUN" --warmup 2 --json)
      echo "{\"workload\":\"$w\",\"binding\":\"$binding\",\"round\":$round,\"r\":$r}" | tee -a "$OUT"
    done
  done
done
/usr/bin/python3 - "$OUT" <<'PY'
import json, statistics, sys
runs = [json.loads(l) for l in open(sys.argv[1])]
print("workload binding  worker CPU ms/image (median)  images/s (median)  codec")
for w in ("W1", "W2"):
    base = None
    for b in ("none", "jna"):
        rs = [r["r"] for r in runs if r["workload"] == w and r["binding"] == b]
        cpu = statistics.median(r["workerCpuMillisPerImage"] for r in rs)
        ips = statistics.median(r["imagesPerSec"] for r in rs)
        base = base or cpu
        print(f"{w:8s} {b:7s} {cpu:28.3f}  {ips:17.1f}  {rs[0]['jpegCodec']}  ({base / cpu:.2f}x)")
PY
