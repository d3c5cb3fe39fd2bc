# The two set-up commands of the README, and a few conveniences around them.
BUILD_DIR := build
DATA_DIR ?= ./licensor-data
LISTEN ?= 127.0.0.1:8080

.PHONY: deps build run test bench format clean

deps:
	@scripts/install-deps.sh

build: deps
	@cmake --preset default >/dev/null
	@cmake --build --preset default -j2

run: build
	$(BUILD_DIR)/licensord --data-dir $(DATA_DIR) --listen $(LISTEN)

test: build
	ctest --preset default

bench: build
	@scripts/install-deps.sh --bench
	bench/run.sh

format:
	@git ls-files '*.cpp' '*.hpp' '*.h' '*.c' | xargs clang-format -i

clean:
	rm -rf $(BUILD_DIR)
