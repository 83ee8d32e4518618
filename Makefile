# Steady: `make run` builds and opens the app; `make test` runs every check and test.
# Both install what is missing first (Debian/Ubuntu packages, npm packages, tauri-driver),
# and do nothing for what is already there.

SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
.DEFAULT_GOAL := help

SUDO := $(if $(filter 0,$(shell id -u)),,sudo)
CARGO ?= cargo
TAURI_DRIVER_VERSION := 2.1.0

# What building and running the app needs.
RUN_PACKAGES := build-essential pkg-config curl wget file libssl-dev libwebkit2gtk-4.1-dev \
	libxdo-dev libayatana-appindicator3-dev librsvg2-dev
# What the end-to-end tests add: a virtual display, a session bus, WebKit's WebDriver, and
# tools to read the PDFs the app writes (poppler), to answer the system dialogs (xdotool) and
# to trace the network calls of the app (strace); a real French locale, so GTK speaks French
# where a test asks it to (locales); a QR code reader for the codes on screen and on paper
# (zbar-tools); UPower and NetworkManager played on a stand-in system bus (python3-dbusmock);
# and two real Syncthing instances on loopback carrying a shared plan (syncthing).
TEST_PACKAGES := xvfb xauth dbus dbus-x11 webkit2gtk-driver poppler-utils xdotool strace locales \
	zbar-tools python3-dbusmock syncthing

# What `make package` adds: the distributions' own checkers (lintian for the .deb, rpmlint
# and rpm for the .rpm, appstreamcli for the software-centre metadata, desktop-file-validate
# for the launcher), and what `make install-test` makes its throw-away Debian with.
PACKAGE_PACKAGES := rpm lintian rpmlint appstream desktop-file-utils dpkg-dev cpio
INSTALL_TEST_PACKAGES := debootstrap

UI_DEPS := ui/node_modules/.installed

.PHONY: help run test bench bench-profiles crashtest fuzz setup-run setup-test toolchain bindings screenshots lint ui-build check-core package install-test clean

help:
	@echo "make run    build Steady and open it on your data"
	@echo "make test   run every check and test (unit, UI, end-to-end in a real window)"
	@echo "make bench  measure start-up, memory and size against a bare Tauri app, reads at scale, printing"
	@echo "make bench-profiles  each release-profile setting alone: start-up and size (about 35 min)"
	@echo "make crashtest  kill a writing Steady 500 times and check no acknowledged write is lost"
	@echo "make fuzz       1,500,000 generated hostile inputs for the importers and notice checks"
	@echo "make screenshots  run the end-to-end tests and keep screenshots in target/screenshots"
	@echo "make bindings   regenerate the UI's types, commands and events from the Rust side"
	@echo "make package    build the .deb and .rpm in target/release/bundle/ and check them as Debian and Fedora do"
	@echo "make install-test  install, start, upgrade and remove the .deb in a throw-away Debian (root, network)"

## Set-up ---------------------------------------------------------------------------------

toolchain:
	@command -v $(CARGO) >/dev/null || { echo "Rust is missing: install it from https://rustup.rs, then run make again."; exit 1; }
	@command -v node >/dev/null || { echo "Node.js is missing: install Node.js 20.19 or newer, then run make again."; exit 1; }
	@node -e 'const [a,b]=process.versions.node.split(".").map(Number); if (a<20||(a===20&&b<19)) { console.error("Node.js "+process.versions.node+" is too old: Steady needs 20.19 or newer."); process.exit(1) }'

define apt_install
	missing=""; for p in $(1); do dpkg -s "$$p" >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
	  echo "Installing system packages:$$missing"; \
	  $(SUDO) apt-get update; \
	  $(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends $$missing; \
	fi
endef

setup-run: toolchain $(UI_DEPS)
	@$(call apt_install,$(RUN_PACKAGES))

setup-test: setup-run
	@$(call apt_install,$(TEST_PACKAGES))
	@locale -a | grep -ix 'fr_FR.utf8' >/dev/null || { \
	  echo "Generating the French locale the tests use"; \
	  $(SUDO) sh -c "grep -qx 'fr_FR.UTF-8 UTF-8' /etc/locale.gen || echo 'fr_FR.UTF-8 UTF-8' >> /etc/locale.gen"; \
	  $(SUDO) locale-gen --keep-existing fr_FR.UTF-8 >/dev/null || $(SUDO) locale-gen fr_FR.UTF-8 >/dev/null; }
	@command -v tauri-driver >/dev/null || test -x "$${CARGO_HOME:-$$HOME/.cargo}/bin/tauri-driver" || \
	  $(CARGO) install tauri-driver --locked --version $(TAURI_DRIVER_VERSION)

$(UI_DEPS): ui/package.json ui/package-lock.json
	cd ui && npm ci --no-audit --no-fund
	touch $@

## Run ------------------------------------------------------------------------------------

# The UI is built again only when its sources changed: a rebuilt ui/dist, even identical,
# makes cargo compile the app again.
UI_SOURCES := $(shell find ui/src -type f ! -name '*.test.ts' 2>/dev/null) ui/index.html \
	ui/vite.config.ts ui/svelte.config.js ui/tsconfig.json ui/package-lock.json

ui/dist/index.html: $(UI_DEPS) $(UI_SOURCES)
	cd ui && npm run --silent build
	touch $@

ui-build: ui/dist/index.html

run: setup-run ui-build
	$(CARGO) build --release
	./target/release/steady

# The .deb and the .rpm (made again by rpmbuild from Tauri's, packaging/rpm.sh), then the
# distributions' checks on them (packaging/check.sh): fails on an error, prints the warnings
# (each is explained in docs/packaging.md).
package: setup-run
	@$(call apt_install,$(PACKAGE_PACKAGES))
	mkdir -p target/packaging
	gzip -9n -c packaging/steady.1 > target/packaging/steady.1.gz
	gzip -9n -c packaging/changelog > target/packaging/changelog.gz
	ui/node_modules/.bin/tauri build --bundles deb,rpm
	packaging/deb.sh
	packaging/rpm.sh
	packaging/check.sh

# Installs the .deb `make package` built in a minimal Debian made by debootstrap, starts it,
# upgrades it to a higher version, removes it (packaging/install-test.sh). Needs root and
# Debian's package mirror, so `make test` does not run it.
install-test: package
	@$(call apt_install,$(INSTALL_TEST_PACKAGES))
	$(SUDO) packaging/install-test.sh "$${CARGO_TARGET_DIR:-target}/release/bundle"

## Test -----------------------------------------------------------------------------------

# The core must stay free of Tauri: it is what a CLI or another shell would reuse.
check-core:
	@if $(CARGO) tree -p steady-core -e normal,build --prefix none | grep -qE '^tauri'; then \
	  echo "steady-core depends on tauri: move that code to src-tauri/src"; exit 1; \
	else echo "steady-core is free of tauri"; fi

lint: $(UI_DEPS)
	$(CARGO) fmt --all -- --check
	cd ui && npx biome ci --error-on-warnings .
	cd ui && npm run --silent check

test: setup-test lint ui-build check-core
	cd ui && npm test
	$(CARGO) clippy --workspace --all-targets --locked -- -D warnings
	$(CARGO) test --locked -p steady-core
	xvfb-run -a -s "-screen 0 1280x800x24" dbus-run-session -- $(CARGO) test --locked -p steady -- --test-threads=1

# Speed, memory and size are measured here, in a release build, never by timed tests; the
# table is written to bench/results.md (commit it with the change it measures). The release
# build comes from `make package`, so the table has the .deb's size too.
XVFB := xvfb-run -a -s "-screen 0 1280x800x24" dbus-run-session --
bench: setup-test ui-build package
	$(CARGO) build --release --locked -p steady -p hello-tauri
	mkdir -p bench
	{ echo "# Steady, measured"; echo; \
	  echo "By \`make bench\` on $$(date -u +%F): $$(nproc) cores ($$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)), $$(free -g | awk '/Mem:/ {print $$2}') GiB, $$(. /etc/os-release && echo $$PRETTY_NAME)."; echo; \
	  echo "## Against a bare Tauri app (bench/hello), release builds"; echo; \
	  $(XVFB) $(CARGO) bench --locked -p steady --bench startup | grep -v '^SpiRegistry'; echo; \
	  echo "## At scale: a tenth of a large plan, and the large plan"; echo; \
	  $(CARGO) bench --locked -p steady-core --bench scale; echo; \
	  echo "## Imports at their limits: the vCard matcher, and the memory of hostile files"; echo; \
	  $(CARGO) bench --locked -p steady-core --bench imports; echo; \
	  echo "## Two computers, one plan: merging another computer's changes"; echo; \
	  $(CARGO) bench --locked -p steady-core --bench sync; echo; \
	  echo "## Printing a 100-contact binder"; echo; \
	  $(XVFB) $(CARGO) bench --locked -p steady --bench print | grep -v '^SpiRegistry'; } > bench/results.md.tmp
	mv bench/results.md.tmp bench/results.md
	cat bench/results.md

# Each setting of the release profile alone, built in its own target folder (ten minutes or
# so each on two cores): its start-up and size beside the profile as it is, written to
# bench/profiles.md. Run when the profile is to change.
PROFILE_VARIANTS := lto:CARGO_PROFILE_RELEASE_LTO=true cgu1:CARGO_PROFILE_RELEASE_CODEGEN_UNITS=1 \
	opt3:CARGO_PROFILE_RELEASE_OPT_LEVEL=3
bench-profiles: setup-test ui-build
	$(CARGO) build --release --locked -p steady -p hello-tauri
	variants=""; for v in $(PROFILE_VARIANTS); do name=$${v%%:*}; setting=$${v#*:}; \
	  env $$setting CARGO_TARGET_DIR=target/prof-$$name $(CARGO) build --release --locked -p steady || exit 1; \
	  label=$$(echo $${setting#CARGO_PROFILE_RELEASE_} | tr 'A-Z_' 'a-z-'); \
	  variants="$$variants$$label alone=$(CURDIR)/target/prof-$$name/release/steady;"; done; \
	{ echo "# Steady's release profile, one setting at a time"; echo; \
	  echo "By \`make bench-profiles\` on $$(date -u +%F), $$(nproc) cores; the realistic plan of \`make bench\`."; echo; \
	  STEADY_BENCH_PROFILES="$$variants" $(XVFB) $(CARGO) bench --locked -p steady --bench startup | grep '^|'; \
	} > bench/profiles.md.tmp
	mv bench/profiles.md.tmp bench/profiles.md
	cat bench/profiles.md

# Killed at random 500 times while it writes and backs up; `make test` runs 20 cycles.
crashtest: toolchain
	CRASH_CYCLES=500 $(CARGO) test --locked --release -p steady-core --test crash -- --nocapture

# 250,000 generated inputs for each of six targets (1,500,000 in all): the plan importer (mutated
# exports and hostile shapes), the vCard reader and planner, the notice renderer and the
# disclosure check; `make test` runs a few thousand.
fuzz: toolchain
	FUZZ_CASES=250000 $(CARGO) test --locked --release -p steady-core --test fuzz -- --nocapture

# Runs the end-to-end tests and keeps what the window showed in target/screenshots/: one at
# a time, as `make test` runs them (each is a Steady of its own on the display and the bus).
screenshots: setup-test ui-build
	STEADY_SCREENSHOTS=$(CURDIR)/target/screenshots \
	  xvfb-run -a -s "-screen 0 1280x800x24" dbus-run-session -- $(CARGO) test --locked -p steady --tests -- --test-threads=1
	@echo "Screenshots are in target/screenshots/"

bindings:
	UPDATE_BINDINGS=1 $(CARGO) test -p steady-core --lib bindings
	UPDATE_BINDINGS=1 $(CARGO) test -p steady --lib ipc

clean:
	$(CARGO) clean
	rm -rf ui/dist ui/node_modules
