package timeout

import (
	"context"
	"time"
)

// WithCallTimeout returns on time, but fn's goroutine sends on an unbuffered
// channel: once the caller has left, that send blocks forever.
func WithCallTimeout(ctx context.Context, d time.Duration, fn func(ctx context.Context) error) error {
	ctx, cancel := context.WithTimeout(ctx, d)
	defer cancel()
	if err := ctx.Err(); err != nil {
		return err
	}
	done := make(chan error)
	go func() { done <- fn(ctx) }()
	select {
	case err := <-done:
		return err
	case <-ctx.Done():
		return ctx.Err()
	}
}
