package pit

import (
	"fmt"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
)

// The configuration is global: every test uses keys with a prefix of its own.
// TestFreshConfig must stay first: it checks reads before any Set.

func TestFreshConfig(t *testing.T) {
	for _, k := range []string{"", "fresh/missing", "ключ"} {
		if v, ok := Get(k); v != "" || ok {
			t.Errorf("Get(%q) before any Set = (%q, %v), want (\"\", false)", k, v, ok)
		}
	}
}

func wantValue(t *testing.T, key, want string) {
	t.Helper()
	if v, ok := Get(key); v != want || !ok {
		t.Errorf("Get(%q) = (%q, %v), want (%q, true)", key, v, ok, want)
	}
}

func TestSetGet(t *testing.T) {
	t.Run("set-then-get", func(t *testing.T) {
		Set("basic/region", "eu-west-1")
		wantValue(t, "basic/region", "eu-west-1")
	})
	t.Run("overwrite", func(t *testing.T) {
		Set("basic/ow", "1")
		Set("basic/ow", "2")
		wantValue(t, "basic/ow", "2")
		Set("basic/ow", "2")
		wantValue(t, "basic/ow", "2")
		Set("basic/ow", "1")
		wantValue(t, "basic/ow", "1")
	})
	t.Run("empty-value-is-present", func(t *testing.T) {
		Set("basic/empty", "")
		wantValue(t, "basic/empty", "")
	})
	t.Run("empty-key", func(t *testing.T) {
		Set("", "root")
		wantValue(t, "", "root")
	})
	t.Run("unicode", func(t *testing.T) {
		Set("basic/ключ", "значение 🙂")
		wantValue(t, "basic/ключ", "значение 🙂")
	})
	t.Run("long-value", func(t *testing.T) {
		long := strings.Repeat("x", 1<<16)
		Set("basic/long", long)
		if v, ok := Get("basic/long"); v != long || !ok {
			t.Errorf("Get(\"basic/long\") returned %d bytes (ok=%v), want the %d bytes just Set", len(v), ok, len(long))
		}
	})
	t.Run("other-keys-kept", func(t *testing.T) {
		Set("basic/a", "A")
		Set("basic/b", "B")
		Set("basic/a", "AA")
		wantValue(t, "basic/a", "AA")
		wantValue(t, "basic/b", "B")
		wantValue(t, "basic/region", "eu-west-1")
	})
	t.Run("missing", func(t *testing.T) {
		if v, ok := Get("basic/never-set"); v != "" || ok {
			t.Errorf("Get(\"basic/never-set\") = (%q, %v), want (\"\", false)", v, ok)
		}
	})
}

func TestManyKeys(t *testing.T) {
	const n = 300
	for i := range n {
		Set("many/"+strconv.Itoa(i), strconv.Itoa(i*i))
	}
	for i := range n {
		k := "many/" + strconv.Itoa(i)
		if v, ok := Get(k); v != strconv.Itoa(i*i) || !ok {
			t.Fatalf("after setting %d keys one by one: Get(%q) = (%q, %v), want (%q, true)", n, k, v, ok, strconv.Itoa(i*i))
		}
	}
}

func TestConcurrentWritersLoseNothing(t *testing.T) {
	const writers, perWriter = 6, 30
	for round := range 3 {
		var start sync.WaitGroup
		start.Add(1)
		var wg sync.WaitGroup
		for w := range writers {
			wg.Go(func() {
				start.Wait()
				for i := range perWriter {
					Set(fmt.Sprintf("lost/%d/%d/%d", round, w, i), fmt.Sprint(w*1000+i))
				}
			})
		}
		start.Done()
		wg.Wait()
		missing := 0
		first := ""
		for w := range writers {
			for i := range perWriter {
				k := fmt.Sprintf("lost/%d/%d/%d", round, w, i)
				if v, ok := Get(k); !ok || v != fmt.Sprint(w*1000+i) {
					if missing == 0 {
						first = fmt.Sprintf("Get(%q) = (%q, %v), want (%q, true)", k, v, ok, fmt.Sprint(w*1000+i))
					}
					missing++
				}
			}
		}
		if missing > 0 {
			t.Fatalf("%d goroutines each called Set %d times with keys of their own, at the same time: afterwards %d of %d keys are missing or wrong, e.g. %s (concurrent Sets must not lose each other's updates)",
				writers, perWriter, missing, writers*perWriter, first)
		}
	}
}

func TestReadersDuringWrites(t *testing.T) {
	// Every value written for "rw/<k>" is "<k>:<n>": a reader must only ever
	// see a value that was written for the key it asked for.
	const keys = 20
	for k := range keys {
		Set(fmt.Sprintf("rw/%d", k), fmt.Sprintf("%d:0", k))
	}
	var stop atomic.Bool
	var bad atomic.Value
	var readers, writers sync.WaitGroup
	for r := range 3 {
		readers.Go(func() {
			for i := 0; !stop.Load(); i++ {
				k := (i*7 + r) % keys
				key := fmt.Sprintf("rw/%d", k)
				v, ok := Get(key)
				if !ok || !strings.HasPrefix(v, fmt.Sprintf("%d:", k)) {
					bad.CompareAndSwap(nil, fmt.Sprintf("Get(%q) = (%q, %v) while other goroutines were writing, want a value \"%d:<n>\" and true", key, v, ok, k))
				}
			}
		})
	}
	for w := range 2 {
		writers.Go(func() {
			for n := 1; n <= 60; n++ {
				k := (n*3 + w) % keys
				Set(fmt.Sprintf("rw/%d", k), fmt.Sprintf("%d:%d", k, n))
			}
		})
	}
	writers.Wait()
	stop.Store(true)
	readers.Wait()
	if msg := bad.Load(); msg != nil {
		t.Error(msg)
	}
}

func TestMonotonicReads(t *testing.T) {
	// One writer counts up; a reader must never see the count go backwards,
	// and must see the final value once the writer is done.
	const last = 150
	Set("mono/count", "0")
	var done atomic.Bool
	var bad atomic.Value
	var wg sync.WaitGroup
	for range 3 {
		wg.Go(func() {
			prev := 0
			for !done.Load() {
				v, ok := Get("mono/count")
				n, err := strconv.Atoi(v)
				if !ok || err != nil || n < prev {
					bad.CompareAndSwap(nil, fmt.Sprintf("a reader saw Get(\"mono/count\") = (%q, %v) after having seen %d (values only grow)", v, ok, prev))
					return
				}
				prev = n
			}
		})
	}
	for n := 1; n <= last; n++ {
		Set("mono/count", strconv.Itoa(n))
	}
	done.Store(true)
	wg.Wait()
	if msg := bad.Load(); msg != nil {
		t.Fatal(msg)
	}
	wantValue(t, "mono/count", strconv.Itoa(last))
}

func TestSameKeyManyWriters(t *testing.T) {
	const writers = 6
	var wg sync.WaitGroup
	for w := range writers {
		wg.Go(func() {
			for i := range 20 {
				Set("same/key", fmt.Sprintf("w%d-%d", w, i))
				Set(fmt.Sprintf("same/own/%d", w), strconv.Itoa(i))
			}
		})
	}
	wg.Wait()
	v, ok := Get("same/key")
	if !ok || !strings.HasSuffix(v, "-19") {
		t.Errorf("after %d goroutines each set \"same/key\" to w<id>-0 … w<id>-19: Get = (%q, %v), want the last value of one of them (w<id>-19, true)", writers, v, ok)
	}
	for w := range writers {
		wantValue(t, fmt.Sprintf("same/own/%d", w), "19")
	}
}

func TestVisibleToOtherGoroutines(t *testing.T) {
	for i := range 100 {
		key := fmt.Sprintf("vis/%d", i)
		ready := make(chan struct{})
		got := make(chan string)
		go func() {
			<-ready
			v, _ := Get(key)
			got <- v
		}()
		Set(key, "ready")
		close(ready)
		if v := <-got; v != "ready" {
			t.Fatalf("Set(%q, \"ready\") returned, then another goroutine called Get(%q) and got %q, want \"ready\"", key, key, v)
		}
	}
}
