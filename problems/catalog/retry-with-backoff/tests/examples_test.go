package retry

import (
	"context"
	"errors"
	"fmt"
	"strings"
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
		fn, calls := script(e1, e2, e3)
		time.AfterFunc(20*time.Millisecond, cancel)
		done := make(chan error, 1)
		start := time.Now()
		go func() { done <- Retry(ctx, 3, time.Second, fn) }()
		select {
		case err := <-done:
			if !errors.Is(err, context.Canceled) || *calls != 1 {
				t.Errorf("Retry(base 1s, ctx cancelled after 20ms) = %v after %d calls, want context.Canceled after 1 call", err, *calls)
			}
			if el := time.Since(start); el > 700*time.Millisecond {
				t.Errorf("Retry(base 1s, ctx cancelled after 20ms) returned after %v, want right after the cancel", el)
			}
		case <-time.After(3 * time.Second):
			t.Fatalf("Retry(base 1s, ctx cancelled after 20ms) has not returned after 3s: the wait ignores ctx")
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
