#!/usr/bin/env bash
# Every measurement behind BENCHMARKS.md, one after another (never two at once), from the
# repository root after `mvn -P jmh -DskipTests package` (and `mvn test-compile` for the bench
# command's runner). Writes bench/results/. Usage: bench/run-all.sh [forks] [python-rounds]
set -euo pipefail
FORKS=${1:-2}; ROUNDS=${2:-3}
OUT=bench/results; mkdir -p "$OUT"
J17=${J17:-/usr/lib/jvm/java-17-openjdk-amd64/bin/java}
J25=${J25:-/usr/lib/jvm/temurin-25-jdk-amd64/bin/java}
JAR=${JAR:-target/benchmarks.jar}
JMH_QUICK=(-f "$FORKS" -wi 2 -w 1 -i 3 -r 1)

echo "== threads" >&2
bench/threads.sh "${PHOTOS_DIR:-/tmp/photos}" "$ROUNDS" 5 > "$OUT/threads.txt"
echo "== JMH Java 17" >&2
"$J17" -jar "$JAR" "${JMH_QUICK[@]}" -rf json -rff "$OUT/jmh17.json" "ConvertBench|BufferedImageBench|InputBench" > "$OUT/jmh17.log" 2>&1
echo "== JMH Java 25 (libturbojpeg)" >&2
"$J25" -jar "$JAR" "${JMH_QUICK[@]}" -rf json -rff "$OUT/jmh25.json" "ConvertBench.(imbytes|opencvReduced)" > "$OUT/jmh25.log" 2>&1
echo "== Python cv2 + PIL" >&2
env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE /usr/bin/python3 bench/python_cv2.py 3 "$ROUNDS" > "$OUT/python.jsonl"
echo "== libvips" >&2
/usr/bin/python3 bench/vips.py 3 "$ROUNDS" > "$OUT/vips.jsonl"
echo "== done" >&2
