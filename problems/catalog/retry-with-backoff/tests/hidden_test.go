package retry

import (
	"context"
	"errors"
	"fmt"
	"math"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

// recorder is an fn for Retry that returns results[i] on call i (nil once the list
// runs out) and records when it was called and with which context.
type recorder struct {
	mu      sync.Mutex
	results []error
	times   []time.Time
	ctxs    []context.Context
	hook    func(ctx context.Context, call int) error // optional; replaces results
}

func newRecorder(results ...error) *recorder { return &recorder{results: results} }

func (r *recorder) fn(ctx context.Context) error {
	r.mu.Lock()
	r.times = append(r.times, time.Now())
	r.ctxs = append(r.ctxs, ctx)
	n := len(r.times)
	hook := r.hook
	r.mu.Unlock()
	if hook != nil {
		return hook(ctx, n)
	}
	if n <= len(r.results) {
		return r.results[n-1]
	}
	return nil
}

func (r *recorder) calls() int {
	r.mu.Lock()
	defer r.mu.Unlock()
	return len(r.times)
}

func (r *recorder) callTimes() []time.Time {
	r.mu.Lock()
	defer r.mu.Unlock()
	return append([]time.Time(nil), r.times...)
}

// failing returns n distinct errors e1..en.
func failing(n int) []error {
	errs := make([]error, n)
	for i := range errs {
		errs[i] = fmt.Errorf("e%d", i+1)
	}
	return errs
}

type outcome struct {
	err      error
	elapsed  time.Duration
	returned bool
	panicked any
	guard    time.Duration
}

// stuck is set once a call has overrun its guard: later guards are short, so that a
// solution that ignores ctx fails in a few seconds instead of hitting the time limit.
var stuck atomic.Bool

// run calls Retry in a goroutine and waits at most guard for it to return.
func run(ctx context.Context, maxAttempts int, base time.Duration, fn func(context.Context) error, guard time.Duration) outcome {
	return runWith(func() (context.Context, context.CancelFunc) { return ctx, func() {} }, maxAttempts, base, fn, guard)
}

// runWithTimeout is run with a ctx that times out d after it is made, which is
// right before Retry starts, in Retry's goroutine: on a busy machine the
// goroutine may start late, and the deadline must not pass before Retry has
// begun.
func runWithTimeout(d time.Duration, maxAttempts int, base time.Duration, fn func(context.Context) error, guard time.Duration) outcome {
	return runWith(func() (context.Context, context.CancelFunc) {
		return context.WithTimeout(context.Background(), d)
	}, maxAttempts, base, fn, guard)
}

// whenCalled cancels (through cancel) as soon as r's fn has been called once,
// so that the cancellation comes after the first attempt however late Retry's
// goroutine started (at the latest after 5s).
func whenCalled(r *recorder, cancel context.CancelFunc) {
	go func() {
		for deadline := time.Now().Add(5 * time.Second); r.calls() == 0 && time.Now().Before(deadline); {
			time.Sleep(time.Millisecond)
		}
		cancel()
	}()
}

// runWith calls Retry(mkCtx(), ...) in a goroutine and waits at most guard for it to return.
func runWith(mkCtx func() (context.Context, context.CancelFunc), maxAttempts int, base time.Duration, fn func(context.Context) error, guard time.Duration) outcome {
	if stuck.Load() {
		guard = min(guard, 250*time.Millisecond)
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
		ctx, cancel := mkCtx()
		defer cancel()
		o.err = Retry(ctx, maxAttempts, base, fn)
	}()
	select {
	case o := <-done:
		return o
	case <-time.After(guard):
		stuck.Store(true)
		return outcome{elapsed: time.Since(start), guard: guard}
	}
}

// mustReturn fails the test if Retry did not return within the guard or panicked.
func mustReturn(t *testing.T, call string, o outcome, _ time.Duration) {
	t.Helper()
	if o.panicked != nil {
		t.Fatalf("%s panicked: %v", call, o.panicked)
	}
	if !o.returned {
		t.Fatalf("%s has not returned after %v", call, o.guard)
	}
}

const guard = 2 * time.Second

func TestSuccess(t *testing.T) {
	t.Run("first-try", func(t *testing.T) {
		r := newRecorder()
		o := run(context.Background(), 3, time.Second, r.fn, guard)
		mustReturn(t, "Retry(3, 1s, succeeds at once)", o, guard)
		if o.err != nil || r.calls() != 1 {
			t.Errorf("Retry(3, 1s, fn succeeds at once) = %v after %d calls, want nil after 1 call", o.err, r.calls())
		}
		if o.elapsed > 500*time.Millisecond {
			t.Errorf("Retry(3, 1s, fn succeeds at once) took %v, want no wait before the first attempt or after success", o.elapsed)
		}
	})
	t.Run("third-try", func(t *testing.T) {
		r := newRecorder(failing(2)...)
		o := run(context.Background(), 5, 5*time.Millisecond, r.fn, guard)
		mustReturn(t, "Retry(5, 5ms)", o, guard)
		if o.err != nil || r.calls() != 3 {
			t.Errorf("Retry(5, 5ms, fn fails twice then succeeds) = %v after %d calls, want nil after 3 calls", o.err, r.calls())
		}
	})
	t.Run("last-try", func(t *testing.T) {
		r := newRecorder(failing(3)...)
		o := run(context.Background(), 4, time.Millisecond, r.fn, guard)
		mustReturn(t, "Retry(4, 1ms)", o, guard)
		if o.err != nil || r.calls() != 4 {
			t.Errorf("Retry(4, 1ms, fn fails 3 times then succeeds) = %v after %d calls, want nil after 4 calls", o.err, r.calls())
		}
	})
	t.Run("one-attempt", func(t *testing.T) {
		r := newRecorder()
		o := run(context.Background(), 1, time.Millisecond, r.fn, guard)
		mustReturn(t, "Retry(1, 1ms)", o, guard)
		if o.err != nil || r.calls() != 1 {
			t.Errorf("Retry(1, 1ms, fn succeeds) = %v after %d calls, want nil after 1 call", o.err, r.calls())
		}
	})
}

type attemptError struct{ n int }

func (e *attemptError) Error() string { return "attempt error #" + strconv.Itoa(e.n) }

func TestGivesUp(t *testing.T) {
	for _, max := range []int{1, 2, 5} {
		t.Run(fmt.Sprintf("max-%d", max), func(t *testing.T) {
			errs := failing(max + 2)
			r := newRecorder(errs...)
			o := run(context.Background(), max, time.Millisecond, r.fn, guard)
			call := fmt.Sprintf("Retry(%d, 1ms, fn always fails)", max)
			mustReturn(t, call, o, guard)
			if r.calls() != max {
				t.Errorf("%s called fn %d times, want %d", call, r.calls(), max)
			}
			last := errs[max-1]
			switch {
			case o.err == nil:
				t.Errorf("%s = nil, want an error", call)
			case !errors.Is(o.err, last):
				t.Errorf("%s = %q, want an error wrapping the last error %q (use %%w)", call, o.err, last)
			case !strings.Contains(o.err.Error(), strconv.Itoa(max)):
				t.Errorf("%s = %q, want the message to mention the number of attempts, %d", call, o.err, max)
			case !strings.Contains(o.err.Error(), last.Error()):
				t.Errorf("%s = %q, want the message to include the last error %q", call, o.err, last)
			}
		})
	}
	t.Run("errors-as", func(t *testing.T) {
		r := newRecorder()
		r.hook = func(_ context.Context, n int) error { return &attemptError{n} }
		o := run(context.Background(), 3, time.Millisecond, r.fn, guard)
		mustReturn(t, "Retry(3, 1ms)", o, guard)
		var ae *attemptError
		if !errors.As(o.err, &ae) {
			t.Fatalf("Retry(3, 1ms, fn fails with *attemptError) = %v, want errors.As to find an *attemptError", o.err)
		}
		if ae.n != 3 {
			t.Errorf("Retry(3, 1ms, fn fails with attempt errors #1..#3): errors.As found #%d, want the last one, #3", ae.n)
		}
	})
	t.Run("same-error", func(t *testing.T) {
		boom := errors.New("boom")
		r := newRecorder(boom, boom, boom, boom)
		o := run(context.Background(), 4, 0, r.fn, guard)
		mustReturn(t, "Retry(4, 0)", o, guard)
		if !errors.Is(o.err, boom) || r.calls() != 4 {
			t.Errorf("Retry(4, 0, fn always fails with boom) = %v after %d calls, want an error wrapping boom after 4 calls", o.err, r.calls())
		}
	})
}

type permError struct{}

func (permError) Error() string { return "perm error type" }
func (permError) Unwrap() error { return ErrPermanent }

func TestPermanent(t *testing.T) {
	wrapped := fmt.Errorf("bad request: %w", ErrPermanent)
	cases := []struct {
		name  string
		perm  error
		after int // failures before the permanent error
	}{
		{"plain-first", ErrPermanent, 0},
		{"wrapped-first", wrapped, 0},
		{"wrapped-third", wrapped, 2},
		{"double-wrapped", fmt.Errorf("save: %w", fmt.Errorf("validate: %w", ErrPermanent)), 1},
		{"joined", errors.Join(errors.New("quota"), ErrPermanent), 0},
		{"custom-type", permError{}, 1},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			results := append(failing(tc.after), tc.perm, errors.New("should not be reached"))
			r := newRecorder(results...)
			o := run(context.Background(), 10, 5*time.Millisecond, r.fn, guard)
			call := fmt.Sprintf("Retry(10, 5ms, fn fails %d times then returns %q)", tc.after, tc.perm)
			mustReturn(t, call, o, guard)
			if r.calls() != tc.after+1 {
				t.Errorf("%s called fn %d times, want %d (no retry after a permanent error)", call, r.calls(), tc.after+1)
			}
			if !errors.Is(o.err, tc.perm) || !errors.Is(o.err, ErrPermanent) {
				t.Errorf("%s = %v, want an error wrapping the permanent error", call, o.err)
			}
		})
	}
	t.Run("no-wait", func(t *testing.T) {
		r := newRecorder(wrapped)
		o := run(context.Background(), 3, 2*time.Second, r.fn, guard)
		mustReturn(t, "Retry(3, 2s, permanent at once)", o, guard)
		if o.elapsed > time.Second {
			t.Errorf("Retry(3, 2s, fn fails permanently at once) took %v, want no wait after a permanent error", o.elapsed)
		}
	})
	t.Run("is-permanent", func(t *testing.T) {
		for _, c := range []struct {
			err  error
			want bool
		}{{nil, false}, {ErrPermanent, true}, {wrapped, true}, {errors.New("permanent"), false}, {permError{}, true}} {
			if got := IsPermanent(c.err); got != c.want {
				t.Errorf("IsPermanent(%v) = %v, want %v", c.err, got, c.want)
			}
		}
	})
}

func TestMaxAttemptsBelowOne(t *testing.T) {
	for _, max := range []int{0, -1, math.MinInt} {
		t.Run(fmt.Sprintf("fails-%d", max), func(t *testing.T) {
			e1 := errors.New("e1")
			r := newRecorder(e1, errors.New("e2"))
			o := run(context.Background(), max, time.Millisecond, r.fn, guard)
			call := fmt.Sprintf("Retry(maxAttempts %d, fn fails with e1)", max)
			mustReturn(t, call, o, guard)
			if r.calls() != 1 || !errors.Is(o.err, e1) {
				t.Errorf("%s = %v after %d calls, want an error wrapping e1 after exactly 1 call", call, o.err, r.calls())
			}
		})
		t.Run(fmt.Sprintf("succeeds-%d", max), func(t *testing.T) {
			r := newRecorder()
			o := run(context.Background(), max, time.Millisecond, r.fn, guard)
			call := fmt.Sprintf("Retry(maxAttempts %d, fn succeeds)", max)
			mustReturn(t, call, o, guard)
			if r.calls() != 1 || o.err != nil {
				t.Errorf("%s = %v after %d calls, want nil after exactly 1 call", call, o.err, r.calls())
			}
		})
	}
}

func gaps(ts []time.Time) []time.Duration {
	var out []time.Duration
	for i := 1; i < len(ts); i++ {
		out = append(out, ts[i].Sub(ts[i-1]))
	}
	return out
}

func TestBackoffSchedule(t *testing.T) {
	t.Run("doubling", func(t *testing.T) {
		base := 20 * time.Millisecond
		r := newRecorder(failing(4)...)
		o := run(context.Background(), 4, base, r.fn, guard)
		mustReturn(t, "Retry(4, 20ms)", o, guard)
		g := gaps(r.callTimes())
		if len(g) != 3 {
			t.Fatalf("Retry(4, 20ms, fn always fails) called fn %d times, want 4", len(g)+1)
		}
		for i, want := range []time.Duration{base, 2 * base, 4 * base} {
			if g[i] < want-time.Millisecond {
				t.Errorf("Retry(4, 20ms): wait after attempt %d was %v, want at least %v (waits are base, 2·base, 4·base)", i+1, g[i].Round(time.Millisecond), want)
			}
		}
	})
	t.Run("first-wait-is-base", func(t *testing.T) {
		base := 500 * time.Millisecond
		r := newRecorder(failing(2)...)
		o := run(context.Background(), 2, base, r.fn, guard)
		mustReturn(t, "Retry(2, 500ms)", o, guard)
		g := gaps(r.callTimes())
		if len(g) != 1 {
			t.Fatalf("Retry(2, 500ms, fn always fails) called fn %d times, want 2", len(g)+1)
		}
		if g[0] < base-time.Millisecond || g[0] >= 2*base-10*time.Millisecond {
			t.Errorf("Retry(2, 500ms): wait after attempt 1 was %v, want 500ms (base·2^0), not less and not 1s", g[0].Round(time.Millisecond))
		}
	})
	t.Run("no-wait-after-last-max1", func(t *testing.T) {
		r := newRecorder(failing(1)...)
		o := run(context.Background(), 1, 2*time.Second, r.fn, guard)
		mustReturn(t, "Retry(1, 2s)", o, guard)
		if o.elapsed > time.Second {
			t.Errorf("Retry(1, 2s, fn fails) took %v, want to return right after the only attempt", o.elapsed.Round(time.Millisecond))
		}
	})
	t.Run("no-wait-after-last-max2", func(t *testing.T) {
		r := newRecorder(failing(2)...)
		start := time.Now()
		o := run(context.Background(), 2, 300*time.Millisecond, r.fn, guard)
		mustReturn(t, "Retry(2, 300ms)", o, guard)
		ts := r.callTimes()
		if len(ts) != 2 {
			t.Fatalf("Retry(2, 300ms, fn always fails) called fn %d times, want 2", len(ts))
		}
		// A wait after the last attempt would be 600ms.
		if tail := start.Add(o.elapsed).Sub(ts[1]); tail > 400*time.Millisecond {
			t.Errorf("Retry(2, 300ms, fn always fails) returned %v after the last attempt, want no wait after the last attempt", tail.Round(time.Millisecond))
		}
	})
}

func TestNonPositiveBase(t *testing.T) {
	for _, base := range []time.Duration{0, -time.Second, math.MinInt64} {
		t.Run(fmt.Sprint(base), func(t *testing.T) {
			r := newRecorder(failing(300)...)
			o := run(context.Background(), 200, base, r.fn, guard)
			call := fmt.Sprintf("Retry(200, %v, fn always fails)", base)
			mustReturn(t, call, o, guard)
			if r.calls() != 200 || o.err == nil {
				t.Errorf("%s = %v after %d calls, want an error after 200 calls", call, o.err, r.calls())
			}
			if o.elapsed > 2*time.Second {
				t.Errorf("%s took %v, want no waiting at all", call, o.elapsed)
			}
		})
	}
}

func TestContextBeforeStart(t *testing.T) {
	cancelled, cancel := context.WithCancel(context.Background())
	cancel()
	expired, cancel2 := context.WithDeadline(context.Background(), time.Now().Add(-time.Second))
	defer cancel2()
	causeCtx, cancel3 := context.WithCancelCause(context.Background())
	cancel3(errors.New("shutting down"))
	cases := []struct {
		name string
		ctx  context.Context
		max  int
		want error
	}{
		{"cancelled", cancelled, 3, context.Canceled},
		{"cancelled-max0", cancelled, 0, context.Canceled},
		{"expired", expired, 3, context.DeadlineExceeded},
		{"expired-max1", expired, 1, context.DeadlineExceeded},
		{"with-cause", causeCtx, 3, context.Canceled},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			r := newRecorder()
			o := run(tc.ctx, tc.max, time.Millisecond, r.fn, guard)
			call := fmt.Sprintf("Retry(%s ctx, %d, 1ms)", tc.name, tc.max)
			mustReturn(t, call, o, guard)
			if r.calls() != 0 {
				t.Errorf("%s called fn %d times, want 0: check ctx before the first attempt", call, r.calls())
			}
			if !errors.Is(o.err, tc.want) {
				t.Errorf("%s = %v, want %v", call, o.err, tc.want)
			}
		})
	}
}

func TestContextDuringWait(t *testing.T) {
	t.Run("cancel", func(t *testing.T) {
		ctx, cancel := context.WithCancel(context.Background())
		defer cancel()
		r := newRecorder(failing(3)...)
		whenCalled(r, cancel)
		o := run(ctx, 3, time.Minute, r.fn, guard)
		call := "Retry(3, 1m, ctx cancelled after the first attempt)"
		mustReturn(t, call, o, guard)
		if !errors.Is(o.err, context.Canceled) || r.calls() != 1 {
			t.Errorf("%s = %v after %d calls, want context.Canceled after 1 call", call, o.err, r.calls())
		}
	})
	deadlineCases := []struct {
		name string
		base time.Duration
		max  int
	}{
		{"deadline", time.Minute, 3},
		{"deadline-max-base", math.MaxInt64, 5},
		{"deadline-huge-base", 1 << 62, 5},
	}
	for _, tc := range deadlineCases {
		t.Run(tc.name, func(t *testing.T) {
			r := newRecorder(failing(tc.max)...)
			o := runWithTimeout(300*time.Millisecond, tc.max, tc.base, r.fn, guard)
			call := fmt.Sprintf("Retry(%d, %v, ctx deadline in 300ms, fn fails)", tc.max, tc.base)
			mustReturn(t, call, o, guard)
			if !errors.Is(o.err, context.DeadlineExceeded) || r.calls() != 1 {
				t.Errorf("%s = %v after %d calls, want context.DeadlineExceeded after 1 call", call, o.err, r.calls())
			}
			if o.elapsed > 1500*time.Millisecond {
				t.Errorf("%s returned after %v, want right at the deadline", call, o.elapsed.Round(time.Millisecond))
			}
		})
	}
	t.Run("deadline-mid-schedule", func(t *testing.T) {
		// Attempts at about 0, 50, 150, 350 ms; the 550 ms deadline falls inside the 400 ms wait.
		r := newRecorder(failing(20)...)
		o := runWithTimeout(550*time.Millisecond, 20, 50*time.Millisecond, r.fn, guard)
		call := "Retry(20, 50ms, ctx deadline in 550ms, fn always fails)"
		mustReturn(t, call, o, guard)
		if !errors.Is(o.err, context.DeadlineExceeded) {
			t.Errorf("%s = %v, want context.DeadlineExceeded", call, o.err)
		}
		if n := r.calls(); n < 2 || n > 5 {
			t.Errorf("%s called fn %d times, want about 4 (waits of 50, 100, 200, 400ms)", call, n)
		}
		if o.elapsed > 1500*time.Millisecond {
			t.Errorf("%s returned after %v, want right at the deadline", call, o.elapsed.Round(time.Millisecond))
		}
	})
}

func TestFnCancelsContext(t *testing.T) {
	for _, base := range []time.Duration{0, 5 * time.Millisecond} {
		t.Run(fmt.Sprint("base-", base), func(t *testing.T) {
			ctx, cancel := context.WithCancel(context.Background())
			defer cancel()
			r := newRecorder()
			r.hook = func(context.Context, int) error {
				cancel()
				return errors.New("failed and cancelled")
			}
			o := run(ctx, 5, base, r.fn, guard)
			call := fmt.Sprintf("Retry(5, %v, fn cancels ctx and fails)", base)
			mustReturn(t, call, o, guard)
			if r.calls() != 1 || !errors.Is(o.err, context.Canceled) {
				t.Errorf("%s = %v after %d calls, want context.Canceled after 1 call", call, o.err, r.calls())
			}
		})
	}
	// On the last attempt there is no next attempt or wait to stop: Retry gives up with
	// fn's error, as after any last failure, not with ctx.Err().
	for _, tc := range []struct {
		name string
		max  int
	}{{"last-attempt", 3}, {"only-attempt", 1}} {
		t.Run(tc.name, func(t *testing.T) {
			ctx, cancel := context.WithCancel(context.Background())
			defer cancel()
			last := errors.New("failed and cancelled")
			r := newRecorder()
			r.hook = func(_ context.Context, n int) error {
				if n < tc.max {
					return fmt.Errorf("e%d", n)
				}
				cancel()
				return last
			}
			o := run(ctx, tc.max, time.Millisecond, r.fn, guard)
			call := fmt.Sprintf("Retry(%d, 1ms, fn cancels ctx and fails on attempt %d)", tc.max, tc.max)
			mustReturn(t, call, o, guard)
			switch {
			case r.calls() != tc.max:
				t.Errorf("%s called fn %d times, want %d", call, r.calls(), tc.max)
			case !errors.Is(o.err, last) || errors.Is(o.err, context.Canceled):
				t.Errorf("%s = %v, want the giving-up error wrapping %q (not context.Canceled: no attempt or wait was cut short)", call, o.err, last)
			case !strings.Contains(o.err.Error(), strconv.Itoa(tc.max)):
				t.Errorf("%s = %q, want the message to mention the number of attempts, %d", call, o.err, tc.max)
			}
		})
	}
	// A success or a permanent error is final on any attempt, cancelled or not.
	perm := fmt.Errorf("bad request: %w", ErrPermanent)
	for _, tc := range []struct {
		name   string
		result error
	}{{"then-succeeds", nil}, {"then-permanent", perm}} {
		t.Run(tc.name, func(t *testing.T) {
			ctx, cancel := context.WithCancel(context.Background())
			defer cancel()
			r := newRecorder()
			r.hook = func(context.Context, int) error {
				cancel()
				return tc.result
			}
			o := run(ctx, 5, time.Millisecond, r.fn, guard)
			call := fmt.Sprintf("Retry(5, 1ms, fn cancels ctx and returns %v)", tc.result)
			mustReturn(t, call, o, guard)
			switch {
			case r.calls() != 1:
				t.Errorf("%s called fn %d times, want 1", call, r.calls())
			case tc.result == nil && o.err != nil:
				t.Errorf("%s = %v, want nil: fn succeeded", call, o.err)
			case tc.result != nil && (!errors.Is(o.err, perm) || errors.Is(o.err, context.Canceled)):
				t.Errorf("%s = %v, want an error wrapping the permanent error (not context.Canceled)", call, o.err)
			}
		})
	}
}

type ctxKey struct{}

func TestFnSeesContext(t *testing.T) {
	t.Run("values-and-deadline", func(t *testing.T) {
		ctx := context.WithValue(context.Background(), ctxKey{}, "trace-42")
		ctx, cancel := context.WithTimeout(ctx, time.Minute)
		defer cancel()
		want, _ := ctx.Deadline()
		r := newRecorder(failing(1)...)
		o := run(ctx, 2, time.Millisecond, r.fn, guard)
		mustReturn(t, "Retry(2, 1ms)", o, guard)
		r.mu.Lock()
		defer r.mu.Unlock()
		for i, c := range r.ctxs {
			if v := c.Value(ctxKey{}); v != "trace-42" {
				t.Errorf("attempt %d: fn's ctx.Value(key) = %v, want \"trace-42\" (pass the caller's ctx to fn)", i+1, v)
			}
			if d, ok := c.Deadline(); !ok || d.After(want) {
				t.Errorf("attempt %d: fn's ctx.Deadline() = %v, %v; want the caller's deadline %v", i+1, d, ok, want)
			}
		}
	})
	t.Run("cancellation-reaches-fn", func(t *testing.T) {
		ctx, cancel := context.WithCancel(context.Background())
		defer cancel()
		r := newRecorder()
		var saw atomic.Bool
		r.hook = func(ctx context.Context, _ int) error {
			select {
			case <-ctx.Done():
				saw.Store(true)
				return fmt.Errorf("fn stopped: %w", ctx.Err())
			case <-time.After(2 * time.Second):
				return errors.New("fn's ctx was never cancelled")
			}
		}
		whenCalled(r, cancel)
		o := run(ctx, 3, time.Millisecond, r.fn, guard)
		call := "Retry(3, 1ms, fn waits for its ctx, caller cancels during the first attempt)"
		mustReturn(t, call, o, guard)
		if !errors.Is(o.err, context.Canceled) || r.calls() != 1 {
			t.Errorf("%s = %v after %d calls, want context.Canceled after 1 call", call, o.err, r.calls())
		}
		if !saw.Load() {
			t.Errorf("%s: fn did not see the cancellation (its ctx was not cancelled within 2s)", call)
		}
	})
}

// settle waits up to 5s for the goroutine count to drop to at most want.
func settle(want int) int {
	deadline := time.Now().Add(5 * time.Second)
	for {
		n := runtime.NumGoroutine()
		if n <= want || time.Now().After(deadline) {
			return n
		}
		time.Sleep(10 * time.Millisecond)
	}
}

func TestNoGoroutineLeak(t *testing.T) {
	before := settledGoroutines()
	var wg sync.WaitGroup
	for i := range 20 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			ctx, cancel := context.WithTimeout(context.Background(), time.Duration(5+i)*time.Millisecond)
			defer cancel()
			r := newRecorder(failing(3)...)
			_ = Retry(ctx, 3, 10*time.Second, r.fn)
		}()
	}
	waited := make(chan struct{})
	go func() { wg.Wait(); close(waited) }()
	g := guard
	if stuck.Load() {
		g = 250 * time.Millisecond
	}
	select {
	case <-waited:
	case <-time.After(g):
		stuck.Store(true)
		t.Fatalf("20 Retry(ctx with a 5-25ms deadline, 3, 10s) calls have not all returned after %v: the wait ignores ctx", g)
	}
	for range 20 {
		r := newRecorder(failing(3)...)
		_ = Retry(context.Background(), 3, 0, r.fn)
	}
	if after := settle(before); after > before {
		t.Errorf("after 40 Retry calls (20 cut short by a deadline during a 10s wait) there are %d goroutines, %d before: Retry leaves goroutines running", after, before)
	}
}

func TestConcurrentCalls(t *testing.T) {
	const n = 32
	var wg sync.WaitGroup
	errs := make([]string, n)
	for i := range n {
		wg.Add(1)
		go func() {
			defer wg.Done()
			fails := i % 4 // 0..3 failures; maxAttempts 3
			r := newRecorder(failing(fails)...)
			err := Retry(context.Background(), 3, time.Millisecond, r.fn)
			wantCalls := min(fails+1, 3)
			switch {
			case fails < 3 && err != nil:
				errs[i] = fmt.Sprintf("call %d: Retry(3, 1ms, fn fails %d times) = %v, want nil", i, fails, err)
			case fails == 3 && err == nil:
				errs[i] = fmt.Sprintf("call %d: Retry(3, 1ms, fn always fails) = nil, want an error", i)
			case r.calls() != wantCalls:
				errs[i] = fmt.Sprintf("call %d: Retry(3, 1ms, fn fails %d times) made %d calls, want %d", i, fails, r.calls(), wantCalls)
			}
		}()
	}
	wg.Wait()
	for _, e := range errs {
		if e != "" {
			t.Error(e)
		}
	}
}

func TestExamples(t *testing.T) {
	e1, e2, e3 := errors.New("e1"), errors.New("e2"), errors.New("e3")
	t.Run("third-try", func(t *testing.T) {
		r := newRecorder(e1, e2)
		o := run(context.Background(), 5, 10*time.Millisecond, r.fn, guard)
		mustReturn(t, "Retry(5, 10ms)", o, guard)
		if o.err != nil || r.calls() != 3 {
			t.Errorf("Retry(5, 10ms, fn fails twice then succeeds) = %v after %d calls, want nil after 3 calls", o.err, r.calls())
		}
		if o.elapsed < 30*time.Millisecond {
			t.Errorf("Retry(base 10ms, 2 failures) took %v, want at least 10ms+20ms of backoff", o.elapsed)
		}
	})
	t.Run("gives-up", func(t *testing.T) {
		r := newRecorder(e1, e2, e3)
		o := run(context.Background(), 3, 10*time.Millisecond, r.fn, guard)
		mustReturn(t, "Retry(3, 10ms)", o, guard)
		if r.calls() != 3 || !errors.Is(o.err, e3) || !strings.Contains(fmt.Sprint(o.err), "3") {
			t.Errorf("Retry(3, 10ms, fn fails with e1, e2, e3) = %v after %d calls, want an error wrapping e3 that mentions 3 attempts, after 3 calls", o.err, r.calls())
		}
	})
	t.Run("permanent", func(t *testing.T) {
		perm := fmt.Errorf("bad: %w", ErrPermanent)
		r := newRecorder(e1, perm, e3)
		o := run(context.Background(), 5, 10*time.Millisecond, r.fn, guard)
		mustReturn(t, "Retry(5, 10ms)", o, guard)
		if r.calls() != 2 || !errors.Is(o.err, perm) {
			t.Errorf("Retry(5, 10ms, fn fails with e1 then a permanent error) = %v after %d calls, want an error wrapping %q after 2 calls", o.err, r.calls(), perm)
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
