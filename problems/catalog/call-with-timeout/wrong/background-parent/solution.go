package timeout

import (
	"context"
	"time"
)

// WithCallTimeout starts from context.Background(): only d counts, the
// caller's cancellation, deadline and values are lost.
func WithCallTimeout(ctx context.Context, d time.Duration, fn func(ctx context.Context) error) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	ctx2, cancel := context.WithTimeout(context.Background(), d)
	defer cancel()
	if err := ctx2.Err(); err != nil {
		return err
	}
	done := make(chan error, 1)
	go func() { done <- fn(ctx2) }()
	select {
	case err := <-done:
		return err
	case <-ctx2.Done():
		return ctx2.Err()
	}
}
