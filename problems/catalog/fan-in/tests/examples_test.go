package fanin

import (
	"context"
	"slices"
	"testing"
	"time"
)

// slow is set once a drain has timed out: later drains wait only briefly.
var slow bool

// drain reads out until it is closed or 2s have passed.
func drain[T any](out <-chan T) (got []T, closed bool) {
	limit := 2 * time.Second
	if slow {
		limit = 250 * time.Millisecond
	}
	timeout := time.After(limit)
	for {
		select {
		case v, ok := <-out:
			if !ok {
				return got, true
			}
			got = append(got, v)
		case <-timeout:
			slow = true
			return got, false
		}
	}
}

// feed returns a channel that delivers vals and is then closed.
func feed[T any](vals ...T) <-chan T {
	ch := make(chan T)
	go func() {
		defer close(ch)
		for _, v := range vals {
			ch <- v
		}
	}()
	return ch
}

func TestExamples(t *testing.T) {
	t.Run("merge-two", func(t *testing.T) {
		got, closed := drain(FanIn(context.Background(), feed(1, 2, 3), feed(10, 20)))
		slices.Sort(got)
		if !closed || !slices.Equal(got, []int{1, 2, 3, 10, 20}) {
			t.Errorf("FanIn([1 2 3], [10 20]) delivered %v (sorted), closed=%v; want [1 2 3 10 20] and closed", got, closed)
		}
	})

	t.Run("keeps-input-order", func(t *testing.T) {
		got, closed := drain(FanIn(context.Background(), feed("a", "b", "c", "d")))
		if !closed || !slices.Equal(got, []string{"a", "b", "c", "d"}) {
			t.Errorf("FanIn([a b c d]) delivered %q, closed=%v; want [a b c d] in order and closed", got, closed)
		}
	})

	t.Run("no-inputs", func(t *testing.T) {
		got, closed := drain(FanIn[int](context.Background()))
		if !closed || len(got) != 0 {
			t.Errorf("FanIn() delivered %v, closed=%v; want nothing and closed", got, closed)
		}
	})

	t.Run("nil-input", func(t *testing.T) {
		got, closed := drain(FanIn(context.Background(), feed(7), nil))
		if !closed || !slices.Equal(got, []int{7}) {
			t.Errorf("FanIn([7], nil) delivered %v, closed=%v; want [7] and closed (nil counts as empty)", got, closed)
		}
	})

	t.Run("cancel-closes", func(t *testing.T) {
		ctx, cancel := context.WithCancel(context.Background())
		open := make(chan int) // never sends, never closed during the call
		defer close(open)
		out := FanIn(ctx, open)
		time.AfterFunc(20*time.Millisecond, cancel)
		if _, closed := drain(out); !closed {
			t.Errorf("FanIn(open silent input): output not closed soon after ctx was cancelled")
		}
	})
}
