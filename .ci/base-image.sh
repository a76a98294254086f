#!/usr/bin/env bash
# Builds a Java 17 JRE base image without a registry, for Jib's -Djib.from.image=tar://<path>.
#
# Usage: .ci/base-image.sh [OUTPUT.tar]   (needs root and mmdebstrap; prints OUTPUT's path when done)
#
# Contract: OUTPUT is an image tarball in the Docker archive layout (manifest.json, a config, one layer): a Debian
# bookworm root filesystem with openjdk-17-jre-headless and ca-certificates, `java` on the PATH like the default
# base (eclipse-temurin:17-jre). It has no user of its own: the image runs as the numeric user Jib sets, which the
# default base does not know either. An OUTPUT that exists and was made by this very script in the same ISO week
# is reused, so a rerun costs nothing; edit the script, or wait for the next week, and the next run rebuilds, picking
# up bookworm-security's updates (the JRE's among them).
set -euo pipefail

cache="${XDG_CACHE_HOME:-$HOME/.cache}/fluent-kafka-worker"
key="$(sha256sum "$0" | cut -c1-12)-$(date -u +%G-W%V)"
out="${1:-$cache/base-jre17-$key.tar}"
if [ -s "$out" ] && [ "$(cat "$out.script" 2>/dev/null)" = "$key" ]; then
  echo "$out"
  exit 0
fi

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
mkdir -p "$(dirname "$out")" "$work/image"

# The essential variant has no apt in the result. Docs, man pages and locales are left out (about 40 MB); the man1
# directory must exist anyway, or update-alternatives fails while OpenJDK installs. bookworm-security carries the
# JRE's security updates.
mmdebstrap --variant=essential --include=openjdk-17-jre-headless,ca-certificates \
  --dpkgopt='path-exclude=/usr/share/doc/*' --dpkgopt='path-exclude=/usr/share/man/*' \
  --dpkgopt='path-exclude=/usr/share/locale/*' --dpkgopt='path-include=/usr/share/doc/*/copyright' \
  --setup-hook='mkdir -p "$1/usr/share/man/man1"' \
  --customize-hook='rm -rf "$1"/var/cache/apt/* "$1"/var/lib/apt/lists/* "$1"/var/log/*' \
  bookworm "$work/image/layer.tar" \
  "deb http://deb.debian.org/debian bookworm main" \
  "deb http://deb.debian.org/debian-security bookworm-security main" >&2

# The Docker archive layout that Jib reads: the config names the layer by the sha256 of its uncompressed tar.
diff_id="sha256:$(sha256sum "$work/image/layer.tar" | cut -d' ' -f1)"
arch="$(dpkg --print-architecture)"
cat > "$work/image/config.json" <<EOF
{"architecture":"$arch","os":"linux","config":{"Env":["PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin","JAVA_HOME=/usr/lib/jvm/java-17-openjdk-$arch","LANG=C.UTF-8"]},"rootfs":{"type":"layers","diff_ids":["$diff_id"]}}
EOF
cat > "$work/image/manifest.json" <<EOF
[{"Config":"config.json","RepoTags":["fluent-kafka-worker-base:jre17"],"Layers":["layer.tar"]}]
EOF
tar -C "$work/image" -cf "$out.partial" manifest.json config.json layer.tar
mv "$out.partial" "$out"
echo "$key" > "$out.script"
# the default location keeps only the newest base: older weeks' and scripts' are stale
if [ $# -eq 0 ]; then
  for old in "$cache"/base-jre17-*.tar; do
    [ "$old" = "$out" ] || rm -f "$old" "$old.script"
  done
fi
echo "$out"
