#!/usr/bin/env bash
# Runs one example against the installed engine:  examples/run.sh toy | breast-cancer | cnn [ARGS]
# Install the engine first, once, from the repository root:  mvn -q install -DskipTests -pl engine -am
# Extra Maven options (e.g. -Dmaven.repo.local=DIR) go in EXAMPLES_MAVEN_OPTS.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
case "${1:-}" in
  toy) main=Toy ;;
  breast-cancer) main=BreastCancer ;;
  cnn) main=ShapesCnn ;;
  *) echo "usage: $0 toy|breast-cancer|cnn [ARGS]" >&2; exit 2 ;;
esac
shift
exec mvn -q -B -f "$here/pom.xml" ${EXAMPLES_MAVEN_OPTS:-} compile exec:exec \
  -Dexample.main="org.jgrad.examples.$main" -Dexample.args="$*"
