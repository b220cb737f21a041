#!/bin/bash
# Dojo judge, installed in the runner image as /opt/dojo/bin/judge.
# Contract: docs/judge-protocol.md. Exit 0 pass, 1 fail, 100 build failed; any other
# status (2 usage, 3 internal) is the judge's own failure.
#
# Sourcing this file (`. /opt/dojo/bin/judge`) only sets the Go environment: the image
# build warms the cache that way, so cache keys match the real runs exactly.

# The worker passes no Go settings; drop any that Docker or the image might carry.
for v in $(compgen -e); do case $v in GO*|CGO_*) unset "$v" ;; esac; done
export GOROOT=/usr/local/go PATH=/usr/local/go/bin:/usr/bin:/bin HOME=/tmp/home TMPDIR=/tmp
# The image's warm build cache, used read-only as is: go 1.27 treats a cache it cannot
# write to as best effort (reads hit, writes fail silently), so no run can poison it for the
# next one and nothing has to be copied to /tmp first. One cache per flavour (plain, race).
export GOPATH=/tmp/gopath GOCACHE=/opt/dojo/gocache/plain GOENV=off
# Debian's copies of x/sync, yaml.v3 and go-sqlite3 laid out as a read-only module cache
# (go.sum lines in /opt/dojo/go.sum); nothing is ever fetched.
export GOMODCACHE=/opt/dojo/gomodcache GOPROXY=off GOSUMDB=off GOFLAGS=-mod=readonly
export GOTOOLCHAIN=local GOTELEMETRY=off
# cgo stays on for every build: -race and go-sqlite3 (linked to the system libsqlite3)
# need it, and one setting means one flavour of warm cache instead of two.
export CGO_ENABLED=1 GORACE=atexit_sleep_ms=0
(return 0 2>/dev/null) && return 0

die() { echo "judge: $*" >&2; exit 3; }
usage() { echo "usage: judge [--args-from-stdin | [--race] [--timeout S] [--run RE] [--count N] [--bench RE [--bench-rounds N] [--benchtime T]] [--variants D,D.. [--variant-bench]] [--end-marker HEX]]" >&2; exit 2; }

# --args-from-stdin: the options come as the first line of stdin, before the tar. The worker
# starts the container ahead of time (a warm sandbox waiting here) and only then knows them.
if [ "${1-}" = "--args-from-stdin" ]; then
    IFS=' ' read -r -a stdin_args || die "no option line on stdin"
    set -- "${stdin_args[@]}"
fi

race=() timeout=10 run=() bench="" rounds=5 benchtime=100ms variants="" variant_bench=0
while [ $# -gt 0 ]; do
    case $1 in
        --race) race=(-race) GOCACHE=/opt/dojo/gocache/race ;;
        --timeout) [[ ${2-} =~ ^[0-9]+(\.[0-9]+)?$ ]] || usage; timeout=$2; shift ;;
        --run) [ $# -ge 2 ] || usage; run+=("-test.run=$2"); shift ;;
        --count) [[ ${2-} =~ ^[0-9]+$ ]] || usage; run+=("-test.count=$2"); shift ;;
        --bench) [ $# -ge 2 ] || usage; bench=$2; shift ;;
        --bench-rounds) [[ ${2-} =~ ^[1-9][0-9]*$ ]] || usage; rounds=$2; shift ;;
        --benchtime) [[ ${2-} =~ ^[0-9]+(x|ms|s)$ ]] || usage; benchtime=$2; shift ;;
        --variants) [[ ${2-} =~ ^[a-z0-9]+(,[a-z0-9]+)*$ ]] || usage; variants=$2; shift ;;
        --variant-bench) variant_bench=1 ;;
        --end-marker) [[ ${2-} =~ ^[0-9a-f]{16,64}$ ]] || usage; end_marker=$2; shift ;;
        *) usage ;;
    esac
    shift
done
# The worker stops reading at this line instead of waiting for Docker to tear the container
# down (~0.1 s). The nonce came on stdin before any user code ran. Docker only records an
# OOM kill when the container exits, so the line carries the cgroup's count (v2 or v1).
oom_kills() {
    cat /sys/fs/cgroup/memory.events /sys/fs/cgroup/memory/memory.oom_control 2>/dev/null |
        awk '$1 == "oom_kill" { n = $2 } END { print n + 0 }'
}
[ -n "${end_marker-}" ] && trap 'echo "@@dojo:end $end_marker $? $(oom_kills)@@"' EXIT

# A noexec /tmp would make the test binary fail to start, which test2json reports
# exactly like a failing test; catch it here as the judge's own failure instead.
grep -qE '^[^ ]+ /tmp [^ ]+ [^ ]*noexec' /proc/mounts && die "/tmp is mounted noexec"

mkdir -p "$HOME" /tmp/src /tmp/job || die "cannot create work dirs"
tar -x -C /tmp/src -f - || die "stdin is not a tar archive"
cat /opt/dojo/go.sum >>/tmp/src/go.sum || die "cannot write go.sum"
module=$(sed -n 's/^module[[:space:]]\{1,\}"\{0,1\}\([^"[:space:]]*\).*/\1/p' /tmp/src/go.mod 2>/dev/null | head -n 1)

# The binaries are checked against these sums before each run: user code runs as the same
# user as this script and could otherwise replace a binary that runs after it.
declare -A sums
sum_of() { sha256sum "$1" 2>/dev/null | cut -c1-64; }
echo "@@dojo:build@@"

# --variants: a test-writing task. /tmp/src/v/<dir>/ each hold the user's _test.go files
# with one implementation: the correct one or a mutant (the worker knows which is which;
# it names the correct one so it sorts, and builds, first). Each binary runs in turn, as
# the same path in a cleaned /tmp, so the tests cannot tell which implementation they face.
if [ -n "$variants" ]; then
    [ -n "${end_marker-}" ] || usage
    build_variant() {
        cat /opt/dojo/go.sum >>"/tmp/src/v/$1/go.sum" &&
            (cd "/tmp/src/v/$1" && go test -c -vet=off -ldflags=-w -o "/tmp/job/$1.test" . >"/tmp/job/$1.log" 2>&1) &&
            [ -x "/tmp/job/$1.test" ]
    }
    report_build() {  # $1 dir, $2 status
        echo "@@dojo:variant-build $1@@"
        cat "/tmp/job/$1.log"
        if [ "$2" -ne 0 ]; then echo "@@dojo:build-failed@@"; exit 100; fi
        sums[$1]=$(sum_of "/tmp/job/$1.test")
    }
    # The correct implementation first (a compile error there is the user's to see), then
    # the mutants two at a time: linking dominates, and the sandbox has two CPUs.
    dirs=($(ls /tmp/src/v))
    build_variant "${dirs[0]}"; report_build "${dirs[0]}" $?
    for ((i = 1; i < ${#dirs[@]}; i += 2)); do
        pids=()
        for d in "${dirs[@]:i:2}"; do build_variant "$d" & pids+=($!); done
        j=0
        for d in "${dirs[@]:i:2}"; do wait "${pids[j]}"; report_build "$d" $?; j=$((j + 1)); done
    done
    cd /tmp/job && rm -rf /tmp/src || die "cannot delete sources"
    echo "@@dojo:run@@"
    flags=(-test.v=test2json -test.paniconexit0 "-test.timeout=${timeout}s")
    [ $variant_bench -eq 1 ] && flags+=(-test.bench=. -test.benchtime=10x -test.cpu=1)
    for d in ${variants//,/ }; do
        find /tmp -mindepth 1 -maxdepth 1 ! -name job -exec rm -rf {} + 2>/dev/null
        rm -rf /tmp/job/run /dev/shm/* 2>/dev/null
        mkdir -p /tmp/job/run "$HOME" || die "cannot create the run dir"
        if [ "$(sum_of "/tmp/job/$d.test")" != "${sums[$d]-none}" ]; then
            echo "@@dojo:variant-tampered $d $end_marker@@"
            exit 1
        fi
        mv "/tmp/job/$d.test" /tmp/job/run/pkg.test
        echo "@@dojo:variant $d $end_marker@@"
        (cd /tmp/job/run && "$GOROOT/pkg/tool/linux_amd64/test2json" -t -p main ./pkg.test "${flags[@]}")
        status=$?
        kill -9 -1 2>/dev/null
        echo "@@dojo:variant-end $d $status $end_marker@@"
    done
    exit 0
fi

cd /tmp/src || die "no sources"
# -ldflags=-w: no DWARF (nothing here runs a debugger) links 10-20% faster; panics and
# race reports still get file:line from the pcln table. -vet=off: a judge reports what the
# compiler and the tests say, not vet's opinion (and it saves ~50 ms a run).
if ! go test -c "${race[@]}" -vet=off -ldflags=-w -o /tmp/job/pkg.test . 2>&1; then
    echo "@@dojo:build-failed@@"
    exit 100
elif [ ! -x /tmp/job/pkg.test ]; then
    echo "judge: no test binary was built (no test files?)"
    echo "@@dojo:build-failed@@"
    exit 100
fi

# The reference's benchmark binary is built now too, while no user code has run.
if [ -n "$bench" ]; then
    [ -f /tmp/src/reference/go.mod ] || die "--bench needs a reference/ package"
    cat /opt/dojo/go.sum >>/tmp/src/reference/go.sum
    (cd /tmp/src/reference && go test -c "${race[@]}" -vet=off -ldflags=-w -o /tmp/job/ref.test . 2>&1) \
        || die "the reference's benchmarks do not build"
    sums[ref]=$(sum_of /tmp/job/ref.test)
fi

# Hidden tests must be gone before user code runs. Their compiled form never reached the
# (read-only) cache, and go removed its work dir on exit.
cd /tmp/job && rm -rf /tmp/src || die "cannot delete sources"
echo "@@dojo:run@@"

# -test.paniconexit0: an os.Exit(0) from user code during a test must not read as a pass.
# test2json exits 1 whenever the binary does not exit 0 (fail, panic, timeout, signal).
"$GOROOT/pkg/tool/linux_amd64/test2json" -t -p "${module:-main}" \
    ./pkg.test -test.v=test2json -test.paniconexit0 "-test.timeout=${timeout}s" "${run[@]}"
status=$?
# Nothing the user's code started may outlive its run: the benchmark phase below prints
# markers the worker counts, and only this script may print them.
kill -9 -1 2>/dev/null
[ $status -eq 0 ] || exit 1
[ -n "$bench" ] || exit 0

# Benchmarks: submission and reference interleaved, round by round, in this container, so
# both see the same machine. -test.cpu=1: one P each, names without a -N suffix.
bench_flags=(-test.run='^$' "-test.bench=$bench" -test.benchmem "-test.benchtime=$benchtime" -test.cpu=1
             "-test.timeout=${timeout}s")
for round in $(seq 1 "$rounds"); do
    echo "@@dojo:bench sub $round@@"
    ./pkg.test "${bench_flags[@]}" 2>&1
    kill -9 -1 2>/dev/null
    echo "@@dojo:bench ref $round@@"
    # The submission ran before this and could have replaced the reference's binary.
    [ "$(sum_of ./ref.test)" = "${sums[ref]}" ] || { echo "@@dojo:bench-tampered@@"; exit 1; }
    ./ref.test "${bench_flags[@]}" 2>&1 || die "the reference's benchmarks failed"
done
echo "@@dojo:bench-end@@"
exit 0
