#!/usr/bin/env bash
# ThumbnailJob on a real Spark standalone cluster on this machine, from Maven alone: a Master and
# two Workers as separate JVMs (1 core, 1 GB each, loopback, free ports, work dirs under target/),
# started from a Spark home that bench/spark-home.sh assembles, and the job submitted with Spark's
# own SparkSubmit and target/imbytes.jar as the application jar. Executors run in their own JVMs,
# started by the Workers. The cluster is always stopped on exit.
#
#   bench/spark-cluster.sh [--version V] [--input DIR] [--spec SPEC]      check run
#   bench/spark-cluster.sh --bench [RUNS] [--version V] [--input DIR]     1 vs 2 workers
#
# Check run: one submission on both workers, then checks
#   rows      == regular files under DIR (counted here with find; binaryFile, like every Hadoop
#                input, skips names starting with '.' or '_', so they are not counted either)
#   ok        within what native-test-images/index.tsv expects for the default allow-list
#                (every "decodes" row of jpg/png/webp/tif/bmp/gif, plus at most the "no-crash" ones);
#                only checked when DIR is native-test-images
#   0 failed tasks, and at least one task per executor (from the application's event log)
#   2 executors, each a JVM of its own, each logging exactly one OpenCV load, and each mapping
#                exactly one libopencv_java file (read from /proc/PID/maps while the job runs)
#   the Master's JSON: 2 workers ALIVE, the application FINISHED
# and prints "key=value" lines and "RESULT PASS" (exit 0) or "RESULT FAIL: why" (exit 1).
#
# --bench RUNS (default 5): the same job with 1 executor (spark.cores.max=1: one Worker's core)
# and with 2 (both Workers) on the same running cluster, alternated 1,2,2,1,1,2,... so that a
# drift in the machine's load hits both alike; prints each run, then medians of the submission's
# wall time and of the job's own time (ThumbnailJob's "seconds", session start excluded) and
# images per second (rows / job seconds).
#
# Needs target/imbytes.jar (mvn -B -o -q package -DskipTests), java 17+, python3 (JSON and the
# event log). Environment: SPARK_CLUSTER_DIR (default target/spark-cluster) holds the run dirs.
set -euo pipefail

root="$(cd "$(dirname "$0")/.." && pwd)"
version=4.2.0
input="$root/native-test-images"
spec="--fit 256x256 --to jpg --quality 85"
bench=0
runs=5
workers=2
while (($#)); do
    case "$1" in
        --version) version="$2"; shift 2 ;;
        --input) input="$(cd "$2" && pwd)"; shift 2 ;;
        --spec) spec="$2"; shift 2 ;;
        --bench)
            bench=1; shift
            if [[ "${1:-}" =~ ^[0-9]+$ ]]; then runs="$1"; shift; fi ;;
        *) echo "usage: spark-cluster.sh [--bench [RUNS]] [--version V] [--input DIR] [--spec SPEC]" >&2; exit 2 ;;
    esac
done

jar="$root/target/imbytes.jar"
[[ -f "$jar" ]] || { echo "spark-cluster.sh: no $jar; build it: mvn -B -o -q package -DskipTests" >&2; exit 2; }
home="$("$root/bench/spark-home.sh" "$version")"
# Started directly (not through a function), so that $! is the JVM itself: spark-class.sh execs it.
spark_class="$root/bench/spark-class.sh"

run="${SPARK_CLUSTER_DIR:-$root/target/spark-cluster}/$(date -u +%Y%m%dT%H%M%SZ)-$$"
mkdir -p "$run/events" "$run/local"
echo "run=$run"

# Loopback only; every temporary file of Spark under the run dir.
export SPARK_LOCAL_IP=127.0.0.1 SPARK_LOCAL_DIRS="$run/local" SPARK_DAEMON_MEMORY=256m
free_ports() {
    python3 -c '
import socket, sys
socks = [socket.socket() for _ in range(int(sys.argv[1]))]
for s in socks:
    s.bind(("127.0.0.1", 0))
print(" ".join(str(s.getsockname()[1]) for s in socks))' "$1"
}
read -r master_port master_ui <<<"$(free_ports 2)"
master="spark://127.0.0.1:$master_port"
json="http://127.0.0.1:$master_ui/json/"

pids=()
stop_cluster() {
    local pid
    for pid in "${pids[@]}"; do
        kill "$pid" 2>/dev/null || true
    done
    for pid in "${pids[@]}"; do
        wait "$pid" 2>/dev/null || true
    done
    pids=()
    # Each Worker copies the 110 MB application jar into every application's work dir; the logs
    # and the output stay.
    find "$run" -path '*/worker-*/app-*' -name imbytes.jar -delete 2>/dev/null || true
}
trap stop_cluster EXIT
trap 'exit 130' INT TERM

"$spark_class" "$version" org.apache.spark.deploy.master.Master --host 127.0.0.1 --port "$master_port" \
    --webui-port "$master_ui" >"$run/master.log" 2>&1 &
pids+=($!)
worker_pids=()
for i in $(seq 1 "$workers"); do
    mkdir -p "$run/worker-$i"
    read -r wport wui <<<"$(free_ports 2)"
    "$spark_class" "$version" org.apache.spark.deploy.worker.Worker --host 127.0.0.1 --port "$wport" --webui-port "$wui" \
        --cores 1 --memory 1g --work-dir "$run/worker-$i" "$master" >"$run/worker-$i.log" 2>&1 &
    pids+=($!)
    worker_pids+=($!)
done

# The Master's JSON as one value: python3 -c CODE with the parsed JSON as m.
master_json() {
    python3 -c "
import json, sys, urllib.request
m = json.load(urllib.request.urlopen('$json', timeout=5))
$1" 2>/dev/null
}
alive=0
for _ in $(seq 1 120); do
    alive="$(master_json 'print(sum(w["state"] == "ALIVE" for w in m["workers"]))' || echo 0)"
    [[ "$alive" == "$workers" ]] && break
    sleep 0.5
done
[[ "$alive" == "$workers" ]] || { echo "RESULT FAIL: $alive of $workers workers registered (see $run/*.log)"; exit 1; }
echo "master=$master workers_alive=$alive spark=$version"

# The executors' JVMs: children of the Workers (a Worker starts each with a ProcessBuilder).
executor_pids() {
    local w
    for w in "${worker_pids[@]}"; do
        pgrep -P "$w" -f CoarseGrainedExecutorBackend || true
    done
}

# JUL lets imbytes' DEBUG line "OpenCV ... loaded from ..." through; Spark bridges JUL to log4j2.
cat >"$run/jul.properties" <<'EOF'
handlers =
.level = INFO
dev.imbytes.internal.nativelib.NativeLibrary.level = FINE
EOF

# submit NAME [spark-submit options]: one ThumbnailJob run; its stdout/stderr in $run/NAME.*.
# Prints the wall time in seconds. While it runs, samples every executor's /proc/PID/maps into
# $run/NAME.maps ("PID distinct-libopencv_java-files" per sample).
submit() {
    local name="$1"
    shift
    local start end
    start=$(date +%s.%N)
    "$spark_class" "$version" org.apache.spark.deploy.SparkSubmit --master "$master" --deploy-mode client \
        --name "imbytes-$name" --driver-memory 512m --executor-memory 640m \
        --conf spark.ui.enabled=false \
        --conf spark.eventLog.enabled=true --conf "spark.eventLog.dir=file://$run/events" \
        --conf spark.eventLog.compress=false --conf spark.eventLog.rolling.enabled=false \
        --conf spark.sql.files.maxPartitionBytes=33554432 \
        --conf "spark.executor.extraJavaOptions=-Djava.util.logging.config.file=$run/jul.properties" \
        "$@" \
        --class dev.imbytes.spark.ThumbnailJob "$jar" "$input" "$run/$name.parquet" "$spec" \
        >"$run/$name.out" 2>"$run/$name.err" &
    local submit_pid=$!
    : >"$run/$name.maps"
    while kill -0 "$submit_pid" 2>/dev/null; do
        local pid
        for pid in $(executor_pids); do
            local n
            n=$(grep -o '/[^ ]*libopencv_java[^ ]*' "/proc/$pid/maps" 2>/dev/null | sort -u | wc -l) || true
            echo "$pid $n" >>"$run/$name.maps"
        done
        sleep 0.3
    done
    local status=0
    wait "$submit_pid" || status=$?
    end=$(date +%s.%N)
    if ((status != 0)); then
        echo "RESULT FAIL: spark-submit exited $status (see $run/$name.err)"
        exit 1
    fi
    python3 -c "print(f'{$end - $start:.2f}')"
}

# "ok failed seconds" from ThumbnailJob's last line.
job_line() {
    sed -n 's/^ok=\([0-9]*\) failed=\([0-9]*\) seconds=\([0-9.]*\) .*/\1 \2 \3/p' "$run/$1.out" | tail -1
}

# The application's event log (the newest file in events/: one JSON file, neither compressed nor
# rolled, which Spark 4 does by default): "tasks failed executors" and the
# executor ids that ran at least one task.
event_summary() {
    python3 - "$run/events" <<'EOF'
import json, os, sys
d = sys.argv[1]
log = max((os.path.join(d, f) for f in os.listdir(d)), key=os.path.getmtime)
tasks = failed = 0
executors, busy = set(), set()
for line in open(log):
    e = json.loads(line)
    kind = e.get("Event")
    if kind == "SparkListenerExecutorAdded":
        executors.add(e["Executor ID"])
    elif kind == "SparkListenerTaskEnd":
        tasks += 1
        busy.add(e["Task Info"]["Executor ID"])
        if e["Task End Reason"]["Reason"] != "Success" or e["Task Info"].get("Failed"):
            failed += 1
print(tasks, failed, len(executors), len(busy))
EOF
}

files=$(find "$input" -type f ! -name '.*' ! -name '_*' | wc -l)

if ((bench)); then
    echo "bench: input=$input files=$files runs=$runs spec=\"$spec\" load=$(cut -d' ' -f1-3 /proc/loadavg)"
    printf '%-4s %-9s %8s %8s %7s\n' run executors wall_s job_s img_s
    for r in $(seq 1 "$runs"); do
        order="1 2"
        ((r % 2 == 0)) && order="2 1"
        for n in $order; do
            wall=$(submit "bench-$r-$n" --conf "spark.cores.max=$n") || { echo "$wall"; exit 1; }
            read -r ok failed seconds <<<"$(job_line "bench-$r-$n")"
            if ((ok + failed != files)); then
                echo "RESULT FAIL: run $r with $n executors gave $((ok + failed)) rows for $files files"
                exit 1
            fi
            printf '%-4s %-9s %8s %8s %7.1f\n' "$r" "$n" "$wall" "$seconds" "$(python3 -c "print($files / $seconds)")"
            echo "$n $wall $seconds" >>"$run/bench.tsv"
        done
    done
    python3 - "$run/bench.tsv" "$files" <<'EOF'
import statistics, sys
rows = [l.split() for l in open(sys.argv[1])]
files = int(sys.argv[2])
for n in ("1", "2"):
    wall = statistics.median(float(r[1]) for r in rows if r[0] == n)
    job = statistics.median(float(r[2]) for r in rows if r[0] == n)
    print(f"median executors={n} wall_s={wall:.2f} job_s={job:.2f} img_per_s={files / job:.1f} runs={sum(r[0] == n for r in rows)}")
EOF
    echo "load_after=$(cut -d' ' -f1-3 /proc/loadavg)"
    echo "RESULT PASS"
    exit 0
fi

wall=$(submit check) || { echo "$wall"; exit 1; }
read -r ok failed seconds <<<"$(job_line check)"
read -r tasks failed_tasks executors busy_executors <<<"$(event_summary)"
# One OpenCV load per executor JVM: the DEBUG line in each executor's stderr (app-*/ID/stderr).
loads=$(for f in "$run"/worker-*/app-*/*/stderr; do grep -c 'OpenCV .* loaded from' "$f" || true; done | paste -sd, -)
# The most distinct libopencv_java files any sample saw in each executor JVM.
mappings=$(awk '{ if ($2 > max[$1]) max[$1] = $2; seen[$1] = 1 } END { for (p in seen) printf "%s%d", (n++ ? "," : ""), max[p] }' "$run/check.maps")
app_state=$(master_json 'print(",".join(a["state"] for a in m["completedapps"]))' || echo unknown)
alive=$(master_json 'print(sum(w["state"] == "ALIVE" for w in m["workers"]))' || echo 0)

echo "files=$files rows=$((ok + failed)) ok=$ok errors=$failed wall_s=$wall job_s=$seconds"
echo "tasks=$tasks failed_tasks=$failed_tasks executors=$executors executors_with_tasks=$busy_executors"
echo "opencv_loads_per_executor=$loads libopencv_mappings_per_executor=$mappings"
echo "app_state=$app_state workers_alive=$alive output=$run/check.parquet"

fail=()
((ok + failed == files)) || fail+=("rows $((ok + failed)) != files $files")
if [[ "$input" == "$root/native-test-images" ]]; then
    read -r ok_min ok_max <<<"$(awk -F'\t' 'NR > 1 && $2 ~ /^(jpeg|png|webp|tiff|bmp|gif)$/ {
        if ($7 == "decodes") lo++; if ($7 == "decodes" || $7 == "no-crash") hi++ } END { print lo, hi }' \
        "$root/native-test-images/index.tsv")"
    echo "expected_ok=$ok_min..$ok_max (index.tsv, default allow-list)"
    ((ok >= ok_min && ok <= ok_max)) || fail+=("ok $ok outside $ok_min..$ok_max")
fi
((failed_tasks == 0)) || fail+=("$failed_tasks failed tasks")
((executors == workers)) || fail+=("$executors executors for $workers workers")
((busy_executors == workers)) || fail+=("only $busy_executors executors ran tasks")
[[ "$loads" == "$(printf '1%.0s,' $(seq 1 "$workers") | sed 's/,$//')" ]] || fail+=("OpenCV loads per executor: $loads")
[[ "$mappings" == "$(printf '1%.0s,' $(seq 1 "$workers") | sed 's/,$//')" ]] || fail+=("libopencv_java mappings per executor: $mappings")
[[ "$app_state" == FINISHED ]] || fail+=("application state $app_state")
((alive == workers)) || fail+=("$alive workers alive")
if ((${#fail[@]})); then
    echo "RESULT FAIL: $(IFS=';'; echo "${fail[*]}")"
    exit 1
fi
echo "RESULT PASS"
