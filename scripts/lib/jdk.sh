#!/usr/bin/env bash
# Picks a JDK of version 21 or newer and exports JAVA_HOME and PATH for it.
#
# Sourced by the other scripts (`. scripts/lib/jdk.sh`). Order of preference:
#   1. an explicit JAVA_HOME, if it is a JDK 21 or newer;
#   2. otherwise the newest JDK >= 21 among the usual install places: /usr/lib/jvm/*, /opt/java/*,
#      /opt/jdk*, ~/.sdkman/candidates/java/*, ~/.jdks/*,
#      /Library/Java/JavaVirtualMachines/*/Contents/Home and the `java` on PATH.
# Says on stderr which one it uses. If there is none, says what to install and exits 1.
# Run directly (scripts/lib/jdk.sh), it prints the chosen JAVA_HOME on stdout.
set -euo pipefail

WANGGE_MIN_JAVA=21

# Prints the version string of the JDK in $1 ("25.0.1", "21", "17.0.15", "1.8.0_392");
# fails if $1 is not a JDK (no bin/java and bin/javac, or `java -version` says nothing useful).
_wangge_jdk_version() {
  [[ -x "$1/bin/java" && -x "$1/bin/javac" ]] || return 1
  local out
  out=$("$1/bin/java" -version 2>&1) || return 1
  # First line with `version "..."`: skips e.g. "Picked up JAVA_TOOL_OPTIONS: ...".
  out=$(printf '%s\n' "$out" | awk -F'"' '/ version "/ { print $2; exit }')
  [[ -n "$out" ]] || return 1
  printf '%s\n' "$out"
}

# Prints a number that orders versions: major, minor, patch, build ("1.8.0_392" is major 8).
_wangge_jdk_rank() {
  local v=$1 major minor patch build
  v=${v#1.}                    # 1.8.0_392 -> 8.0_392; 17.0.15 is left alone
  v=${v//[_+-]/.}              # 8.0_392 -> 8.0.392; 21.0.5+11 -> 21.0.5.11; 21-ea -> 21.ea
  IFS=. read -r major minor patch build _ <<<"$v." || true
  major=${major%%[!0-9]*} minor=${minor%%[!0-9]*} patch=${patch%%[!0-9]*} build=${build%%[!0-9]*}
  # 10# avoids reading "08" as octal; each field is capped so it cannot spill into the next one.
  major=$((10#${major:-0})) minor=$((10#${minor:-0})) patch=$((10#${patch:-0})) build=$((10#${build:-0}))
  ((minor > 9999)) && minor=9999
  ((patch > 9999)) && patch=9999
  ((build > 9999)) && build=9999
  printf '%s\n' "$((major * 1000000000000 + minor * 100000000 + patch * 10000 + build))"
}

_wangge_jdk_major() {
  echo $(($(_wangge_jdk_rank "$1") / 1000000000000))
}

_wangge_find_jdk() {
  local dir version rank java seen=$'\n' best_dir='' best_version='' best_rank=-1
  local -a candidates=()

  if [[ -n "${JAVA_HOME:-}" ]]; then
    if version=$(_wangge_jdk_version "$JAVA_HOME"); then
      if (($(_wangge_jdk_major "$version") >= WANGGE_MIN_JAVA)); then
        _WANGGE_JDK_DIR=$JAVA_HOME _WANGGE_JDK_VERSION=$version
        return 0
      fi
      echo "JAVA_HOME=$JAVA_HOME is JDK $version, older than $WANGGE_MIN_JAVA; looking for a newer JDK." >&2
    else
      echo "JAVA_HOME=$JAVA_HOME is not a JDK (no working bin/java and bin/javac); looking elsewhere." >&2
    fi
  fi

  local home=${HOME:-/nonexistent}
  # Unmatched globs stay literal and are skipped below by the bin/java test.
  candidates+=(/usr/lib/jvm/* /opt/java/* /opt/jdk* "$home"/.sdkman/candidates/java/* "$home"/.jdks/*)
  candidates+=(/Library/Java/JavaVirtualMachines/*/Contents/Home)
  if java=$(command -v java 2>/dev/null); then
    # /usr/bin/java -> /etc/alternatives/java -> /usr/lib/jvm/<jdk>/bin/java
    java=$(readlink -f "$java" 2>/dev/null || printf '%s\n' "$java")
    candidates+=("$(dirname "$(dirname "$java")")")
  fi

  for dir in "${candidates[@]}"; do
    [[ -x "$dir/bin/java" ]] || continue
    dir=$(cd "$dir" && pwd -P) || continue # one entry per real directory (symlinked aliases)
    case "$seen" in *$'\n'"$dir"$'\n'*) continue ;; esac
    seen+="$dir"$'\n'
    version=$(_wangge_jdk_version "$dir") || continue
    rank=$(_wangge_jdk_rank "$version")
    ((rank / 1000000000000 >= WANGGE_MIN_JAVA)) || continue
    if ((rank > best_rank)); then
      best_dir=$dir best_version=$version best_rank=$rank
    fi
  done

  [[ -n "$best_dir" ]] || return 1
  _WANGGE_JDK_DIR=$best_dir _WANGGE_JDK_VERSION=$best_version
}

if ! _wangge_find_jdk; then
  {
    echo "No JDK $WANGGE_MIN_JAVA or newer found. Install one, e.g. \`sudo apt-get install openjdk-$WANGGE_MIN_JAVA-jdk\`"
    echo "(Ubuntu 24.04, Debian 13; Debian 12 has no such package) or Temurin $WANGGE_MIN_JAVA from https://adoptium.net"
    echo "(apt repository: package temurin-$WANGGE_MIN_JAVA-jdk; macOS: \`brew install --cask temurin@$WANGGE_MIN_JAVA\`),"
    echo "or set JAVA_HOME to it."
  } >&2
  exit 1
fi

export JAVA_HOME=$_WANGGE_JDK_DIR
export PATH="$JAVA_HOME/bin:$PATH"
echo "Using JDK $_WANGGE_JDK_VERSION at $JAVA_HOME" >&2
# JDK 24+ warns at every Maven start that Maven's Guice uses sun.misc.Unsafe; the option that
# silences it (JDK 23+) is unknown to older JDKs, so it is added here rather than in .mvn/jvm.config.
if (($(_wangge_jdk_major "$_WANGGE_JDK_VERSION") >= 24)) && [[ "${MAVEN_OPTS:-}" != *sun-misc-unsafe-memory-access* ]]; then
  export MAVEN_OPTS="${MAVEN_OPTS:+$MAVEN_OPTS }--sun-misc-unsafe-memory-access=allow"
fi
unset -f _wangge_jdk_version _wangge_jdk_rank _wangge_jdk_major _wangge_find_jdk
unset _WANGGE_JDK_DIR _WANGGE_JDK_VERSION

if [[ "${BASH_SOURCE[0]}" == "$0" ]]; then
  printf '%s\n' "$JAVA_HOME"
fi
