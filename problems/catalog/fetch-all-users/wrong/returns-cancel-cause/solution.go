package pit

import (
	"context"
	"sync"
)

// User is what fetch returns for one id.
type User struct {
	ID   int
	Name string
}

// FetchAllUsers fetches every id with at most limit calls of fetch in flight
// (limit <= 0 means 1). It returns all users keyed by the id they were fetched
// for, or, on the first failure, nil and that error: the other calls see their
// context cancelled and no new call starts. It returns only after every call
// it started has returned.
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
		mu       sync.Mutex // guards results and firstErr
		results  = make(map[int]User, len(ids))
		firstErr error
	)
	sem := make(chan struct{}, limit) // one token per call in flight

	for _, id := range ids { // Go 1.22+: id is a new variable in each iteration
		select {
		case <-ctx.Done():
		case sem <- struct{}{}:
		}
		// select picks at random when both cases are ready: check again.
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
					cancel() // before the token goes back: nothing new starts
				}
				return
			}
			results[id] = u
		}()
	}
	wg.Wait()

	if err := ctx.Err(); err != nil {
		return nil, err // the derived ctx: cancelled by the first error too
	}
	if firstErr != nil {
		return nil, firstErr
	}
	return results, nil
}
