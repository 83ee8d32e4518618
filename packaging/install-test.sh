#!/usr/bin/env bash
# The .deb as an owner gets it, in a throw-away Debian 12 made by debootstrap: install it
# with apt (which brings its dependencies), `steady --version`, start Steady from its desktop
# entry's Exec line under Xvfb and see its window, upgrade to a higher version, check the
# plan, its backups and the start-at-login entry are still there and still work, remove it,
# check the data is left. Run by `make install-test` (root, and Debian's package mirror).
#
# Usage: packaging/install-test.sh [BUNDLE_DIR]
# STEADY_INSTALL_TEST_DIR (default /var/tmp/steady-install-test) keeps a pristine Debian
# between runs (about 250 MB); each run works on a fresh overlay of it (about 500 MB more). Screenshots of the
# window are left in it (before-upgrade.png, after-upgrade.png, outage-action.png).
set -euo pipefail
cd "$(dirname "$0")/.."

[ "$(id -u)" = 0 ] || { echo "install-test.sh needs root (chroot, mounts, apt)"; exit 1; }

bundle=${1:-${CARGO_TARGET_DIR:-target}/release/bundle}
version=$(sed -n 's/^version = "\(.*\)"$/\1/p' Cargo.toml | head -1)
deb=$(realpath "$bundle/deb/Steady_${version}_amd64.deb")
[ -f "$deb" ] || { echo "No $deb: run make package first"; exit 1; }

work=${STEADY_INSTALL_TEST_DIR:-/var/tmp/steady-install-test}
base=$work/base
root=$work/root
owner=owner
home=/home/$owner
data=$home/.local/share/app.steady.desktop
mkdir -p "$work"

failures=()
pass() { echo "  ok: $*"; }
fail() { echo "  FAILED: $*"; failures+=("$*"); }

# The same Debian mirror the host's apt uses (debootstrap's own default otherwise).
mirror=$(grep -hoE '^(deb|URIs:)[[:space:]]+[^[:space:]]+' /etc/apt/sources.list /etc/apt/sources.list.d/*.list \
  /etc/apt/sources.list.d/*.sources 2>/dev/null | awk '{print $2}' | grep -v -e security -e '^\[' | head -1 || true)

mounted() { grep -E " $root(/| )" /proc/mounts | awk '{print $2}' | sort -r; }
unmount_all() {
  for m in $(mounted); do umount -l "$m" 2>/dev/null || true; done
}
in_root() { chroot "$root" env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin LANG=C.UTF-8 "$@"; }
as_owner() {
  chroot --userspec=$owner:$owner "$root" env -i PATH=/usr/bin:/bin HOME=$home USER=$owner \
    LANG=C.UTF-8 XDG_RUNTIME_DIR=/tmp/runtime-$owner "$@"
}

app_pid=""; xvfb_pid=""
backups() { { find "$root$data/backups" -maxdepth 1 -type f 2>/dev/null || true; } | wc -l; }
stop_app() {
  if [ -n "$app_pid" ]; then
    kill -TERM -- "-$app_pid" 2>/dev/null || true
    for _ in $(seq 50); do kill -0 "$app_pid" 2>/dev/null || break; sleep 0.1; done
    kill -KILL -- "-$app_pid" 2>/dev/null || true
    wait "$app_pid" 2>/dev/null || true
    app_pid=""
  fi
}
cleanup() {
  stop_app
  if [ -n "$xvfb_pid" ]; then kill "$xvfb_pid" 2>/dev/null || true; wait "$xvfb_pid" 2>/dev/null || true; fi
  unmount_all
}
trap cleanup EXIT
trap 'echo "install-test.sh: stopped at line $LINENO: $BASH_COMMAND"' ERR

echo "== A minimal Debian 12 (debootstrap bookworm, from ${mirror:-the default mirror})"
if [ ! -x "$base/usr/bin/Xvfb" ]; then
  rm -rf "$base"
  debootstrap --variant=minbase bookworm "$base" ${mirror:+"$mirror"}
  cp /etc/resolv.conf "$base/etc/resolv.conf"
  # What the test itself needs in there: a display, a session bus, a window finder, a
  # screen grabber and the SQLite shell. Not Steady's dependencies: apt brings those.
  chroot "$base" env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin DEBIAN_FRONTEND=noninteractive sh -c \
    'apt-get update -q && apt-get install -y -q --no-install-recommends xvfb xauth xdotool dbus dbus-x11 x11-apps sqlite3 procps'
  chroot "$base" useradd -m -s /bin/sh $owner
  chroot "$base" apt-get clean
fi
unmount_all
rm -rf "$root" "$work/upper" "$work/overlay-work"
# Each run on a fresh layer over the pristine Debian (a full copy where overlayfs is missing).
mkdir -p "$root" "$work/upper" "$work/overlay-work"
mount -t overlay overlay -o "lowerdir=$base,upperdir=$work/upper,workdir=$work/overlay-work" "$root" 2>/dev/null ||
  { rmdir "$root" && cp -a "$base" "$root"; }
cp /etc/resolv.conf "$root/etc/resolv.conf"
mount -t proc proc "$root/proc"
mount --rbind /sys "$root/sys"
mount --make-rslave "$root/sys"
mount --rbind /dev "$root/dev"
mount --make-rslave "$root/dev"
mkdir -p "$root/tmp/runtime-$owner" && chmod 1777 "$root/tmp" && chroot "$root" chown $owner:$owner /tmp/runtime-$owner
chmod 700 "$root/tmp/runtime-$owner"
echo "  $(in_root cat /etc/debian_version) in $root"

# Starts the program of the desktop entry's Exec line (of group $2, the main one by default;
# field codes dropped) as the owner on a virtual display and waits for its window; leaves a
# screenshot in $work/$1.png.
start_from_desktop_entry() {
  local shot=$1 group=${2:-Desktop Entry} exec_line
  exec_line=$(awk -v want="[$group]" '/^\[/{g=$0} g==want && /^Exec=/{sub(/^Exec=/,""); print; exit}' \
    "$root/usr/share/applications/Steady.desktop" | sed 's/ *%[fFuUick]//g')
  echo "  Exec line: $exec_line"
  setsid chroot --userspec=$owner:$owner "$root" env -i PATH=/usr/bin:/bin HOME=$home USER=$owner \
    LANG=C.UTF-8 XDG_RUNTIME_DIR=/tmp/runtime-$owner DISPLAY=:42 \
    dbus-run-session -- sh -c "exec $exec_line" > "$work/$shot.log" 2>&1 &
  app_pid=$!
  local window=""
  for _ in $(seq 120); do
    window=$(as_owner env DISPLAY=:42 xdotool search --onlyvisible --name '^Steady$' 2>/dev/null | head -1 || true)
    [ -n "$window" ] && break
    kill -0 "$app_pid" 2>/dev/null || break
    sleep 0.5
  done
  if [ -n "$window" ]; then
    sleep 4 # let the page draw before the screenshot
    if kill -0 "$app_pid" 2>/dev/null; then
      pass "its window \"Steady\" is on the screen (X window $window) and the app is running"
    else
      fail "the window appeared, then Steady stopped (see $work/$shot.log)"
    fi
    as_owner env DISPLAY=:42 xwd -root -silent > "$work/$shot.xwd" &&
      { convert "$work/$shot.xwd" "$work/$shot.png" 2>/dev/null && rm -f "$work/$shot.xwd" &&
        echo "  screenshot: $work/$shot.png"; } || true
  else
    fail "no Steady window within a minute (see $work/$shot.log)"
  fi
  stop_app
  # Steady says on its standard error what it could not do with its data (the window then
  # shows its own screen for it); no desktop notification service in here is no problem.
  if grep '^Steady could not' "$work/$shot.log"; then
    fail "Steady could not work with its data (above; see $work/$shot.png)"
  fi
}

echo "== A display for Steady (Xvfb :42)"
setsid chroot "$root" Xvfb :42 -screen 0 1280x800x24 -nolisten tcp > "$work/xvfb.log" 2>&1 &
xvfb_pid=$!
for _ in $(seq 50); do [ -e "$root/tmp/.X11-unix/X42" ] && break; sleep 0.2; done
[ -e "$root/tmp/.X11-unix/X42" ] && pass "Xvfb is up" || fail "Xvfb did not start (see $work/xvfb.log)"

echo "== Install $(basename "$deb") with apt-get (it brings the dependencies)"
cp "$deb" "$root/tmp/"
if in_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "/tmp/$(basename "$deb")" > "$work/install.log" 2>&1; then
  pass "installed: $(in_root dpkg-query -W -f '${Package} ${Version} (${Status})' steady)"
else
  tail -20 "$work/install.log"; echo "FAILED: apt-get could not install the .deb"; exit 1
fi
for f in /usr/bin/steady /usr/share/applications/Steady.desktop /usr/share/metainfo/app.steady.desktop.metainfo.xml \
  /usr/share/man/man1/steady.1.gz /usr/share/doc/steady/copyright /usr/share/icons/hicolor/512x512/apps/steady.png; do
  [ -e "$root$f" ] && pass "$f" || fail "no $f after installing"
done

echo "== steady --version"
if out=$(as_owner timeout 20 steady --version 2>&1) && echo "$out" | grep -q "$version"; then
  pass "steady --version: $out"
else
  fail "steady --version did not print $version (it printed: ${out:-nothing})"
fi

echo "== Start Steady from its desktop entry, as the owner would"
# The owner once ticked "start Steady when I log in", from a copy that is gone since: Steady
# points the entry at the installed program when it starts.
mkdir -p "$root$home/.config/autostart"
printf '[Desktop Entry]\nType=Application\nName=Steady\nExec="/opt/gone/steady" --background\nIcon=steady\nTerminal=false\nNoDisplay=true\nX-GNOME-Autostart-enabled=true\n' \
  > "$root$home/.config/autostart/steady.desktop"
chroot "$root" chown -R $owner:$owner $home/.config
start_from_desktop_entry before-upgrade
[ -f "$root$data/steady.sqlite3" ] && pass "it made its data file $data/steady.sqlite3" ||
  fail "no $data/steady.sqlite3 after the first start"
grep -qx 'Exec="/usr/bin/steady" --background' "$root$home/.config/autostart/steady.desktop" &&
  pass "the start-at-login entry now runs /usr/bin/steady --background" ||
  fail "the start-at-login entry was not pointed at /usr/bin/steady: $(grep ^Exec "$root$home/.config/autostart/steady.desktop")"

# A plan to keep: the business, as the first run's form writes it.
as_owner sqlite3 "$data/steady.sqlite3" "INSERT INTO business (id, name, business_type, language, country, created_at, updated_at)
  VALUES (1, 'Install Test Café', 'cafe_restaurant', 'en', 'fr', '2026-12-05T12:00:00Z', '2026-12-05T12:00:00Z')"
before=$(as_owner sqlite3 "$data/steady.sqlite3" 'SELECT name FROM business')
backups_before=$(backups)
echo "  the plan: business \"$before\", $backups_before backup(s)"

echo "== Upgrade to a higher version"
new_version="$version.1"
rebuild=$work/upgrade
rm -rf "$rebuild" && mkdir -p "$rebuild"
dpkg-deb -R "$deb" "$rebuild/pkg"
sed -i "s/^Version: .*/Version: $new_version/" "$rebuild/pkg/DEBIAN/control"
dpkg-deb --root-owner-group -Zgzip -b "$rebuild/pkg" "$rebuild/steady_${new_version}_amd64.deb" > /dev/null
cp "$rebuild/steady_${new_version}_amd64.deb" "$root/tmp/"
if in_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -q "/tmp/steady_${new_version}_amd64.deb" > "$work/upgrade.log" 2>&1 &&
  grep -q "Unpacking steady ($new_version) over ($version)" "$work/upgrade.log"; then
  pass "upgraded: $(in_root dpkg-query -W -f '${Package} ${Version}' steady)"
else
  tail -20 "$work/upgrade.log"; fail "apt-get did not upgrade $version to $new_version"
fi
after=$(as_owner sqlite3 "$data/steady.sqlite3" 'SELECT name FROM business' 2>&1 || true)
[ "$after" = "$before" ] && pass "the plan is still there: business \"$after\"" ||
  fail "the plan changed across the upgrade: \"$before\" became \"$after\""
grep -qx 'Exec="/usr/bin/steady" --background' "$root$home/.config/autostart/steady.desktop" &&
  [ -x "$root/usr/bin/steady" ] && pass "the start-at-login entry still runs /usr/bin/steady, which is there" ||
  fail "the start-at-login entry no longer starts the installed Steady"
start_from_desktop_entry after-upgrade
after=$(as_owner sqlite3 "$data/steady.sqlite3" 'SELECT name FROM business' 2>&1 || true)
[ "$after" = "$before" ] && pass "the upgraded Steady opened the same plan: business \"$after\"" ||
  fail "after the upgraded Steady ran, the business is \"$after\""
backups_after=$(backups)
[ "$backups_after" -ge "$backups_before" ] && [ "$backups_after" -gt 0 ] &&
  pass "backups kept: $backups_after in $data/backups" || fail "backups went from $backups_before to $backups_after"

echo "== The launcher's \"Something's down\" action"
start_from_desktop_entry outage-action "Desktop Action outage"

echo "== apt-get remove steady"
if in_root env DEBIAN_FRONTEND=noninteractive apt-get remove -y -q steady > "$work/remove.log" 2>&1; then
  [ ! -e "$root/usr/bin/steady" ] && pass "removed: /usr/bin/steady is gone" || fail "/usr/bin/steady is still there"
else
  tail -20 "$work/remove.log"; fail "apt-get remove failed"
fi
[ -f "$root$data/steady.sqlite3" ] && [ "$(as_owner sqlite3 "$data/steady.sqlite3" 'SELECT name FROM business')" = "$before" ] &&
  pass "the data is left: $data/steady.sqlite3 with business \"$before\", $(backups) backup(s)" ||
  fail "removing the package touched the data"
[ -f "$root$home/.config/autostart/steady.desktop" ] && pass "the start-at-login entry is left (docs/packaging.md says how to remove it)" ||
  fail "the start-at-login entry went with the package"

echo
if [ ${#failures[@]} -gt 0 ]; then
  echo "Install test: ${#failures[@]} FAILED"
  printf '  - %s\n' "${failures[@]}"
  exit 1
fi
echo "Install test: passed (install, --version, window from the desktop entry, upgrade $version -> $new_version, remove)"
