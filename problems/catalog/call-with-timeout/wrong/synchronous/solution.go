package timeout

import (
	"context"
	"time"
)

// WithCallTimeout is the curriculum's version: it hands fn a context with a
// timeout and waits for fn. It returns on time only if fn honours its context.
func WithCallTimeout(ctx context.Context, d time.Duration, fn func(ctx context.Context) error) error {
	ctx2, cancel := context.WithTimeout(ctx, d)
	defer cancel()
	if err := ctx2.Err(); err != nil {
		return err
	}
	return fn(ctx2)
}
