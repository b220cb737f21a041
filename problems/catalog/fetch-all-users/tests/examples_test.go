package pit

import (
	"context"
	"errors"
	"fmt"
	"maps"
	"sync/atomic"
	"testing"
	"time"
)

func TestExamples(t *testing.T) {
	byName := func(ctx context.Context, id int) (User, error) {
		return User{ID: id, Name: fmt.Sprintf("user-%d", id)}, nil
	}

	t.Run("all-ok", func(t *testing.T) {
		got, err := FetchAllUsers(context.Background(), []int{1, 2, 3}, byName, 2)
		want := map[int]User{1: {1, "user-1"}, 2: {2, "user-2"}, 3: {3, "user-3"}}
		if err != nil || !maps.Equal(got, want) {
			t.Errorf("FetchAllUsers(ids=[1 2 3], limit=2) = %v, %v; want %v, nil", got, err, want)
		}
	})

	t.Run("limit-zero-means-one", func(t *testing.T) {
		var inFlight, peak atomic.Int32
		fetch := func(ctx context.Context, id int) (User, error) {
			n := inFlight.Add(1)
			defer inFlight.Add(-1)
			for p := peak.Load(); n > p && !peak.CompareAndSwap(p, n); p = peak.Load() {
			}
			time.Sleep(2 * time.Millisecond)
			return User{ID: id}, nil
		}
		got, err := FetchAllUsers(context.Background(), []int{1, 2, 3, 4}, fetch, 0)
		if err != nil || len(got) != 4 {
			t.Fatalf("FetchAllUsers(4 ids, limit=0) = %v, %v; want 4 users, nil", got, err)
		}
		if p := peak.Load(); p != 1 {
			t.Errorf("FetchAllUsers(4 ids, limit=0): %d fetches ran at once, want 1 (limit <= 0 means 1)", p)
		}
	})

	t.Run("error", func(t *testing.T) {
		errBoom := errors.New("boom")
		fetch := func(ctx context.Context, id int) (User, error) {
			if id == 2 {
				return User{}, errBoom
			}
			return User{ID: id}, nil
		}
		got, err := FetchAllUsers(context.Background(), []int{1, 2, 3}, fetch, 3)
		if !errors.Is(err, errBoom) || got != nil {
			t.Errorf("FetchAllUsers with fetch(2) failing = %v, %v; want nil map, %v", got, err, errBoom)
		}
	})
}
