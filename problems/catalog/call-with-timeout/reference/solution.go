package timeout

import (
	"context"
	"time"
)

// WithCallTimeout runs fn with a context that expires after d (or earlier, with
// ctx). It returns fn's error, or the context's error as soon as that context
// is done, even if fn has not returned yet.
func WithCallTimeout(ctx context.Context, d time.Duration, fn func(ctx context.Context) error) error {
	ctx, cancel := context.WithTimeout(ctx, d)
	defer cancel() // releases the timer and tells a still-running fn to stop
	if err := ctx.Err(); err != nil {
		return err // no time left: do not start fn at all
	}

	// Buffered, so that fn's goroutine can always deliver its result and exit,
	// even when nobody is waiting for it any more.
	done := make(chan error, 1)
	go func() { done <- fn(ctx) }()

	select {
	case err := <-done:
		return err
	case <-ctx.Done():
		return ctx.Err()
	}
}
