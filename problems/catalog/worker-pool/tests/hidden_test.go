package pool

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

// tracker wraps job bodies and records what the pool did with them.
type tracker struct {
	ran                []atomic.Int32 // per job: how many times it started
	started            atomic.Int32
	inFlight           atomic.Int32
	maxInFlight        atomic.Int32
	startedAfterCancel atomic.Int32 // jobs whose ctx was already done when they started
	values             atomic.Int32 // jobs whose ctx carried the caller's value
}

func newTracker(n int) *tracker { return &tracker{ran: make([]atomic.Int32, n)} }

type ctxKey struct{}

func (tr *tracker) job(i int, body func(ctx context.Context) error) Job {
	return func(ctx context.Context) error {
		tr.ran[i].Add(1)
		tr.started.Add(1)
		if ctx.Err() != nil {
			tr.startedAfterCancel.Add(1)
		}
		if ctx.Value(ctxKey{}) != nil {
			tr.values.Add(1)
		}
		n := tr.inFlight.Add(1)
		for {
			m := tr.maxInFlight.Load()
			if n <= m || tr.maxInFlight.CompareAndSwap(m, n) {
				break
			}
		}
		defer tr.inFlight.Add(-1)
		if body == nil {
			return nil
		}
		return body(ctx)
	}
}

// jobs makes n tracked jobs with the same body.
func (tr *tracker) jobs(body func(i int, ctx context.Context) error) []Job {
	js := make([]Job, len(tr.ran))
	for i := range js {
		js[i] = tr.job(i, func(ctx context.Context) error { return body(i, ctx) })
	}
	return js
}

func (tr *tracker) ranCounts() []int32 {
	out := make([]int32, len(tr.ran))
	for i := range tr.ran {
		out[i] = tr.ran[i].Load()
	}
	return out
}

func sleepJob(d time.Duration) func(int, context.Context) error {
	return func(int, context.Context) error { time.Sleep(d); return nil }
}

// waitCtx waits for ctx (at most 3s, as a safety net) and returns its error.
func waitCtx(ctx context.Context) error {
	select {
	case <-ctx.Done():
		return fmt.Errorf("stopped: %w", ctx.Err())
	case <-time.After(3 * time.Second):
		return errNeverCancelled
	}
}

var (
	errNeverCancelled = errors.New("job's ctx was never cancelled")
	errFail           = errors.New("job failed")
)

type outcome struct {
	err              error
	elapsed          time.Duration
	returned         bool
	panicked         any
	guard            time.Duration
	inFlightAtReturn int32
}

var stuck atomic.Bool

const guard = 2 * time.Second

// run calls Run in a goroutine and waits at most guard for it.
func run(ctx context.Context, tr *tracker, jobs []Job, c int) outcome {
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
		o.err = Run(ctx, jobs, c)
		if tr != nil {
			o.inFlightAtReturn = tr.inFlight.Load()
		}
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
	if o.inFlightAtReturn != 0 {
		t.Errorf("%s returned while %d jobs were still running; wait for every started job", what, o.inFlightAtReturn)
	}
}

func TestAllSucceed(t *testing.T) {
	cases := []struct{ n, c int }{{0, 3}, {1, 1}, {1, 5}, {5, 1}, {100, 4}, {7, 7}, {3, 100}, {50, 0}, {20, -3}}
	for _, tc := range cases {
		t.Run(fmt.Sprintf("n%d-c%d", tc.n, tc.c), func(t *testing.T) {
			tr := newTracker(tc.n)
			o := run(context.Background(), tr, tr.jobs(func(int, context.Context) error { return nil }), tc.c)
			what := fmt.Sprintf("Run(%d jobs that succeed, concurrency %d)", tc.n, tc.c)
			mustReturn(t, what, o)
			if o.err != nil {
				t.Errorf("%s = %v, want nil", what, o.err)
			}
			for i, r := range tr.ranCounts() {
				if r != 1 {
					t.Errorf("%s ran job %d %d times, want exactly once", what, i, r)
					break
				}
			}
			if tc.c < 1 && tr.maxInFlight.Load() > 1 {
				t.Errorf("%s ran %d jobs at once; concurrency < 1 means 1", what, tr.maxInFlight.Load())
			}
		})
	}
	t.Run("nil-slice", func(t *testing.T) {
		o := run(context.Background(), nil, nil, 4)
		mustReturn(t, "Run(nil jobs, 4)", o)
		if o.err != nil {
			t.Errorf("Run(nil jobs, 4) = %v, want nil", o.err)
		}
	})
	t.Run("in-order-c1", func(t *testing.T) {
		var mu sync.Mutex
		var order []int
		jobs := make([]Job, 6)
		for i := range jobs {
			jobs[i] = func(context.Context) error {
				mu.Lock()
				order = append(order, i)
				mu.Unlock()
				return nil
			}
		}
		o := run(context.Background(), nil, jobs, 1)
		mustReturn(t, "Run(6 jobs, concurrency 1)", o)
		mu.Lock()
		defer mu.Unlock()
		if fmt.Sprint(order) != "[0 1 2 3 4 5]" {
			t.Errorf("Run(6 jobs, concurrency 1) ran them in the order %v, want [0 1 2 3 4 5]", order)
		}
	})
}

func TestConcurrencyLimit(t *testing.T) {
	for _, c := range []int{1, 2, 3, 8} {
		t.Run(fmt.Sprintf("c%d", c), func(t *testing.T) {
			tr := newTracker(40)
			o := run(context.Background(), tr, tr.jobs(sleepJob(2*time.Millisecond)), c)
			what := fmt.Sprintf("Run(40 jobs of 2ms, concurrency %d)", c)
			mustReturn(t, what, o)
			if o.err != nil {
				t.Errorf("%s = %v, want nil", what, o.err)
			}
			if m := tr.maxInFlight.Load(); m > int32(c) {
				t.Errorf("%s had %d jobs running at once, want at most %d", what, m, c)
			}
		})
	}
	for _, c := range []int{4, 16} {
		t.Run(fmt.Sprintf("uses-all-%d", c), func(t *testing.T) {
			// Every job waits until all c are running: only a pool that really runs c
			// jobs at once gets through.
			var arrived sync.WaitGroup
			arrived.Add(c)
			all := make(chan struct{})
			go func() { arrived.Wait(); close(all) }()
			tr := newTracker(c)
			jobs := tr.jobs(func(int, context.Context) error {
				arrived.Done()
				select {
				case <-all:
					return nil
				case <-time.After(time.Second):
					return errors.New("not all jobs ran at the same time")
				}
			})
			o := run(context.Background(), tr, jobs, c)
			what := fmt.Sprintf("Run(%d jobs that wait for each other, concurrency %d)", c, c)
			mustReturn(t, what, o)
			if o.err != nil {
				t.Errorf("%s = %v; only %d jobs ran at once, want %d", what, o.err, tr.maxInFlight.Load(), c)
			}
		})
	}
	t.Run("workers-bounded-by-jobs", func(t *testing.T) {
		before := settledGoroutines()
		var most atomic.Int32
		tr := newTracker(3)
		jobs := tr.jobs(func(int, context.Context) error {
			for range 20 {
				n := int32(runtime.NumGoroutine())
				for {
					m := most.Load()
					if n <= m || most.CompareAndSwap(m, n) {
						break
					}
				}
				time.Sleep(time.Millisecond)
			}
			return nil
		})
		o := run(context.Background(), tr, jobs, 10000)
		mustReturn(t, "Run(3 jobs, concurrency 10000)", o)
		if extra := int(most.Load()) - before; extra > 12 {
			t.Errorf("Run(3 jobs, concurrency 10000) had %d more goroutines than before while running; start at most min(concurrency, len(jobs)) workers", extra)
		}
	})
}

func TestFirstError(t *testing.T) {
	t.Run("stops-c1", func(t *testing.T) {
		tr := newTracker(5)
		jobs := tr.jobs(func(i int, _ context.Context) error {
			if i == 1 {
				return errFail
			}
			return nil
		})
		o := run(context.Background(), tr, jobs, 1)
		what := "Run([ok fail ok ok ok], concurrency 1)"
		mustReturn(t, what, o)
		if !errors.Is(o.err, errFail) {
			t.Errorf("%s = %v, want an error wrapping %q", what, o.err, errFail)
		}
		if got := fmt.Sprint(tr.ranCounts()); got != "[1 1 0 0 0]" {
			t.Errorf("%s: runs per job %s, want [1 1 0 0 0] (no job starts after a failure)", what, got)
		}
	})
	t.Run("stops-starting", func(t *testing.T) {
		const c = 4
		tr := newTracker(200)
		jobs := tr.jobs(func(i int, _ context.Context) error {
			if i == 0 {
				return errFail
			}
			time.Sleep(2 * time.Millisecond)
			return nil
		})
		o := run(context.Background(), tr, jobs, c)
		what := "Run(200 jobs of 2ms, the first fails at once, concurrency 4)"
		mustReturn(t, what, o)
		if !errors.Is(o.err, errFail) {
			t.Errorf("%s = %v, want an error wrapping %q", what, o.err, errFail)
		}
		if n := tr.started.Load(); n > 150 {
			t.Errorf("%s started %d jobs, want the pool to stop starting jobs after the failure", what, n)
		}
		if n := tr.startedAfterCancel.Load(); n > c {
			t.Errorf("%s started %d jobs whose ctx was already cancelled, want no new job after the failure", what, n)
		}
	})
	t.Run("cancels-running", func(t *testing.T) {
		tr := newTracker(3)
		jobs := tr.jobs(func(i int, ctx context.Context) error {
			if i == 0 {
				time.Sleep(20 * time.Millisecond)
				return errFail
			}
			return waitCtx(ctx)
		})
		o := run(context.Background(), tr, jobs, 3)
		what := "Run([fail after 20ms, wait for ctx, wait for ctx], concurrency 3)"
		mustReturn(t, what, o)
		if errors.Is(o.err, errNeverCancelled) {
			t.Fatalf("%s: the running jobs' ctx was not cancelled after the failure", what)
		}
		if !errors.Is(o.err, errFail) {
			t.Errorf("%s = %v, want the first error, %q (not the cancellations it caused)", what, o.err, errFail)
		}
		if o.elapsed > time.Second {
			t.Errorf("%s took %v: the failure should cancel the other jobs at once", what, o.elapsed)
		}
	})
	t.Run("waits-for-running", func(t *testing.T) {
		tr := newTracker(2)
		var slowDone atomic.Bool
		jobs := tr.jobs(func(i int, _ context.Context) error {
			if i == 0 {
				time.Sleep(5 * time.Millisecond)
				return errFail
			}
			time.Sleep(80 * time.Millisecond) // ignores ctx
			slowDone.Store(true)
			return nil
		})
		o := run(context.Background(), tr, jobs, 2)
		what := "Run([fail after 5ms, 80ms job that ignores ctx], concurrency 2)"
		mustReturn(t, what, o)
		if !slowDone.Load() {
			t.Errorf("%s returned before the slow job had finished; Run must wait for every job it started", what)
		}
		if !errors.Is(o.err, errFail) {
			t.Errorf("%s = %v, want an error wrapping %q", what, o.err, errFail)
		}
	})
	t.Run("errors-as", func(t *testing.T) {
		type codeErr struct{ error }
		want := &codeErr{errors.New("code 7")}
		tr := newTracker(3)
		jobs := tr.jobs(func(i int, _ context.Context) error {
			if i == 2 {
				return want
			}
			return nil
		})
		o := run(context.Background(), tr, jobs, 2)
		mustReturn(t, "Run([ok ok *codeErr], 2)", o)
		var got *codeErr
		if !errors.As(o.err, &got) || got != want {
			t.Errorf("Run([ok ok *codeErr], 2) = %v, want an error wrapping the job's *codeErr (use %%w)", o.err)
		}
	})
	t.Run("many-failures", func(t *testing.T) {
		errs := make([]error, 50)
		for i := range errs {
			errs[i] = fmt.Errorf("failure %d", i)
		}
		tr := newTracker(50)
		jobs := tr.jobs(func(i int, _ context.Context) error { return errs[i] })
		o := run(context.Background(), tr, jobs, 8)
		what := "Run(50 jobs that all fail, concurrency 8)"
		mustReturn(t, what, o)
		found := false
		for _, e := range errs {
			found = found || errors.Is(o.err, e)
		}
		if !found {
			t.Errorf("%s = %v, want an error wrapping one of the jobs' errors", what, o.err)
		}
	})
	t.Run("simultaneous-failures", func(t *testing.T) {
		const c = 8
		var arrived sync.WaitGroup
		arrived.Add(c)
		all := make(chan struct{})
		go func() { arrived.Wait(); close(all) }()
		tr := newTracker(c)
		jobs := tr.jobs(func(i int, _ context.Context) error {
			arrived.Done()
			select {
			case <-all:
			case <-time.After(time.Second):
			}
			return fmt.Errorf("failure %d", i)
		})
		o := run(context.Background(), tr, jobs, c)
		what := "Run(8 jobs that fail at the same moment, concurrency 8)"
		mustReturn(t, what, o)
		if o.err == nil {
			t.Errorf("%s = nil, want one of the jobs' errors", what)
		}
	})
	t.Run("last-job-fails", func(t *testing.T) {
		tr := newTracker(30)
		jobs := tr.jobs(func(i int, _ context.Context) error {
			if i == 29 {
				return errFail
			}
			return nil
		})
		o := run(context.Background(), tr, jobs, 3)
		mustReturn(t, "Run(30 jobs, the last fails, concurrency 3)", o)
		if !errors.Is(o.err, errFail) {
			t.Errorf("Run(30 jobs, the last fails, concurrency 3) = %v, want an error wrapping %q", o.err, errFail)
		}
	})
}

func TestParentContext(t *testing.T) {
	cancelled, cancel := context.WithCancel(context.Background())
	cancel()
	expired, cancel2 := context.WithDeadline(context.Background(), time.Now().Add(-time.Second))
	defer cancel2()
	for _, tc := range []struct {
		name string
		ctx  context.Context
		n    int
		want error
	}{
		{"cancelled", cancelled, 5, context.Canceled},
		{"expired", expired, 5, context.DeadlineExceeded},
		{"cancelled-no-jobs", cancelled, 0, context.Canceled},
	} {
		t.Run(tc.name+"-before-start", func(t *testing.T) {
			tr := newTracker(tc.n)
			o := run(tc.ctx, tr, tr.jobs(func(int, context.Context) error { return nil }), 2)
			what := fmt.Sprintf("Run(%s ctx, %d jobs, 2)", tc.name, tc.n)
			mustReturn(t, what, o)
			if !errors.Is(o.err, tc.want) {
				t.Errorf("%s = %v, want %v", what, o.err, tc.want)
			}
			if n := tr.started.Load(); n != 0 {
				t.Errorf("%s started %d jobs, want 0", what, n)
			}
		})
	}
	t.Run("cancel-mid-run", func(t *testing.T) {
		ctx, cancel := context.WithCancel(context.Background())
		defer cancel()
		const c = 2
		tr := newTracker(100)
		jobs := tr.jobs(func(_ int, ctx context.Context) error {
			select {
			case <-ctx.Done():
				return ctx.Err()
			case <-time.After(5 * time.Millisecond):
				return nil
			}
		})
		time.AfterFunc(30*time.Millisecond, cancel)
		o := run(ctx, tr, jobs, c)
		what := "Run(100 jobs of 5ms, concurrency 2, ctx cancelled after 30ms)"
		mustReturn(t, what, o)
		if !errors.Is(o.err, context.Canceled) {
			t.Errorf("%s = %v, want context.Canceled", what, o.err)
		}
		if n := tr.started.Load(); n == 100 {
			t.Errorf("%s started all 100 jobs, want it to stop starting jobs after the cancel", what)
		}
		if n := tr.startedAfterCancel.Load(); n > c {
			t.Errorf("%s started %d jobs after the cancel, want none", what, n)
		}
	})
	t.Run("deadline-mid-run", func(t *testing.T) {
		ctx, cancel := context.WithTimeout(context.Background(), 30*time.Millisecond)
		defer cancel()
		tr := newTracker(20)
		jobs := tr.jobs(func(_ int, ctx context.Context) error {
			select {
			case <-ctx.Done():
				return nil // swallows the cancellation: Run must still notice
			case <-time.After(20 * time.Millisecond):
				return nil
			}
		})
		o := run(ctx, tr, jobs, 2)
		what := "Run(20 jobs of 20ms, concurrency 2, ctx deadline 30ms)"
		mustReturn(t, what, o)
		if !errors.Is(o.err, context.DeadlineExceeded) {
			t.Errorf("%s = %v, want context.DeadlineExceeded (not every job ran)", what, o.err)
		}
	})
	t.Run("cancel-after-all-started", func(t *testing.T) {
		ctx, cancel := context.WithCancel(context.Background())
		defer cancel()
		var startedAll sync.WaitGroup
		startedAll.Add(3)
		tr := newTracker(3)
		jobs := tr.jobs(func(int, context.Context) error {
			startedAll.Done()
			time.Sleep(50 * time.Millisecond) // ignores ctx, then succeeds
			return nil
		})
		go func() { startedAll.Wait(); cancel() }()
		o := run(ctx, tr, jobs, 3)
		what := "Run(3 jobs that all start, then ctx is cancelled, and all succeed)"
		mustReturn(t, what, o)
		if o.err != nil {
			t.Errorf("%s = %v, want nil: every job ran and succeeded", what, o.err)
		}
	})
	t.Run("values-reach-jobs", func(t *testing.T) {
		ctx := context.WithValue(context.Background(), ctxKey{}, "trace")
		tr := newTracker(10)
		o := run(ctx, tr, tr.jobs(func(int, context.Context) error { return nil }), 3)
		mustReturn(t, "Run(ctx with a value, 10 jobs, 3)", o)
		if n := tr.values.Load(); n != 10 {
			t.Errorf("Run(ctx with a value, 10 jobs, 3): %d of 10 jobs saw the caller's ctx value; derive the jobs' ctx from ctx", n)
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
	before := settledGoroutines()
	// Successes, a failure among fast jobs, many failures, a parent cancel.
	for i := range 10 {
		tr := newTracker(40)
		_ = Run(context.Background(), tr.jobs(func(j int, _ context.Context) error {
			if i%2 == 1 && j == 5 {
				return errFail
			}
			return nil
		}), 6)
	}
	tr := newTracker(40)
	_ = Run(context.Background(), tr.jobs(func(int, context.Context) error { return errFail }), 8)
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Millisecond)
	tr = newTracker(40)
	_ = Run(ctx, tr.jobs(func(_ int, ctx context.Context) error { return waitCtx(ctx) }), 4)
	cancel()
	if after := settle(before); after > before {
		t.Errorf("after 12 Run calls (with successes, failures and a deadline) %d goroutines are left, %d before: workers or helpers leak", after, before)
	}
}

func TestHammer(t *testing.T) {
	var wg sync.WaitGroup
	problems := make([]string, 8)
	for g := range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			var sum atomic.Int64
			jobs := make([]Job, 2000)
			for i := range jobs {
				jobs[i] = func(context.Context) error { sum.Add(int64(i)); return nil }
			}
			if err := Run(context.Background(), jobs, 1+g*3); err != nil || sum.Load() != 1999*2000/2 {
				problems[g] = fmt.Sprintf("Run(2000 jobs adding 0..1999, concurrency %d) = %v with sum %d, want nil and %d", 1+g*3, err, sum.Load(), 1999*2000/2)
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
	t.Run("all-ok", func(t *testing.T) {
		tr := newTracker(10)
		o := run(context.Background(), tr, tr.jobs(sleepJob(time.Millisecond)), 3)
		mustReturn(t, "Run(10 jobs, 3)", o)
		if o.err != nil || tr.started.Load() != 10 || tr.maxInFlight.Load() > 3 {
			t.Errorf("Run(10 jobs, 3) = %v, ran %d jobs, at most %d at once; want nil, 10, at most 3", o.err, tr.started.Load(), tr.maxInFlight.Load())
		}
	})
	t.Run("first-error", func(t *testing.T) {
		tr := newTracker(4)
		jobs := tr.jobs(func(i int, _ context.Context) error {
			if i == 1 {
				return errFail
			}
			return nil
		})
		o := run(context.Background(), tr, jobs, 1)
		mustReturn(t, "Run([ok fail ok ok], 1)", o)
		if !errors.Is(o.err, errFail) || fmt.Sprint(tr.ranCounts()) != "[1 1 0 0]" {
			t.Errorf("Run([ok fail ok ok], 1) = %v with runs %v, want an error wrapping %q and runs [1 1 0 0]", o.err, tr.ranCounts(), errFail)
		}
	})
	t.Run("cancelled", func(t *testing.T) {
		ctx, cancel := context.WithCancel(context.Background())
		cancel()
		tr := newTracker(3)
		o := run(ctx, tr, tr.jobs(sleepJob(0)), 2)
		mustReturn(t, "Run(cancelled ctx, 3 jobs, 2)", o)
		if !errors.Is(o.err, context.Canceled) || tr.started.Load() != 0 {
			t.Errorf("Run(cancelled ctx, 3 jobs, 2) = %v after starting %d jobs, want context.Canceled and none started", o.err, tr.started.Load())
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
