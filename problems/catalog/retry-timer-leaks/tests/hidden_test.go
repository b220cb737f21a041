package pit

import (
	"context"
	"errors"
	"fmt"
	"runtime"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

// Keep TestHeartbeatAlreadyCancelled last.
//
// The tests use the real clock with short knobs. A timer never fires early, so
// lower bounds on waits are exact; upper bounds are generous, for loaded machines.

var errTransient = errors.New("transient failure")

// setKnobs sets the package's tuning variables; every test sets the values it
// needs first. (They are not restored afterwards: a goroutine left behind by a
// previous test could still be reading them.)
func setKnobs(t *testing.T, start, cap, every time.Duration) {
	t.Helper()
	SetTimings(start, cap, every)
}

// attempts is an fn for RetryUntil that records when it is called and fails
// its first `failures` calls.
type attempts struct {
	failures int
	times    []time.Time
}

func (a *attempts) fn(ctx context.Context) error {
	a.times = append(a.times, time.Now())
	if len(a.times) <= a.failures {
		return errTransient
	}
	return nil
}

const always = 1 << 30 // failures: never succeed

// expectedWaits lists the un-jittered waits before attempts 2, 3, ... n.
func expectedWaits(n int, start, cap time.Duration) []time.Duration {
	var out []time.Duration
	d := start
	for i := 1; i < n; i++ {
		out = append(out, min(d, cap))
		if d > cap/2 {
			d = cap
		} else {
			d *= 2
		}
	}
	return out
}

// checkMinWaits checks that each gap between attempts is at least the lower
// end of its jitter range: 90% of min(start·2^(k-1), cap).
func checkMinWaits(t *testing.T, call string, times []time.Time, start, cap time.Duration) {
	t.Helper()
	for i, base := range expectedWaits(len(times), start, cap) {
		gap := times[i+1].Sub(times[i])
		if lo := base - base/10 - 1; gap < lo {
			t.Errorf("%s: waited %v before attempt %d, want %v ±10%% (at least %v)", call, gap, i+2, base, lo)
			return
		}
	}
}

// retry runs RetryUntil and fails the test if it does not return within
// limit; then it cancels the call's context and waits for it to end.
func retry(t *testing.T, ctx context.Context, fn func(context.Context) error, max int, limit time.Duration) (error, time.Duration) {
	t.Helper()
	type result struct {
		err error
		el  time.Duration
	}
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	done := make(chan result, 1)
	start := time.Now()
	go func() {
		err := RetryUntil(ctx, fn, max)
		done <- result{err, time.Since(start)}
	}()
	select {
	case r := <-done:
		return r.err, r.el
	case <-time.After(limit):
		cancel()
		<-done // nothing may run into the next test
		t.Fatalf("RetryUntil(max=%d) was still running after %v (stopped by cancelling its ctx); with these knobs it should take far less", max, limit)
		return nil, 0
	}
}

func TestSuccessFirstTry(t *testing.T) {
	setKnobs(t, time.Second, 2*time.Second, time.Second)
	a := &attempts{}
	err, el := retry(t, t.Context(), a.fn, 5, 3*time.Second)
	if err != nil || len(a.times) != 1 {
		t.Errorf("RetryUntil(fn succeeding at once, max=5) = %v after %d calls, want nil after 1", err, len(a.times))
	}
	if el > 500*time.Millisecond {
		t.Errorf("RetryUntil(fn succeeding at once, max=5) took %v, want no waiting", el.Round(time.Millisecond))
	}
}

func TestSuccessAfterFailures(t *testing.T) {
	setKnobs(t, 10*time.Millisecond, 2*time.Second, time.Second)
	a := &attempts{failures: 3}
	err, _ := retry(t, t.Context(), a.fn, 10, 3*time.Second)
	if err != nil || len(a.times) != 4 {
		t.Fatalf("RetryUntil(fn failing 3 times, max=10) = %v after %d calls, want nil after 4", err, len(a.times))
	}
	checkMinWaits(t, "RetryUntil(fn failing 3 times, max=10) with backoffStart=10ms", a.times, 10*time.Millisecond, 2*time.Second)
}

func TestExhausted(t *testing.T) {
	for _, max := range []int{1, 2, 4} {
		t.Run(fmt.Sprint("max=", max), func(t *testing.T) {
			setKnobs(t, 10*time.Millisecond, time.Second, time.Second)
			a := &attempts{failures: always}
			err, _ := retry(t, t.Context(), a.fn, max, 3*time.Second)
			call := fmt.Sprintf("RetryUntil(fn always failing, max=%d)", max)
			if !errors.Is(err, context.DeadlineExceeded) || len(a.times) != max {
				t.Fatalf("%s = %v after %d calls, want context.DeadlineExceeded after %d", call, err, len(a.times), max)
			}
			checkMinWaits(t, call, a.times, 10*time.Millisecond, time.Second)
		})
	}
}

func TestNoWaitAfterLastAttempt(t *testing.T) {
	setKnobs(t, 600*time.Millisecond, 2*time.Second, time.Second)
	for _, max := range []int{1} {
		a := &attempts{failures: always}
		err, _ := retry(t, t.Context(), a.fn, max, 5*time.Second)
		if !errors.Is(err, context.DeadlineExceeded) || len(a.times) != max {
			t.Fatalf("RetryUntil(fn always failing, max=%d) = %v after %d calls, want context.DeadlineExceeded after %d", max, err, len(a.times), max)
		}
		if after := time.Since(a.times[max-1]); after > 300*time.Millisecond {
			t.Errorf("RetryUntil(fn always failing, max=%d, backoff 600ms) returned %v after its last attempt; it must return right away when no attempt is left", max, after.Round(time.Millisecond))
		}
	}
}

func TestBackoffCap(t *testing.T) {
	// Capped: 10ms then 20ms seven times (~150ms). Uncapped it would be 2.5s.
	setKnobs(t, 10*time.Millisecond, 20*time.Millisecond, time.Second)
	a := &attempts{failures: always}
	err, el := retry(t, t.Context(), a.fn, 9, 1500*time.Millisecond)
	call := "RetryUntil(fn always failing, max=9) with backoffStart=10ms, backoffCap=20ms"
	if !errors.Is(err, context.DeadlineExceeded) || len(a.times) != 9 {
		t.Fatalf("%s = %v after %d calls, want context.DeadlineExceeded after 9", call, err, len(a.times))
	}
	checkMinWaits(t, call, a.times, 10*time.Millisecond, 20*time.Millisecond)
	if el > time.Second {
		t.Errorf("%s took %v, want about 150ms: the waits must stop growing at the cap", call, el.Round(time.Millisecond))
	}
	t.Run("start-above-cap", func(t *testing.T) {
		setKnobs(t, 5*time.Second, 15*time.Millisecond, time.Second)
		a := &attempts{failures: always}
		_, el := retry(t, t.Context(), a.fn, 4, 1500*time.Millisecond)
		checkMinWaits(t, "RetryUntil(fn always failing, max=4) with backoffStart=5s, backoffCap=15ms", a.times, 5*time.Second, 15*time.Millisecond)
		if el > time.Second {
			t.Errorf("RetryUntil(fn always failing, max=4) with backoffStart=5s, backoffCap=15ms took %v, want about 45ms (every wait is capped)", el.Round(time.Millisecond))
		}
	})
}

func TestJitter(t *testing.T) {
	// Ten waits of 30ms ±10%: with jitter their spread is almost never below
	// 1.5ms; without it, it is scheduling noise (well under a millisecond).
	setKnobs(t, 30*time.Millisecond, 30*time.Millisecond, time.Second)
	a := &attempts{failures: always}
	retry(t, t.Context(), a.fn, 11, 1500*time.Millisecond)
	if len(a.times) != 11 {
		t.Fatalf("RetryUntil(fn always failing, max=11) called fn %d times, want 11", len(a.times))
	}
	checkMinWaits(t, "RetryUntil(fn always failing, max=11) with backoffStart=backoffCap=30ms", a.times, 30*time.Millisecond, 30*time.Millisecond)
	lo, hi := time.Hour, time.Duration(0)
	for i := 1; i < len(a.times); i++ {
		gap := a.times[i].Sub(a.times[i-1])
		lo, hi = min(lo, gap), max(hi, gap)
	}
	if hi-lo < 1500*time.Microsecond {
		t.Errorf("RetryUntil with a fixed 30ms backoff: the 10 waits all lie between %v and %v; each wait needs random jitter of ±10%% (27ms…33ms)", lo, hi)
	}
}

func TestManyAttemptsNoOverflow(t *testing.T) {
	// A backoff variable that keeps doubling passes the int64 range after ~44
	// doublings of 1ms and the waits drop to zero.
	setKnobs(t, time.Millisecond, time.Millisecond, time.Second)
	a := &attempts{failures: always}
	retry(t, t.Context(), a.fn, 80, 1500*time.Millisecond)
	if len(a.times) != 80 {
		t.Fatalf("RetryUntil(fn always failing, max=80) called fn %d times, want 80", len(a.times))
	}
	checkMinWaits(t, "RetryUntil(fn always failing, max=80) with backoffStart=backoffCap=1ms", a.times, time.Millisecond, time.Millisecond)
}

func TestTinyBackoff(t *testing.T) {
	for _, d := range []time.Duration{0, 1, 3, 7} {
		t.Run(fmt.Sprint("backoff=", d), func(t *testing.T) {
			setKnobs(t, d, d, time.Second)
			a := &attempts{failures: always}
			err, _ := retry(t, t.Context(), a.fn, 6, 3*time.Second)
			call := fmt.Sprintf("RetryUntil(fn always failing, max=6) with backoffStart=backoffCap=%v", d)
			if !errors.Is(err, context.DeadlineExceeded) || len(a.times) != 6 {
				t.Fatalf("%s = %v after %d calls, want context.DeadlineExceeded after 6", call, err, len(a.times))
			}
		})
	}
}

func TestCancelDuringBackoff(t *testing.T) {
	setKnobs(t, 3*time.Second, 5*time.Second, time.Second)
	ctx, cancel := context.WithCancel(t.Context())
	defer cancel()
	a := &attempts{failures: always}
	time.AfterFunc(50*time.Millisecond, cancel)
	err, el := retry(t, ctx, a.fn, 10, 6*time.Second)
	if !errors.Is(err, context.Canceled) {
		t.Errorf("RetryUntil(ctx cancelled after 50ms, fn always failing, max=10, backoff 3s) = %v, want context.Canceled", err)
	}
	if el > time.Second {
		t.Errorf("RetryUntil(ctx cancelled after 50ms, ..., backoff 3s) returned after %v, want right after the cancellation: the wait must watch ctx.Done()", el.Round(time.Millisecond))
	}
	if len(a.times) != 1 {
		t.Errorf("RetryUntil(ctx cancelled after 50ms, ..., backoff 3s) called fn %d times, want 1", len(a.times))
	}
	t.Run("deadline", func(t *testing.T) {
		setKnobs(t, 3*time.Second, 5*time.Second, time.Second)
		ctx, cancel := context.WithTimeout(t.Context(), 50*time.Millisecond)
		defer cancel()
		a := &attempts{failures: always}
		err, el := retry(t, ctx, a.fn, 10, 6*time.Second)
		if !errors.Is(err, context.DeadlineExceeded) || el > time.Second {
			t.Errorf("RetryUntil(ctx with a 50ms timeout, fn always failing, max=10, backoff 3s) = %v after %v, want context.DeadlineExceeded right at the deadline", err, el.Round(time.Millisecond))
		}
	})
}

func TestAlreadyCancelled(t *testing.T) {
	setKnobs(t, 10*time.Millisecond, time.Second, time.Second)
	ctx, cancel := context.WithCancel(t.Context())
	cancel()
	a := &attempts{}
	err, _ := retry(t, ctx, a.fn, 3, 3*time.Second)
	if !errors.Is(err, context.Canceled) || len(a.times) != 0 {
		t.Errorf("RetryUntil(cancelled ctx, fn, max=3) = %v after %d calls of fn, want context.Canceled without calling fn", err, len(a.times))
	}
}

func TestCancelledByFn(t *testing.T) {
	for _, max := range []int{1, 3} {
		t.Run(fmt.Sprint("max=", max), func(t *testing.T) {
			setKnobs(t, 10*time.Millisecond, time.Second, time.Second)
			ctx, cancel := context.WithCancel(t.Context())
			calls := 0
			fn := func(ctx context.Context) error {
				calls++
				cancel()
				return ctx.Err()
			}
			err, _ := retry(t, ctx, fn, max, 3*time.Second)
			if !errors.Is(err, context.Canceled) || calls != 1 {
				t.Errorf("RetryUntil(ctx, fn that cancels ctx and fails, max=%d) = %v after %d calls, want context.Canceled after 1 (a cancelled ctx wins over running out of attempts)", max, err, calls)
			}
		})
	}
}

func TestNonPositiveMax(t *testing.T) {
	setKnobs(t, 10*time.Millisecond, time.Second, time.Second)
	for _, max := range []int{0, -1} {
		a := &attempts{}
		err, _ := retry(t, t.Context(), a.fn, max, 3*time.Second)
		if !errors.Is(err, context.DeadlineExceeded) || len(a.times) != 0 {
			t.Errorf("RetryUntil(ctx, fn, max=%d) = %v after %d calls, want context.DeadlineExceeded without calling fn", max, err, len(a.times))
		}
	}
}

type ctxKey struct{}

func TestFnGetsContext(t *testing.T) {
	setKnobs(t, time.Millisecond, time.Second, time.Second)
	ctx := context.WithValue(t.Context(), ctxKey{}, "marker")
	var seen []any
	fn := func(c context.Context) error {
		seen = append(seen, c.Value(ctxKey{}))
		if len(seen) < 2 {
			return errTransient
		}
		return nil
	}
	if err, _ := retry(t, ctx, fn, 3, 3*time.Second); err != nil {
		t.Fatalf("RetryUntil(ctx, fn failing once, max=3) = %v, want nil", err)
	}
	for i, v := range seen {
		if v != "marker" {
			t.Errorf("call %d of fn got a context without the caller's values (Value = %v); pass ctx (or a child of it) to fn", i+1, v)
		}
	}
}

func TestConcurrentCalls(t *testing.T) {
	setKnobs(t, time.Millisecond, 4*time.Millisecond, time.Second)
	var wg sync.WaitGroup
	var failed atomic.Int32
	for range 16 {
		wg.Go(func() {
			a := &attempts{failures: 4}
			if err := RetryUntil(context.Background(), a.fn, 8); err != nil || len(a.times) != 5 {
				failed.Add(1)
			}
		})
	}
	wg.Wait()
	if n := failed.Load(); n > 0 {
		t.Errorf("16 concurrent RetryUntil(fn failing 4 times, max=8): %d of them did not return nil after 5 calls", n)
	}
}

func TestOneTimerPerCall(t *testing.T) {
	setKnobs(t, 5*time.Microsecond, 5*time.Microsecond, time.Second)
	fail := func(context.Context) error { return errTransient }
	ctx := context.Background()
	few := testing.AllocsPerRun(10, func() { RetryUntil(ctx, fail, 3) })
	many := testing.AllocsPerRun(10, func() { RetryUntil(ctx, fail, 13) })
	if many-few > 4 {
		t.Errorf("RetryUntil with 12 waits makes %.0f allocations per call, with 2 waits %.0f: the cost grows with the number of attempts; create one timer per call and Reset it", many, few)
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

// waitGoroutines polls until at most want goroutines run, or gives up.
func waitGoroutines(want int, limit time.Duration) int {
	deadline := time.Now().Add(limit)
	for {
		n := runtime.NumGoroutine()
		if n <= want || time.Now().After(deadline) {
			return n
		}
		time.Sleep(10 * time.Millisecond)
	}
}

func TestNoLeakOnCancel(t *testing.T) {
	setKnobs(t, 5*time.Second, 5*time.Second, time.Second)
	before := settledGoroutines()
	var wg sync.WaitGroup
	for range 5 {
		ctx, cancel := context.WithCancel(context.Background())
		wg.Go(func() {
			RetryUntil(ctx, func(context.Context) error { return errTransient }, 10)
		})
		time.AfterFunc(20*time.Millisecond, cancel)
	}
	done := make(chan struct{})
	go func() { wg.Wait(); close(done) }()
	select {
	case <-done:
	case <-time.After(900 * time.Millisecond):
		t.Fatalf("5 RetryUntil calls (backoff 5s) whose ctx was cancelled after 20ms had not returned after 900ms")
	}
	if n := waitGoroutines(before, time.Second); n > before {
		t.Errorf("5 RetryUntil calls cancelled during a 5s backoff have returned, but %d goroutines are still running (%d before): something started for the wait was left behind", n, before)
	}
}

// heartbeat runs Heartbeat in a goroutine and returns a way to stop it.
func heartbeat(ctx context.Context, do func()) (done chan struct{}) {
	done = make(chan struct{})
	go func() {
		defer close(done)
		Heartbeat(ctx, do)
	}()
	return done
}

func TestHeartbeatTicks(t *testing.T) {
	setKnobs(t, 100*time.Millisecond, 2*time.Second, 10*time.Millisecond)
	before := settledGoroutines()
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	var calls atomic.Int32
	done := heartbeat(ctx, func() { calls.Add(1) })
	deadline := time.Now().Add(2 * time.Second)
	for calls.Load() < 3 && time.Now().Before(deadline) {
		time.Sleep(5 * time.Millisecond)
	}
	if n := calls.Load(); n < 3 {
		t.Fatalf("Heartbeat with a 10ms period called do %d times in 2s, want at least 3", n)
	}
	cancel()
	select {
	case <-done:
	case <-time.After(time.Second):
		t.Fatalf("Heartbeat did not return within 1s of its ctx being cancelled")
	}
	after := calls.Load()
	time.Sleep(50 * time.Millisecond)
	if n := calls.Load(); n != after {
		t.Errorf("do was called %d more times after Heartbeat returned", n-after)
	}
	if n := waitGoroutines(before, time.Second); n > before {
		t.Errorf("Heartbeat has returned, but %d goroutines are still running (%d before it started): it left a goroutine behind", n, before)
	}
}

func TestHeartbeatFirstTickAfterPeriod(t *testing.T) {
	setKnobs(t, 100*time.Millisecond, 2*time.Second, 150*time.Millisecond)
	ctx, cancel := context.WithCancel(context.Background())
	first := make(chan time.Time, 1)
	start := time.Now()
	done := heartbeat(ctx, func() {
		select {
		case first <- time.Now():
		default:
		}
	})
	var at time.Time
	select {
	case at = <-first:
	case <-time.After(2 * time.Second):
	}
	cancel()
	<-done
	if at.IsZero() {
		t.Fatalf("Heartbeat with a 150ms period did not call do within 2s")
	}
	if el := at.Sub(start); el < 140*time.Millisecond {
		t.Errorf("Heartbeat with a 150ms period first called do after %v, want one period (150ms) after the start", el)
	}
}

func TestHeartbeatAlreadyCancelled(t *testing.T) {
	setKnobs(t, 100*time.Millisecond, 2*time.Second, 20*time.Millisecond)
	before := settledGoroutines()
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	var calls atomic.Int32
	done := heartbeat(ctx, func() { calls.Add(1) })
	select {
	case <-done:
	case <-time.After(time.Second):
		t.Fatalf("Heartbeat with an already cancelled ctx did not return within 1s")
	}
	if n := calls.Load(); n != 0 {
		t.Errorf("Heartbeat with an already cancelled ctx called do %d times, want 0", n)
	}
	if n := waitGoroutines(before, time.Second); n > before {
		t.Errorf("Heartbeat has returned, but %d goroutines are still running (%d before it started)", n, before)
	}
}
