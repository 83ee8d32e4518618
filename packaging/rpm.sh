#!/usr/bin/env bash
# Makes the .rpm again with rpmbuild and packaging/steady.spec, from the files Tauri's bundler
# put in its own .rpm: Tauri's has no packager, group, build host or changelog tag and does
# not mark the man page and the licence, which rpmlint reports as errors. Leaves
# BUNDLE_DIR/rpm/steady-VERSION-1.x86_64.rpm in place of Tauri's Steady-VERSION-1.x86_64.rpm.
# With STEADY_RPM_GPG_NAME set (a key in your GnuPG keyring), signs it with rpmsign.
#
# Usage: packaging/rpm.sh [BUNDLE_DIR]
set -euo pipefail
cd "$(dirname "$0")/.."

bundle=$(realpath "${1:-${CARGO_TARGET_DIR:-target}/release/bundle}")
version=$(sed -n 's/^version = "\(.*\)"$/\1/p' Cargo.toml | head -1)
tauri_rpm=$bundle/rpm/Steady-${version}-1.x86_64.rpm
[ -f "$tauri_rpm" ] || { echo "No $tauri_rpm: Tauri's bundler did not make it"; exit 1; }

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/payload" "$work/top"
# Debian's rpm2cpio exits 1 on the bundler's .rpm yet writes the whole payload; rpmbuild's
# %files below fails if anything is missing.
(cd "$work/payload" && { rpm2cpio "$tauri_rpm" || true; } | cpio -idm --quiet)
rpmbuild -bb packaging/steady.spec --quiet \
  --define "_topdir $work/top" --define "payload $work/payload" --define "steady_version $version" \
  --define "_rpmdir $bundle/rpm" --define '_build_name_fmt %%{NAME}-%%{VERSION}-%%{RELEASE}.%%{ARCH}.rpm'
rm -f "$tauri_rpm"
rpm=$bundle/rpm/steady-${version}-1.x86_64.rpm
if [ -n "${STEADY_RPM_GPG_NAME:-}" ]; then
  # Debian's rpm looks for gpg2 by default.
  rpmsign --addsign --define "__gpg $(command -v gpg)" --define "_gpg_name $STEADY_RPM_GPG_NAME" "$rpm"
fi
echo "Made $rpm ($(du -h "$rpm" | cut -f1))"
