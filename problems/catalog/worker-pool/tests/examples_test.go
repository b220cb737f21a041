package pool

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

// runGuarded calls Run and gives up waiting after 2s.
func runGuarded(t *testing.T, what string, ctx context.Context, jobs []Job, c int) error {
	t.Helper()
	done := make(chan error, 1)
	go func() { done <- Run(ctx, jobs, c) }()
	select {
	case err := <-done:
		return err
	case <-time.After(2 * time.Second):
		t.Fatalf("%s has not returned after 2s", what)
		return nil
	}
}

func TestExamples(t *testing.T) {
	errFail := errors.New("job failed")

	t.Run("all-ok", func(t *testing.T) {
		var running, most, ran atomic.Int32
		jobs := make([]Job, 10)
		for i := range jobs {
			jobs[i] = func(context.Context) error {
				ran.Add(1)
				n := running.Add(1)
				defer running.Add(-1)
				for m := most.Load(); n > m && !most.CompareAndSwap(m, n); m = most.Load() {
				}
				time.Sleep(2 * time.Millisecond)
				return nil
			}
		}
		err := runGuarded(t, "Run(10 jobs, 3)", context.Background(), jobs, 3)
		if err != nil || ran.Load() != 10 || most.Load() > 3 {
			t.Errorf("Run(10 jobs, 3) = %v, ran %d jobs, at most %d at once; want nil, 10, at most 3", err, ran.Load(), most.Load())
		}
	})

	t.Run("first-error", func(t *testing.T) {
		var mu sync.Mutex
		var ran []int
		jobs := make([]Job, 4)
		for i := range jobs {
			jobs[i] = func(context.Context) error {
				mu.Lock()
				ran = append(ran, i)
				mu.Unlock()
				if i == 1 {
					return errFail
				}
				return nil
			}
		}
		err := runGuarded(t, "Run([ok fail ok ok], 1)", context.Background(), jobs, 1)
		mu.Lock()
		defer mu.Unlock()
		if !errors.Is(err, errFail) || fmt.Sprint(ran) != "[0 1]" {
			t.Errorf("Run([ok fail ok ok], 1) = %v after running jobs %v, want an error wrapping %q after running [0 1]", err, ran, errFail)
		}
	})

	t.Run("failure-cancels-others", func(t *testing.T) {
		jobs := []Job{
			func(context.Context) error { time.Sleep(20 * time.Millisecond); return errFail },
			func(ctx context.Context) error {
				select {
				case <-ctx.Done():
					return ctx.Err()
				case <-time.After(time.Second):
					return errors.New("never cancelled")
				}
			},
		}
		start := time.Now()
		err := runGuarded(t, "Run([fail after 20ms, wait for ctx], 2)", context.Background(), jobs, 2)
		if !errors.Is(err, errFail) {
			t.Errorf("Run([fail after 20ms, wait for ctx], 2) = %v, want an error wrapping %q", err, errFail)
		}
		if el := time.Since(start); el > 500*time.Millisecond {
			t.Errorf("Run([fail after 20ms, wait for ctx], 2) took %v: the failure should cancel the other job", el)
		}
	})

	t.Run("cancelled-before-start", func(t *testing.T) {
		ctx, cancel := context.WithCancel(context.Background())
		cancel()
		var ran atomic.Int32
		jobs := []Job{func(context.Context) error { ran.Add(1); return nil }}
		err := runGuarded(t, "Run(cancelled ctx, 1 job, 2)", ctx, jobs, 2)
		if !errors.Is(err, context.Canceled) || ran.Load() != 0 {
			t.Errorf("Run(cancelled ctx, 1 job, 2) = %v after running %d jobs, want context.Canceled and no job run", err, ran.Load())
		}
	})
}
