# The two commands of the README's quick start are `make demo` and `make test`.
PREFIX ?= /usr/local
SWIFT ?= swift

.PHONY: deps build demo test lint bench man man-page completions install clean

deps:
	@scripts/install-deps.sh

build: deps
	$(SWIFT) build -c release --product scrub

demo: build
	@scripts/demo.sh

test: deps
	$(SWIFT) test
	SWIFT=$(SWIFT) scripts/man-page.sh --check

lint:
	$(SWIFT) format lint --strict -r Sources Tests Package.swift

# The man page is generated from the same help text as `scrub help` (swift-argument-parser's
# generate-manual tool, run by scripts/man-page.sh on a debug build) and committed as man/scrub.1,
# so installing copies it instead of running the generate-manual plugin, which rebuilt the whole
# package in release mode first (9.5 minutes cold). `make test` fails when the page is not what
# the code generates; `make man-page` regenerates it.
man:
	mkdir -p .build/man
	cp man/scrub.1 .build/man/scrub.1

man-page:
	SWIFT=$(SWIFT) scripts/man-page.sh

completions: build
	mkdir -p .build/completions
	.build/release/scrub --generate-completion-script bash > .build/completions/scrub.bash
	.build/release/scrub --generate-completion-script zsh > .build/completions/_scrub
	.build/release/scrub --generate-completion-script fish > .build/completions/scrub.fish

# The binary needs no resource files (the NANP table is compiled in); at run time it needs the
# shared libraries scripts/install-deps.sh installs.
install: build man completions
	install -d $(DESTDIR)$(PREFIX)/bin $(DESTDIR)$(PREFIX)/share/man/man1 \
	  $(DESTDIR)$(PREFIX)/share/bash-completion/completions $(DESTDIR)$(PREFIX)/share/zsh/site-functions \
	  $(DESTDIR)$(PREFIX)/share/fish/vendor_completions.d
	install -m 0755 .build/release/scrub $(DESTDIR)$(PREFIX)/bin/scrub
	install -m 0644 .build/man/scrub.1 $(DESTDIR)$(PREFIX)/share/man/man1/scrub.1
	install -m 0644 .build/completions/scrub.bash $(DESTDIR)$(PREFIX)/share/bash-completion/completions/scrub
	install -m 0644 .build/completions/_scrub $(DESTDIR)$(PREFIX)/share/zsh/site-functions/_scrub
	install -m 0644 .build/completions/scrub.fish $(DESTDIR)$(PREFIX)/share/fish/vendor_completions.d/scrub.fish

clean:
	rm -rf /tmp/scrub-tour
