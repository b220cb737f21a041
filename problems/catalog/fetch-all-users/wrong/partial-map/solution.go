package pit

import (
	"context"
	"sync"
)

type User struct {
	ID   int
	Name string
}

// FetchAllUsers returns what it fetched so far together with the error.
func FetchAllUsers(
	ctx context.Context,
	ids []int,
	fetch func(context.Context, int) (User, error),
	limit int,
) (map[int]User, error) {
	results := make(map[int]User, len(ids))
	if err := ctx.Err(); err != nil {
		return results, err
	}
	if limit <= 0 {
		limit = 1
	}
	parent := ctx
	ctx, cancel := context.WithCancel(parent)
	defer cancel()
	var (
		wg       sync.WaitGroup
		mu       sync.Mutex
		firstErr error
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
			mu.Lock()
			defer mu.Unlock()
			if err != nil {
				if firstErr == nil {
					firstErr = err
					cancel()
				}
				return
			}
			results[id] = u
		}()
	}
	wg.Wait()
	if firstErr != nil {
		return results, firstErr // partial map
	}
	return results, parent.Err()
}
