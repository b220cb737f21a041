package pit

import (
	"context"
	"time"
)

// Tuning knobs. Tests change them; keep the names.
var (
	backoffStart   = 100 * time.Millisecond // wait after the first failed attempt
	backoffCap     = 2 * time.Second        // no wait (before jitter) is longer
	heartbeatEvery = 1 * time.Second        // Heartbeat's period
)

// RetryUntil calls fn until it succeeds, at most max times.
//
// BUG: a new timer per attempt (time.After), waits even after the last
// attempt, no cap, no jitter. Fix it as the statement describes.
func RetryUntil(ctx context.Context, fn func(context.Context) error, max int) error {
	backoff := backoffStart
	for attempt := 0; attempt < max; attempt++ {
		if err := fn(ctx); err == nil {
			return nil
		}
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-time.After(backoff):
		}
		backoff *= 2
	}
	return context.DeadlineExceeded
}

// Heartbeat calls do once per heartbeatEvery until ctx is done.
//
// BUG: the ticker is never stopped.
func Heartbeat(ctx context.Context, do func()) {
	t := time.NewTicker(heartbeatEvery)
	for {
		select {
		case <-ctx.Done():
			return
		case <-t.C:
			do()
		}
	}
}
