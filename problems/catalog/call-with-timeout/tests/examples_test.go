package timeout

import (
	"context"
	"errors"
	"testing"
	"time"
)

// runWithGuard calls WithCallTimeout and gives up waiting after 2s.
func runWithGuard(t *testing.T, what string, ctx context.Context, d time.Duration, fn func(context.Context) error) (error, time.Duration) {
	t.Helper()
	done := make(chan error, 1)
	start := time.Now()
	go func() { done <- WithCallTimeout(ctx, d, fn) }()
	select {
	case err := <-done:
		return err, time.Since(start)
	case <-time.After(2 * time.Second):
		t.Fatalf("%s has not returned after 2s", what)
		return nil, 0
	}
}

func TestExamples(t *testing.T) {
	boom := errors.New("boom")

	t.Run("fast-ok", func(t *testing.T) {
		err, _ := runWithGuard(t, "WithCallTimeout(100ms, fn returns nil)", context.Background(), 100*time.Millisecond,
			func(context.Context) error { return nil })
		if err != nil {
			t.Errorf("WithCallTimeout(100ms, fn returns nil) = %v, want nil", err)
		}
	})

	t.Run("fast-error", func(t *testing.T) {
		err, _ := runWithGuard(t, "WithCallTimeout(100ms, fn returns boom)", context.Background(), 100*time.Millisecond,
			func(context.Context) error { return boom })
		if !errors.Is(err, boom) {
			t.Errorf("WithCallTimeout(100ms, fn returns boom) = %v, want boom", err)
		}
	})

	t.Run("fn-sees-deadline", func(t *testing.T) {
		var has bool
		_, _ = runWithGuard(t, "WithCallTimeout(1m, fn)", context.Background(), time.Minute,
			func(ctx context.Context) error { _, has = ctx.Deadline(); return nil })
		if !has {
			t.Errorf("WithCallTimeout(1m, fn): fn's ctx has no deadline, want one about a minute away")
		}
	})

	t.Run("too-slow-cooperative", func(t *testing.T) {
		what := "WithCallTimeout(50ms, fn waits for ctx.Done())"
		err, _ := runWithGuard(t, what, context.Background(), 50*time.Millisecond, func(ctx context.Context) error {
			<-ctx.Done()
			return ctx.Err()
		})
		if !errors.Is(err, context.DeadlineExceeded) {
			t.Errorf("%s = %v, want context.DeadlineExceeded", what, err)
		}
	})

	t.Run("too-slow-ignores-ctx", func(t *testing.T) {
		release := make(chan struct{})
		defer close(release)
		what := "WithCallTimeout(50ms, fn ignores its ctx and blocks)"
		err, elapsed := runWithGuard(t, what, context.Background(), 50*time.Millisecond, func(context.Context) error {
			<-release
			return nil
		})
		if !errors.Is(err, context.DeadlineExceeded) {
			t.Errorf("%s = %v, want context.DeadlineExceeded", what, err)
		}
		if elapsed > time.Second {
			t.Errorf("%s returned after %v, want right after the 50ms timeout", what, elapsed)
		}
	})

	t.Run("cancelled-before-start", func(t *testing.T) {
		ctx, cancel := context.WithCancel(context.Background())
		cancel()
		called := make(chan struct{}, 1)
		what := "WithCallTimeout(cancelled ctx, 1s, fn)"
		err, _ := runWithGuard(t, what, ctx, time.Second, func(context.Context) error {
			called <- struct{}{}
			return nil
		})
		if !errors.Is(err, context.Canceled) {
			t.Errorf("%s = %v, want context.Canceled", what, err)
		}
		time.Sleep(20 * time.Millisecond)
		if len(called) != 0 {
			t.Errorf("%s called fn, want it not called", what)
		}
	})
}
