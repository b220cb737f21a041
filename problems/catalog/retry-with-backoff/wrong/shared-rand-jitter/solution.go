package retry

import (
	"context"
	"errors"
	"fmt"
	"math/rand"
	"time"
)

var ErrPermanent = errors.New("permanent")

func IsPermanent(err error) bool { return errors.Is(err, ErrPermanent) }

// rng adds a little jitter to each wait. A *rand.Rand is not safe for concurrent
// use, and parallel Retry calls all share this one.
var rng = rand.New(rand.NewSource(time.Now().UnixNano()))

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
			d := base << (attempt - 1)
			d += time.Duration(rng.Int63n(int64(d)/20 + 1)) // up to 5% jitter
			timer := time.NewTimer(d)
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
