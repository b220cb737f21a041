package pit

// Wrong: Heartbeat forwards time.Tick through a goroutine that never exits.

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
	var timer *time.Timer
	defer func() {
		if timer != nil {
			timer.Stop()
		}
	}()
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

		d := jitter(min(backoff, backoffCap))
		if timer == nil {
			timer = time.NewTimer(d)
		} else {
			// Since Go 1.23 Reset needs no Stop-and-drain dance: the channel
			// never delivers a value from before the Reset. And we always
			// received the previous value anyway.
			timer.Reset(d)
		}
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-timer.C:
		}

		// Grow towards the cap without ever overflowing.
		if backoff > backoffCap/2 {
			backoff = backoffCap
		} else {
			backoff *= 2
		}
	}
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
	ticks := make(chan struct{})
	go func() {
		for range time.Tick(heartbeatEvery) {
			ticks <- struct{}{} // BUG: blocks forever once Heartbeat has returned
		}
	}()
	for {
		select {
		case <-ctx.Done():
			return
		case <-ticks:
			do()
		}
	}
}
