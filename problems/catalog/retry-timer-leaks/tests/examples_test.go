package pit

import (
	"context"
	"errors"
	"sync/atomic"
	"testing"
	"time"
)

var errFlaky = errors.New("flaky")

// failing returns an fn that fails its first n calls and records call times.
func failing(n int, times *[]time.Time) func(context.Context) error {
	return func(context.Context) error {
		*times = append(*times, time.Now())
		if len(*times) <= n {
			return errFlaky
		}
		return nil
	}
}

func TestExamples(t *testing.T) {
	t.Run("succeeds-on-third-try", func(t *testing.T) {
		backoffStart, backoffCap = 20*time.Millisecond, 2*time.Second
		var times []time.Time
		err := RetryUntil(context.Background(), failing(2, &times), 5)
		if err != nil || len(times) != 3 {
			t.Fatalf("RetryUntil(fn failing twice, max=5) = %v after %d calls, want nil after 3", err, len(times))
		}
		for i, base := range []time.Duration{20 * time.Millisecond, 40 * time.Millisecond} {
			if gap := times[i+1].Sub(times[i]); gap < base*9/10 {
				t.Errorf("waited %v before attempt %d, want %v ±10%%", gap, i+2, base)
			}
		}
	})

	t.Run("gives-up-without-a-last-wait", func(t *testing.T) {
		backoffStart, backoffCap = 500*time.Millisecond, 2*time.Second
		var times []time.Time
		err := RetryUntil(context.Background(), failing(100, &times), 1)
		if !errors.Is(err, context.DeadlineExceeded) || len(times) != 1 {
			t.Fatalf("RetryUntil(fn always failing, max=1) = %v after %d calls, want context.DeadlineExceeded after 1", err, len(times))
		}
		if after := time.Since(times[0]); after > 250*time.Millisecond {
			t.Errorf("RetryUntil(fn always failing, max=1) returned %v after its only attempt, want no wait after the last attempt", after.Round(time.Millisecond))
		}
	})

	t.Run("cancel-while-waiting", func(t *testing.T) {
		backoffStart, backoffCap = 3*time.Second, 3*time.Second
		ctx, cancel := context.WithCancel(context.Background())
		defer cancel()
		time.AfterFunc(50*time.Millisecond, cancel)
		var times []time.Time
		start := time.Now()
		err := RetryUntil(ctx, failing(100, &times), 5)
		if !errors.Is(err, context.Canceled) {
			t.Errorf("RetryUntil(ctx cancelled at 50ms, fn always failing, max=5) = %v, want context.Canceled", err)
		}
		if el := time.Since(start); el > time.Second {
			t.Errorf("RetryUntil(ctx cancelled at 50ms, backoff 3s) returned after %v, want right after the cancellation", el.Round(time.Millisecond))
		}
	})

	t.Run("heartbeat", func(t *testing.T) {
		heartbeatEvery = 10 * time.Millisecond
		ctx, cancel := context.WithCancel(context.Background())
		var calls atomic.Int32
		done := make(chan struct{})
		go func() {
			defer close(done)
			Heartbeat(ctx, func() { calls.Add(1) })
		}()
		deadline := time.Now().Add(2 * time.Second)
		for calls.Load() < 3 && time.Now().Before(deadline) {
			time.Sleep(5 * time.Millisecond)
		}
		cancel()
		select {
		case <-done:
		case <-time.After(time.Second):
			t.Fatal("Heartbeat did not return within 1s of its ctx being cancelled")
		}
		if n := calls.Load(); n < 3 {
			t.Errorf("Heartbeat with a 10ms period called do %d times in 2s, want at least 3", n)
		}
	})
}
