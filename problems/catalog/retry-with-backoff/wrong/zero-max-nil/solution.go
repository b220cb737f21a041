package retry

import (
	"context"
	"errors"
	"fmt"
	"time"
)

var ErrPermanent = errors.New("permanent")

func IsPermanent(err error) bool { return errors.Is(err, ErrPermanent) }

// Retry follows the curriculum's version: maxAttempts <= 0 returns nil at once,
// reporting success for a call that was never made.
func Retry(ctx context.Context, maxAttempts int, base time.Duration, fn func(context.Context) error) error {
	if maxAttempts <= 0 {
		return nil
	}
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
			return fmt.Errorf("retry aborted at attempt %d: %w", attempt, err)
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
	return fmt.Errorf("retry failed after %d attempts: %w", maxAttempts, last)
}
