package pool

import (
	"context"
	"fmt"
)

type Job func(ctx context.Context) error

// Run is the curriculum's first version, unchanged.
func Run(ctx context.Context, jobs []Job, concurrency int) error {
	if concurrency <= 0 {
		concurrency = 1
	}
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()

	type result struct {
		err error
	}
	jobCh := make(chan Job)
	resCh := make(chan result)

	// workers
	worker := func() {
		for {
			select {
			case <-ctx.Done():
				return
			case j, ok := <-jobCh:
				if !ok {
					return
				}
				if err := j(ctx); err != nil {
					resCh <- result{err: fmt.Errorf("job failed: %w", err)}
					return
				}
				resCh <- result{err: nil}
			}
		}
	}
	for i := 0; i < concurrency; i++ {
		go worker()
	}

	// feed jobs
	go func() {
		defer close(jobCh)
		for _, j := range jobs {
			select {
			case <-ctx.Done():
				return
			case jobCh <- j:
			}
		}
	}()

	// collect
	pending := len(jobs)
	for pending > 0 {
		select {
		case <-ctx.Done():
			return ctx.Err()
		case r := <-resCh:
			pending--
			if r.err != nil {
				cancel()
				return r.err
			}
		}
	}
	return nil
}
