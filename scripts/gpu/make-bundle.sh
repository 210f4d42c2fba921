#!/usr/bin/env bash
# Packs what the GPU machine needs (it has no Java, no Maven, no network) into one folder:
#   scripts/gpu/make-bundle.sh [OUT_DIR]        (default: .gpu in the repository root)
# OUT_DIR/jre.tar.xz   a jlink runtime of this machine's JDK 17
# OUT_DIR/jgrad-gpu.jar the engine and cuda modules' classes and test classes with their dependencies
#                       (JCuda natives for the driver, runtime, cuDNN and cuBLAS; not the 24 MB PTX compiler)
# OUT_DIR/junit.jar    junit-platform-console-standalone, to run the JUnit tests there
# OUT_DIR/jgrad.jar    the app (train, predict, info ...), for the end-to-end part of the check
# OUT_DIR/benchmarks.jar the JMH benchmarks (GpuVsCpuBenchmark), runnable without Maven
# OUT_DIR/*.sh, *.py   the check script and the PyTorch reference script
# Keep OUT_DIR out of git (.git/info/exclude) and under 64 MiB.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
out="${1:-$root/.gpu}"
mkdir -p "$out"
out="$(cd "$out" && pwd)"
cd "$root"
mvn -B -q -pl app,benchmarks,cuda -am package -DskipTests
cp app/target/jgrad.jar benchmarks/target/benchmarks.jar "$out/"
# The cuda module's test class path (JCuda, Jackson, JUnit); with -am the engine comes from the reactor.
mvn -B -q -pl cuda -am dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile="$out/cp.txt"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/fat"
IFS=: read -ra jars < "$out/cp.txt" || true   # the file has no final newline
for j in "${jars[@]}"; do
  case "$j" in
    *junit*|*opentest4j*|*apiguardian*) continue ;;   # the console launcher brings JUnit
    */org/jgrad/*) continue ;;                         # jgrad's own classes come from this tree, below
  esac
  (cd "$work/fat" && unzip -q -o "$j" -x 'META-INF/*.SF' 'META-INF/*.RSA' 'META-INF/*.DSA' 'META-INF/MANIFEST.MF' \
      'lib/libJNvPTXCompiler*' 'lib/libJNvrtc*' 'module-info.class' 'META-INF/versions/*/module-info.class')
done
for module in engine cuda; do
  cp -r "$module/target/classes/." "$module/target/test-classes/." "$work/fat/"
done
rm -f "$out/jgrad-gpu.jar"
(cd "$work/fat" && jar --create --file "$out/jgrad-gpu.jar" .)
# The JUnit console of the project's JUnit (Jupiter 5.x.y goes with Platform 1.x.y); Maven fetches it if needed.
jupiter="$(sed -n 's:.*<junit.version>\(.*\)</junit.version>.*:\1:p' pom.xml)"
mvn -B -q dependency:copy -Dartifact="org.junit.platform:junit-platform-console-standalone:1.${jupiter#5.}" \
    -DoutputDirectory="$work/console" -Dmdep.stripVersion=true
cp "$work/console/junit-platform-console-standalone.jar" "$out/junit.jar"
if [[ ! -f "$out/jre.tar.xz" ]]; then
  jdk="$(dirname "$(dirname "$(readlink -f "$(command -v javac)")")")"
  "$jdk/bin/jlink" --add-modules java.base,java.logging,java.management,jdk.unsupported,jdk.incubator.vector,java.desktop,java.xml,jdk.zipfs \
      --strip-debug --no-header-files --no-man-pages --compress=2 --output "$work/jre"
  tar -C "$work" -cJf "$out/jre.tar.xz" jre
fi
cp scripts/gpu/check.sh scripts/gpu/torch_reference.py "$out/"
rm -f "$out/cp.txt"
du -sh "$out"/*
total=$(du -sb "$out" | cut -f1)
if (( total > 64 * 1048576 )); then
  echo "make-bundle: $out is $((total / 1048576)) MiB, over the 64 MiB the device tool carries" >&2
  exit 1
fi
echo "bundle ready in $out; on the GPU machine run: bash $(basename "$out")/check.sh"
