package pit

import (
	"context"
	"sync"

	"golang.org/x/sync/errgroup"
)

type User struct {
	ID   int
	Name string
}

// FetchAllUsers: errgroup plus a semaphore channel. When the caller's ctx is
// cancelled the loop just stops launching, and if the launched fetches
// succeeded g.Wait() returns nil: a partial map comes back as a success.
func FetchAllUsers(
	ctx context.Context,
	ids []int,
	fetch func(context.Context, int) (User, error),
	limit int,
) (map[int]User, error) {
	if limit <= 0 {
		limit = 1
	}

	g, ctx := errgroup.WithContext(ctx)
	sem := make(chan struct{}, limit)
	results := make(map[int]User, len(ids))
	var mu sync.Mutex

LOOP:
	for _, rawID := range ids {
		id := rawID

		select {
		case <-ctx.Done():
			break LOOP
		case sem <- struct{}{}:
		}

		g.Go(func() error {
			defer func() { <-sem }()

			u, err := fetch(ctx, id)
			if err != nil {
				return err
			}
			mu.Lock()
			results[id] = u
			mu.Unlock()
			return nil
		})
	}

	if err := g.Wait(); err != nil {
		return nil, err
	}
	return results, nil
}
