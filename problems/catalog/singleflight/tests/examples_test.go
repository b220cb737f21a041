package sflight

import (
	"context"
	"errors"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

func TestExamples(t *testing.T) {
	t.Run("dedup", func(t *testing.T) {
		g := New()
		var runs atomic.Int32
		fetch := func(context.Context) (any, error) {
			runs.Add(1)
			time.Sleep(150 * time.Millisecond)
			return "DATA", nil
		}
		var wg sync.WaitGroup
		results := make([]any, 10)
		for i := range results {
			wg.Add(1)
			go func() {
				defer wg.Done()
				results[i], _ = g.Do(context.Background(), "user:42", fetch)
			}()
		}
		wg.Wait()
		for i, v := range results {
			if v != "DATA" {
				t.Errorf("caller %d got %v, want DATA", i, v)
			}
		}
		if runs.Load() != 1 {
			t.Errorf("10 concurrent Do(ctx, \"user:42\", fetch): fetch ran %d times, want 1", runs.Load())
		}
	})
	t.Run("sequential-calls-rerun", func(t *testing.T) {
		g := New()
		n := 0
		for want := 1; want <= 2; want++ {
			v, err := g.Do(context.Background(), "k", func(context.Context) (any, error) { n++; return n, nil })
			if v != want || err != nil {
				t.Errorf("call %d: got (%v, %v), want (%d, nil): results are not cached", want, v, err, want)
			}
		}
	})
	t.Run("waiter-deadline", func(t *testing.T) {
		g := New()
		release := make(chan struct{})
		slow := func(ctx context.Context) (any, error) {
			select {
			case <-release:
				return "slow", nil
			case <-ctx.Done():
				return nil, ctx.Err()
			}
		}
		first := make(chan any, 1)
		go func() { v, _ := g.Do(context.Background(), "k", slow); first <- v }()
		time.Sleep(20 * time.Millisecond)
		ctx, cancel := context.WithTimeout(context.Background(), 30*time.Millisecond)
		defer cancel()
		if v, err := g.Do(ctx, "k", slow); !errors.Is(err, context.DeadlineExceeded) || v != nil {
			t.Errorf("waiter with a 30ms deadline got (%v, %v), want (nil, context.DeadlineExceeded)", v, err)
		}
		close(release)
		if v := <-first; v != "slow" {
			t.Errorf("the first caller got %v, want slow", v)
		}
	})
}
