package breaker

import (
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

// fakeClock is a clock the test moves by hand.
type fakeClock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *fakeClock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.t
}

func (c *fakeClock) Advance(d time.Duration) {
	c.mu.Lock()
	c.t = c.t.Add(d)
	c.mu.Unlock()
}

func newBreaker(threshold int, cooldown time.Duration) (*Breaker, *fakeClock) {
	clk := &fakeClock{t: time.Date(2024, 1, 1, 12, 0, 0, 0, time.UTC)}
	b := New(threshold, cooldown)
	b.Now = clk.Now
	return b, clk
}

var errDown = errors.New("dependency down")

// try calls Do with a function returning res and reports whether fn ran.
func try(b *Breaker, res error) (err error, ran bool) {
	err = b.Do(context.Background(), func(context.Context) error {
		ran = true
		return res
	})
	return err, ran
}

func fail(t *testing.T, b *Breaker, what string) {
	t.Helper()
	if err, ran := try(b, errDown); !ran || err != errDown {
		t.Fatalf("%s: Do(failing fn) returned %v (fn ran: %v), want fn to run and its error returned unchanged", what, err, ran)
	}
}

func succeed(t *testing.T, b *Breaker, what string) {
	t.Helper()
	if err, ran := try(b, nil); !ran || err != nil {
		t.Fatalf("%s: Do(ok fn) returned %v (fn ran: %v), want fn to run and nil", what, err, ran)
	}
}

func rejected(t *testing.T, b *Breaker, what string) {
	t.Helper()
	if err, ran := try(b, nil); ran || !errors.Is(err, ErrOpen) {
		t.Fatalf("%s: Do returned %v (fn ran: %v), want ErrOpen without calling fn", what, err, ran)
	}
}

func wantState(t *testing.T, b *Breaker, want, what string) {
	t.Helper()
	if got := b.State(); got != want {
		t.Fatalf("%s: State() = %q, want %q", what, got, want)
	}
}

// pending is a call whose fn blocks until the test releases it.
type pending struct {
	entered chan struct{}
	release chan error
	done    chan error
}

func start(b *Breaker, ctx context.Context) *pending {
	p := &pending{make(chan struct{}), make(chan error, 1), make(chan error, 1)}
	go func() {
		p.done <- b.Do(ctx, func(context.Context) error {
			close(p.entered)
			return <-p.release
		})
	}()
	return p
}

func (p *pending) waitEntered(t *testing.T, what string) {
	t.Helper()
	select {
	case <-p.entered:
	case err := <-p.done:
		t.Fatalf("%s: Do returned %v without calling fn, want fn to run", what, err)
	case <-time.After(2 * time.Second):
		t.Fatalf("%s: fn was not called within 2s", what)
	}
}

func (p *pending) finish(t *testing.T, res error, what string) error {
	t.Helper()
	p.release <- res
	select {
	case err := <-p.done:
		return err
	case <-time.After(2 * time.Second):
		t.Fatalf("%s: Do did not return within 2s after fn returned", what)
		return nil
	}
}

func TestClosed(t *testing.T) {
	t.Run("new-is-closed", func(t *testing.T) {
		b, _ := newBreaker(3, time.Second)
		wantState(t, b, "closed", "New(3, 1s)")
	})
	t.Run("passes-results", func(t *testing.T) {
		b, _ := newBreaker(3, time.Second)
		succeed(t, b, "closed breaker")
		custom := fmt.Errorf("wrapped: %w", errDown)
		if err, _ := try(b, custom); err != custom {
			t.Errorf("Do returned %v, want fn's error value unchanged", err)
		}
		wantState(t, b, "closed", "one failure with threshold 3")
	})
	t.Run("opens-at-threshold", func(t *testing.T) {
		b, _ := newBreaker(3, time.Second)
		fail(t, b, "failure 1 of 3")
		fail(t, b, "failure 2 of 3")
		wantState(t, b, "closed", "2 failures, threshold 3")
		fail(t, b, "failure 3 of 3 (the call that trips the breaker still returns its own error)")
		wantState(t, b, "open", "3 consecutive failures, threshold 3")
		rejected(t, b, "just opened")
	})
	t.Run("success-resets", func(t *testing.T) {
		b, _ := newBreaker(3, time.Second)
		fail(t, b, "f1")
		fail(t, b, "f2")
		succeed(t, b, "success between failures")
		fail(t, b, "f1 again")
		fail(t, b, "f2 again")
		wantState(t, b, "closed", "fail, fail, ok, fail, fail with threshold 3 (failures must be consecutive)")
		fail(t, b, "f3")
		wantState(t, b, "open", "then a third consecutive failure")
	})
	for _, th := range []int{1, 0, -4} {
		t.Run(fmt.Sprintf("threshold%d", th), func(t *testing.T) {
			b, _ := newBreaker(th, time.Second)
			fail(t, b, fmt.Sprintf("New(%d, 1s), first failure", th))
			wantState(t, b, "open", fmt.Sprintf("New(%d, 1s) after one failure (threshold < 1 counts as 1)", th))
		})
	}
}

func TestOpen(t *testing.T) {
	t.Run("fast-fail", func(t *testing.T) {
		b, clk := newBreaker(1, 10*time.Second)
		fail(t, b, "trip")
		for i := 0; i < 100; i++ {
			rejected(t, b, fmt.Sprintf("open, call %d", i+1))
			clk.Advance(99 * time.Millisecond)
		}
		wantState(t, b, "open", "9.9s into a 10s cooldown")
	})
	t.Run("cooldown-boundary", func(t *testing.T) {
		b, clk := newBreaker(2, 10*time.Second)
		fail(t, b, "f1")
		clk.Advance(5 * time.Second)
		fail(t, b, "f2 (opens the breaker; the cooldown starts now)")
		clk.Advance(10*time.Second - time.Nanosecond)
		wantState(t, b, "open", "1ns before the cooldown ends")
		rejected(t, b, "1ns before the cooldown ends")
		clk.Advance(time.Nanosecond)
		wantState(t, b, "half-open", "exactly when the cooldown ends (State must notice the time, without a call)")
		succeed(t, b, "the probe")
		wantState(t, b, "closed", "after a successful probe")
	})
	t.Run("zero-cooldown", func(t *testing.T) {
		b, _ := newBreaker(1, 0)
		fail(t, b, "trip")
		wantState(t, b, "half-open", "cooldown 0 right after opening")
		succeed(t, b, "immediate probe")
		wantState(t, b, "closed", "after the probe succeeded")
	})
}

func TestHalfOpen(t *testing.T) {
	t.Run("probe-success-closes", func(t *testing.T) {
		b, clk := newBreaker(2, time.Minute)
		fail(t, b, "f1")
		fail(t, b, "f2")
		clk.Advance(time.Minute)
		succeed(t, b, "probe")
		wantState(t, b, "closed", "after the probe succeeded")
		fail(t, b, "first failure after closing")
		wantState(t, b, "closed", "one failure after closing, threshold 2 (the count starts again from 0)")
		fail(t, b, "second failure")
		wantState(t, b, "open", "two failures after closing")
	})
	t.Run("probe-failure-reopens", func(t *testing.T) {
		b, clk := newBreaker(1, time.Minute)
		fail(t, b, "trip")
		clk.Advance(90 * time.Second)
		fail(t, b, "failing probe")
		wantState(t, b, "open", "after the probe failed")
		clk.Advance(time.Minute - time.Millisecond)
		rejected(t, b, "59.999s after the failed probe (a new cooldown starts when the probe fails)")
		clk.Advance(time.Millisecond)
		wantState(t, b, "half-open", "a full cooldown after the failed probe")
	})
	t.Run("single-probe", func(t *testing.T) {
		b, clk := newBreaker(1, time.Second)
		fail(t, b, "trip")
		clk.Advance(time.Second)
		probe := start(b, context.Background())
		probe.waitEntered(t, "first call after the cooldown")
		var ran, rejectedN atomic.Int32
		var wg sync.WaitGroup
		for i := 0; i < 50; i++ {
			wg.Add(1)
			go func() {
				defer wg.Done()
				err := b.Do(context.Background(), func(context.Context) error {
					ran.Add(1)
					return nil
				})
				if errors.Is(err, ErrOpen) {
					rejectedN.Add(1)
				}
			}()
		}
		wg.Wait() // they must not wait for the probe
		if ran.Load() != 0 || rejectedN.Load() != 50 {
			t.Errorf("while the probe was in flight, 50 other calls ran fn %d times and got ErrOpen %d times; want 0 and 50",
				ran.Load(), rejectedN.Load())
		}
		wantState(t, b, "half-open", "while the probe is in flight")
		if err := probe.finish(t, nil, "probe"); err != nil {
			t.Fatalf("the probe returned %v, want nil", err)
		}
		wantState(t, b, "closed", "after the probe succeeded")
		succeed(t, b, "after closing")
	})
}

func TestCallerGaveUp(t *testing.T) {
	cancelled := func(b *Breaker) error {
		ctx, cancel := context.WithCancel(context.Background())
		return b.Do(ctx, func(ctx context.Context) error {
			cancel()
			return ctx.Err()
		})
	}
	t.Run("not-a-failure", func(t *testing.T) {
		b, _ := newBreaker(1, time.Second)
		if err := cancelled(b); !errors.Is(err, context.Canceled) {
			t.Fatalf("Do returned %v, want fn's context.Canceled", err)
		}
		wantState(t, b, "closed", "threshold 1, the only call was cancelled by its caller")
	})
	t.Run("not-a-success", func(t *testing.T) {
		b, _ := newBreaker(2, time.Second)
		fail(t, b, "f1")
		cancelled(b)
		fail(t, b, "f2")
		wantState(t, b, "open", "fail, cancelled, fail with threshold 2 (a cancelled call does not reset the count)")
	})
	t.Run("deadline-is-failure", func(t *testing.T) {
		b, _ := newBreaker(1, time.Second)
		ctx, cancel := context.WithTimeout(context.Background(), 10*time.Millisecond)
		defer cancel()
		err := b.Do(ctx, func(ctx context.Context) error {
			<-ctx.Done()
			return ctx.Err()
		})
		if !errors.Is(err, context.DeadlineExceeded) {
			t.Fatalf("Do returned %v, want context.DeadlineExceeded", err)
		}
		wantState(t, b, "open", "threshold 1, the call ran out of time (a slow dependency is a failure)")
	})
	t.Run("cancelled-probe", func(t *testing.T) {
		b, clk := newBreaker(1, time.Second)
		fail(t, b, "trip")
		clk.Advance(time.Second)
		cancelled(b)
		wantState(t, b, "half-open", "the probe's caller gave up")
		succeed(t, b, "the next call is the new probe")
		wantState(t, b, "closed", "after the new probe succeeded")
	})
	t.Run("done-before-call", func(t *testing.T) {
		b, clk := newBreaker(1, time.Second)
		ctx, cancel := context.WithCancel(context.Background())
		cancel()
		ran := false
		if err := b.Do(ctx, func(context.Context) error { ran = true; return nil }); !errors.Is(err, context.Canceled) || ran {
			t.Fatalf("Do with a cancelled ctx returned %v (fn ran: %v), want context.Canceled without calling fn", err, ran)
		}
		fail(t, b, "trip")
		clk.Advance(time.Second)
		if err := b.Do(ctx, func(context.Context) error { ran = true; return nil }); !errors.Is(err, context.Canceled) || ran {
			t.Fatalf("half-open, Do with a cancelled ctx returned %v (fn ran: %v), want context.Canceled without calling fn", err, ran)
		}
		succeed(t, b, "a cancelled context must not have taken the probe slot")
	})
}

func TestPanics(t *testing.T) {
	doPanic := func(b *Breaker) (p any) {
		defer func() { p = recover() }()
		b.Do(context.Background(), func(context.Context) error { panic("probe exploded") })
		return nil
	}
	t.Run("closed", func(t *testing.T) {
		b, _ := newBreaker(1, time.Second)
		if p := doPanic(b); p != "probe exploded" {
			t.Fatalf("fn panicked with \"probe exploded\"; Do let through %v, want the same panic", p)
		}
		wantState(t, b, "open", "threshold 1 after fn panicked (a panic is a failure)")
	})
	t.Run("probe", func(t *testing.T) {
		b, clk := newBreaker(1, time.Second)
		fail(t, b, "trip")
		clk.Advance(time.Second)
		if p := doPanic(b); p != "probe exploded" {
			t.Fatalf("the probe panicked; Do let through %v, want the same panic", p)
		}
		wantState(t, b, "open", "after the probe panicked")
		clk.Advance(time.Second)
		succeed(t, b, "the next probe after the cooldown (the breaker must not stay stuck)")
		wantState(t, b, "closed", "after that probe")
	})
}

func TestStaleResults(t *testing.T) {
	t.Run("success-after-open", func(t *testing.T) {
		b, _ := newBreaker(1, time.Minute)
		slow := start(b, context.Background())
		slow.waitEntered(t, "slow call while closed")
		fail(t, b, "another call fails and opens the breaker")
		slow.finish(t, nil, "slow call")
		wantState(t, b, "open", "a call admitted before the breaker opened succeeded afterwards (stale: ignore it)")
	})
	t.Run("success-during-probe", func(t *testing.T) {
		b, clk := newBreaker(1, time.Minute)
		slow := start(b, context.Background())
		slow.waitEntered(t, "slow call while closed")
		fail(t, b, "trip")
		clk.Advance(time.Minute)
		probe := start(b, context.Background())
		probe.waitEntered(t, "probe")
		slow.finish(t, nil, "slow call")
		wantState(t, b, "half-open", "an old call succeeded while the probe is still in flight (only the probe decides)")
		rejected(t, b, "the probe is still in flight")
		probe.finish(t, errDown, "probe")
		wantState(t, b, "open", "after the probe failed")
	})
	t.Run("failure-after-reclose", func(t *testing.T) {
		b, clk := newBreaker(1, time.Minute)
		slow := start(b, context.Background())
		slow.waitEntered(t, "slow call while closed")
		fail(t, b, "trip")
		clk.Advance(time.Minute)
		succeed(t, b, "probe")
		slow.finish(t, errDown, "slow call")
		wantState(t, b, "closed", "a call from before the breaker opened failed after it closed again (stale: ignore it)")
	})
	t.Run("late-failures-keep-cooldown", func(t *testing.T) {
		b, clk := newBreaker(1, time.Minute)
		slow := start(b, context.Background())
		slow.waitEntered(t, "slow call")
		fail(t, b, "trip")
		clk.Advance(40 * time.Second)
		slow.finish(t, errDown, "slow call fails late")
		clk.Advance(20 * time.Second)
		wantState(t, b, "half-open", "the cooldown counts from the failure that opened the breaker, not from a late stale one")
	})
}

func TestRealClock(t *testing.T) {
	b := New(1, 30*time.Millisecond)
	fail(t, b, "trip (default clock)")
	rejected(t, b, "just opened (default clock)")
	time.Sleep(60 * time.Millisecond)
	succeed(t, b, "probe after 60ms of a 30ms cooldown (New must use time.Now)")
	wantState(t, b, "closed", "after the probe")
}

func TestConcurrentUse(t *testing.T) {
	b, clk := newBreaker(3, 5*time.Millisecond)
	var wg sync.WaitGroup
	for g := 0; g < 16; g++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			r := rand.New(rand.NewPCG(uint64(g), 7))
			for i := 0; i < 300; i++ {
				if i%10 == 0 {
					clk.Advance(time.Millisecond)
				}
				fails := r.IntN(3) == 0
				err := b.Do(context.Background(), func(context.Context) error {
					if fails {
						return errDown
					}
					return nil
				})
				if err != nil && err != errDown && !errors.Is(err, ErrOpen) {
					t.Errorf("concurrent Do returned %v, want nil, fn's error or ErrOpen", err)
					return
				}
				_ = b.State()
			}
		}()
	}
	wg.Wait()
	switch s := b.State(); s {
	case "closed", "open", "half-open":
	default:
		t.Errorf("State() = %q", s)
	}
}
