package retry

import (
	"context"
	"errors"
	"fmt"
	"time"
)

var ErrPermanent = errors.New("permanent")

func IsPermanent(err error) bool { return errors.Is(err, ErrPermanent) }

// Retry compares with == instead of errors.Is: a wrapped ErrPermanent is retried.
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
		if err == ErrPermanent {
			return fmt.Errorf("attempt %d: %w", attempt, err)
		}
		last = err
		if attempt < maxAttempts {
			timer := time.NewTimer(base << (attempt - 1))
			select {
			case <-ctx.Done():
				timer.Stop()
				return ctx.Err()
			case <-timer.C:
			}
		}
	}
	return fmt.Errorf("giving up after %d attempts: %w", maxAttempts, last)
}
