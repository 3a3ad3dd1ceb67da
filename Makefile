# Antena: `make run` and `make test` are the two commands a new developer needs.
GO        ?= go
BIN       := bin
ANTENA    := $(BIN)/antena
SAMPLES   ?= ../shared/samples
FUZZTIME  ?= 10s

.PHONY: run test test-deps vet bench fuzz build build-arm arm-tests deps clean

OUT       := out
APP       ?= apps/showcase

# The sample broadcast is built from apps/ with antena mux (it is not committed) and opened
# in the emulator, as a box would show it. SDL (installed by make deps, with sudo when not
# root) gives a window; without a display ($$DISPLAY and $$WAYLAND_DISPLAY empty) the
# emulator runs headless and writes a screenshot.
run:
	@if [ -z "$$DISPLAY$$WAYLAND_DISPLAY" ]; then \
		echo "no display (\$$DISPLAY and \$$WAYLAND_DISPLAY are empty): running headless, without SDL"; \
		$(GO) build -o $(ANTENA) ./cmd/antena; \
	else \
		$(MAKE) --no-print-directory deps; \
		if pkg-config --exists sdl2 2>/dev/null; then $(GO) build -tags sdl -o $(ANTENA) ./cmd/antena; \
		else echo "libsdl2-dev not available: building without a window"; $(GO) build -o $(ANTENA) ./cmd/antena; fi; \
	fi
	@mkdir -p $(OUT)
	$(ANTENA) mux --app $(APP) --name "Antena showcase" --cycles 2 -o $(OUT)/sample.ts
	@if [ -z "$$DISPLAY$$WAYLAND_DISPLAY" ]; then \
		$(ANTENA) emu --headless --keys "CURSOR_DOWN ENTER" --frames 300 --screenshot $(OUT)/showcase.png $(OUT)/sample.ts && \
		echo "screenshot of the sample broadcast in the emulator: $(OUT)/showcase.png"; \
	else \
		$(ANTENA) emu --screenshot $(OUT)/showcase.png $(OUT)/sample.ts; \
	fi

# Installs the system packages the SDL build and tests use, with sudo when not root.
deps:
	@if ! pkg-config --exists sdl2 2>/dev/null; then \
		SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
		echo "installing libsdl2-dev and pkg-config with apt-get ($${SUDO:-as root})"; \
		$$SUDO apt-get update -qq && $$SUDO apt-get install -y -qq --no-install-recommends libsdl2-dev pkg-config; \
	fi

# What the tests need on a fresh Debian/Ubuntu machine: gcc (go test -race needs cgo),
# pkg-config and libsdl2-dev (the SDL tests), ffmpeg (the video and mux checks). Missing ones
# are installed with apt-get, with sudo when not root, saying so.
test-deps:
	@need=""; \
	command -v gcc >/dev/null 2>&1 || need="$$need gcc"; \
	command -v pkg-config >/dev/null 2>&1 || need="$$need pkg-config"; \
	pkg-config --exists sdl2 2>/dev/null || need="$$need libsdl2-dev"; \
	command -v ffmpeg >/dev/null 2>&1 || need="$$need ffmpeg"; \
	if [ -n "$$need" ]; then \
		SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
		echo "installing$$need with apt-get ($${SUDO:-as root})"; \
		$$SUDO apt-get update -qq && $$SUDO apt-get install -y -qq --no-install-recommends $$need; \
	fi

vet:
	$(GO) vet ./...
	@if pkg-config --exists sdl2 2>/dev/null; then $(GO) vet -tags sdl ./hardware/sdl/... ./emulator ./cmd/antena; fi

test: test-deps vet
	$(GO) test -race ./...
	@if pkg-config --exists sdl2 2>/dev/null; then SDL_VIDEODRIVER=dummy $(GO) test -race -tags sdl ./hardware/sdl/... ./emulator; \
	else echo "libsdl2-dev not installed: SDL tests skipped (make deps installs it)"; fi

bench:
	$(GO) test -run '^$$' -bench . -benchmem ./...

# A short run of every fuzz target (go test -fuzz takes one target at a time).
fuzz:
	@for pkg in $$($(GO) list ./...); do \
		for t in $$($(GO) test -list '^Fuzz' $$pkg | grep '^Fuzz'); do \
			echo "fuzz $$pkg $$t"; \
			$(GO) test -run '^$$' -fuzz "^$$t$$" -fuzztime $(FUZZTIME) $$pkg || exit 1; \
		done; \
	done

build:
	$(GO) build -o $(ANTENA) ./cmd/antena

build-arm:
	CGO_ENABLED=0 GOOS=linux GOARCH=arm64 $(GO) build -trimpath -ldflags '-s -w' -o $(BIN)/antena-linux-arm64 ./cmd/antena
	CGO_ENABLED=0 GOOS=linux GOARCH=arm GOARM=7 $(GO) build -trimpath -ldflags '-s -w' -o $(BIN)/antena-linux-armv7 ./cmd/antena

# The unit tests of demux, runtime and hardware/linux for linux/arm64 under qemu-user
# (installed when missing), and antena play on the ARM binary.
arm-tests:
	.ci/arm-tests

clean:
	rm -rf $(BIN) out
