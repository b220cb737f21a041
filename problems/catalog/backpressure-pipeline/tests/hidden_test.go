package pipeline

import (
	"context"
	"errors"
	"fmt"
	"runtime"
	"slices"
	"strconv"
	"sync/atomic"
	"testing"
	"time"
)

// feed returns a closed-when-done channel of the given items.
func feed(items ...string) <-chan In {
	ch := make(chan In, len(items))
	for _, s := range items {
		ch <- In{Raw: s}
	}
	close(ch)
	return ch
}

func numbers(n int) []string {
	s := make([]string, n)
	for i := range s {
		s[i] = strconv.Itoa(i)
	}
	return s
}

// endless sends "0", "1", ... on an unbuffered channel until stop is closed;
// it never closes the channel. sent counts the items Run has taken.
func endless(stop <-chan struct{}, sent *atomic.Int64) <-chan In {
	ch := make(chan In)
	go func() {
		for i := 0; ; i++ {
			select {
			case ch <- In{Raw: strconv.Itoa(i)}:
				sent.Add(1)
			case <-stop:
				return
			}
		}
	}()
	return ch
}

func square(_ context.Context, in In) (Out, error) {
	v, err := strconv.Atoi(in.Raw)
	if err != nil {
		return Out{}, err
	}
	return Out{Val: v * v}, nil
}

// collector is a sink that needs no lock: Run never calls a sink concurrently.
type collector struct {
	got []int
}

func (c *collector) sink(_ context.Context, o Out) error {
	c.got = append(c.got, o.Val) // deliberately unsynchronised
	return nil
}

type result struct {
	err     error
	elapsed time.Duration
}

// runAsync runs Run in a goroutine so a stuck pipeline fails the test instead of hanging it.
func runAsync(ctx context.Context, src <-chan In, workers, buf int, tr Transformer, sk Sink) <-chan result {
	ch := make(chan result, 1)
	go func() {
		start := time.Now()
		err := Run(ctx, src, workers, buf, tr, sk)
		ch <- result{err, time.Since(start)}
	}()
	return ch
}

func waitRun(t *testing.T, ch <-chan result, within time.Duration, what string) result {
	t.Helper()
	select {
	case r := <-ch:
		return r
	case <-time.After(within):
		t.Fatalf("%s: Run did not return within %v", what, within)
		return result{}
	}
}

func settle(t *testing.T, before int, what string) {
	t.Helper()
	deadline := time.Now().Add(2 * time.Second)
	after := runtime.NumGoroutine()
	for after > before && time.Now().Before(deadline) {
		time.Sleep(10 * time.Millisecond)
		after = runtime.NumGoroutine()
	}
	if after > before {
		t.Errorf("%s: %d goroutine(s) still running after Run returned (before %d, after %d); Run must wait for everything it started",
			what, after-before, before, after)
	}
}

func TestAllItemsProcessed(t *testing.T) {
	for _, tc := range []struct{ workers, buf, n int }{
		{1, 1, 100}, {3, 0, 1000}, {8, 16, 1000}, {4, 1, 500}, {16, 2, 300}, {2, 100, 50},
	} {
		t.Run(fmt.Sprintf("w%d-b%d-n%d", tc.workers, tc.buf, tc.n), func(t *testing.T) {
			before := settledGoroutines()
			var c collector
			r := waitRun(t, runAsync(context.Background(), feed(numbers(tc.n)...), tc.workers, tc.buf, square, c.sink),
				5*time.Second, "squares")
			if r.err != nil {
				t.Fatalf("Run(%d items, workers=%d, buf=%d) returned %v, want nil", tc.n, tc.workers, tc.buf, r.err)
			}
			slices.Sort(c.got)
			want := make([]int, tc.n)
			for i := range want {
				want[i] = i * i
			}
			if !slices.Equal(c.got, want) {
				t.Fatalf("Run(%d items, workers=%d, buf=%d): sink received %d values, want every square 0..%d exactly once",
					tc.n, tc.workers, tc.buf, len(c.got), (tc.n-1)*(tc.n-1))
			}
			settle(t, before, "after a successful run")
		})
	}
	t.Run("empty", func(t *testing.T) {
		calls := 0
		err := Run(context.Background(), feed(), 4, 4, square, func(context.Context, Out) error { calls++; return nil })
		if err != nil || calls != 0 {
			t.Errorf("Run on a closed empty source: err=%v, sink calls=%d; want nil and 0", err, calls)
		}
	})
}

// peakTracker records the largest number of concurrent calls.
type peakTracker struct{ cur, peak atomic.Int32 }

func (p *peakTracker) enter() {
	n := p.cur.Add(1)
	for {
		old := p.peak.Load()
		if n <= old || p.peak.CompareAndSwap(old, n) {
			return
		}
	}
}
func (p *peakTracker) leave() { p.cur.Add(-1) }

func TestParallelism(t *testing.T) {
	for _, tc := range []struct{ workers, want int }{{4, 4}, {1, 1}, {0, 1}, {-3, 1}, {6, 6}} {
		t.Run(fmt.Sprintf("workers%d", tc.workers), func(t *testing.T) {
			var tr peakTracker
			slow := func(ctx context.Context, in In) (Out, error) {
				tr.enter()
				defer tr.leave()
				time.Sleep(15 * time.Millisecond)
				return square(ctx, in)
			}
			var c collector
			n := 4 * tc.want
			r := waitRun(t, runAsync(context.Background(), feed(numbers(n)...), tc.workers, 64, slow, c.sink), 5*time.Second, "slow transforms")
			if r.err != nil || len(c.got) != n {
				t.Fatalf("Run(workers=%d) returned %v with %d results, want nil and %d", tc.workers, r.err, len(c.got), n)
			}
			if p := tr.peak.Load(); int(p) != tc.want {
				t.Errorf("Run(workers=%d): at most %d transform calls ran at once, want exactly %d", tc.workers, p, tc.want)
			}
		})
	}
}

func TestSinkNeverConcurrent(t *testing.T) {
	var tr peakTracker
	var c collector
	sink := func(ctx context.Context, o Out) error {
		tr.enter()
		defer tr.leave()
		if o.Val%7 == 0 {
			time.Sleep(time.Millisecond)
		}
		return c.sink(ctx, o)
	}
	r := waitRun(t, runAsync(context.Background(), feed(numbers(400)...), 8, 4, square, sink), 5*time.Second, "8 workers")
	if r.err != nil || len(c.got) != 400 {
		t.Fatalf("Run returned %v with %d results, want nil and 400", r.err, len(c.got))
	}
	if p := tr.peak.Load(); p != 1 {
		t.Errorf("sink was called by %d goroutines at once; it must be called serially", p)
	}
}

func TestBackpressure(t *testing.T) {
	for _, tc := range []struct{ workers, buf, bound int }{{2, 3, 6}, {1, 1, 3}, {4, 0, 13}} {
		t.Run(fmt.Sprintf("w%d-b%d", tc.workers, tc.buf), func(t *testing.T) {
			before := settledGoroutines()
			stop := make(chan struct{})
			var sent atomic.Int64
			release := make(chan struct{})
			var sinkCalls atomic.Int32
			sink := func(ctx context.Context, o Out) error {
				if sinkCalls.Add(1) == 1 {
					select { // the first sink call stalls
					case <-release:
					case <-ctx.Done():
						return ctx.Err()
					}
				}
				return nil
			}
			ctx, cancel := context.WithCancel(context.Background())
			done := runAsync(ctx, endless(stop, &sent), tc.workers, tc.buf, square, sink)
			time.Sleep(150 * time.Millisecond)
			held := sent.Load()
			close(release)
			time.Sleep(20 * time.Millisecond)
			cancel()
			r := waitRun(t, done, 2*time.Second, "cancelled pipeline")
			if held > int64(tc.bound) {
				t.Errorf("workers=%d buf=%d, sink stalled: Run took %d items from src, want at most workers+buf+1 = %d (buf <= 0 means 2*workers)",
					tc.workers, tc.buf, held, tc.bound)
			}
			if held == 0 {
				t.Errorf("Run took nothing from src in 150ms")
			}
			if !errors.Is(r.err, context.Canceled) {
				t.Errorf("after cancel(), Run returned %v, want context.Canceled", r.err)
			}
			close(stop)
			settle(t, before, "after cancelling")
		})
	}
}

var errBad = errors.New("bad item")

func TestTransformError(t *testing.T) {
	for _, workers := range []int{1, 4} {
		t.Run(fmt.Sprintf("workers%d", workers), func(t *testing.T) {
			before := settledGoroutines()
			stop := make(chan struct{})
			var sent atomic.Int64
			var calls atomic.Int32
			transform := func(ctx context.Context, in In) (Out, error) {
				calls.Add(1)
				if in.Raw == "10" {
					return Out{}, errBad
				}
				if v, _ := strconv.Atoi(in.Raw); v > 10 {
					<-ctx.Done() // later items wait until the pipeline is cancelled
					return Out{}, ctx.Err()
				}
				return square(ctx, in)
			}
			var c collector
			r := waitRun(t, runAsync(context.Background(), endless(stop, &sent), workers, 2, transform, c.sink),
				2*time.Second, "transform fails on item 10, the source never ends")
			close(stop)
			if !errors.Is(r.err, errBad) {
				t.Errorf("transform failed with %v; Run returned %v, want that error (not a context error)", errBad, r.err)
			}
			if n := calls.Load(); n > int32(11+3*workers) {
				t.Errorf("after the error on item 10, transform was still called: %d calls in total with %d workers", n, workers)
			}
			settle(t, before, "after a transform error")
		})
	}
}

func TestSinkError(t *testing.T) {
	before := settledGoroutines()
	stop := make(chan struct{})
	var sent atomic.Int64
	n := 0
	sink := func(ctx context.Context, o Out) error {
		n++
		if n == 5 {
			return errBad
		}
		return nil
	}
	r := waitRun(t, runAsync(context.Background(), endless(stop, &sent), 3, 2, square, sink), 2*time.Second,
		"sink fails on its 5th call, the source never ends")
	close(stop)
	if !errors.Is(r.err, errBad) {
		t.Errorf("sink failed with %v; Run returned %v, want that error", errBad, r.err)
	}
	if n != 5 {
		t.Errorf("sink was called %d times, want 5 (no call after it failed)", n)
	}
	settle(t, before, "after a sink error")
}

func TestCancellation(t *testing.T) {
	t.Run("cancel", func(t *testing.T) {
		before := settledGoroutines()
		stop := make(chan struct{})
		var sent atomic.Int64
		ctx, cancel := context.WithCancel(context.Background())
		var c collector
		done := runAsync(ctx, endless(stop, &sent), 4, 4, square, c.sink)
		time.Sleep(30 * time.Millisecond)
		cancel()
		r := waitRun(t, done, time.Second, "cancelled while the source is still producing")
		close(stop)
		if !errors.Is(r.err, context.Canceled) {
			t.Errorf("Run returned %v after its context was cancelled, want context.Canceled", r.err)
		}
		settle(t, before, "after cancelling")
	})
	t.Run("deadline", func(t *testing.T) {
		stop := make(chan struct{})
		defer close(stop)
		var sent atomic.Int64
		ctx, cancel := context.WithTimeout(context.Background(), 50*time.Millisecond)
		defer cancel()
		var c collector
		r := waitRun(t, runAsync(ctx, endless(stop, &sent), 2, 2, square, c.sink), time.Second, "50ms deadline")
		if !errors.Is(r.err, context.DeadlineExceeded) {
			t.Errorf("Run with a 50ms deadline returned %v, want context.DeadlineExceeded", r.err)
		}
	})
	t.Run("stuck-sink", func(t *testing.T) {
		ctx, cancel := context.WithTimeout(context.Background(), 50*time.Millisecond)
		defer cancel()
		sink := func(ctx context.Context, o Out) error {
			<-ctx.Done()
			return ctx.Err()
		}
		r := waitRun(t, runAsync(ctx, feed(numbers(100)...), 2, 1, square, sink), time.Second, "sink blocks until cancelled")
		if !errors.Is(r.err, context.DeadlineExceeded) {
			t.Errorf("Run with a sink stuck until the 50ms deadline returned %v, want context.DeadlineExceeded", r.err)
		}
	})
	t.Run("before-start", func(t *testing.T) {
		ctx, cancel := context.WithCancel(context.Background())
		cancel()
		var tc, sc atomic.Int32
		err := Run(ctx, feed(numbers(100)...), 4, 4,
			func(ctx context.Context, in In) (Out, error) { tc.Add(1); return square(ctx, in) },
			func(context.Context, Out) error { sc.Add(1); return nil })
		if !errors.Is(err, context.Canceled) || tc.Load() != 0 || sc.Load() != 0 {
			t.Errorf("Run with an already cancelled ctx: err=%v, transform calls=%d, sink calls=%d; want context.Canceled, 0, 0",
				err, tc.Load(), sc.Load())
		}
	})
	t.Run("nil-source", func(t *testing.T) {
		ctx, cancel := context.WithTimeout(context.Background(), 40*time.Millisecond)
		defer cancel()
		var c collector
		r := waitRun(t, runAsync(ctx, nil, 2, 2, square, c.sink), time.Second, "nil source")
		if !errors.Is(r.err, context.DeadlineExceeded) {
			t.Errorf("Run with a nil source and a 40ms deadline returned %v, want context.DeadlineExceeded", r.err)
		}
	})
}

func TestContextPassedDown(t *testing.T) {
	type key struct{}
	ctx := context.WithValue(context.Background(), key{}, "trace-1")
	var tv, sv atomic.Value
	err := Run(ctx, feed("1", "2"), 2, 2,
		func(c context.Context, in In) (Out, error) { tv.Store(c.Value(key{})); return square(c, in) },
		func(c context.Context, o Out) error { sv.Store(c.Value(key{})); return nil })
	if err != nil || tv.Load() != "trace-1" || sv.Load() != "trace-1" {
		t.Errorf("Run: err=%v, transform saw value %v, sink saw %v; want nil and the caller's context value trace-1 in both",
			err, tv.Load(), sv.Load())
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
