package pipeline

import (
	"context"
	"errors"
	"slices"
	"strconv"
	"testing"
	"time"
)

func exampleSource(items ...string) <-chan In {
	ch := make(chan In, len(items))
	for _, s := range items {
		ch <- In{Raw: s}
	}
	close(ch)
	return ch
}

func parseSquare(_ context.Context, in In) (Out, error) {
	v, err := strconv.Atoi(in.Raw)
	if err != nil {
		return Out{}, err
	}
	return Out{Val: v * v}, nil
}

func runWithTimeout(t *testing.T, ctx context.Context, src <-chan In, workers, buf int, tr Transformer, sk Sink) error {
	t.Helper()
	done := make(chan error, 1)
	go func() { done <- Run(ctx, src, workers, buf, tr, sk) }()
	select {
	case err := <-done:
		return err
	case <-time.After(3 * time.Second):
		t.Fatalf("Run did not return within 3s")
		return nil
	}
}

func TestExamples(t *testing.T) {
	t.Run("squares", func(t *testing.T) {
		var got []int // the sink is never called concurrently, so no lock is needed
		sink := func(_ context.Context, o Out) error { got = append(got, o.Val); return nil }
		err := runWithTimeout(t, context.Background(), exampleSource("1", "2", "3", "4", "5"), 3, 4, parseSquare, sink)
		slices.Sort(got)
		if err != nil || !slices.Equal(got, []int{1, 4, 9, 16, 25}) {
			t.Errorf("Run(1..5, workers=3, buf=4, square): err=%v, sink got (sorted) %v; want nil and [1 4 9 16 25]", err, got)
		}
	})
	t.Run("transform-error", func(t *testing.T) {
		sink := func(context.Context, Out) error { return nil }
		err := runWithTimeout(t, context.Background(), exampleSource("1", "x", "3"), 2, 2, parseSquare, sink)
		var numErr *strconv.NumError
		if !errors.As(err, &numErr) {
			t.Errorf("Run on [1 x 3] with a parsing transform returned %v, want the *strconv.NumError for \"x\"", err)
		}
	})
	t.Run("cancelled", func(t *testing.T) {
		ctx, cancel := context.WithCancel(context.Background())
		cancel()
		calls := 0
		sink := func(context.Context, Out) error { calls++; return nil }
		err := runWithTimeout(t, ctx, exampleSource("1", "2"), 2, 2, parseSquare, sink)
		if !errors.Is(err, context.Canceled) || calls != 0 {
			t.Errorf("Run with a cancelled context: err=%v, sink calls=%d; want context.Canceled and 0", err, calls)
		}
	})
}
