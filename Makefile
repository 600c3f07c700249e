# The two commands (see README.md):
#   make demo   install what is missing, build, audit the bundled example app
#   make test   install what is missing, build, run every test
# Other targets: build, asan (ASan/UBSan test run), fuzz, bench, clean.
JOBS ?= $(shell nproc)
BUILD ?= build
FUZZ_SECONDS ?= 600
CMAKE_FLAGS ?=

.PHONY: all bootstrap build demo test asan fuzz bench clean

all: build

bootstrap:
	@scripts/bootstrap

$(BUILD)/build.ninja:
	cmake -S . -B $(BUILD) -G Ninja -DCMAKE_BUILD_TYPE=Release $(CMAKE_FLAGS)

build: bootstrap $(BUILD)/build.ninja
	cmake --build $(BUILD) -j $(JOBS)

demo: build
	@echo "== rampart check examples/flask-app"
	@$(BUILD)/rampart check examples/flask-app; status=$$?; \
	  echo "(exit code $$status: 0 clean, 1 findings, 2 error)"; test $$status -le 1

test: build
	cd $(BUILD) && ctest --output-on-failure -j $(JOBS) --timeout 900

asan: bootstrap
	cmake -S . -B build-asan -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DRAMPART_SANITIZE=ON -DRAMPART_BENCH=OFF
	cmake --build build-asan -j $(JOBS)
	cd build-asan && ASAN_OPTIONS=detect_leaks=1 ctest --output-on-failure -j $(JOBS) --timeout 1800

fuzz: bootstrap
	CXX=clang++ cmake -S . -B build-fuzz -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DRAMPART_FUZZ=ON -DRAMPART_TESTS=OFF -DRAMPART_BENCH=OFF
	cmake --build build-fuzz -j $(JOBS) --target fuzz_python_parser fuzz_analyze
	scripts/fuzz $(FUZZ_SECONDS)

bench: build
	@for b in bench/*; do if [ -f $$b -a -x $$b ]; then echo "== $$b"; $$b || exit 1; fi; done

clean:
	rm -rf build build-asan build-fuzz
