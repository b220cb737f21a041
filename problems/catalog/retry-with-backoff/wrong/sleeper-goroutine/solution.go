package retry

import (
	"context"
	"errors"
	"fmt"
	"time"
)

var ErrPermanent = errors.New("permanent")

func IsPermanent(err error) bool { return errors.Is(err, ErrPermanent) }

// Retry waits through a helper goroutine that sleeps and then closes a channel.
// Retry itself returns on cancel, but the sleeper keeps running until its sleep ends.
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
		if attempt < maxAttempts {
			woke := make(chan struct{})
			go func(d time.Duration) {
				time.Sleep(d)
				close(woke)
			}(base << (attempt - 1))
			select {
			case <-ctx.Done():
				return ctx.Err()
			case <-woke:
			}
		}
	}
	return fmt.Errorf("giving up after %d attempts: %w", maxAttempts, last)
}
