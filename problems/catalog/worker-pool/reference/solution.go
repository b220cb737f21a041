package pool

import (
	"context"
	"fmt"
	"sync"
)

// Job is one unit of work. It should return early when ctx is done.
type Job func(ctx context.Context) error

// Run runs jobs, in order, on at most concurrency goroutines. The first
// failure cancels the others and stops new jobs from starting; Run returns
// only after every started job has returned.
func Run(ctx context.Context, jobs []Job, concurrency int) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	if len(jobs) == 0 {
		return nil
	}
	workers := min(max(concurrency, 1), len(jobs))

	runCtx, cancel := context.WithCancel(ctx)
	defer cancel()

	var (
		mu       sync.Mutex
		next     int   // index of the next job to start
		firstErr error // the first failure, wrapped
	)
	// take hands out the next job, or reports that no job may start any more.
	take := func() (int, Job, bool) {
		mu.Lock()
		defer mu.Unlock()
		if next == len(jobs) || runCtx.Err() != nil {
			return 0, nil, false
		}
		next++
		return next - 1, jobs[next-1], true
	}
	fail := func(i int, err error) {
		mu.Lock()
		if firstErr == nil {
			firstErr = fmt.Errorf("job %d: %w", i, err)
		}
		mu.Unlock()
		cancel() // stop the others
	}

	var wg sync.WaitGroup
	wg.Add(workers)
	for range workers {
		go func() {
			defer wg.Done()
			for {
				i, job, ok := take()
				if !ok {
					return
				}
				if err := job(runCtx); err != nil {
					fail(i, err)
				}
			}
		}()
	}
	wg.Wait() // no job is still running after this

	switch {
	case firstErr != nil:
		return firstErr
	case next < len(jobs):
		return ctx.Err() // the caller cancelled before every job could start
	default:
		return nil
	}
}
