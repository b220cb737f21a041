package pool

import (
	"context"
	"fmt"
	"sync"
)

type Job func(ctx context.Context) error

// Run bounds concurrency and keeps the first error, but a failure neither
// cancels the other jobs nor stops the remaining ones from starting.
func Run(ctx context.Context, jobs []Job, concurrency int) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	workers := min(max(concurrency, 1), len(jobs))
	jobCh := make(chan int)
	var (
		mu       sync.Mutex
		firstErr error
		wg       sync.WaitGroup
	)
	wg.Add(workers)
	for range workers {
		go func() {
			defer wg.Done()
			for i := range jobCh {
				if err := jobs[i](ctx); err != nil {
					mu.Lock()
					if firstErr == nil {
						firstErr = fmt.Errorf("job %d: %w", i, err)
					}
					mu.Unlock()
				}
			}
		}()
	}
	started := 0
feed:
	for i := range jobs {
		select {
		case <-ctx.Done():
			break feed
		case jobCh <- i:
			started++
		}
	}
	close(jobCh)
	wg.Wait()
	if firstErr != nil {
		return firstErr
	}
	if started < len(jobs) {
		return ctx.Err()
	}
	return nil
}
