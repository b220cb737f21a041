package timeout

import (
	"context"
	"errors"
	"fmt"
	"math"
	"runtime"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

type outcome struct {
	err      error
	elapsed  time.Duration
	returned bool
	panicked any
	guard    time.Duration
}

// stuck is set once a call overran its guard: later guards are short, so that a
// solution that waits for a stubborn fn fails quickly instead of hitting the time limit.
var stuck atomic.Bool

const guard = 1500 * time.Millisecond

// call runs WithCallTimeout in a goroutine and waits at most guard for it.
func call(ctx context.Context, d time.Duration, fn func(context.Context) error) outcome {
	g := guard
	if stuck.Load() {
		g = 250 * time.Millisecond
	}
	done := make(chan outcome, 1)
	start := time.Now()
	go func() {
		var o outcome
		defer func() {
			if p := recover(); p != nil {
				o.panicked = p
			}
			o.elapsed = time.Since(start)
			o.returned = true
			done <- o
		}()
		o.err = WithCallTimeout(ctx, d, fn)
	}()
	select {
	case o := <-done:
		return o
	case <-time.After(g):
		stuck.Store(true)
		return outcome{guard: g, elapsed: time.Since(start)}
	}
}

func mustReturn(t *testing.T, what string, o outcome) {
	t.Helper()
	if o.panicked != nil {
		t.Fatalf("%s panicked: %v", what, o.panicked)
	}
	if !o.returned {
		t.Fatalf("%s has not returned after %v", what, o.guard)
	}
}

// probe is an fn that records its calls and the contexts it was given.
type probe struct {
	calls atomic.Int32
	mu    sync.Mutex
	ctxs  []context.Context
	body  func(ctx context.Context) error
}

func (p *probe) fn(ctx context.Context) error {
	p.calls.Add(1)
	p.mu.Lock()
	p.ctxs = append(p.ctxs, ctx)
	p.mu.Unlock()
	if p.body == nil {
		return nil
	}
	return p.body(ctx)
}

func (p *probe) ctx() context.Context {
	p.mu.Lock()
	defer p.mu.Unlock()
	if len(p.ctxs) == 0 {
		return nil
	}
	return p.ctxs[0]
}

// stubborn returns an fn body that ignores its context and returns errLate once
// release is closed (or after 3s, as a safety net).
func stubborn(release <-chan struct{}) func(context.Context) error {
	return func(context.Context) error {
		select {
		case <-release:
		case <-time.After(3 * time.Second):
		}
		return errLate
	}
}

// cooperative waits for its context and returns the context's error.
func cooperative(ctx context.Context) error {
	select {
	case <-ctx.Done():
		return fmt.Errorf("gave up: %w", ctx.Err())
	case <-time.After(3 * time.Second):
		return errors.New("fn's context was never done")
	}
}

var (
	errBoom = errors.New("boom")
	errLate = errors.New("late result that nobody should see")
)

type codeError struct{ code int }

func (e *codeError) Error() string { return fmt.Sprintf("code %d", e.code) }

func TestFnResult(t *testing.T) {
	cases := []struct {
		name string
		ret  error
	}{
		{"nil", nil},
		{"error", errBoom},
		{"wrapped", fmt.Errorf("query users: %w", errBoom)},
		{"typed", &codeError{42}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			p := &probe{body: func(context.Context) error { return tc.ret }}
			o := call(context.Background(), time.Minute, p.fn)
			what := fmt.Sprintf("WithCallTimeout(1m, fn returns %v)", tc.ret)
			mustReturn(t, what, o)
			if n := p.calls.Load(); n != 1 {
				t.Errorf("%s called fn %d times, want 1", what, n)
			}
			if tc.ret == nil {
				if o.err != nil {
					t.Errorf("%s = %v, want nil", what, o.err)
				}
				return
			}
			if !errors.Is(o.err, tc.ret) {
				t.Errorf("%s = %v, want fn's error %v", what, o.err, tc.ret)
			}
			var ce *codeError
			if errors.As(tc.ret, &ce) && (!errors.As(o.err, &ce) || ce.code != 42) {
				t.Errorf("%s = %v, want errors.As to find fn's *codeError", what, o.err)
			}
		})
	}
	t.Run("slow-but-in-time", func(t *testing.T) {
		p := &probe{body: func(context.Context) error {
			time.Sleep(60 * time.Millisecond)
			return errBoom
		}}
		o := call(context.Background(), time.Second, p.fn)
		what := "WithCallTimeout(1s, fn sleeps 60ms then returns boom)"
		mustReturn(t, what, o)
		if !errors.Is(o.err, errBoom) {
			t.Errorf("%s = %v, want boom", what, o.err)
		}
		if o.elapsed < 55*time.Millisecond {
			t.Errorf("%s returned after %v, before fn finished", what, o.elapsed)
		}
	})
}

type ctxKey struct{}

func TestFnContext(t *testing.T) {
	t.Run("deadline-is-d", func(t *testing.T) {
		p := &probe{}
		before := time.Now()
		o := call(context.Background(), time.Minute, p.fn)
		after := time.Now()
		mustReturn(t, "WithCallTimeout(1m, fn)", o)
		ctx := p.ctx()
		if ctx == nil {
			t.Fatal("WithCallTimeout(1m, fn) never called fn")
		}
		dl, ok := ctx.Deadline()
		if !ok || dl.Before(before.Add(time.Minute)) || dl.After(after.Add(time.Minute)) {
			t.Errorf("WithCallTimeout(1m, fn): fn's ctx.Deadline() = %v, %v; want about now+1m", dl.Format(time.StampMilli), ok)
		}
	})
	t.Run("earlier-parent-deadline-wins", func(t *testing.T) {
		parent, cancel := context.WithTimeout(context.Background(), 30*time.Second)
		defer cancel()
		want, _ := parent.Deadline()
		p := &probe{}
		o := call(parent, time.Hour, p.fn)
		mustReturn(t, "WithCallTimeout(parent with 30s deadline, 1h, fn)", o)
		if ctx := p.ctx(); ctx == nil {
			t.Fatal("WithCallTimeout(parent with 30s deadline, 1h, fn) never called fn")
		} else if dl, ok := ctx.Deadline(); !ok || !dl.Equal(want) {
			t.Errorf("WithCallTimeout(parent with 30s deadline, 1h, fn): fn's deadline = %v, %v; want the parent's %v", dl.Format(time.StampMilli), ok, want.Format(time.StampMilli))
		}
	})
	t.Run("parent-values", func(t *testing.T) {
		parent := context.WithValue(context.Background(), ctxKey{}, "request-7")
		p := &probe{}
		o := call(parent, time.Minute, p.fn)
		mustReturn(t, "WithCallTimeout(parent with a value, 1m, fn)", o)
		if ctx := p.ctx(); ctx == nil || ctx.Value(ctxKey{}) != "request-7" {
			t.Errorf("WithCallTimeout(parent with a value, 1m, fn): fn's ctx does not carry the parent's value; derive it from ctx")
		}
	})
	for _, ret := range []error{nil, errBoom} {
		t.Run(fmt.Sprintf("cancelled-after-return-%v", ret), func(t *testing.T) {
			p := &probe{body: func(context.Context) error { return ret }}
			o := call(context.Background(), time.Minute, p.fn)
			what := fmt.Sprintf("WithCallTimeout(1m, fn returns %v)", ret)
			mustReturn(t, what, o)
			ctx := p.ctx()
			if ctx == nil {
				t.Fatalf("%s never called fn", what)
			}
			if ctx.Err() == nil {
				t.Errorf("after %s returned, fn's ctx is still alive; call the CancelFunc (defer cancel())", what)
			}
		})
	}
}

func TestAlreadyDone(t *testing.T) {
	cancelled, cancel := context.WithCancel(context.Background())
	cancel()
	expired, cancel2 := context.WithDeadline(context.Background(), time.Now().Add(-time.Second))
	defer cancel2()
	cases := []struct {
		name string
		ctx  context.Context
		d    time.Duration
		want []error // any of these
	}{
		{"cancelled-parent", cancelled, time.Minute, []error{context.Canceled}},
		{"expired-parent", expired, time.Minute, []error{context.DeadlineExceeded}},
		{"zero-d", context.Background(), 0, []error{context.DeadlineExceeded}},
		{"negative-d", context.Background(), -time.Second, []error{context.DeadlineExceeded}},
		{"min-d", context.Background(), math.MinInt64, []error{context.DeadlineExceeded}},
		{"cancelled-and-zero-d", cancelled, 0, []error{context.Canceled, context.DeadlineExceeded}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			p := &probe{}
			o := call(tc.ctx, tc.d, p.fn)
			what := fmt.Sprintf("WithCallTimeout(%s ctx, %v, fn)", tc.name, tc.d)
			mustReturn(t, what, o)
			ok := false
			for _, w := range tc.want {
				ok = ok || errors.Is(o.err, w)
			}
			if !ok {
				t.Errorf("%s = %v, want %v", what, o.err, tc.want[0])
			}
			time.Sleep(20 * time.Millisecond) // give a wrongly started fn time to show up
			if n := p.calls.Load(); n != 0 {
				t.Errorf("%s called fn %d times, want 0: there is no time left to run it", what, n)
			}
		})
	}
}

func TestTimeout(t *testing.T) {
	t.Run("cooperative-fn", func(t *testing.T) {
		p := &probe{body: cooperative}
		o := call(context.Background(), 50*time.Millisecond, p.fn)
		what := "WithCallTimeout(50ms, fn waits for its ctx)"
		mustReturn(t, what, o)
		if !errors.Is(o.err, context.DeadlineExceeded) {
			t.Errorf("%s = %v, want context.DeadlineExceeded", what, o.err)
		}
		if o.elapsed < 49*time.Millisecond {
			t.Errorf("%s returned after %v, before the timeout", what, o.elapsed)
		}
	})
	t.Run("stubborn-fn", func(t *testing.T) {
		release := make(chan struct{})
		defer close(release)
		p := &probe{body: stubborn(release)}
		o := call(context.Background(), 50*time.Millisecond, p.fn)
		what := "WithCallTimeout(50ms, fn ignores its ctx and blocks)"
		mustReturn(t, what, o)
		if !errors.Is(o.err, context.DeadlineExceeded) {
			t.Errorf("%s = %v, want context.DeadlineExceeded", what, o.err)
		}
		if o.elapsed < 49*time.Millisecond {
			t.Errorf("%s returned after %v, before the timeout", what, o.elapsed)
		}
		if ctx := p.ctx(); ctx == nil || ctx.Err() == nil {
			t.Errorf("%s: after the timeout, fn's ctx should be done", what)
		}
	})
	t.Run("parent-deadline-stubborn", func(t *testing.T) {
		release := make(chan struct{})
		defer close(release)
		parent, cancel := context.WithTimeout(context.Background(), 50*time.Millisecond)
		defer cancel()
		p := &probe{body: stubborn(release)}
		o := call(parent, time.Hour, p.fn)
		what := "WithCallTimeout(parent deadline 50ms, 1h, fn ignores its ctx)"
		mustReturn(t, what, o)
		if !errors.Is(o.err, context.DeadlineExceeded) {
			t.Errorf("%s = %v, want context.DeadlineExceeded", what, o.err)
		}
	})
	t.Run("parent-cancel-cooperative", func(t *testing.T) {
		parent, cancel := context.WithCancel(context.Background())
		defer cancel()
		time.AfterFunc(30*time.Millisecond, cancel)
		p := &probe{body: cooperative}
		o := call(parent, time.Hour, p.fn)
		what := "WithCallTimeout(parent cancelled after 30ms, 1h, fn waits for its ctx)"
		mustReturn(t, what, o)
		if !errors.Is(o.err, context.Canceled) {
			t.Errorf("%s = %v, want context.Canceled", what, o.err)
		}
	})
	t.Run("parent-cancel-stubborn", func(t *testing.T) {
		release := make(chan struct{})
		defer close(release)
		parent, cancel := context.WithCancel(context.Background())
		defer cancel()
		time.AfterFunc(30*time.Millisecond, cancel)
		p := &probe{body: stubborn(release)}
		o := call(parent, time.Hour, p.fn)
		what := "WithCallTimeout(parent cancelled after 30ms, 1h, fn ignores its ctx)"
		mustReturn(t, what, o)
		if !errors.Is(o.err, context.Canceled) {
			t.Errorf("%s = %v, want context.Canceled", what, o.err)
		}
	})
}

// settle waits up to 2s for the goroutine count to drop to at most want.
func settle(want int) int {
	deadline := time.Now().Add(2 * time.Second)
	for {
		n := runtime.NumGoroutine()
		if n <= want || time.Now().After(deadline) {
			return n
		}
		time.Sleep(10 * time.Millisecond)
	}
}

func TestNoGoroutineLeak(t *testing.T) {
	t.Run("after-timeouts", func(t *testing.T) {
		before := settledGoroutines()
		release := make(chan struct{})
		var wg sync.WaitGroup
		var timedOut atomic.Int32
		for range 30 {
			wg.Add(1)
			go func() {
				defer wg.Done()
				p := &probe{body: stubborn(release)}
				if err := WithCallTimeout(context.Background(), 10*time.Millisecond, p.fn); errors.Is(err, context.DeadlineExceeded) {
					timedOut.Add(1)
				}
			}()
		}
		waited := make(chan struct{})
		go func() { wg.Wait(); close(waited) }()
		select {
		case <-waited:
		case <-time.After(guard):
			close(release)
			t.Fatalf("30 concurrent WithCallTimeout(10ms, fn ignores its ctx) calls have not returned after %v", guard)
		}
		close(release) // every fn returns now; nobody is listening for the results
		if n := timedOut.Load(); n != 30 {
			t.Errorf("%d of 30 WithCallTimeout(10ms, fn ignores its ctx) calls returned context.DeadlineExceeded, want all 30", n)
		}
		if after := settle(before); after > before {
			t.Errorf("30 WithCallTimeout(10ms) calls timed out, then their fns returned: %d goroutines are left, %d before; fn's goroutine must be able to exit when nobody waits for its result", after, before)
		}
	})
	t.Run("after-successes", func(t *testing.T) {
		before := settledGoroutines()
		for i := range 200 {
			ret := error(nil)
			if i%2 == 1 {
				ret = errBoom
			}
			if err := WithCallTimeout(context.Background(), time.Minute, func(context.Context) error { return ret }); err != ret {
				t.Fatalf("WithCallTimeout(1m, fn returns %v) = %v", ret, err)
			}
		}
		if after := settle(before); after > before {
			t.Errorf("after 200 quick WithCallTimeout calls %d goroutines are left, %d before", after, before)
		}
	})
}

func TestConcurrent(t *testing.T) {
	const n = 48
	var wg sync.WaitGroup
	problems := make([]string, n)
	for i := range n {
		wg.Add(1)
		go func() {
			defer wg.Done()
			switch i % 3 {
			case 0:
				if err := WithCallTimeout(context.Background(), time.Minute, func(context.Context) error { return nil }); err != nil {
					problems[i] = fmt.Sprintf("WithCallTimeout(1m, fn returns nil) = %v, want nil", err)
				}
			case 1:
				want := &codeError{i}
				err := WithCallTimeout(context.Background(), time.Minute, func(context.Context) error { return want })
				var ce *codeError
				if !errors.As(err, &ce) || ce.code != i {
					problems[i] = fmt.Sprintf("WithCallTimeout(1m, fn returns code %d) = %v", i, err)
				}
			case 2:
				if err := WithCallTimeout(context.Background(), 20*time.Millisecond, cooperative); !errors.Is(err, context.DeadlineExceeded) {
					problems[i] = fmt.Sprintf("WithCallTimeout(20ms, fn waits for its ctx) = %v, want context.DeadlineExceeded", err)
				}
			}
		}()
	}
	wg.Wait()
	for _, p := range problems {
		if p != "" {
			t.Error(p)
		}
	}
}

func TestExamples(t *testing.T) {
	t.Run("fast-ok", func(t *testing.T) {
		o := call(context.Background(), 100*time.Millisecond, func(context.Context) error { return nil })
		mustReturn(t, "WithCallTimeout(100ms, fn returns nil)", o)
		if o.err != nil {
			t.Errorf("WithCallTimeout(100ms, fn returns nil) = %v, want nil", o.err)
		}
	})
	t.Run("fast-error", func(t *testing.T) {
		o := call(context.Background(), 100*time.Millisecond, func(context.Context) error { return errBoom })
		mustReturn(t, "WithCallTimeout(100ms, fn returns boom)", o)
		if !errors.Is(o.err, errBoom) {
			t.Errorf("WithCallTimeout(100ms, fn returns boom) = %v, want boom", o.err)
		}
	})
	t.Run("too-slow", func(t *testing.T) {
		o := call(context.Background(), 50*time.Millisecond, cooperative)
		mustReturn(t, "WithCallTimeout(50ms, fn waits for its ctx)", o)
		if !errors.Is(o.err, context.DeadlineExceeded) {
			t.Errorf("WithCallTimeout(50ms, fn waits for its ctx) = %v, want context.DeadlineExceeded", o.err)
		}
	})
	t.Run("ignores-ctx", func(t *testing.T) {
		release := make(chan struct{})
		defer close(release)
		o := call(context.Background(), 50*time.Millisecond, stubborn(release))
		mustReturn(t, "WithCallTimeout(50ms, fn ignores its ctx)", o)
		if !errors.Is(o.err, context.DeadlineExceeded) {
			t.Errorf("WithCallTimeout(50ms, fn ignores its ctx) = %v, want context.DeadlineExceeded", o.err)
		}
	})
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
