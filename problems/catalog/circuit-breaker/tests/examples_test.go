package breaker

import (
	"context"
	"errors"
	"sync"
	"testing"
	"time"
)

type exampleClock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *exampleClock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.t
}

func (c *exampleClock) Advance(d time.Duration) {
	c.mu.Lock()
	c.t = c.t.Add(d)
	c.mu.Unlock()
}

func TestExamples(t *testing.T) {
	clk := &exampleClock{t: time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC)}
	b := New(3, 2*time.Second)
	b.Now = clk.Now
	errBoom := errors.New("boom")
	calls := 0
	flaky := func(context.Context) error { calls++; return errBoom }
	healthy := func(context.Context) error { calls++; return nil }
	ctx := context.Background()

	check := func(step string, err, wantErr error, wantState string, wantCalls int) {
		t.Helper()
		if !errors.Is(err, wantErr) && !(err == nil && wantErr == nil) {
			t.Errorf("%s: Do returned %v, want %v", step, err, wantErr)
		}
		if got := b.State(); got != wantState {
			t.Errorf("%s: State() = %q, want %q", step, got, wantState)
		}
		if calls != wantCalls {
			t.Errorf("%s: fn has run %d times in total, want %d", step, calls, wantCalls)
		}
	}

	check("failure 1", b.Do(ctx, flaky), errBoom, "closed", 1)
	check("failure 2", b.Do(ctx, flaky), errBoom, "closed", 2)
	check("failure 3 trips the breaker", b.Do(ctx, flaky), errBoom, "open", 3)
	check("while open", b.Do(ctx, healthy), ErrOpen, "open", 3)
	clk.Advance(2 * time.Second)
	if got := b.State(); got != "half-open" {
		t.Errorf("after the 2s cooldown: State() = %q, want \"half-open\"", got)
	}
	check("failed probe", b.Do(ctx, flaky), errBoom, "open", 4)
	clk.Advance(2 * time.Second)
	check("successful probe", b.Do(ctx, healthy), nil, "closed", 5)
}
