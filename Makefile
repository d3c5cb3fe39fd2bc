# The two set-up commands of the README, and a few conveniences around them.
BUILD_DIR := build
DATA_DIR ?= ./licensor-data
LISTEN ?= 127.0.0.1:8080

.PHONY: deps build run test sanitize bench format package clean

deps:
	@scripts/install-deps.sh

build: deps
	@scripts/build-console.sh
	@cmake --preset default >/dev/null
	@cmake --build --preset default -j2

run: build
	$(BUILD_DIR)/licensord --data-dir $(DATA_DIR) --listen $(LISTEN)

# Every test, then every response the end-to-end suites received checked against the API
# description (tests/openapi/check-responses.sh).
test: build
	rm -rf $(BUILD_DIR)/responses && mkdir -p $(BUILD_DIR)/responses
	ctest --preset default
	tests/openapi/check-responses.sh $(BUILD_DIR)/responses

# The C++ tests again, built with AddressSanitizer and UndefinedBehaviorSanitizer, then the
# threaded ones with ThreadSanitizer (scripts/sanitize.sh says which); any report fails.
sanitize: build
	scripts/sanitize.sh

# Debian packages (cmake/package.cmake): licensord, liblicensor0 and liblicensor-dev, in build/.
package: build
	cd $(BUILD_DIR) && cpack

bench: build
	@scripts/install-deps.sh --bench
	bench/run.sh

format:
	@git ls-files '*.cpp' '*.hpp' '*.h' '*.c' | xargs clang-format -i

clean:
	rm -rf $(BUILD_DIR)
