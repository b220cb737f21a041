package pit

import (
	"context"
	"sync"
)

type User struct {
	ID   int
	Name string
}

// FetchAllUsers remembers the first error but never cancels the others: every
// id is still fetched and the call waits for the slowest one.
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
	var (
		wg       sync.WaitGroup
		mu       sync.Mutex
		results  = make(map[int]User, len(ids))
		firstErr error
	)
	sem := make(chan struct{}, limit)
	for _, id := range ids {
		sem <- struct{}{}
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
				}
				return
			}
			results[id] = u
		}()
	}
	wg.Wait()
	if firstErr != nil {
		return nil, firstErr
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	return results, nil
}
