package retry

import (
	"context"
	"errors"
	"fmt"
	"time"
)

var ErrPermanent = errors.New("permanent")

func IsPermanent(err error) bool { return errors.Is(err, ErrPermanent) }

// Retry checks ctx between attempts, but waits with time.Sleep, which cannot be
// interrupted: a cancel during a long backoff is only seen when the sleep ends.
func Retry(ctx context.Context, maxAttempts int, base time.Duration, fn func(context.Context) error) error {
	maxAttempts = max(maxAttempts, 1)
	var last error
	for attempt := 1; attempt <= maxAttempts; attempt++ {
		if err := ctx.Err(); err != nil {
			return err
		}
		err := fn(ctx)
		if err == nil {
			return nil
		}
		if IsPermanent(err) {
			return fmt.Errorf("attempt %d: %w", attempt, err)
		}
		last = err
		if attempt < maxAttempts && base > 0 {
			time.Sleep(base << (attempt - 1))
		}
	}
	return fmt.Errorf("giving up after %d attempts: %w", maxAttempts, last)
}
