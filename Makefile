# The two commands of the README: `make serve` and `make test`. Both install what is missing.
SHELL := bash
.SHELLFLAGS := -eu -o pipefail -c
export PATH := $(CURDIR)/node_modules/.bin:$(HOME)/.cargo/bin:$(PATH)
export CHROMEDRIVER ?= /usr/bin/chromedriver
E2E_DIST := target/e2e-dist

.PHONY: setup serve build test lint test-native test-team-desk test-browser test-e2e test-e2e-debug size bench \
	bundle-floor team-desk-setup

setup:
	@scripts/setup.sh

## Serve the app with Trunk on http://127.0.0.1:8080 (debug build).
serve: setup
	trunk serve

## Release build into dist/ (served from the root; add --public-url for a subpath).
build: setup
	trunk build --release

## Every test: the lint, native, the team desk's server side, in-browser (wasm-bindgen-test),
## end to end (Playwright).
test: setup lint test-native test-team-desk test-browser test-e2e

# Formatting and clippy, warnings as errors, for both targets the code is built for: natively
# (domain, store, native tests, benches) and wasm32 (the app and its browser tests).
lint:
	cargo fmt --check
	cargo clippy --all-targets -- -D warnings
	cargo clippy --target wasm32-unknown-unknown --lib --bins \
		--test browser --test browser_store --test bench_wasm -- -D warnings

test-native:
	cargo test

# The team desk's database rules against a real pouchdb-server (npm), and the e2e server's
# /couchdb/ proxy. Node only: no build needed.
test-team-desk:
	node --test tests/team-desk/

## Sets up a CouchDB for the team desk (README, "Team desk"): the database, its _security and
## validation, and users. make team-desk-setup COUCHDB_URL=http://admin:pw@127.0.0.1:5984
## [COUCHDB_DB=desk] [TEAM_DESK_USERS="ada:pw:global-admin bo:pw:sales-agent"]
COUCHDB_URL ?= http://127.0.0.1:5984
COUCHDB_DB ?= desk
TEAM_DESK_USERS ?=
team-desk-setup:
	node scripts/team-desk/setup.mjs --server '$(COUCHDB_URL)' --db '$(COUCHDB_DB)' \
		$(foreach user,$(TEAM_DESK_USERS),--user '$(user)')

test-browser:
	cargo test --target wasm32-unknown-unknown --test browser --test browser_store

# The end-to-end build is served under a subpath, the harder case for deep links.
test-e2e:
	trunk build --release --public-url /segment-desk/ --dist $(E2E_DIST)
	playwright test

# While iterating: a debug build (fast to compile) on another port. Not part of `make test`.
test-e2e-debug:
	trunk build --public-url /segment-desk/ --dist target/e2e-dist-debug
	E2E_DIST=target/e2e-dist-debug E2E_PORT=$${E2E_PORT:-4174} TEAM_DESK_PORT=$${TEAM_DESK_PORT:-5986} \
		playwright test $(ARGS)

## Gzip size of each file in dist/ and the total.
size: build
	@node scripts/size.mjs dist

## The benchmark: the rules natively (criterion) and in wasm, the app in Chromium with a desk of
## 10,000 customers, storage and bundle sizes. Prints one table and writes it to docs/PERFORMANCE.md.
# The wasm test runner gives a page 20 s for all its tests unless told: the whole desk's parts
# (tests/bench_wasm.rs) take longer.
bench: setup
	mkdir -p target/bench
	cargo bench --bench domain
	WASM_BINDGEN_TEST_TIMEOUT=600 cargo test --release --target wasm32-unknown-unknown --test bench_wasm 2>&1 | tee target/bench/wasm.log
	trunk build --release --public-url /segment-desk/ --dist $(E2E_DIST)
	playwright test -c tests/bench/playwright.config.js
	$(MAKE) --no-print-directory bundle-floor
	node scripts/bench-report.mjs $(E2E_DIST)

# What the stack costs before any page of ours (benches/bundle-floor), built as Trunk builds the
# app: the release wasm through wasm-bindgen and wasm-opt -Oz (Trunk.toml's tools, index.html's
# data-wasm-opt). Twice: the stack alone, then with one use of each other crate the app uses.
FLOOR_WASM := target/wasm32-unknown-unknown/release/bundle-floor.wasm
WASM_FEATURES := --enable-bulk-memory --enable-nontrapping-float-to-int --enable-sign-ext \
	--enable-mutable-globals --enable-reference-types --enable-multivalue
bundle-floor: setup
	for variant in stack crates; do \
	  cargo build --release --target wasm32-unknown-unknown -p bundle-floor \
	    $$([ $$variant = crates ] && echo --features crates); \
	  out=target/bench/floor-$$variant; rm -rf $$out; \
	  wasm-bindgen --target web --no-typescript --out-dir $$out $(FLOOR_WASM); \
	  wasm-opt -Oz $(WASM_FEATURES) $$out/bundle-floor_bg.wasm -o $$out/bundle-floor_bg.wasm; \
	done
