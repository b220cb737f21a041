package fanin

import (
	"context"
	"fmt"
	"runtime"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

type item struct{ src, seq int }

// stuck is set once a wait has timed out: later waits are short, so a broken
// solution fails in seconds instead of running into the time limit.
var stuck atomic.Bool

func wait(d time.Duration) time.Duration {
	if stuck.Load() {
		return min(d, 250*time.Millisecond)
	}
	return d
}

// producer sends n items tagged src on a channel (with the given buffer) and
// closes it; it gives up when the test ends.
func producer(t *testing.T, src, n, buffer int) <-chan item {
	ch := make(chan item, buffer)
	stop := make(chan struct{})
	t.Cleanup(func() { close(stop) })
	go func() {
		defer close(ch)
		for i := range n {
			select {
			case ch <- item{src, i}:
			case <-stop:
				return
			}
		}
	}()
	return ch
}

// silent returns an open channel that never delivers; it is closed when the test ends.
func silent[T any](t *testing.T) <-chan T {
	ch := make(chan T)
	t.Cleanup(func() { close(ch) })
	return ch
}

// collect reads out until it is closed, or until limit has passed.
func collect[T any](out <-chan T, limit time.Duration) (got []T, closed bool) {
	timer := time.NewTimer(wait(limit))
	defer timer.Stop()
	for {
		select {
		case v, ok := <-out:
			if !ok {
				return got, true
			}
			got = append(got, v)
		case <-timer.C:
			stuck.Store(true)
			return got, false
		}
	}
}

// checkItems verifies that got holds exactly counts[src] items per source, each
// source's items in order 0, 1, 2, ...
func checkItems(t *testing.T, what string, got []item, counts map[int]int) {
	t.Helper()
	next := map[int]int{}
	for _, it := range got {
		if _, known := counts[it.src]; !known {
			t.Errorf("%s: got %v, which no input sent", what, it)
			return
		}
		if it.seq != next[it.src] {
			t.Errorf("%s: from input %d got item %d, want %d (each input's values in their order, none lost or repeated)", what, it.src, it.seq, next[it.src])
			return
		}
		next[it.src]++
	}
	for src, n := range counts {
		if next[src] != n {
			t.Errorf("%s: got %d values from input %d, want %d", what, next[src], src, n)
		}
	}
}

// recv receives one value from out, waiting at most limit.
func recv[T any](out <-chan T, limit time.Duration) (v T, ok, timedOut bool) {
	select {
	case v, ok = <-out:
		return v, ok, false
	case <-time.After(wait(limit)):
		stuck.Store(true)
		return v, false, true
	}
}

func call[T any](t *testing.T, what string, ctx context.Context, chans ...<-chan T) <-chan T {
	t.Helper()
	done := make(chan (<-chan T), 1)
	go func() { done <- FanIn(ctx, chans...) }()
	select {
	case out := <-done:
		if out == nil {
			t.Fatalf("%s returned a nil channel", what)
		}
		return out
	case <-time.After(wait(time.Second)):
		stuck.Store(true)
		t.Fatalf("%s did not return within 1s; it must not block the caller", what)
		return nil
	}
}

func TestMergesAll(t *testing.T) {
	cases := []struct {
		name   string
		counts []int
		buffer int
	}{
		{"one-input", []int{5}, 0},
		{"three-inputs", []int{3, 0, 7}, 0},
		{"buffered", []int{10, 20, 30}, 8},
		{"all-empty", []int{0, 0, 0, 0}, 0},
		{"many-inputs", func() []int {
			c := make([]int, 50)
			for i := range c {
				c[i] = 100 + i
			}
			return c
		}(), 1},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			chans := make([]<-chan item, len(tc.counts))
			want := map[int]int{}
			for i, n := range tc.counts {
				chans[i] = producer(t, i, n, tc.buffer)
				want[i] = n
			}
			what := fmt.Sprintf("FanIn(inputs with %v values)", tc.counts)
			if len(tc.counts) > 10 {
				what = fmt.Sprintf("FanIn(%d inputs)", len(tc.counts))
			}
			got, closed := collect(call(t, what, context.Background(), chans...), 2*time.Second)
			if !closed {
				t.Errorf("%s: output not closed within 2s after every input was closed (got %d values)", what, len(got))
			}
			checkItems(t, what, got, want)
		})
	}
	t.Run("no-inputs", func(t *testing.T) {
		got, closed := collect(call[int](t, "FanIn()", context.Background()), time.Second)
		if !closed || len(got) != 0 {
			t.Errorf("FanIn() delivered %v, closed=%v; want a closed, empty output", got, closed)
		}
	})
	t.Run("already-closed", func(t *testing.T) {
		a := make(chan int, 3)
		a <- 1
		a <- 2
		a <- 3
		close(a)
		b := make(chan int)
		close(b)
		got, closed := collect(call(t, "FanIn(closed [1 2 3], closed [])", context.Background(), a, b), time.Second)
		if !closed || fmt.Sprint(got) != "[1 2 3]" {
			t.Errorf("FanIn(closed [1 2 3], closed []) delivered %v, closed=%v; want [1 2 3] and closed", got, closed)
		}
	})
	t.Run("same-channel-twice", func(t *testing.T) {
		c := producer(t, 0, 100, 0)
		got, closed := collect(call(t, "FanIn(c, c)", context.Background(), c, c), 2*time.Second)
		if !closed || len(got) != 100 {
			t.Errorf("FanIn(c, c) with 100 values on c delivered %d values, closed=%v; want 100 and closed", len(got), closed)
		}
	})
}

func TestNilInputs(t *testing.T) {
	t.Run("only-nil", func(t *testing.T) {
		got, closed := collect(call[int](t, "FanIn(nil, nil)", context.Background(), nil, nil), time.Second)
		if !closed || len(got) != 0 {
			t.Errorf("FanIn(nil, nil) delivered %v, closed=%v; want a closed, empty output (a nil input counts as empty)", got, closed)
		}
	})
	t.Run("nil-among-others", func(t *testing.T) {
		what := "FanIn(4 values, nil, 6 values)"
		got, closed := collect(call(t, what, context.Background(), producer(t, 0, 4, 0), nil, producer(t, 2, 6, 0)), 2*time.Second)
		if !closed {
			t.Errorf("%s: output not closed within 2s after both real inputs closed; a nil input must not keep it open", what)
		}
		checkItems(t, what, got, map[int]int{0: 4, 2: 6})
	})
}

func TestConcurrentInputs(t *testing.T) {
	t.Run("silent-input-does-not-block", func(t *testing.T) {
		ctx, cancel := context.WithCancel(context.Background())
		defer cancel()
		what := "FanIn(open silent input, 10 values)"
		out := call(t, what, ctx, silent[item](t), producer(t, 1, 10, 0))
		deadline := time.After(wait(2 * time.Second))
		for i := range 10 {
			select {
			case v, ok := <-out:
				if !ok {
					t.Fatalf("%s: output closed after %d values while an input is still open", what, i)
				}
				if v != (item{1, i}) {
					t.Fatalf("%s: value %d is %v, want {1 %d}", what, i, v, i)
				}
			case <-deadline:
				stuck.Store(true)
				t.Fatalf("%s: got only %d of the 10 values within 2s; inputs must be read concurrently", what, i)
			}
		}
	})
	t.Run("stays-open-while-input-open", func(t *testing.T) {
		a := make(chan int)
		what := "FanIn(a, closed b)"
		b := make(chan int)
		close(b)
		out := call(t, what, context.Background(), a, b)
		select {
		case a <- 7:
		case <-time.After(wait(time.Second)):
			stuck.Store(true)
			t.Fatalf("%s: nobody read from input a within 1s", what)
		}
		select {
		case v, ok := <-out:
			if !ok || v != 7 {
				t.Fatalf("%s: after sending 7 on a, read %v, %v from the output; want 7, true", what, v, ok)
			}
		case <-time.After(wait(time.Second)):
			stuck.Store(true)
			t.Fatalf("%s: 7 was sent on a but did not come out within 1s", what)
		}
		select {
		case v, ok := <-out:
			t.Fatalf("%s: output delivered %v, %v while a is still open and silent; want it to wait", what, v, ok)
		case <-time.After(50 * time.Millisecond):
		}
		close(a)
		if got, closed := collect(out, time.Second); !closed || len(got) != 0 {
			t.Errorf("%s: after closing a, output delivered %v, closed=%v; want closed", what, got, closed)
		}
	})
	t.Run("parallel-consumers", func(t *testing.T) {
		chans := make([]<-chan item, 8)
		for i := range chans {
			chans[i] = producer(t, i, 500, 4)
		}
		out := call(t, "FanIn(8 inputs of 500)", context.Background(), chans...)
		var mu sync.Mutex
		seen := map[item]int{}
		var wg sync.WaitGroup
		for range 4 {
			wg.Add(1)
			go func() {
				defer wg.Done()
				got, _ := collect(out, 3*time.Second)
				mu.Lock()
				for _, v := range got {
					seen[v]++
				}
				mu.Unlock()
			}()
		}
		wg.Wait()
		if len(seen) != 8*500 {
			t.Errorf("FanIn(8 inputs of 500) read by 4 consumers: %d distinct values arrived, want 4000", len(seen))
		}
		for v, n := range seen {
			if n != 1 {
				t.Errorf("FanIn(8 inputs of 500): value %v arrived %d times, want once", v, n)
				break
			}
		}
	})
}

func TestGenericTypes(t *testing.T) {
	t.Run("strings", func(t *testing.T) {
		a, b := make(chan string, 2), make(chan string, 1)
		a <- "α"
		a <- "β"
		b <- "γ"
		close(a)
		close(b)
		got, closed := collect(call(t, "FanIn[string]", context.Background(), a, b), time.Second)
		if !closed || len(got) != 3 {
			t.Errorf("FanIn([α β], [γ]) delivered %q, closed=%v; want the 3 strings and closed", got, closed)
		}
	})
	t.Run("struct-pointers", func(t *testing.T) {
		type payload struct{ n int }
		a := make(chan *payload, 2)
		p := &payload{42}
		a <- p
		a <- nil
		close(a)
		got, closed := collect(call(t, "FanIn[*payload]", context.Background(), a), time.Second)
		if !closed || len(got) != 2 || got[0] != p || got[1] != nil {
			t.Errorf("FanIn([&{42} nil]) delivered %v, closed=%v; want the same two pointers and closed", got, closed)
		}
	})
}

func TestCancel(t *testing.T) {
	t.Run("before-start", func(t *testing.T) {
		ctx, cancel := context.WithCancel(context.Background())
		cancel()
		a := make(chan int, 5)
		for i := range 5 {
			a <- i
		}
		close(a)
		got, closed := collect(call(t, "FanIn(cancelled ctx, ...)", ctx, a, silent[int](t)), time.Second)
		if !closed {
			t.Errorf("FanIn(cancelled ctx, 5 buffered values, open input): output not closed within 1s")
		}
		if len(got) != 0 {
			t.Errorf("FanIn(cancelled ctx, 5 buffered values, open input) delivered %v, want nothing: ctx was done before the call", got)
		}
	})
	t.Run("open-inputs", func(t *testing.T) {
		ctx, cancel := context.WithCancel(context.Background())
		out := call(t, "FanIn(3 open silent inputs)", ctx, silent[int](t), silent[int](t), silent[int](t))
		time.AfterFunc(20*time.Millisecond, cancel)
		if _, closed := collect(out, time.Second); !closed {
			t.Errorf("FanIn(3 open silent inputs): output not closed within 1s of cancelling ctx")
		}
	})
	t.Run("deadline", func(t *testing.T) {
		ctx, cancel := context.WithTimeout(context.Background(), 30*time.Millisecond)
		defer cancel()
		out := call(t, "FanIn(deadline 30ms, silent, 3 values)", ctx, silent[item](t), producer(t, 1, 3, 0))
		got, closed := collect(out, time.Second)
		if !closed {
			t.Errorf("FanIn(deadline 30ms, open silent input, 3 values): output not closed within 1s")
		}
		checkItems(t, "FanIn(deadline 30ms, open silent input, 3 values)", got, map[int]int{1: 3})
	})
	t.Run("consumer-stops-reading", func(t *testing.T) {
		ctx, cancel := context.WithCancel(context.Background())
		chans := []<-chan item{producer(t, 0, 1000, 0), producer(t, 1, 1000, 0), producer(t, 2, 1000, 0)}
		out := call(t, "FanIn(3 inputs of 1000)", ctx, chans...)
		for i := range 5 {
			if _, ok, timedOut := recv(out, time.Second); !ok {
				t.Fatalf("FanIn(3 inputs of 1000): value %d did not arrive (timed out: %v)", i, timedOut)
			}
		}
		cancel()
		time.Sleep(50 * time.Millisecond) // nobody reads: the forwarders must notice ctx, not a reader
		got, closed := collect(out, time.Second)
		if !closed {
			t.Fatalf("FanIn(3 inputs of 1000) read 5 values then cancelled: output not closed within 1s")
		}
		if len(got) > 3 {
			t.Errorf("FanIn(3 inputs of 1000) delivered %d more values after ctx was cancelled, want at most one in flight per input", len(got))
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
	t.Run("drained", func(t *testing.T) {
		before := settledGoroutines()
		t.Run("work", func(t *testing.T) {
			for range 10 {
				chans := []<-chan item{producer(t, 0, 20, 0), producer(t, 1, 20, 0), nil}
				if _, closed := collect(call(t, "FanIn", context.Background(), chans...), time.Second); !closed {
					t.Fatalf("FanIn(20 values, 20 values, nil): output not closed within 1s")
				}
			}
		})
		if after := settle(before); after > before {
			t.Errorf("after 10 FanIn runs read to the end, %d goroutines are left, %d before", after, before)
		}
	})
	t.Run("abandoned", func(t *testing.T) {
		before := settledGoroutines()
		t.Run("work", func(t *testing.T) {
			for range 10 {
				// The inputs keep having values; the consumer reads one, then walks away and cancels.
				ctx, cancel := context.WithCancel(context.Background())
				out := call(t, "FanIn", ctx, producer(t, 0, 100, 0), producer(t, 1, 100, 0), silent[item](t))
				_, ok, timedOut := recv(out, time.Second)
				cancel()
				if !ok {
					t.Fatalf("FanIn(2 inputs of 100, silent input): no first value (timed out: %v)", timedOut)
				}
			}
		})
		if after := settle(before); after > before {
			t.Errorf("10 FanIn consumers read one value, cancelled ctx and stopped reading: %d goroutines are left, %d before; forwarders must not block on a send nobody receives", after, before)
		}
	})
}

func TestExamples(t *testing.T) {
	t.Run("merge-two", func(t *testing.T) {
		got, closed := collect(call(t, "FanIn", context.Background(), producer(t, 0, 3, 0), producer(t, 1, 2, 0)), 2*time.Second)
		if !closed {
			t.Errorf("FanIn(3 values, 2 values): output not closed after both inputs were")
		}
		checkItems(t, "FanIn(3 values, 2 values)", got, map[int]int{0: 3, 1: 2})
	})
	t.Run("cancel", func(t *testing.T) {
		ctx, cancel := context.WithCancel(context.Background())
		out := call(t, "FanIn", ctx, silent[int](t))
		cancel()
		if _, closed := collect(out, time.Second); !closed {
			t.Errorf("FanIn(open silent input) then cancel: output not closed within 1s")
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
