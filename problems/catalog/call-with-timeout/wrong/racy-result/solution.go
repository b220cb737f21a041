package timeout

import (
	"context"
	"time"
)

// WithCallTimeout shares fn's result through a plain variable; on the timeout
// path it peeks at it while fn's goroutine may be writing it.
func WithCallTimeout(ctx context.Context, d time.Duration, fn func(ctx context.Context) error) error {
	ctx, cancel := context.WithTimeout(ctx, d)
	defer cancel()
	if err := ctx.Err(); err != nil {
		return err
	}
	var result error
	done := make(chan struct{})
	go func() {
		result = fn(ctx)
		close(done)
	}()
	select {
	case <-done:
		return result
	case <-ctx.Done():
		// fn may have failed at the same moment: prefer its own error.
		if result != nil {
			return result
		}
		return ctx.Err()
	}
}
