#!/usr/bin/env bash
# The frame encoder against cv2.imencode on the same 1920x1080 frames, q80, one thread:
# Python cv2.imencode, imbytes bench --encode-only on Java 17 (libturbojpeg via JNA), Java 25 (via
# FFM) and Java 17 with -Dimbytes.turbojpeg.binding=none (OpenCV's own encoder), interleaved
# round by round so that the load of the machine falls on all alike. Run from the repository root
# after `mvn -DskipTests package`. Usage: bench/encode_only.sh [rounds] [seconds] [quality]
# Prints one JSON line per run, then the medians of each side.
set -euo pipefail
ROUNDS=${1:-5}; SECONDS_PER_RUN=${2:-5}; QUALITY=${3:-80}
J17=${J17:-/usr/lib/jvm/java-17-openjdk-amd64/bin/java}
J25=${J25:-/usr/lib/jvm/temurin-25-jdk-amd64/bin/java}
JAR=${JAR:-target/imbytes.jar}
PY=(env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE /usr/bin/python3)
FRAMES=$(mktemp -d); trap 'rm -rf "$FRAMES"' EXIT
# Real photos from native-test-images, cropped to fill 1920x1080 and stored lossless, so that both
# sides decode the very same pixels before their clocks start.
for photo in large/exifr/canon-dslr.jpg large/exifr/iptc-mess.jpg orientation/exif-orientation-examples/Landscape_1.jpg; do
  "$J17" -jar "$JAR" convert "native-test-images/$photo" --cover 1920x1080 --to png --png-level 1 \
    -o "$FRAMES/$(basename "$photo" .jpg).png" > /dev/null
done
BENCH=(bench "$FRAMES" --to jpg --quality "$QUALITY" --encode-only --threads 1 --seconds "$SECONDS_PER_RUN" --warmup 2 --json)
OUT=$(mktemp)
for round in $(seq "$ROUNDS"); do
  echo "{\"side\":\"cv2\",\"round\":$round,\"r\":$("${PY[@]}" bench/cv2_encode.py "$FRAMES" "$QUALITY" "$SECONDS_PER_RUN" 2)}" | tee -a "$OUT"
  echo "{\"side\":\"java17-jna\",\"round\":$round,\"r\":$("$J17" -jar "$JAR" "${BENCH[@]}")}" | tee -a "$OUT"
  echo "{\"side\":\"java25-ffm\",\"round\":$round,\"r\":$("$J25" -jar "$JAR" "${BENCH[@]}")}" | tee -a "$OUT"
  echo "{\"side\":\"java17-opencv\",\"round\":$round,\"r\":$("$J17" -Dimbytes.turbojpeg.binding=none -jar "$JAR" "${BENCH[@]}")}" | tee -a "$OUT"
done
/usr/bin/python3 - "$OUT" <<'PY'
import json, statistics, sys
runs = [json.loads(l) for l in open(sys.argv[1])]
print("side            frames/s (median)  thread CPU ms/frame (median)  codec")
for side in dict.fromkeys(r["side"] for r in runs):
    rs = [r["r"] for r in runs if r["side"] == side]
    fps = statistics.median(r.get("framesPerSec", r.get("imagesPerSec")) for r in rs)
    cpu = statistics.median(r.get("cpuMillisPerFrame", r.get("workerCpuMillisPerImage")) for r in rs)
    print(f"{side:15s} {fps:17.1f}  {cpu:28.3f}  {rs[0].get('jpegCodec', rs[0].get('lib'))}")
PY
rm -f "$OUT"
