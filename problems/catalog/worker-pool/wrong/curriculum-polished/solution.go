package pool

import (
	"context"
	"fmt"
	"sync"
)

type Job func(ctx context.Context) error

// Run is the curriculum's "polished" version, unchanged.
func Run(ctx context.Context, jobs []Job, concurrency int) error {
	if concurrency <= 0 {
		concurrency = 1
	}
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()

	jobCh := make(chan Job)
	resCh := make(chan error, len(jobs)) // buffered to avoid send blocking

	var wg sync.WaitGroup
	worker := func() {
		defer wg.Done()
		for {
			select {
			case <-ctx.Done():
				return
			case j, ok := <-jobCh:
				if !ok {
					return
				}
				if err := j(ctx); err != nil {
					// first error triggers cancel; still report err once
					select {
					case resCh <- fmt.Errorf("job failed: %w", err):
					default:
						// buffer full only if many errors; ignore extras
					}
					cancel()
					return
				}
				select {
				case resCh <- nil:
				default:
				}
			}
		}
	}

	wg.Add(concurrency)
	for i := 0; i < concurrency; i++ {
		go worker()
	}

	// feeder
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

	// closer for resCh
	go func() { wg.Wait(); close(resCh) }()

	// collect first non-nil error (if any)
	for range jobs {
		if err := <-resCh; err != nil {
			return err
		}
	}
	return nil
}
