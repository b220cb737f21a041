package pool

import (
	"context"
	"errors"
)

// Job is one unit of work. It should return early when ctx is done.
type Job func(ctx context.Context) error

// Run runs jobs on at most concurrency goroutines and returns the first
// error, cancelling the remaining work. See the statement for the exact rules.
func Run(ctx context.Context, jobs []Job, concurrency int) error {
	// TODO: start min(concurrency, len(jobs)) workers, hand them jobs in order,
	// cancel on the first error, and wait for every started job.
	return errors.New("not implemented")
}
