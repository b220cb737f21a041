package sflight

import (
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"runtime"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

type outcome struct {
	val any
	err error
	p   any // what Do panicked with, if it did
}

// goDo calls g.Do in a new goroutine; the result arrives on the channel.
func goDo(g *Group, ctx context.Context, key string, fn func(context.Context) (any, error)) <-chan outcome {
	ch := make(chan outcome, 1)
	go func() {
		var o outcome
		defer func() {
			if p := recover(); p != nil {
				o.p = p
			}
			ch <- o
		}()
		o.val, o.err = g.Do(ctx, key, fn)
	}()
	return ch
}

func await(t *testing.T, ch <-chan outcome, within time.Duration, what string) outcome {
	t.Helper()
	select {
	case o := <-ch:
		if o.p != nil {
			t.Fatalf("%s: Do panicked: %v", what, o.p)
		}
		return o
	case <-time.After(within):
		t.Fatalf("%s: Do did not return within %v", what, within)
		return outcome{}
	}
}

// blocker is an fn that counts its runs and blocks until released (or its
// context ends, if it honours it).
type blocker struct {
	runs     atomic.Int32
	started  chan struct{} // gets a value each time fn starts
	release  chan struct{}
	honour   bool
	val      any
	ctxMu    sync.Mutex
	lastCtx  context.Context
	finished atomic.Int32
}

func newBlocker(val any, honour bool) *blocker {
	return &blocker{started: make(chan struct{}, 100), release: make(chan struct{}), honour: honour, val: val}
}

func (b *blocker) fn(ctx context.Context) (any, error) {
	b.runs.Add(1)
	b.ctxMu.Lock()
	b.lastCtx = ctx
	b.ctxMu.Unlock()
	b.started <- struct{}{}
	defer b.finished.Add(1)
	if b.honour {
		select {
		case <-b.release:
		case <-ctx.Done():
			return nil, ctx.Err()
		}
	} else {
		<-b.release
	}
	return b.val, nil
}

func (b *blocker) ctx() context.Context {
	b.ctxMu.Lock()
	defer b.ctxMu.Unlock()
	return b.lastCtx
}

func (b *blocker) waitStarted(t *testing.T, what string) {
	t.Helper()
	select {
	case <-b.started:
	case <-time.After(2 * time.Second):
		t.Fatalf("%s: fn did not start within 2s", what)
	}
}

func TestDeduplicates(t *testing.T) {
	g := New()
	b := newBlocker("payload", false)
	const n = 50
	var ready sync.WaitGroup
	ready.Add(n)
	chans := make([]<-chan outcome, n)
	for i := range n {
		ch := make(chan outcome, 1)
		chans[i] = ch
		go func() {
			ready.Done()
			v, err := g.Do(context.Background(), "user:42", b.fn)
			ch <- outcome{val: v, err: err}
		}()
	}
	ready.Wait()
	b.waitStarted(t, "50 concurrent callers")
	time.Sleep(100 * time.Millisecond) // let every caller join the flight
	close(b.release)
	for i, ch := range chans {
		o := await(t, ch, 2*time.Second, fmt.Sprintf("caller %d", i))
		if o.err != nil || o.val != "payload" {
			t.Fatalf("caller %d got (%v, %v), want (payload, nil)", i, o.val, o.err)
		}
	}
	if r := b.runs.Load(); r != 1 {
		t.Errorf("50 concurrent Do(ctx, \"user:42\", fn): fn ran %d times, want 1", r)
	}
}

func TestSharesResult(t *testing.T) {
	t.Run("same-value", func(t *testing.T) {
		g := New()
		type big struct{ data [64]int }
		ptr := &big{}
		b := newBlocker(ptr, false)
		a := goDo(g, context.Background(), "k", b.fn)
		b.waitStarted(t, "first caller")
		c := goDo(g, context.Background(), "k", b.fn)
		time.Sleep(30 * time.Millisecond)
		close(b.release)
		oa, oc := await(t, a, 2*time.Second, "first"), await(t, c, 2*time.Second, "second")
		if oa.val != any(ptr) || oc.val != any(ptr) {
			t.Errorf("both callers must get the very value fn returned; got %p and %p, want %p", oa.val, oc.val, ptr)
		}
	})
	t.Run("same-error", func(t *testing.T) {
		g := New()
		errDB := errors.New("db unavailable")
		release := make(chan struct{})
		var runs atomic.Int32
		fn := func(context.Context) (any, error) {
			runs.Add(1)
			<-release
			return "ignored", errDB
		}
		a := goDo(g, context.Background(), "k", fn)
		time.Sleep(30 * time.Millisecond)
		c := goDo(g, context.Background(), "k", fn)
		time.Sleep(30 * time.Millisecond)
		close(release)
		for name, ch := range map[string]<-chan outcome{"first": a, "second": c} {
			o := await(t, ch, 2*time.Second, name)
			if o.err != errDB || o.val != "ignored" {
				t.Errorf("%s caller got (%v, %v), want fn's exact result (ignored, %v)", name, o.val, o.err, errDB)
			}
		}
		if runs.Load() != 1 {
			t.Errorf("fn ran %d times, want 1", runs.Load())
		}
	})
	t.Run("nil-result", func(t *testing.T) {
		g := New()
		v, err := g.Do(context.Background(), "k", func(context.Context) (any, error) { return nil, nil })
		if v != nil || err != nil {
			t.Errorf("fn returned (nil, nil); Do returned (%v, %v)", v, err)
		}
	})
}

func TestNoCaching(t *testing.T) {
	g := New()
	var runs atomic.Int32
	fn := func(context.Context) (any, error) { return runs.Add(1), nil }
	for i := 1; i <= 3; i++ {
		v, err := g.Do(context.Background(), "k", fn)
		if err != nil || v != int32(i) {
			t.Fatalf("sequential call %d returned (%v, %v), want (%d, nil): a finished flight must not be reused", i, v, err, i)
		}
	}
}

func TestKeysIndependent(t *testing.T) {
	g := New()
	slow := newBlocker("a", false)
	defer close(slow.release)
	a := goDo(g, context.Background(), "a", slow.fn)
	slow.waitStarted(t, "key a")
	v, err := g.Do(context.Background(), "b", func(context.Context) (any, error) { return "b", nil })
	if v != "b" || err != nil {
		t.Errorf("Do on key b while key a is in flight returned (%v, %v), want (b, nil)", v, err)
	}
	v, err = g.Do(context.Background(), "", func(context.Context) (any, error) { return "empty", nil })
	if v != "empty" || err != nil {
		t.Errorf("Do on the empty key returned (%v, %v), want (empty, nil)", v, err)
	}
	select {
	case <-a:
		t.Errorf("key a returned before its fn was released")
	default:
	}
}

func TestCallerContext(t *testing.T) {
	t.Run("waiter-gives-up", func(t *testing.T) {
		g := New()
		b := newBlocker("late", false)
		first := goDo(g, context.Background(), "k", b.fn)
		b.waitStarted(t, "first caller")
		ctx, cancel := context.WithTimeout(context.Background(), 40*time.Millisecond)
		defer cancel()
		start := time.Now()
		o := await(t, goDo(g, ctx, "k", b.fn), time.Second, "waiter with a 40ms deadline")
		if !errors.Is(o.err, context.DeadlineExceeded) || o.val != nil {
			t.Errorf("waiter whose ctx expired got (%v, %v), want (nil, context.DeadlineExceeded)", o.val, o.err)
		}
		if took := time.Since(start); took > 900*time.Millisecond {
			t.Errorf("the waiter returned %v after its 40ms deadline", took)
		}
		close(b.release)
		if o := await(t, first, 2*time.Second, "first caller"); o.val != "late" || o.err != nil {
			t.Errorf("first caller got (%v, %v), want (late, nil)", o.val, o.err)
		}
		if b.runs.Load() != 1 {
			t.Errorf("fn ran %d times, want 1", b.runs.Load())
		}
	})
	t.Run("first-caller-gives-up", func(t *testing.T) {
		g := New()
		b := newBlocker("for-the-others", true)
		ctx, cancel := context.WithCancel(context.Background())
		first := goDo(g, ctx, "k", b.fn)
		b.waitStarted(t, "first caller")
		second := goDo(g, context.Background(), "k", b.fn)
		time.Sleep(30 * time.Millisecond)
		cancel()
		o := await(t, first, time.Second, "first caller after cancelling its ctx")
		if !errors.Is(o.err, context.Canceled) {
			t.Errorf("first caller cancelled its ctx: got (%v, %v), want context.Canceled", o.val, o.err)
		}
		time.Sleep(20 * time.Millisecond)
		if err := b.ctx().Err(); err != nil {
			t.Fatalf("the first caller left but another still waits, yet fn's context ended (%v): "+
				"fn must not run under the first caller's context", err)
		}
		close(b.release)
		if o := await(t, second, 2*time.Second, "second caller"); o.val != "for-the-others" || o.err != nil {
			t.Errorf("second caller got (%v, %v), want (for-the-others, nil): the first caller leaving must not fail the others", o.val, o.err)
		}
	})
	t.Run("fn-context", func(t *testing.T) {
		g := New()
		type key struct{}
		ctx, cancel := context.WithTimeout(context.WithValue(context.Background(), key{}, "tenant-7"), time.Hour)
		defer cancel()
		var seen any
		var hasDeadline bool
		g.Do(ctx, "k", func(fctx context.Context) (any, error) {
			seen = fctx.Value(key{})
			_, hasDeadline = fctx.Deadline()
			return nil, nil
		})
		if seen != "tenant-7" {
			t.Errorf("fn's context lost the first caller's values: got %v, want tenant-7", seen)
		}
		if hasDeadline {
			t.Errorf("fn's context carries the first caller's deadline; other callers may wait longer")
		}
	})
	t.Run("last-waiter-cancels-fn", func(t *testing.T) {
		g := New()
		b := newBlocker("unused", true)
		defer close(b.release)
		ctx1, cancel1 := context.WithCancel(context.Background())
		ctx2, cancel2 := context.WithCancel(context.Background())
		c1 := goDo(g, ctx1, "k", b.fn)
		b.waitStarted(t, "first caller")
		c2 := goDo(g, ctx2, "k", b.fn)
		time.Sleep(30 * time.Millisecond)
		cancel1()
		await(t, c1, time.Second, "first caller")
		cancel2()
		await(t, c2, time.Second, "second caller")
		deadline := time.Now().Add(time.Second)
		for b.finished.Load() == 0 && time.Now().Before(deadline) {
			time.Sleep(5 * time.Millisecond)
		}
		if b.finished.Load() == 0 {
			t.Errorf("every caller gave up, but fn's context was not cancelled: nobody wants the result any more")
		}
	})
	t.Run("fresh-flight-after-abandon", func(t *testing.T) {
		g := New()
		stuck := newBlocker("stale", false) // ignores its context
		defer close(stuck.release)
		ctx, cancel := context.WithCancel(context.Background())
		c1 := goDo(g, ctx, "k", stuck.fn)
		stuck.waitStarted(t, "abandoned flight")
		cancel()
		await(t, c1, time.Second, "caller that gave up")
		o := await(t, goDo(g, context.Background(), "k", func(context.Context) (any, error) { return "fresh", nil }),
			time.Second, "a new caller after every caller left the old flight (whose fn ignores its context and still runs)")
		if o.val != "fresh" || o.err != nil {
			t.Errorf("after every caller left a flight (its fn still running), a new Do got (%v, %v), want (fresh, nil) from a new run", o.val, o.err)
		}
	})
	t.Run("done-before-call", func(t *testing.T) {
		g := New()
		ctx, cancel := context.WithCancel(context.Background())
		cancel()
		ran := false
		v, err := g.Do(ctx, "k", func(context.Context) (any, error) { ran = true; return "x", nil })
		if !errors.Is(err, context.Canceled) || v != nil || ran {
			t.Errorf("Do with a cancelled ctx returned (%v, %v), fn ran: %v; want (nil, context.Canceled) without running fn", v, err, ran)
		}
		v, err = g.Do(context.Background(), "k", func(context.Context) (any, error) { return "next", nil })
		if v != "next" || err != nil {
			t.Errorf("the next Do returned (%v, %v), want (next, nil)", v, err)
		}
	})
}

func TestPanickingFn(t *testing.T) {
	g := New()
	release := make(chan struct{})
	fn := func(context.Context) (any, error) {
		<-release
		panic("kaboom")
	}
	a := goDo(g, context.Background(), "k", fn)
	time.Sleep(30 * time.Millisecond)
	b := goDo(g, context.Background(), "k", fn)
	time.Sleep(30 * time.Millisecond)
	close(release)
	for name, ch := range map[string]<-chan outcome{"first": a, "second": b} {
		select {
		case o := <-ch:
			if o.p != nil {
				t.Errorf("%s caller: Do panicked (%v); turn fn's panic into an error for every caller", name, o.p)
			} else if o.err == nil || !strings.Contains(o.err.Error(), "kaboom") {
				t.Errorf("%s caller got (%v, %v), want an error that mentions the panic value \"kaboom\"", name, o.val, o.err)
			}
		case <-time.After(2 * time.Second):
			t.Fatalf("%s caller: Do never returned after fn panicked", name)
		}
	}
	v, err := g.Do(context.Background(), "k", func(context.Context) (any, error) { return "recovered", nil })
	if v != "recovered" || err != nil {
		t.Errorf("after a panicking flight, Do on the same key returned (%v, %v), want (recovered, nil)", v, err)
	}
}

func TestZeroGroup(t *testing.T) {
	var g Group
	v, err := g.Do(context.Background(), "k", func(context.Context) (any, error) { return 1, nil })
	if v != 1 || err != nil {
		t.Errorf("zero Group: Do returned (%v, %v), want (1, nil)", v, err)
	}
}

func TestNoLeaks(t *testing.T) {
	before := settledGoroutines()
	g := New()
	var wg sync.WaitGroup
	for i := 0; i < 200; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			ctx, cancel := context.WithTimeout(context.Background(), time.Duration(i%3)*time.Millisecond)
			defer cancel()
			g.Do(ctx, fmt.Sprint("k", i%10), func(ctx context.Context) (any, error) {
				select {
				case <-time.After(2 * time.Millisecond):
				case <-ctx.Done():
				}
				return i, nil
			})
		}()
	}
	wg.Wait()
	deadline := time.Now().Add(2 * time.Second)
	after := runtime.NumGoroutine()
	for after > before+2 && time.Now().Before(deadline) {
		time.Sleep(20 * time.Millisecond)
		after = runtime.NumGoroutine()
	}
	if after > before+2 {
		t.Errorf("200 calls finished but %d goroutines are left behind (before %d, after %d)", after-before, before, after)
	}
}

func TestHammer(t *testing.T) {
	g := New()
	var runs atomic.Int32
	var wg sync.WaitGroup
	errs := make(chan string, 32)
	for w := 0; w < 32; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			r := rand.New(rand.NewPCG(uint64(w), 99))
			for i := 0; i < 150; i++ {
				key := fmt.Sprint("key-", r.IntN(6))
				ctx, cancel := context.WithTimeout(context.Background(), time.Duration(r.IntN(3000))*time.Microsecond)
				work := time.Duration(r.IntN(500)) * time.Microsecond
				v, err := g.Do(ctx, key, func(ctx context.Context) (any, error) {
					runs.Add(1)
					time.Sleep(work)
					return "value of " + key, nil
				})
				cancel()
				if err == nil && v != "value of "+key {
					errs <- fmt.Sprintf("Do(%q) returned %v, want %q", key, v, "value of "+key)
					return
				}
				if err != nil && !errors.Is(err, context.DeadlineExceeded) {
					errs <- fmt.Sprintf("Do(%q) returned error %v, want nil or context.DeadlineExceeded", key, err)
					return
				}
			}
		}()
	}
	wg.Wait()
	close(errs)
	for e := range errs {
		t.Error("hammer: " + e)
	}
	if runs.Load() >= 32*150 {
		t.Errorf("fn ran %d times for %d calls on 6 keys: concurrent calls are not being shared", runs.Load(), 32*150)
	}
}

// settledGoroutines is the number of goroutines once it stops falling: an earlier test's
// goroutines may still be winding down, and a baseline counting them would hide a leak.
func settledGoroutines() int {
	n := runtime.NumGoroutine()
	for range 100 {
		time.Sleep(10 * time.Millisecond)
		m := runtime.NumGoroutine()
		if m >= n {
			return m
		}
		n = m
	}
	return n
}
