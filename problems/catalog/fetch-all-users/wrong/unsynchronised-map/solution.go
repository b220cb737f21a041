package pit

import (
	"context"
	"sync"
	"sync/atomic"
)

type User struct {
	ID   int
	Name string
}

// FetchAllUsers is bounded and cancel-aware, but goroutines write the result
// map without a lock.
func FetchAllUsers(
	ctx context.Context,
	ids []int,
	fetch func(context.Context, int) (User, error),
	limit int,
) (map[int]User, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	if limit <= 0 {
		limit = 1
	}
	parent := ctx
	ctx, cancel := context.WithCancel(parent)
	defer cancel()
	var (
		wg       sync.WaitGroup
		results  = make(map[int]User, len(ids))
		firstErr atomic.Pointer[error]
	)
	sem := make(chan struct{}, limit)
	for _, id := range ids {
		select {
		case <-ctx.Done():
		case sem <- struct{}{}:
		}
		if ctx.Err() != nil {
			break
		}
		wg.Add(1)
		go func() {
			defer wg.Done()
			defer func() { <-sem }()
			u, err := fetch(ctx, id)
			if err != nil {
				if firstErr.CompareAndSwap(nil, &err) {
					cancel()
				}
				return
			}
			results[id] = u // data race: concurrent map writes
		}()
	}
	wg.Wait()
	if p := firstErr.Load(); p != nil {
		return nil, *p
	}
	if err := parent.Err(); err != nil {
		return nil, err
	}
	return results, nil
}
