#!/usr/bin/env bash
# Progressive JPEG thumbnails: the 11 camera photos (2 of 12 MP, 9 of 2 MP) as progressive copies
# (jpegtran -progressive, from libjpeg-turbo-progs), converted to 128 px JPEGs, so that every decode
# runs at 1/8 — the scale where imbytes skips the AC scans of full-resolution components.
# Runs `bench` on each jar given, interleaved round by round, on the progressive copies and on the
# original (baseline) files; prints images/s and thread-CPU ms per image.
# Usage: bench/progressive.sh [rounds=3] JAR [JAR...]   e.g. an older build's jar, then target/imbytes.jar
set -euo pipefail
ROUNDS=${1:-3}; shift
[ $# -ge 1 ] || { echo "usage: bench/progressive.sh [rounds] JAR [JAR...]" >&2; exit 2; }
command -v jpegtran >/dev/null || { echo "needs jpegtran: apt-get install libjpeg-turbo-progs" >&2; exit 2; }
WORK=target/progressive-bench; rm -rf "$WORK"; mkdir -p "$WORK/progressive" "$WORK/baseline"
for f in native-test-images/large/exifr/*.jpg native-test-images/orientation/exif-orientation-examples/*.jpg; do
  cp "$f" "$WORK/baseline/"
  jpegtran -progressive -copy all "$f" > "$WORK/progressive/$(basename "$f")"
done
for r in $(seq "$ROUNDS"); do
  for set in progressive baseline; do
    for jar in "$@"; do
      java -jar "$jar" bench "$WORK/$set" --fit 128x128 --to jpg --quality 85 --seconds 6 --warmup 3 --threads 1 --json \
        | tail -1 | python3 -c "import json,sys; d=json.load(sys.stdin); print('round $r  $set  $jar  %.1f img/s  %.2f ms CPU/img' % (d['imagesPerSec'], d['cpuMillisPerImage']))"
    done
  done
done
