package pool

import (
	"context"
	"fmt"
	"sync"
)

type Job func(ctx context.Context) error

// Run starts every job in its own goroutine at once: concurrency is ignored.
func Run(ctx context.Context, jobs []Job, concurrency int) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	var (
		mu       sync.Mutex
		firstErr error
		wg       sync.WaitGroup
	)
	for i, job := range jobs {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if ctx.Err() != nil {
				return
			}
			if err := job(ctx); err != nil {
				mu.Lock()
				if firstErr == nil {
					firstErr = fmt.Errorf("job %d: %w", i, err)
				}
				mu.Unlock()
				cancel()
			}
		}()
	}
	wg.Wait()
	return firstErr
}
