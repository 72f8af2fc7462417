#!/usr/bin/env bash
# Batch throughput, 1 vs 2 worker threads, OpenCV's own pool at its default (0) vs 1 thread,
# interleaved so machine noise hits every configuration alike. Usage: bench/threads.sh DIR ROUNDS SECONDS
set -euo pipefail
DIR=${1:-}; ROUNDS=${2:-3}; SECS=${3:-6}
if [[ -z "$DIR" ]]; then  # the 9 orientation photos and the 2 large camera JPEGs
  DIR=$(mktemp -d); trap 'rm -rf "$DIR"' EXIT
  ln -s "$PWD"/native-test-images/orientation/exif-orientation-examples/*.jpg "$PWD"/native-test-images/large/exifr/*.jpg "$DIR"/
fi
# Needs `mvn compile` (runs the CLI's `bench` command from the class folders).
if [[ -z "${CP:-}" ]]; then
  [[ -f target/bench.cp ]] || mvn -q -o dependency:build-classpath -Dmdep.outputFile=target/bench.cp >/dev/null
  CP=target/classes:$(cat target/bench.cp)
fi
for round in $(seq "$ROUNDS"); do
  for wl in "--exact 500x500 --to jpg --quality 95" "--fit 256x256 --to jpg --quality 85"; do
    for t in 1 2; do
      for ocv in 0 1; do
        r=$(java -Dimbytes.turbojpeg=false -cp "$CP" dev.imbytes.cli.Main bench "$DIR" $wl --threads $t --opencv-threads $ocv \
              --seconds "$SECS" --warmup 2 --json)
        echo "round=$round workload=\"$wl\" threads=$t opencvThreads=$ocv $r"
      done
    done
  done
done
