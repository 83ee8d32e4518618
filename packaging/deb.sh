#!/usr/bin/env bash
# Packs Tauri's .deb again with xz instead of gzip (dpkg-deb -Zxz, as Debian's own packages
# are): the same files, control and maintainer scripts, a quarter smaller to download.
#
# Usage: packaging/deb.sh [BUNDLE_DIR]
set -euo pipefail
cd "$(dirname "$0")/.."

bundle=$(realpath "${1:-${CARGO_TARGET_DIR:-target}/release/bundle}")
version=$(sed -n 's/^version = "\(.*\)"$/\1/p' Cargo.toml | head -1)
deb=$bundle/deb/Steady_${version}_amd64.deb
[ -f "$deb" ] || { echo "No $deb: Tauri's bundler did not make it"; exit 1; }

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
dpkg-deb -R "$deb" "$work/root"
dpkg-deb --root-owner-group -Zxz -z9 -b "$work/root" "$work/steady.deb" >/dev/null
mv "$work/steady.deb" "$deb"
echo "Repacked with xz: $deb ($(du -h "$deb" | cut -f1))"
