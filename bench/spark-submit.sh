#!/usr/bin/env bash
# Spark's bin/spark-submit for a Spark home that bench/spark-home.sh assembles from Maven: Spark's
# own launcher (org.apache.spark.launcher.Main) builds the driver's java command, with the JVM
# options that Spark version needs on this Java (Spark 3.5 needs its --add-opens on Java 17), and
# that command runs org.apache.spark.deploy.SparkSubmit with the arguments given here.
#
#   bench/spark-submit.sh VERSION [spark-submit arguments ...]
#   e.g. bench/spark-submit.sh 3.5.9 --master 'local[2]' --class dev.imbytes.spark.ThumbnailJob \
#          target/imbytes.jar native-test-images /tmp/thumbs.parquet
#
# Extra driver JVM options: SPARK_SUBMIT_OPTS, or --driver-java-options.
set -euo pipefail
version="${1:?usage: spark-submit.sh VERSION [spark-submit arguments ...]}"
shift
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
done < <("$java" -Xmx128m -cp "$home/jars/*" org.apache.spark.launcher.Main org.apache.spark.deploy.SparkSubmit "$@")
if ((${#command[@]} == 0)); then
    echo "spark-submit.sh: Spark's launcher gave no command" >&2
    exit 1
fi
exec "${command[@]}"
