package orc

import (
	"context"
	"testing"
	"time"
)

// closedWithin reports whether done is closed within d.
func closedWithin(done <-chan struct{}, d time.Duration) bool {
	select {
	case <-done:
		return true
	case <-time.After(d):
		return false
	}
}

func TestExamples(t *testing.T) {
	t.Run("one-fires", func(t *testing.T) {
		a, b, c := make(chan struct{}), make(chan struct{}), make(chan struct{})
		defer close(a)
		defer close(c)
		done := Or(context.Background(), a, b, c)
		if closedWithin(done, 20*time.Millisecond) {
			t.Fatalf("Or(a, b, c) closed before any input fired")
		}
		close(b)
		if !closedWithin(done, time.Second) {
			t.Errorf("Or(a, b, c): b was closed, but the result was not closed within 1s")
		}
	})

	t.Run("ctx-fires", func(t *testing.T) {
		ctx, cancel := context.WithCancel(context.Background())
		a := make(chan struct{})
		defer close(a)
		done := Or(ctx, a)
		cancel()
		if !closedWithin(done, time.Second) {
			t.Errorf("Or(ctx, a): ctx was cancelled, but the result was not closed within 1s")
		}
	})

	t.Run("already-closed-input", func(t *testing.T) {
		a, b := make(chan struct{}), make(chan struct{})
		close(a)
		defer close(b)
		if !closedWithin(Or(context.Background(), a, b), time.Second) {
			t.Errorf("Or(closed a, open b): result not closed within 1s")
		}
	})

	t.Run("no-inputs", func(t *testing.T) {
		ctx, cancel := context.WithCancel(context.Background())
		done := Or(ctx)
		if closedWithin(done, 20*time.Millisecond) {
			t.Fatalf("Or(ctx) with no inputs closed at once; only ctx can fire")
		}
		cancel()
		if !closedWithin(done, time.Second) {
			t.Errorf("Or(ctx) with no inputs: ctx was cancelled, but the result was not closed within 1s")
		}
	})
}
