package timeout

import (
	"context"
	"time"
)

// WithCallTimeout never calls the CancelFunc: fn's context lives on until the
// timer fires, even after the call has returned.
func WithCallTimeout(ctx context.Context, d time.Duration, fn func(ctx context.Context) error) error {
	ctx, _ = context.WithTimeout(ctx, d)
	if err := ctx.Err(); err != nil {
		return err
	}
	done := make(chan error, 1)
	go func() { done <- fn(ctx) }()
	select {
	case err := <-done:
		return err
	case <-ctx.Done():
		return ctx.Err()
	}
}
