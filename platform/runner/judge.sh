#!/bin/bash
# Dojo judge, installed in the runner image as /opt/dojo/bin/judge. Runs as root in the
# container (capabilities: SETUID and SETGID only); contract and threat model in
# docs/judge-protocol.md. Exit 0 when the run finished (the verdict is read from the
# @@dojo:exit@@ records, not from this status), 100 build failed, anything else is the
# judge's own failure.
#
# Three uids: root (this script and dojo-jail: the only writers of unescaped lines),
# BUILDER (extracts, compiles; no user code runs as it) and RUNNER (the test binary and
# everything it starts, under Landlock). RUNNER cannot read or signal the other two, write
# their files, or write a line the worker would take for the judge's.
#
# Sourcing this file (`. /opt/dojo/bin/judge`) only sets the Go environment: the image
# build warms the cache that way, so cache keys match the real runs exactly.

# The worker passes no Go settings; drop any that Docker or the image might carry.
for v in $(compgen -e); do case $v in GO*|CGO_*) unset "$v" ;; esac; done
export GOROOT=/usr/local/go PATH=/usr/local/go/bin:/usr/bin:/bin HOME=/tmp/home TMPDIR=/tmp
# The image's warm build cache, used read-only as is: go treats a cache it cannot write to
# as best effort (reads hit, writes fail silently), so no run can poison it for the next.
export GOPATH=/tmp/gopath GOCACHE=/opt/dojo/gocache/plain GOENV=off
# Debian's copies of x/sync, yaml.v3 and go-sqlite3 laid out as a read-only module cache
# (go.sum lines in /opt/dojo/go.sum); nothing is ever fetched.
export GOMODCACHE=/opt/dojo/gomodcache GOPROXY=off GOSUMDB=off GOFLAGS=-mod=readonly
export GOTOOLCHAIN=local GOTELEMETRY=off
# cgo stays on for every build: -race and go-sqlite3 need it (a submission cannot use it:
# `import "C"` is refused before any container starts).
export CGO_ENABLED=1 GORACE=atexit_sleep_ms=0
(return 0 2>/dev/null) && return 0

BUILDER=10001 RUNNER=10002
JAIL=/opt/dojo/bin/dojo-jail
TEST2JSON=$GOROOT/pkg/tool/linux_amd64/test2json

die() { echo "judge: $*"; exit 3; }
usage() { echo "usage: judge [--args-from-stdin | [--race] [--timeout S] [--max-output BYTES] [--run RE] [--count N] [--direct PKG_FILES XTEST_FILES] [--bench RE [--bench-rounds N] [--benchtime T]] [--variants D,D.. [--variant-bench]]]"; exit 2; }
as_builder() { "$JAIL" as $BUILDER -- "$@"; }
as_runner() { "$JAIL" as $RUNNER -- "$@"; }

# --args-from-stdin: the options come as the first line of stdin, before the tar. The worker
# starts the container ahead of time (a warm sandbox waiting here) and only then knows them.
if [ "${1-}" = "--args-from-stdin" ]; then
    IFS=' ' read -r -a stdin_args || die "no option line on stdin"
    set -- "${stdin_args[@]}"
fi

race=0 timeout=10 max_output=1048576 run=() bench="" rounds=5 benchtime=100ms variants="" variant_bench=0
direct_pkg="" direct_xtest=""
while [ $# -gt 0 ]; do
    case $1 in
        --race) race=1 ;;
        --timeout) [[ ${2-} =~ ^[0-9]+(\.[0-9]+)?$ ]] || usage; timeout=$2; shift ;;
        --max-output) [[ ${2-} =~ ^[0-9]+$ ]] || usage; max_output=$2; shift ;;
        --run) [ $# -ge 2 ] || usage; run+=("-test.run=$2"); shift ;;
        --count) [[ ${2-} =~ ^[0-9]+$ ]] || usage; run+=("-test.count=$2"); shift ;;
        --bench) [ $# -ge 2 ] || usage; bench=$2; shift ;;
        --bench-rounds) [[ ${2-} =~ ^[1-9][0-9]*$ ]] || usage; rounds=$2; shift ;;
        --benchtime) [[ ${2-} =~ ^[0-9]+(x|ms|s)$ ]] || usage; benchtime=$2; shift ;;
        --variants) [[ ${2-} =~ ^[a-z0-9]+(,[a-z0-9]+)*$ ]] || usage; variants=$2; shift ;;
        --variant-bench) variant_bench=1 ;;
        --direct) files='[A-Za-z0-9][A-Za-z0-9_.-]*\.go'
                  [[ ${2-} =~ ^$files(,$files)*$ && ${3-} =~ ^(-|$files(,$files)*)$ ]] || usage
                  direct_pkg=$2 direct_xtest=$3; shift 2 ;;
        *) usage ;;
    esac
    shift
done

# The worker stops reading at this line instead of waiting for Docker to tear the container
# down. Only root writes lines that do not start with "|", so it cannot be forged. Docker
# records an OOM kill only when the container exits, so the line carries the cgroup's count.
oom_kills() {
    cat /sys/fs/cgroup/memory.events /sys/fs/cgroup/memory/memory.oom_control 2>/dev/null |
        awk '$1 == "oom_kill" { n = $2 } END { print n + 0 }'
}
trap 'echo "@@dojo:end $? $(oom_kills)@@"' EXIT

[ "$(id -u)" = 0 ] || die "the judge must start as root (it drops to $BUILDER and $RUNNER)"
# A noexec /tmp would make the test binary fail to start, which would read as a failing
# test; catch it here as the judge's own failure instead.
grep -qE '^[^ ]+ /tmp [^ ]+ [^ ]*noexec' /proc/mounts && die "/tmp is mounted noexec"

# Sources and binaries belong to BUILDER: RUNNER can execute a binary (0711) but not read
# it, and can neither list nor change /tmp/job. /tmp/src is gone before RUNNER exists.
as_builder mkdir -m 0700 /tmp/src /tmp/home || die "cannot create the build dirs"
as_builder mkdir -m 0711 /tmp/job || die "cannot create the job dir"
as_builder tar -x --no-same-permissions -C /tmp/src -f - || die "stdin is not a tar archive"
# --variants: one module per dir (below), all with the same go.mod.
dirs=()
[ -n "$variants" ] && dirs=($(as_builder ls /tmp/src/v))
# The module path and the language version (the direct build's -lang), from one read of go.mod.
module="" lang=""
while read -r key value; do
    case $key in
        module) [ -n "$module" ] || module=$value ;;
        go) [ -n "$lang" ] || lang=go$value ;;
    esac
done < <(as_builder sed -n -e 's/^module[[:space:]]\{1,\}"\{0,1\}\([^"[:space:]]*\).*/module \1/p' \
                          -e 's/^go[[:space:]]\{1,\}\([0-9]\{1,\}\.[0-9]\{1,\}\).*/go \1/p' \
                          "/tmp/src${dirs:+/v/${dirs[0]}}/go.mod" 2>/dev/null)

# build DIR OUTPUT RACE: compile DIR's test binary as BUILDER, with -race when RACE is 1 (and
# that flavour's warm cache); its output is escaped like any other text the submission can
# influence (compile errors quote the source).
# RUNNER may execute a test binary but not read it (0711), which also makes its process
# non-dumpable: its /proc/self belongs to root. Except under -race: ThreadSanitizer reads
# GORACE from /proc/self/environ, and without it sleeps 1 s at exit (atexit_sleep_ms), so
# race binaries stay readable (docs/judge-protocol.md, "Residual risk").
build() {
    local flags=() cache=/opt/dojo/gocache/plain mode=0711
    [ "$3" = 1 ] && flags=(-race) cache=/opt/dojo/gocache/race mode=0755
    as_builder sh -c 'cat /opt/dojo/go.sum >>"$1/go.sum"' sh "$1" || return 3
    # -ldflags=-w: no DWARF links 10-20% faster; -vet=off: a judge reports what the compiler
    # and the tests say (and it saves ~50 ms a run).
    GOCACHE=$cache "$JAIL" run --uid $BUILDER --cwd "$1" --inherit-env --timeout 300 --max-output "$max_output" -- \
        "$GOROOT/bin/go" test -c "${flags[@]}" -vet=off -ldflags=-w -o "$2" . &&
        as_builder chmod "$mode" "$2"
}
# --direct PKG_FILES XTEST_FILES: the test binary without the go command. The worker names
# the package's files (the submission's and the internal test files) and the external test
# package's ("-" for none), and sends the test main it generated from the judge's own test
# files as _testmain.go (a name the go command ignores and a submission cannot take). Three
# compiles and a link against the image's import configs (built with its warm cache) cost
# about half the CPU of `go test -c`, most of whose time goes to loading and hashing the
# same package graph on every run. Any failure (a compile error, an import the image has
# not built, a timeout) falls back to `go test -c`, whose messages are the ones shown: this
# path never decides a verdict, it only makes a build that succeeds cheaper.
DIRECT_BUILD='
exec >/dev/null 2>&1
set -eu
out=$1 flavour=$2 module=$3 lang=$4 pkg=$5 xtest=$6 as_dir=$7; shift 7
tool=$GOROOT/pkg/tool/linux_amd64 cfg=/opt/dojo/importcfg/$flavour b=$PWD/_dojo_build
read -r version <"$GOROOT/VERSION"
flags=(-lang="$lang" -complete -goversion "$version" -c=1 -nolocalimports -pack "$@")
[ -f _testmain.go ]
if [ -n "$as_dir" ]; then
    # A variant dir: its package is the listed files it holds, and a file not listed means
    # this is not the build the plan was made for. Source paths are recorded as in $as_dir.
    held=()
    for f in *; do
        case $f in
            _*|go.mod|go.sum) ;;
            *.go) [[ ,$pkg, == *,$f,* ]] || exit 1; held+=("$f") ;;
            *) exit 1 ;;
        esac
    done
    pkg=$(IFS=,; echo "${held[*]}")
    flags+=(-trimpath "$PWD=>$as_dir")
fi
files() { local f; for f in ${1//,/ }; do printf "./%s\n" "$f"; done; }
mkdir -m 0700 "$b"
"$tool/compile" -o "$b/pkg.a" -p "$module" -importcfg "$cfg.pkg" "${flags[@]}" $(files "$pkg")
{ cat "$cfg.pkg"; echo "packagefile $module=$b/pkg.a"; } >"$b/xtest.cfg"
{ cat "$cfg.link"; echo "packagefile $module=$b/pkg.a"; } >"$b/link.cfg"
if [ "$xtest" != - ]; then
    "$tool/compile" -o "$b/xtest.a" -p "${module}_test" -importcfg "$b/xtest.cfg" "${flags[@]}" $(files "$xtest")
    echo "packagefile ${module}_test=$b/xtest.a" >>"$b/link.cfg"
fi
"$tool/compile" -o "$b/main.a" -p main -importcfg "$b/link.cfg" "${flags[@]}" ./_testmain.go
"$tool/link" -o "$out" -importcfg "$b/link.cfg" -buildmode=exe -w -X testing.testBinary=1 -extld=gcc \
    ${1:+-installsuffix race} "$@" "$b/main.a"
'
# direct_build DIR OUTPUT RACE [AS_DIR]: as build, but direct (above); status 0 only with a
# binary. AS_DIR: a variant dir, built as if it were AS_DIR (see --variants).
direct_build() {
    local flags=() flavour=plain mode=0711
    [ "$3" = 1 ] && flags=(-race) flavour=race mode=0755
    [ -n "$lang" ] || return 1
    "$JAIL" run --uid $BUILDER --cwd "$1" --inherit-env --timeout 60 --max-output 4096 -- \
        /bin/bash -c "$DIRECT_BUILD" direct-build "$2" "$flavour" "${module:-main}" "$lang" \
        "$direct_pkg" "$direct_xtest" "${4-}" "${flags[@]}" >/dev/null &&
        as_builder chmod "$mode" "$2"
}
# Each run gets a fresh, empty home and scratch space that only RUNNER can write.
fresh_run_dir() {
    as_runner sh -c 'rm -rf /tmp/run /dev/shm/* 2>/dev/null; mkdir -m 0700 /tmp/run /tmp/run/home /tmp/run/tmp' ||
        die "cannot create the run dir"
}
# [RACE_BINARY=1] jailed BINARY ARGS...: one run of a test binary as RUNNER, fenced, reaped,
# escaped.
jailed() {
    local proc=()
    [ "${RACE_BINARY-0}" = 1 ] && proc=(--proc)  # ThreadSanitizer reads /proc/self/maps
    local filter=()
    [ -n "${T2J_PACKAGE-}" ] && filter=(--test2json "$TEST2JSON" --package "$T2J_PACKAGE" --filter-uid $BUILDER)
    "$JAIL" run --uid $RUNNER --cwd /tmp/run --landlock "${proc[@]}" --rw /tmp/run --exec "$1" --reap \
        --timeout "$jail_timeout" --max-output "$max_output" "${filter[@]}" \
        --env PATH=/usr/bin:/bin --env HOME=/tmp/run/home --env TMPDIR=/tmp/run/tmp \
        --env GORACE=atexit_sleep_ms=0 -- "$@"
}
test_flags=(-test.v=test2json -test.paniconexit0 "-test.timeout=${timeout}s")
# dojo-jail's backstop: 2 s after -test.timeout, so the testing package's own report of a
# time-out (with the test's name) comes first.
jail_timeout=$(awk -v t="$timeout" 'BEGIN { print t + 2 }')

echo "@@dojo:build@@"
# --variants: a test-writing task or a drill. /tmp/src/v/<dir>/ each hold the user's _test.go
# files with one implementation: the correct one or a mutant (the worker knows which is which;
# it names the correct one so it sorts, and builds, first). Every dir is built as if it were
# $VARIANT_AS (the binaries record their source paths, which runtime.Caller and panics show),
# and each binary runs in turn from the same path, in a fresh run dir, so the tests cannot tell
# which implementation they face.
VARIANT_AS=/tmp/src/variant
if [ -n "$variants" ]; then
    # With --direct (the worker sends a test main made from the user's files to each dir),
    # the dirs build directly, two at a time: the container's CPU limit is two CPUs
    # (JUDGE_CPUS) and each compile and link uses one (-c=1). A dir it fails for builds below.
    direct=() pids=()
    if [ -n "$direct_pkg" ]; then
        for i in "${!dirs[@]}"; do
            direct_build "/tmp/src/v/${dirs[$i]}" "/tmp/job/${dirs[$i]}.test" "$race" "$VARIANT_AS" &
            pids[$i]=$!
            [ "$i" -gt 0 ] && wait "${pids[$((i - 1))]}" && direct[$((i - 1))]=1
        done
        [ ${#dirs[@]} -gt 0 ] && wait "${pids[-1]}" && direct[$((${#dirs[@]} - 1))]=1
    fi
    for i in "${!dirs[@]}"; do
        d=${dirs[$i]}
        echo "@@dojo:variant-build $d@@"
        if [ "${direct[$i]-0}" = 1 ]; then
            echo "@@dojo:built direct@@"
            continue
        fi
        as_builder sh -c 'rm -rf "$2" && mv "$1" "$2"' sh "/tmp/src/v/$d" "$VARIANT_AS" || die "cannot move $d"
        build "$VARIANT_AS" "/tmp/job/$d.test" "$race" || { echo "@@dojo:build-failed@@"; exit 100; }
    done
    as_builder sh -c 'rm -rf /tmp/src && mkdir -m 0711 /tmp/job/run' || die "cannot delete sources"
    echo "@@dojo:run@@"
    flags=("${test_flags[@]}")
    [ $variant_bench -eq 1 ] && flags+=(-test.bench=. -test.benchtime=10x -test.cpu=1)
    for d in ${variants//,/ }; do
        fresh_run_dir
        as_builder mv "/tmp/job/$d.test" /tmp/job/run/pkg.test || die "no binary for $d"
        echo "@@dojo:variant $d@@"
        T2J_PACKAGE=main RACE_BINARY=$race jailed /tmp/job/run/pkg.test "${flags[@]}"
        echo "@@dojo:variant-end $d@@"
    done
    exit 0
fi

build_or_fail() {
    build "$@"
    local status=$?
    if [ $status -ne 0 ]; then
        [ $status -eq 125 ] && die "the build could not start"
        echo "@@dojo:build-failed@@"
        exit 100
    fi
}
if [ -n "$direct_pkg" ] && direct_build /tmp/src /tmp/job/pkg.test "$race"; then
    echo "@@dojo:built direct@@"
else
    as_builder rm -rf /tmp/src/_dojo_build /tmp/job/pkg.test
    build_or_fail /tmp/src /tmp/job/pkg.test "$race"
fi
# Benchmarks are timed without -race, always: ThreadSanitizer slows code by 2-20x, and by a
# different factor for each kind of operation (a plain store loop far more than clear()), so
# race-built figures judge the instrumentation, not the code. With --race the tests above are
# race-checked; the submission is built a second time, plain, for its benchmark runs.
bench_binary=/tmp/job/pkg.test
if [ -n "$bench" ] && [ "$race" = 1 ]; then
    echo "@@dojo:build bench@@"
    bench_binary=/tmp/job/bench.test
    build_or_fail /tmp/src "$bench_binary" 0
fi
# The reference's benchmark binary is built now too (plain), while no user code has run.
if [ -n "$bench" ]; then
    as_builder test -f /tmp/src/reference/go.mod || die "--bench needs a reference/ package"
    echo "@@dojo:reference-build@@"
    build /tmp/src/reference /tmp/job/ref.test 0 || die "the reference's benchmarks do not build"
fi
# Hidden tests are gone before user code runs (and RUNNER could never read them anyway).
as_builder rm -rf /tmp/src || die "cannot delete sources"

fresh_run_dir
echo "@@dojo:run@@"
T2J_PACKAGE=${module:-main} RACE_BINARY=$race jailed /tmp/job/pkg.test "${test_flags[@]}" "${run[@]}"
[ $? -eq 0 ] || exit 0
[ -n "$bench" ] || exit 0

# Benchmarks: submission and reference interleaved, round by round, in this container, so
# both see the same machine. -test.cpu=1: one P each, names without a -N suffix. Each run
# is its own jailed process, so each segment below is delimited by root's markers. Both
# binaries are plain builds (above).
bench_flags=(-test.run='^$' "-test.bench=$bench" -test.benchmem "-test.benchtime=$benchtime" -test.cpu=1
             "-test.timeout=${timeout}s")
for round in $(seq 1 "$rounds"); do
    fresh_run_dir
    echo "@@dojo:bench sub $round@@"
    jailed "$bench_binary" "${bench_flags[@]}"
    fresh_run_dir
    echo "@@dojo:bench ref $round@@"
    jailed /tmp/job/ref.test "${bench_flags[@]}"
done
echo "@@dojo:bench-end@@"
exit 0
