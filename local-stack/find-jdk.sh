#!/usr/bin/env bash
# Prints the home of a JDK whose feature version is at least the one OrderFlow is built for (25), looking where the
# build's toolchain discovery looks: JAVA_HOME, the `java` on the path, then the usual install locations. Exits 1 with
# one line saying what to install when there is none.
set -uo pipefail
required=25

feature_version() { # the feature version of the JDK at $1, from its `release` file; nothing for a JRE or no JDK
  [ -x "$1/bin/javac" ] && [ -f "$1/release" ] || return 0
  sed -n 's/^JAVA_VERSION="\([0-9]*\).*/\1/p' "$1/release"
}

candidates=()
[ -n "${JAVA_HOME:-}" ] && candidates+=("$JAVA_HOME")
if command -v java >/dev/null 2>&1; then
  candidates+=("$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")")
fi
for dir in /usr/lib/jvm/* /usr/java/* /opt/java/* /opt/jdk* "$HOME"/.sdkman/candidates/java/* "$HOME"/.jdks/* \
           /Library/Java/JavaVirtualMachines/*/Contents/Home; do
  [ -d "$dir" ] && candidates+=("$dir")
done

for home in "${candidates[@]}"; do
  version=$(feature_version "$home")
  if [ -n "$version" ] && [ "$version" -ge "$required" ]; then
    echo "$home"
    exit 0
  fi
done
echo "OrderFlow needs a JDK $required or newer (e.g. Eclipse Temurin $required): none in JAVA_HOME, on the path or under /usr/lib/jvm, /opt/java, ~/.sdkman, ~/.jdks; install one or set JAVA_HOME to it." >&2
exit 1
