package retry

import (
	"context"
	"errors"
	"time"
)

// ErrPermanent marks an error as not worth retrying. fn wraps it (for
// example fmt.Errorf("bad request: %w", ErrPermanent)) to stop Retry at once.
var ErrPermanent = errors.New("permanent")

// IsPermanent reports whether err, or any error it wraps, is ErrPermanent.
func IsPermanent(err error) bool {
	return errors.Is(err, ErrPermanent)
}

// Retry calls fn up to maxAttempts times with exponential backoff and stops
// early on success, on a permanent error, or when ctx is done.
// See the statement for the exact rules.
func Retry(ctx context.Context, maxAttempts int, base time.Duration, fn func(context.Context) error) error {
	// TODO: check ctx before every attempt, call fn, wait base·2^(attempt-1)
	// between attempts without ignoring ctx, and wrap the last error.
	return errors.New("not implemented")
}
