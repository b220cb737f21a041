package pit

// Wrong: waits with a goroutine that sleeps; when ctx is cancelled the goroutine
// stays behind until its sleep ends (a goroutine leak per cancelled call).

import (
	"context"
	"math/rand/v2"
	"time"
)

// Tuning knobs. Tests change them; keep the names.
var (
	backoffStart   = 100 * time.Millisecond // wait after the first failed attempt
	backoffCap     = 2 * time.Second        // no wait (before jitter) is longer
	heartbeatEvery = 1 * time.Second        // Heartbeat's period
)

// RetryUntil calls fn until it returns nil, at most max times.
//
// It returns nil on the first success, ctx.Err() as soon as ctx is done
// (checked before every attempt, after a failed one and while waiting), and
// context.DeadlineExceeded when max attempts have failed. Between attempts it
// waits backoffStart, then twice as long each time, capped at backoffCap,
// with ±10% jitter. One timer serves every wait of a call.
func RetryUntil(ctx context.Context, fn func(context.Context) error, max int) error {
	if max <= 0 {
		return context.DeadlineExceeded
	}
	backoff := backoffStart
	for attempt := 1; ; attempt++ {
		if err := ctx.Err(); err != nil {
			return err
		}
		if fn(ctx) == nil {
			return nil
		}
		if err := ctx.Err(); err != nil {
			return err
		}
		if attempt >= max {
			return context.DeadlineExceeded
		}

		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-sleep(jitter(min(backoff, backoffCap))):
		}

		// Grow towards the cap without ever overflowing.
		if backoff > backoffCap/2 {
			backoff = backoffCap
		} else {
			backoff *= 2
		}
	}
}

// sleep closes the returned channel after d. BUG: the goroutine sleeps for the
// whole of d even when the caller has stopped waiting.
func sleep(d time.Duration) <-chan struct{} {
	ch := make(chan struct{})
	go func() {
		time.Sleep(d)
		close(ch)
	}()
	return ch
}

// jitter returns a random duration in [d - d/10, d + d/10].
func jitter(d time.Duration) time.Duration {
	spread := d / 10
	if spread <= 0 {
		return d
	}
	// math/rand/v2's top-level functions are safe for concurrent use and
	// allocate nothing.
	return d - spread + rand.N(2*spread+1)
}

// Heartbeat calls do once per heartbeatEvery until ctx is done, then returns.
// The first call comes one period after the start. The ticker is stopped on
// the way out.
func Heartbeat(ctx context.Context, do func()) {
	t := time.NewTicker(heartbeatEvery)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-t.C:
			if ctx.Err() != nil {
				return // a tick and the cancellation arrived together
			}
			do()
		}
	}
}
