#!/usr/bin/env bash
# Spark's bin/spark-class for a Spark home that bench/spark-home.sh assembles from Maven: Spark's
# own launcher (org.apache.spark.launcher.Main) builds the java command for CLASS, with the JVM
# options that this Spark version needs on this Java (Spark 3.5 needs its --add-opens on Java 17)
# and the class path SPARK_HOME/conf + SPARK_HOME/jars, and runs it.
#
#   bench/spark-class.sh VERSION CLASS [arguments ...]
#   e.g. spark-submit:
#   bench/spark-class.sh 3.5.9 org.apache.spark.deploy.SparkSubmit --master 'local[2]' \
#       --class dev.imbytes.spark.ThumbnailJob target/imbytes.jar native-test-images /tmp/thumbs.parquet
#
# The launcher reads Spark's usual variables: SPARK_SUBMIT_OPTS (driver JVM options),
# SPARK_DAEMON_MEMORY and SPARK_DAEMON_JAVA_OPTS (Master, Worker), SPARK_LOCAL_IP, ...
set -euo pipefail
version="${1:?usage: spark-class.sh VERSION CLASS [arguments ...]}"
class="${2:?usage: spark-class.sh VERSION CLASS [arguments ...]}"
shift 2
home="$("$(dirname "$0")/spark-home.sh" "$version")"
export SPARK_HOME="$home" SPARK_SCALA_VERSION=2.13
java="${JAVA_HOME:+$JAVA_HOME/bin/}java"
# The launcher prints its own messages (usage, errors), then NUL and a newline, then the command's
# words, each ended by NUL (what bin/spark-class reads).
command=()
messages=1
while IFS= read -r -d '' word; do
    if ((messages)); then
        messages=0
        [[ -n "$word" ]] && printf '%s\n' "$word" >&2
        continue
    fi
    command+=("${word#$'\n'}")
done < <("$java" -Xmx128m -cp "$home/jars/*" org.apache.spark.launcher.Main "$class" "$@")
if ((${#command[@]} == 0)); then
    echo "spark-class.sh: Spark's launcher gave no command" >&2
    exit 1
fi
exec "${command[@]}"
