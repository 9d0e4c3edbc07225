# Rampart build entry points: `make run` (dev server) and `make test` (everything).
SHELL := /bin/bash
BUILD ?= build
JOBS ?= $(shell nproc)
APT_PACKAGES := build-essential cmake ninja-build pkg-config git python3 python3-botocore \
  libboost1.81-dev libboost-json1.81-dev libssl-dev libsqlite3-dev libtomlplusplus-dev \
  libpugixml-dev libgtest-dev libgmock-dev libbenchmark-dev clang clang-format \
  awscli curl nginx-light wrk

.PHONY: deps build release run test unit conformance bench format clean

# Installs whatever Debian packages are missing (idempotent; no-op when all are present).
deps:
	@missing=$$(for p in $(APT_PACKAGES); do dpkg-query -W -f='$${Status}\n' $$p 2>/dev/null \
	  | grep -q 'install ok installed' || echo $$p; done); \
	if [ -n "$$missing" ]; then \
	  echo "installing: $$missing"; \
	  SUDO=$$( [ $$(id -u) -eq 0 ] || echo sudo ); \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq $$missing; \
	fi
	@# Node.js may come from another packaging that bundles npm; install Debian's only if absent.
	@command -v npm >/dev/null || { SUDO=$$( [ $$(id -u) -eq 0 ] || echo sudo ); \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq nodejs npm; }

build: deps
	cmake -S . -B $(BUILD) -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo
	cmake --build $(BUILD) -j $(JOBS)

release: deps
	cmake -S . -B build-release -G Ninja -DCMAKE_BUILD_TYPE=Release
	cmake --build build-release -j $(JOBS) --target rampart

run: release
	./build-release/src/server/rampart server --dev --data-dir ./data

unit: build
	cd $(BUILD) && ctest --output-on-failure -j $(JOBS)

test: build
	cd $(BUILD) && ctest --output-on-failure -j $(JOBS)

bench: release
	@for s in bench/*.sh; do echo "== $$s"; bash $$s; done

format:
	clang-format -i $$(git ls-files '*.cc' '*.h')

clean:
	rm -rf $(BUILD) build-release
