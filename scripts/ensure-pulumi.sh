#!/usr/bin/env bash
# ensure-pulumi.sh: make a Pulumi CLI and its Python language host available.
#
# Usage:  dir=$(scripts/ensure-pulumi.sh | tail -n1) && export PATH="$dir:$PATH"
#
# The last stdout line is a directory holding `pulumi`, `pulumi-language-python` and
# `pulumi-language-python-exec`; progress and build output go to stderr. Exit code 3 (with a
# one-line reason on stderr) means neither a Pulumi CLI nor Go is available, so callers skip.
#
#   1. A `pulumi` on PATH with a `pulumi-language-python` beside it or on PATH is used as is.
#   2. Otherwise a cached build in ${BACKUP_GUARDRAILS_CACHE:-$HOME/.cache/backup-guardrails}/pulumi-<version>/bin
#      is used when its stamp matches this script's pins (no `go` is run at all).
#   3. Otherwise both are built with `go` from the Go module proxy: ~13 min on 2 cores with empty
#      Go caches (mostly downloads), ~20 s when the Go module and build caches are warm.
#
# Callers are expected to set, for every pulumi command:
#   PULUMI_SKIP_UPDATE_CHECK=true
#   PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION=true   # nothing can be downloaded here
#   PULUMI_CONFIG_PASSPHRASE=                            # empty passphrase for the file backend's secrets
#   PULUMI_BACKEND_URL=file://<state dir>               # or `pulumi login --local`; no Pulumi Cloud
#
# The CLI is github.com/pulumi/pulumi/pkg/v3/cmd/pulumi, built through a generated wrapper module
# because `go install pkg@version` refuses modules whose go.mod has replace directives.
# The language host is NOT Pulumi's pulumi-language-python: the module proxy reachable here answers
# 403 for github.com/pulumi/pulumi/sdk/python/cmd/pulumi-language-python/v3 at every version tried.
# A small host (tools/pulumi-language-python/main.go) built on the pinned SDK's python/toolchain package
# stands in for it; it runs programs through Pulumi's own pulumi-language-python-exec script, copied from the
# SDK module. On a user's machine the real CLI and its real language host are on PATH and used as they are.
set -euo pipefail

readonly PULUMI_VERSION=3.274.1
readonly PREFIX="${BACKUP_GUARDRAILS_CACHE:-$HOME/.cache/backup-guardrails}/pulumi-$PULUMI_VERSION"
readonly BIN="$PREFIX/bin"
readonly SRC="$PREFIX/src"
# pulumi-yaml v1.38.0 is the newest release the proxy serves that builds against pkg v3.274.1
# (v1.25.0 does not: plugin.NewContextWithRoot changed); YAML programs such as the yaml-consumer example
# need it.
readonly PULUMI_YAML_VERSION=1.38.0
readonly BINARIES=(pulumi pulumi-language-python pulumi-language-python-exec pulumi-language-yaml)
HOST_SOURCE="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)/tools/pulumi-language-python/main.go"
readonly HOST_SOURCE

language_host_source() {
	cat "$HOST_SOURCE"
}

stamp() {
	local host_sum
	host_sum=$(language_host_source | sha256sum)
	printf 'pulumi/pkg/v3 v%s\npulumi/sdk/v3 v%s\npulumi-yaml v%s\nlanguage-host-sha256 %s\n' \
		"$PULUMI_VERSION" "$PULUMI_VERSION" "$PULUMI_YAML_VERSION" "${host_sum%% *}"
}

cached_build_ok() {
	[[ -f "$BIN/.stamp" && "$(<"$BIN/.stamp")" == "$(stamp)" ]] || return 1
	local b
	for b in "${BINARIES[@]}"; do
		[[ -x "$BIN/$b" ]] || return 1
	done
}

existing_cli_dir() {
	local cli dir
	cli=$(command -v pulumi) || return 1
	dir=$(cd "$(dirname "$cli")" && pwd)
	[[ -x "$dir/pulumi-language-python" ]] || command -v pulumi-language-python >/dev/null || return 1
	printf '%s\n' "$dir"
}

build() {
	echo "ensure-pulumi: building Pulumi CLI v$PULUMI_VERSION and a Python language host into $BIN" >&2
	echo "ensure-pulumi: about 7 to 13 minutes on 2 cores the first time; go lists each package it builds" >&2
	rm -rf "$SRC" "$BIN.new"
	mkdir -p "$SRC/pulumi-language-python" "$BIN.new"
	cd "$SRC"
	cat >go.mod <<EOF
module backup-guardrails.local/pulumi-cli

go 1.26.6

require (
	github.com/pulumi/pulumi/pkg/v3 v$PULUMI_VERSION
	github.com/pulumi/pulumi/sdk/v3 v$PULUMI_VERSION
	github.com/pulumi/pulumi-yaml v$PULUMI_YAML_VERSION
)
EOF
	# tools.go keeps the CLI's module required when `go mod tidy` writes go.sum.
	cat >tools.go <<'EOF'
//go:build tools

package tools

import (
	_ "github.com/pulumi/pulumi-yaml/cmd/pulumi-language-yaml"
	_ "github.com/pulumi/pulumi/pkg/v3/cmd/pulumi"
)
EOF
	language_host_source >pulumi-language-python/main.go

	# A go.work or VCS checkout around the cache dir must not leak into this build.
	export GOWORK=off
	go mod tidy >&2
	# -v: one line per package compiled, so a first build shows progress instead of minutes of silence.
	go build -v -buildvcs=false -o "$BIN.new/" \
		-ldflags "-s -w -X github.com/pulumi/pulumi/sdk/v3/go/common/version.Version=v$PULUMI_VERSION" \
		github.com/pulumi/pulumi/pkg/v3/cmd/pulumi github.com/pulumi/pulumi-yaml/cmd/pulumi-language-yaml \
		./pulumi-language-python >&2

	local sdk_dir
	sdk_dir=$(go list -m -f '{{.Dir}}' github.com/pulumi/pulumi/sdk/v3)
	# Module cache files are read-only (0444); keep the exec script runnable on its own too.
	install -m 755 "$sdk_dir/python/cmd/pulumi-language-python-exec" "$BIN.new/"

	stamp >"$BIN.new/.stamp"
	rm -rf "$BIN"
	mv "$BIN.new" "$BIN"
	echo "ensure-pulumi: built $("$BIN/pulumi" version)" >&2
}

main() {
	local dir
	if dir=$(existing_cli_dir); then
		printf '%s\n' "$dir"
		return
	fi
	if cached_build_ok; then
		printf '%s\n' "$BIN"
		return
	fi
	if ! command -v go >/dev/null; then
		echo "neither a Pulumi CLI with pulumi-language-python nor a Go toolchain is on PATH" >&2
		exit 3
	fi

	mkdir -p "$PREFIX"
	exec 9>"$PREFIX.lock"
	# Concurrent callers wait here; the loser finds the winner's finished build.
	flock 9
	if ! cached_build_ok; then
		(build)
	fi
	printf '%s\n' "$BIN"
}

main "$@"
