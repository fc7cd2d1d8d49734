# Warraq: `make pipeline` runs the default pipeline on samples/; `make test` builds and passes every test.
# Every target installs what it needs itself (system packages with apt, Python clients into .venv/), idempotently.

SWIFT      ?= swift
PYTHON     ?= python3
VENV       := .venv
PY         := $(VENV)/bin/python
RELEASE    := .build/release/warraq
APT_NEEDS  := zlib1g-dev libdeflate-dev libzstd-dev pkg-config time

.PHONY: java all build release test test-swift test-asan test-tsan test-interop test-notebook bench bench-near bench-venv \
	test-slurm slurm-deps bench-tasks bench-codecs language-model test-language-model bench-language \
	pipeline deps venv clean \
	fuzz fuzz-build fuzz-smoke test-identity identity-update format test-format test-architecture

all: build

## System packages the build links against (zlib, libdeflate and zstd via pkg-config). Installs only what is missing.
deps:
	@missing=""; for p in $(APT_NEEDS); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
		echo "installing:$$missing"; \
		SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
		$$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq $$missing; \
	fi

## A Java runtime for Spark (the interop tests read a dataset with pyspark once). Installs only when missing.
java:
	@command -v java >/dev/null 2>&1 || { echo "installing: openjdk-17-jre-headless"; \
		SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
		$$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq openjdk-17-jre-headless; }

## The Python clients the interop tests and benchmarks use, and the language model's training data.
venv: $(VENV)/.installed

$(VENV)/.installed: Tests/interop/requirements.txt tools/requirements.txt
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q --disable-pip-version-check -r Tests/interop/requirements.txt -r tools/requirements.txt
	@touch $@

## The bench's own environment: datatrove, beside warraq's near-duplicates (bench/bench_near_dup.py), and py3langid
## beside its language identification (bench/bench_language.py).
BENCH_VENV := .venv-bench
bench-venv: $(BENCH_VENV)/.installed

$(BENCH_VENV)/.installed: bench/requirements.txt tools/requirements.txt
	@test -x $(BENCH_VENV)/bin/python || $(PYTHON) -m venv $(BENCH_VENV)
	$(BENCH_VENV)/bin/python -m pip install -q --disable-pip-version-check -r bench/requirements.txt
	@touch $@

build: deps
	$(SWIFT) build

release: deps
	$(SWIFT) build -c release --product warraq

test: test-format test-architecture test-language-model test-swift test-identity test-asan test-tsan fuzz-smoke \
	test-interop test-notebook test-slurm

## The Swift tests under AddressSanitizer, then an ASan warraq over ../shared/corpus/ and a hostile corpus made from it.
## Any sanitizer report fails. Separate build folders, so the plain builds are not rebuilt. Leaks are not checked in
## the test process: Foundation leaks a buffer reading empty files and Process keeps weak references (not ours).
test-asan: deps
	ASAN_OPTIONS=detect_leaks=0 $(SWIFT) test --sanitize=address --scratch-path .build-asan
	$(SWIFT) build --sanitize=address --product warraq --scratch-path .build-asan
	Tests/sanitizers/run.sh address .build-asan/debug/warraq

## A ThreadSanitizer warraq with --workers 4 over the same inputs (the runner's threads, queues and reorder buffer).
test-tsan: deps
	$(SWIFT) build --sanitize=thread --product warraq --scratch-path .build-tsan
	Tests/sanitizers/run.sh thread .build-tsan/debug/warraq

## libFuzzer harnesses (Sources/FuzzHarnesses): `make fuzz` runs each for FUZZ_SECONDS from the seed corpus in
## Fuzz/corpus/; `make test` runs each for FUZZ_SMOKE_SECONDS.
FUZZ_SECONDS       ?= 300
FUZZ_SMOKE_SECONDS ?= 20
fuzz-build: deps
	$(SWIFT) build -c release --product warraq-fuzz --scratch-path .build-fuzz \
		-Xswiftc -sanitize=fuzzer,address -Xswiftc -DWARRAQ_LIBFUZZER

fuzz: fuzz-build
	Fuzz/run.sh $(FUZZ_SECONDS)

fuzz-smoke: fuzz-build
	Fuzz/run.sh $(FUZZ_SMOKE_SECONDS)

## swift-format with .swift-format, in place (lines of at most 120 characters).
format:
	$(SWIFT) format format -i -r --parallel Sources Tests Package.swift

## Fails on a file `make format` would change, or a line past 120 characters.
test-format:
	Tests/format/check.sh

## The arrows between the folders of Sources/Warraq point down the flow (ARCHITECTURE.md).
test-architecture:
	$(PYTHON) Tests/architecture/check_arrows.py

test-swift: deps
	$(SWIFT) build --build-tests
	$(SWIFT) test

## The byte-identity check: the shards, rejects and manifests of samples/, Tests/identity/hostile/ and (where it is
## here) ../shared/corpus/ against the digests in Tests/identity/ (times and run ids aside). A change meant to alter
## the output records new digests with `make identity-update`.
test-identity: release
	$(PYTHON) Tests/identity/check.py $(RELEASE)

identity-update: release
	$(PYTHON) Tests/identity/check.py $(RELEASE) --update

## A single-node Slurm cluster on loopback (Tests/slurm/cluster.sh) runs a 4-task job array and its commit, which must
## equal a single run value for value; a killed task is recovered by `warraq slurm resubmit`. Installs Debian's Slurm
## and munge when missing; where that cannot be done, the test says so and is skipped.
SLURM_APT := slurmctld slurmd slurm-client munge
slurm-deps:
	@missing=""; for p in $(SLURM_APT); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
		echo "installing:$$missing"; \
		SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
		{ $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq $$missing; } \
			|| echo "test-slurm: could not install$$missing here"; \
	fi

test-slurm: release venv slurm-deps
	PY=$(abspath $(PY)) Tests/slurm/check.sh

test-interop: release venv java
	WARRAQ=$(abspath $(RELEASE)) $(PY) -m pytest -q Tests/interop

## The notebook, headless, from its own folder, on the dataset `make pipeline` makes.
test-notebook: pipeline venv
	WARRAQ=$(abspath $(RELEASE)) $(PY) Tests/notebook/run_notebook.py samples/notebooks/explore.ipynb

bench: release venv bench-venv
	WARRAQ=$(abspath $(RELEASE)) $(PY) bench/bench_convert.py
	WARRAQ=$(abspath $(RELEASE)) $(PY) bench/bench_pipeline.py
	WARRAQ=$(abspath $(RELEASE)) $(PY) bench/bench_records.py
	WARRAQ=$(abspath $(RELEASE)) $(PY) bench/bench_near_dup.py
	WARRAQ=$(abspath $(RELEASE)) $(PY) bench/bench_tasks.py
	WARRAQ=$(abspath $(RELEASE)) $(BENCH_VENV)/bin/python bench/bench_language.py
	WARRAQ=$(abspath $(RELEASE)) $(PY) bench/bench_codecs.py

## The codecs side by side (warraq, DuckDB's partitioned conversion, pyarrow) alone.
bench-codecs: release venv
	WARRAQ=$(abspath $(RELEASE)) $(PY) bench/bench_codecs.py

## Sharded runs alone: N = 1, 4, 16, 64 local tasks and their commit against a single run.
bench-tasks: release venv
	WARRAQ=$(abspath $(RELEASE)) $(PY) bench/bench_tasks.py

## The language model (Sources/Warraq/Annotate/LanguageModel+Data.swift, committed), trained again from wordfreq and
## CLDR data; test-language-model checks that the committed file is what the trainer makes.
language-model: venv
	$(PY) tools/train_language_model.py

test-language-model: venv
	$(PY) tools/train_language_model.py --check

## Language identification against py3langid on held-out sentences.
bench-language: release bench-venv
	WARRAQ=$(abspath $(RELEASE)) $(BENCH_VENV)/bin/python bench/bench_language.py

## The near-duplicate benchmark alone.
bench-near: release venv bench-venv
	WARRAQ=$(abspath $(RELEASE)) $(PY) bench/bench_near_dup.py

## The default pipeline on samples/ into out/arabic-news/ (summary on stdout, progress on stderr),
## and its CSV export out/arabic-news.csv.
pipeline: release
	$(RELEASE) run pipelines/arabic-news.yaml --input samples --output out/arabic-news
	$(RELEASE) export csv out/arabic-news --out out/arabic-news.csv

clean:
	rm -rf .build .build-asan .build-tsan .build-fuzz out bench-data
