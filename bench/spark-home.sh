#!/usr/bin/env bash
# Assembles a Spark home from Maven alone: target/spark-VERSION/{jars,conf}, with the jars of
# spark-core and spark-sql (Scala 2.13) of VERSION and their dependencies. Enough for
# org.apache.spark.deploy.SparkSubmit, the standalone Master and Worker, and the executors a
# Worker starts (it builds their class path from SPARK_HOME/jars). The first run of a version
# downloads about 500 MB into ~/.m2; later runs are offline and take a second.
#
#   bench/spark-home.sh [VERSION]        default 4.2.0; prints the Spark home's absolute path
set -euo pipefail
version="${1:-4.2.0}"
root="$(cd "$(dirname "$0")/.." && pwd)"
home="$root/target/spark-$version"
if [[ ! -f "$home/.complete" ]]; then
    rm -rf "$home"
    mkdir -p "$home/jars" "$home/conf"
    # -o first (no network when ~/.m2 has it all), then online once for a new version.
    for offline in -o ""; do
        quiet=/dev/stderr; [[ -n "$offline" ]] && quiet=/dev/null
        if mvn -B -q -Dstyle.color=never $offline -f "$root/bench/spark/pom.xml" -Dspark.version="$version" \
            dependency:copy-dependencies -DincludeScope=runtime -DoutputDirectory="$home/jars" > "$quiet" 2>&1; then
            break
        fi
        [[ -z "$offline" ]] && { echo "spark-home.sh: cannot resolve Spark $version" >&2; exit 1; }
    done
    echo "$version" > "$home/RELEASE"
    touch "$home/.complete"
fi
# Written on every run (so a changed script updates it): Spark speaks only of warnings, and imbytes
# says once per JVM where OpenCV came from (its DEBUG line, which JUL lets through only when
# -Djava.util.logging.config.file sets that logger to FINE, as bench/spark-cluster.sh does).
cat > "$home/conf/log4j2.properties" <<'CONF'
rootLogger.level = warn
rootLogger.appenderRef.stderr.ref = console
appender.console.type = Console
appender.console.name = console
appender.console.target = SYSTEM_ERR
appender.console.layout.type = PatternLayout
appender.console.layout.pattern = %d{HH:mm:ss.SSS} %p %c{1}: %m%n%ex
logger.hadoop.name = org.apache.hadoop
logger.hadoop.level = error
logger.parquet.name = org.apache.parquet
logger.parquet.level = error
logger.jetty.name = org.sparkproject.jetty
logger.jetty.level = error
logger.utils.name = org.apache.spark.util.Utils
logger.utils.level = error
logger.nativeio.name = org.apache.hadoop.util.NativeCodeLoader
logger.nativeio.level = error
logger.imbytesnative.name = dev.imbytes.internal.nativelib.NativeLibrary
logger.imbytesnative.level = debug
CONF
echo "$home"
