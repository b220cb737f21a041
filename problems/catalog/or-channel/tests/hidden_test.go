package orc

import (
	"context"
	"fmt"
	"runtime"
	"slices"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

// stuck is set once a wait has timed out: later waits are short, so a broken
// solution fails in seconds instead of running into the time limit.
var stuck atomic.Bool

func wait(d time.Duration) time.Duration {
	if stuck.Load() {
		return min(d, 100*time.Millisecond)
	}
	return d
}

// callOr calls Or and fails the test if it blocks or returns nil.
func callOr(t *testing.T, what string, ctx context.Context, chans ...<-chan struct{}) <-chan struct{} {
	t.Helper()
	res := make(chan (<-chan struct{}), 1)
	go func() { res <- Or(ctx, chans...) }()
	select {
	case out := <-res:
		if out == nil {
			t.Fatalf("%s returned a nil channel", what)
		}
		return out
	case <-time.After(wait(time.Second)):
		stuck.Store(true)
		t.Fatalf("%s did not return within 1s; it must not block", what)
		return nil
	}
}

// closesWithin reports whether out is closed within d. A value sent on out is a failure.
func closesWithin(t *testing.T, what string, out <-chan struct{}, d time.Duration) bool {
	t.Helper()
	select {
	case _, ok := <-out:
		if ok {
			t.Errorf("%s: a value was sent on the result; it must only be closed", what)
		}
		return true
	case <-time.After(wait(d)):
		stuck.Store(true)
		return false
	}
}

// isOpen reports whether out stays open for d.
func isOpen(out <-chan struct{}, d time.Duration) bool {
	select {
	case <-out:
		return false
	case <-time.After(d):
		return true
	}
}

func isClosedNow(out <-chan struct{}) bool {
	select {
	case <-out:
		return true
	default:
		return false
	}
}

// inputs makes n open signal channels; those still open are closed when the test ends.
func inputs(t *testing.T, n int) ([]chan struct{}, []<-chan struct{}) {
	chans := make([]chan struct{}, n)
	ro := make([]<-chan struct{}, n)
	for i := range chans {
		chans[i] = make(chan struct{})
		ro[i] = chans[i]
	}
	t.Cleanup(func() {
		for _, c := range chans {
			select {
			case <-c:
			default:
				close(c)
			}
		}
	})
	return chans, ro
}

func TestAnyInputFires(t *testing.T) {
	for _, n := range []int{1, 2, 5, 100, 1000} {
		for _, k := range slices.Compact([]int{0, n / 2, n - 1}) {
			t.Run(fmt.Sprintf("n%d-fire%d", n, k), func(t *testing.T) {
				chans, ro := inputs(t, n)
				what := fmt.Sprintf("Or(%d open inputs)", n)
				out := callOr(t, what, context.Background(), ro...)
				if isClosedNow(out) {
					t.Fatalf("%s is closed before any input fired", what)
				}
				close(chans[k])
				if !closesWithin(t, what, out, time.Second) {
					t.Errorf("%s: input %d was closed, but the result was not closed within 1s", what, k)
				}
			})
		}
	}
	t.Run("already-closed", func(t *testing.T) {
		chans, ro := inputs(t, 3)
		close(chans[1])
		out := callOr(t, "Or(open, closed, open)", context.Background(), ro...)
		if !closesWithin(t, "Or(open, closed, open)", out, time.Second) {
			t.Errorf("Or(open, closed, open): result not closed within 1s although an input was already closed")
		}
	})
	t.Run("value-fires", func(t *testing.T) {
		_, ro := inputs(t, 2)
		v := make(chan struct{}, 1)
		v <- struct{}{}
		out := callOr(t, "Or(open, open, holds a value)", context.Background(), ro[0], ro[1], v)
		if !closesWithin(t, "Or(open, open, holds a value)", out, time.Second) {
			t.Errorf("Or(open, open, channel holding a value): result not closed within 1s; a received value counts as a signal")
		}
	})
	t.Run("stays-open", func(t *testing.T) {
		_, ro := inputs(t, 3)
		out := callOr(t, "Or(3 open inputs)", context.Background(), ro...)
		if !isOpen(out, 50*time.Millisecond) {
			t.Errorf("Or(3 open inputs, background ctx): result closed although nothing fired")
		}
	})
	t.Run("all-fire-at-once", func(t *testing.T) {
		chans, ro := inputs(t, 20)
		ctx, cancel := context.WithCancel(context.Background())
		defer cancel()
		out := callOr(t, "Or(20 inputs)", ctx, ro...)
		for _, c := range chans {
			close(c)
		}
		cancel()
		if !closesWithin(t, "Or(20 inputs)", out, time.Second) {
			t.Errorf("Or(20 inputs): all inputs and ctx fired, but the result was not closed within 1s")
		}
		time.Sleep(20 * time.Millisecond) // let every watcher finish (a double close would panic)
	})
	t.Run("same-input-twice", func(t *testing.T) {
		chans, ro := inputs(t, 1)
		out := callOr(t, "Or(c, c)", context.Background(), ro[0], ro[0])
		close(chans[0])
		if !closesWithin(t, "Or(c, c)", out, time.Second) {
			t.Errorf("Or(c, c): c was closed, but the result was not closed within 1s")
		}
		time.Sleep(20 * time.Millisecond)
	})
}

func TestNilInputs(t *testing.T) {
	t.Run("nil-and-open", func(t *testing.T) {
		chans, ro := inputs(t, 1)
		out := callOr(t, "Or(nil, c, nil)", context.Background(), nil, ro[0], nil)
		if !isOpen(out, 30*time.Millisecond) {
			t.Fatalf("Or(nil, c, nil): result closed before c fired; a nil channel never fires")
		}
		close(chans[0])
		if !closesWithin(t, "Or(nil, c, nil)", out, time.Second) {
			t.Errorf("Or(nil, c, nil): c was closed, but the result was not closed within 1s")
		}
	})
	t.Run("only-nil-then-cancel", func(t *testing.T) {
		ctx, cancel := context.WithCancel(context.Background())
		defer cancel()
		out := callOr(t, "Or(nil, nil)", ctx, nil, nil)
		if !isOpen(out, 30*time.Millisecond) {
			t.Fatalf("Or(ctx, nil, nil): result closed although nothing fired")
		}
		cancel()
		if !closesWithin(t, "Or(nil, nil)", out, time.Second) {
			t.Errorf("Or(ctx, nil, nil): ctx was cancelled, but the result was not closed within 1s")
		}
	})
}

func TestContext(t *testing.T) {
	t.Run("cancelled-before", func(t *testing.T) {
		ctx, cancel := context.WithCancel(context.Background())
		cancel()
		_, ro := inputs(t, 3)
		out := callOr(t, "Or(cancelled ctx, 3 open inputs)", ctx, ro...)
		if !closesWithin(t, "Or(cancelled ctx, 3 open inputs)", out, time.Second) {
			t.Errorf("Or(cancelled ctx, 3 open inputs): result not closed within 1s")
		}
	})
	t.Run("cancel-later", func(t *testing.T) {
		ctx, cancel := context.WithCancel(context.Background())
		defer cancel()
		_, ro := inputs(t, 4)
		out := callOr(t, "Or(ctx, 4 open inputs)", ctx, ro...)
		time.AfterFunc(20*time.Millisecond, cancel)
		if !closesWithin(t, "Or(ctx, 4 open inputs)", out, time.Second) {
			t.Errorf("Or(ctx, 4 open inputs): ctx was cancelled after 20ms, but the result was not closed within 1s")
		}
	})
	t.Run("deadline", func(t *testing.T) {
		ctx, cancel := context.WithTimeout(context.Background(), 30*time.Millisecond)
		defer cancel()
		_, ro := inputs(t, 2)
		start := time.Now()
		out := callOr(t, "Or(ctx with 30ms deadline, 2 open inputs)", ctx, ro...)
		if !closesWithin(t, "Or(ctx with 30ms deadline, 2 open inputs)", out, time.Second) {
			t.Errorf("Or(ctx with 30ms deadline, 2 open inputs): result not closed within 1s")
		} else if el := time.Since(start); el < 25*time.Millisecond {
			t.Errorf("Or(ctx with 30ms deadline, 2 open inputs): result closed after %v, before the deadline", el)
		}
	})
	t.Run("no-inputs-waits-for-ctx", func(t *testing.T) {
		ctx, cancel := context.WithCancel(context.Background())
		defer cancel()
		out := callOr(t, "Or(ctx)", ctx)
		if !isOpen(out, 30*time.Millisecond) {
			t.Fatalf("Or(ctx) with no inputs closed at once; with no inputs only ctx can fire")
		}
		cancel()
		if !closesWithin(t, "Or(ctx)", out, time.Second) {
			t.Errorf("Or(ctx) with no inputs: ctx was cancelled, but the result was not closed within 1s")
		}
	})
	t.Run("no-inputs-background", func(t *testing.T) {
		out := callOr(t, "Or(background)", context.Background())
		if !isOpen(out, 30*time.Millisecond) {
			t.Errorf("Or(context.Background()) with no inputs closed; nothing can ever fire")
		}
	})
	t.Run("no-inputs-cancelled", func(t *testing.T) {
		ctx, cancel := context.WithCancel(context.Background())
		cancel()
		out := callOr(t, "Or(cancelled ctx)", ctx)
		if !closesWithin(t, "Or(cancelled ctx)", out, time.Second) {
			t.Errorf("Or(cancelled ctx) with no inputs: result not closed within 1s")
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
	t.Run("input-fires", func(t *testing.T) {
		before := settledGoroutines()
		// 20 calls, each with 50 inputs that never fire and one that does. The
		// silent inputs stay open until the check below has run.
		var keep [][]chan struct{}
		for i := range 20 {
			chans := make([]chan struct{}, 51)
			ro := make([]<-chan struct{}, 51)
			for j := range chans {
				chans[j] = make(chan struct{})
				ro[j] = chans[j]
			}
			keep = append(keep, chans)
			out := callOr(t, "Or(51 open inputs)", context.Background(), ro...)
			close(chans[i%51])
			if !closesWithin(t, "Or(51 open inputs)", out, time.Second) {
				t.Fatalf("Or(51 open inputs): input %d was closed, but the result was not closed within 1s", i%51)
			}
		}
		after := settle(before)
		for i, chans := range keep {
			for j, c := range chans {
				if j != i%51 {
					close(c)
				}
			}
		}
		if after > before {
			t.Errorf("20 Or results closed because one input fired; while the other inputs stay open, %d goroutines are left, %d before: watchers must stop once the result is closed", after, before)
		}
	})
	t.Run("ctx-fires", func(t *testing.T) {
		before := settledGoroutines()
		var keep []chan struct{}
		for range 20 {
			ctx, cancel := context.WithCancel(context.Background())
			chans := make([]<-chan struct{}, 10)
			for j := range chans {
				c := make(chan struct{})
				keep = append(keep, c)
				chans[j] = c
			}
			out := callOr(t, "Or(ctx, 10 open inputs)", ctx, chans...)
			cancel()
			if !closesWithin(t, "Or(ctx, 10 open inputs)", out, time.Second) {
				t.Fatalf("Or(ctx, 10 open inputs): ctx was cancelled, but the result was not closed within 1s")
			}
		}
		after := settle(before)
		for _, c := range keep {
			close(c)
		}
		if after > before {
			t.Errorf("20 Or results closed by cancelling ctx: %d goroutines are left, %d before", after, before)
		}
	})
}

func TestConcurrent(t *testing.T) {
	// 50 goroutines each combine a shared trigger with inputs of their own.
	trigger := make(chan struct{})
	var wg sync.WaitGroup
	var fired atomic.Int32
	outs := make(chan (<-chan struct{}), 50)
	for range 50 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			own := make(chan struct{})
			defer close(own)
			outs <- Or(context.Background(), own, trigger, nil)
		}()
	}
	wg.Wait()
	close(outs)
	close(trigger)
	ctx, cancel := context.WithTimeout(context.Background(), wait(2*time.Second))
	defer cancel()
	for out := range outs {
		select {
		case <-out:
			fired.Add(1)
		case <-ctx.Done():
		}
	}
	if n := fired.Load(); n != 50 {
		t.Errorf("50 Or(own, trigger, nil) results: %d closed within 2s after the shared trigger was closed, want 50", n)
	}
}

func TestExamples(t *testing.T) {
	t.Run("one-fires", func(t *testing.T) {
		chans, ro := inputs(t, 3)
		out := callOr(t, "Or(a, b, c)", context.Background(), ro...)
		time.AfterFunc(10*time.Millisecond, func() { close(chans[1]) })
		if !closesWithin(t, "Or(a, b, c)", out, time.Second) {
			t.Errorf("Or(a, b, c): b was closed, but the result was not closed within 1s")
		}
	})
	t.Run("ctx-fires", func(t *testing.T) {
		ctx, cancel := context.WithCancel(context.Background())
		_, ro := inputs(t, 2)
		out := callOr(t, "Or(ctx, a, b)", ctx, ro...)
		cancel()
		if !closesWithin(t, "Or(ctx, a, b)", out, time.Second) {
			t.Errorf("Or(ctx, a, b): ctx was cancelled, but the result was not closed within 1s")
		}
	})
	t.Run("nothing-fires", func(t *testing.T) {
		_, ro := inputs(t, 2)
		out := callOr(t, "Or(a, b)", context.Background(), ro...)
		if !isOpen(out, 30*time.Millisecond) {
			t.Errorf("Or(a, b): result closed although neither a, b nor ctx fired")
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
