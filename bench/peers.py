#!/usr/bin/python3
"""Every library of BENCHMARKS.md's peer table in ONE run, interleaved so that a change in the
machine's load hits all of them alike: for each round, workload and image set it runs Python cv2 +
PIL, libvips, sharp, the `imbytes bench` command on Java 17 and on Java 25, `imbytes bench
--decode-only` on both (libjpeg-turbo's decode alone at the scale the conversion plans: the limit),
and JMH's ImageIO and Thumbnailator benchmarks, one after another, never two at once.

From the repository root, after `mvn -DskipTests package` (target/imbytes.jar), `mvn -P jmh
-DskipTests package` (target/benchmarks.jar) and `(cd bench/sharp && npm ci)`:
    /usr/bin/python3 bench/peers.py [seconds=4] [rounds=3] [WORKLOAD,...] [SET,...] [GROUP,...] > bench/results/peers.jsonl
with WORKLOAD among SEED, THUMBNAIL, PNG, SET among photos, large and GROUP among cv2 (Python cv2
and PIL), vips, sharp, imbytes, decode (imbytes --decode-only) and jmh; each list defaults to all.
Prints one JSON object per line: {"lib", "workload", "set", "round", "imagesPerSec"}; turn it
into tables and one chart per workload with bench/report.py --py bench/results/peers.jsonl.
"""
import json
import os
import subprocess
import sys
import tempfile

J17 = os.environ.get("J17", "/usr/lib/jvm/java-17-openjdk-amd64/bin/java")
J25 = os.environ.get("J25", "/usr/lib/jvm/temurin-25-jdk-amd64/bin/java")
SETS = {"photos": "native-test-images/orientation/exif-orientation-examples",
        "large": "native-test-images/large/exifr"}
# The same three workloads as python_cv2.py, vips.py and sharp/bench.mjs, in `bench` flag words.
IMBYTES_FLAGS = {
    "SEED": ["--exact", "500x500", "--to", "jpg", "--quality", "95"],
    "THUMBNAIL": ["--fit", "256x256", "--to", "jpg", "--quality", "85"],
    "PNG": ["--fit", "1024x1024", "--to", "png"],
}
JMH_NAMES = {"imageio": "jmh-imageio", "thumbnailator": "jmh-thumbnailator"}


def emit(record, round_number):
    record["round"] = round_number
    print(json.dumps(record), flush=True)


def script(command, round_number, env=None):
    """Runs one round of a peer script that speaks the harness.py protocol (one workload, one set)."""
    out = subprocess.run(command, check=True, capture_output=True, text=True, env=env).stdout
    for line in out.splitlines():
        record = json.loads(line)
        if "lib" in record:
            emit(record, round_number)
        else:
            print(json.dumps(record), file=sys.stderr)


def imbytes(java, label, workload, set_name, seconds, round_number, *extra):
    command = [java, "--enable-native-access=ALL-UNNAMED", "-jar", "target/imbytes.jar", "bench", SETS[set_name],
               *IMBYTES_FLAGS[workload], *extra, "--threads", "1", "--seconds", str(seconds), "--warmup", "2",
               "--json"]
    result = json.loads(subprocess.run(command, check=True, capture_output=True, text=True).stdout)
    emit({"lib": label, "workload": workload, "set": set_name,
          "imagesPerSec": result["imagesPerSec"], "jpegCodec": result.get("jpegCodec")}, round_number)


def jmh(workload, set_name, seconds, round_number):
    with tempfile.NamedTemporaryFile(suffix=".json") as results:
        subprocess.run([J17, "-jar", "target/benchmarks.jar", "-f", "1", "-wi", "1", "-w", "1", "-i", str(seconds),
                        "-r", "1", "-p", f"workload={workload}", "-p", f"set={set_name}", "-rf", "json",
                        "-rff", results.name, r"ConvertBench\.(imageio|thumbnailator)"],
                       check=True, stdout=subprocess.DEVNULL, stderr=sys.stderr)
        for bench in json.load(open(results.name)):
            name = bench["benchmark"].rsplit(".", 1)[1]
            raw = sorted(x for fork in bench["primaryMetric"]["rawData"] for x in fork)
            emit({"lib": JMH_NAMES[name], "workload": bench["params"]["workload"], "set": bench["params"]["set"],
                  "imagesPerSec": round(raw[len(raw) // 2], 2)}, round_number)


GROUPS = ("cv2", "vips", "sharp", "imbytes", "decode", "jmh")


def chosen(index, known):
    """The comma-separated names given as argument {index}, or all of {known}; an unknown name stops the run."""
    if len(sys.argv) <= index:
        return list(known)
    names = sys.argv[index].split(",")
    unknown = [n for n in names if n not in known]
    if unknown:
        sys.exit(f"peers.py: unknown {unknown}; known: {list(known)}")
    return names


def main():
    seconds = int(sys.argv[1]) if len(sys.argv) > 1 else 4
    rounds = int(sys.argv[2]) if len(sys.argv) > 2 else 3
    workloads, sets, groups = chosen(3, IMBYTES_FLAGS), chosen(4, SETS), chosen(5, GROUPS)
    python_env = {k: v for k, v in os.environ.items() if not k.startswith("OPENBLAS_")}
    node_env = dict(os.environ, UV_THREADPOOL_SIZE="1")
    for r in range(1, rounds + 1):
        for workload in workloads:
            for set_name in sets:
                print(f"== round {r} {workload} {set_name}", file=sys.stderr, flush=True)
                only = [str(seconds), "1", workload, set_name]
                if "cv2" in groups:
                    script(["/usr/bin/python3", "bench/python_cv2.py", *only], r, python_env)
                if "vips" in groups:
                    script(["/usr/bin/python3", "bench/vips.py", *only], r)
                if "sharp" in groups:
                    script(["node", "bench/sharp/bench.mjs", *only], r, node_env)
                if "imbytes" in groups:
                    imbytes(J17, "imbytes-java17", workload, set_name, seconds, r)
                    imbytes(J25, "imbytes-java25", workload, set_name, seconds, r)
                if "decode" in groups:
                    imbytes(J17, "imbytes-decode-java17", workload, set_name, seconds, r, "--decode-only")
                    imbytes(J25, "imbytes-decode-java25", workload, set_name, seconds, r, "--decode-only")
                if "jmh" in groups:
                    jmh(workload, set_name, seconds, r)


if __name__ == "__main__":
    main()
