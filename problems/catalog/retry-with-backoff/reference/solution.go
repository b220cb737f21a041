package retry

import (
	"context"
	"errors"
	"fmt"
	"math"
	"time"
)

// ErrPermanent marks an error as not worth retrying. fn wraps it (for
// example fmt.Errorf("bad request: %w", ErrPermanent)) to stop Retry at once.
var ErrPermanent = errors.New("permanent")

// IsPermanent reports whether err, or any error it wraps, is ErrPermanent.
func IsPermanent(err error) bool {
	return errors.Is(err, ErrPermanent)
}

// Retry calls fn until it succeeds, fails permanently, maxAttempts attempts
// have been made, or ctx is done. Between attempts it waits base, 2·base,
// 4·base, ... and it gives up the wait as soon as ctx is done.
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
			return fmt.Errorf("attempt %d failed permanently: %w", attempt, err)
		}
		last = err
		if attempt == maxAttempts {
			break
		}
		if err := sleep(ctx, backoff(base, attempt)); err != nil {
			return err
		}
	}
	return fmt.Errorf("giving up after %d attempts: %w", maxAttempts, last)
}

// backoff returns base·2^(attempt-1), saturating at math.MaxInt64 instead of
// overflowing into a negative (that is, immediate) wait.
func backoff(base time.Duration, attempt int) time.Duration {
	if base <= 0 {
		return 0
	}
	d := base
	for i := 1; i < attempt; i++ {
		if d > math.MaxInt64/2 {
			return math.MaxInt64
		}
		d *= 2
	}
	return d
}

// sleep waits for d or until ctx is done, whichever comes first.
func sleep(ctx context.Context, d time.Duration) error {
	if d <= 0 {
		return ctx.Err()
	}
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-ctx.Done():
		return ctx.Err()
	case <-t.C:
		return nil
	}
}
