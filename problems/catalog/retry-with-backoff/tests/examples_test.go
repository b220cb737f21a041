package retry

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"sync/atomic"
	"testing"
	"time"
)

// script returns an fn that returns results[i] on call i (nil once the list runs out)
// and a pointer to the number of calls made.
func script(results ...error) (func(context.Context) error, *int) {
	calls := 0
	return func(context.Context) error {
		calls++
		if calls <= len(results) {
			return results[calls-1]
		}
		return nil
	}, &calls
}

func TestExamples(t *testing.T) {
	e1, e2, e3 := errors.New("e1"), errors.New("e2"), errors.New("e3")

	t.Run("first-try", func(t *testing.T) {
		fn, calls := script()
		if err := Retry(context.Background(), 3, 10*time.Millisecond, fn); err != nil || *calls != 1 {
			t.Errorf("Retry(3 attempts, fn succeeds at once) = %v after %d calls, want nil after 1 call", err, *calls)
		}
	})

	t.Run("third-try", func(t *testing.T) {
		fn, calls := script(e1, e2)
		start := time.Now()
		err := Retry(context.Background(), 5, 10*time.Millisecond, fn)
		if err != nil || *calls != 3 {
			t.Errorf("Retry(5 attempts, fn fails twice then succeeds) = %v after %d calls, want nil after 3 calls", err, *calls)
		}
		if el := time.Since(start); el < 30*time.Millisecond {
			t.Errorf("Retry(base 10ms, 2 failures) took %v, want at least 10ms+20ms of backoff", el)
		}
	})

	t.Run("gives-up", func(t *testing.T) {
		fn, calls := script(e1, e2, e3)
		err := Retry(context.Background(), 3, 10*time.Millisecond, fn)
		if *calls != 3 {
			t.Errorf("Retry(3 attempts, fn always fails) called fn %d times, want 3", *calls)
		}
		if !errors.Is(err, e3) {
			t.Errorf("Retry(3 attempts, fn fails with e1, e2, e3) = %v, want an error wrapping the last one, e3", err)
		} else if !strings.Contains(err.Error(), "3") {
			t.Errorf("Retry(3 attempts) = %q, want the message to mention the number of attempts (3)", err)
		}
	})

	t.Run("permanent", func(t *testing.T) {
		perm := fmt.Errorf("bad: %w", ErrPermanent)
		fn, calls := script(e1, perm, e3)
		err := Retry(context.Background(), 5, 10*time.Millisecond, fn)
		if *calls != 2 || !errors.Is(err, perm) || !errors.Is(err, ErrPermanent) {
			t.Errorf("Retry(5 attempts, fn fails with e1 then a permanent error) = %v after %d calls, want an error wrapping %q after 2 calls", err, *calls, perm)
		}
	})

	t.Run("cancelled-before-start", func(t *testing.T) {
		ctx, cancel := context.WithCancel(context.Background())
		cancel()
		fn, calls := script()
		err := Retry(ctx, 3, 10*time.Millisecond, fn)
		if !errors.Is(err, context.Canceled) || *calls != 0 {
			t.Errorf("Retry(cancelled ctx) = %v after %d calls, want context.Canceled and fn never called", err, *calls)
		}
	})

	t.Run("cancel-during-wait", func(t *testing.T) {
		ctx, cancel := context.WithCancel(context.Background())
		defer cancel()
		var calls atomic.Int32
		firstCall := make(chan struct{})
		fn := func(context.Context) error {
			if calls.Add(1) == 1 {
				close(firstCall)
			}
			return e1
		}
		done := make(chan error, 1)
		go func() { done <- Retry(ctx, 3, 2*time.Second, fn) }()
		select { // cancel during the 2s wait after the first attempt
		case <-firstCall:
		case <-time.After(5 * time.Second):
			t.Fatalf("Retry(3 attempts, base 2s) has not called fn after 5s")
		}
		cancel()
		cancelled := time.Now()
		select {
		case err := <-done:
			if !errors.Is(err, context.Canceled) || calls.Load() != 1 {
				t.Errorf("Retry(base 2s, ctx cancelled after the first attempt) = %v after %d calls, want context.Canceled after 1 call", err, calls.Load())
			}
			if el := time.Since(cancelled); el > time.Second {
				t.Errorf("Retry(base 2s, ctx cancelled after the first attempt) returned %v after the cancel, want right after it", el)
			}
		case <-time.After(5 * time.Second):
			t.Fatalf("Retry(base 2s, ctx cancelled after the first attempt) has not returned 5s after the cancel: the wait ignores ctx")
		}
	})

	t.Run("zero-attempts", func(t *testing.T) {
		fn, calls := script(e1)
		err := Retry(context.Background(), 0, 10*time.Millisecond, fn)
		if !errors.Is(err, e1) || *calls != 1 {
			t.Errorf("Retry(maxAttempts 0, fn fails with e1) = %v after %d calls, want an error wrapping e1 after exactly 1 call", err, *calls)
		}
	})
}
