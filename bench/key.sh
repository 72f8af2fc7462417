#!/usr/bin/env bash
# The key comparison again (rerun at the end, when the machine may be quieter): the two target
# workloads on the 9 photos — imbytes and raw OpenCV on Java 17, imbytes with libturbojpeg on
# Java 25, Python cv2 full and reduced — one after another. Usage: bench/key.sh [forks] [rounds] [tag]
set -euo pipefail
FORKS=${1:-3}; ROUNDS=${2:-5}; TAG=${3:-key}
OUT=bench/results; mkdir -p "$OUT"
J17=${J17:-/usr/lib/jvm/java-17-openjdk-amd64/bin/java}
J25=${J25:-/usr/lib/jvm/temurin-25-jdk-amd64/bin/java}
JAR=${JAR:-target/benchmarks.jar}
P=(-p set=photos -p workload=SEED,THUMBNAIL -f "$FORKS" -wi 2 -w 1 -i 3 -r 1)
"$J17" -jar "$JAR" "${P[@]}" -rf json -rff "$OUT/$TAG-jmh17.json" "ConvertBench.(imbytes|opencvFull|opencvReduced)$" > "$OUT/$TAG-jmh17.log" 2>&1
"$J25" -jar "$JAR" "${P[@]}" -rf json -rff "$OUT/$TAG-jmh25.json" "ConvertBench.imbytes$" > "$OUT/$TAG-jmh25.log" 2>&1
env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE /usr/bin/python3 bench/python_cv2.py 3 "$ROUNDS" SEED,THUMBNAIL photos > "$OUT/$TAG-python.jsonl"
