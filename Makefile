# The two commands of the README's quick start are `make demo` and `make test`.
PREFIX ?= /usr/local
SWIFT ?= swift

.PHONY: deps build demo test lint bench install clean

deps:
	@scripts/install-deps.sh

build: deps
	$(SWIFT) build -c release --product scrub

demo: build
	@scripts/demo.sh

test: deps
	$(SWIFT) test

lint:
	$(SWIFT) format lint --strict -r Sources Tests Package.swift

install: build
	install -d $(DESTDIR)$(PREFIX)/bin
	install -m 0755 .build/release/scrub $(DESTDIR)$(PREFIX)/bin/scrub

clean:
	rm -rf .build/demo
