package breaker

import (
	"context"
	"errors"
	"sync"
	"time"
)

// ErrOpen is returned, without calling fn, while the breaker rejects calls.
var ErrOpen = errors.New("circuit open")

type state uint8

const (
	closed state = iota
	open
	halfOpen
)

type outcome uint8

const (
	success outcome = iota
	failure
	neutral // the caller gave up: says nothing about the dependency
)

// Breaker stops calling a failing dependency for a while: closed → open after
// threshold consecutive failures, open → half-open after cooldown, and
// half-open lets a single probe decide between closed and open again.
type Breaker struct {
	// Now is the breaker's clock. New sets it to time.Now; tests replace it
	// before the breaker is used.
	Now func() time.Time

	mu        sync.Mutex
	threshold int
	cooldown  time.Duration
	state     state
	failures  int       // consecutive failures while closed
	openedAt  time.Time // when the breaker last opened
	gen       uint64    // bumped on every state change; stale results are ignored
	probing   bool      // a half-open probe is in flight
}

// New returns a closed breaker. A threshold below 1 counts as 1.
func New(threshold int, cooldown time.Duration) *Breaker {
	return &Breaker{Now: time.Now, threshold: max(threshold, 1), cooldown: cooldown}
}

// Do calls fn unless the breaker rejects the call with ErrOpen, and returns
// fn's error unchanged. If ctx is already done it returns ctx.Err() without
// calling fn.
func (b *Breaker) Do(ctx context.Context, fn func(context.Context) error) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	gen, err := b.admit()
	if err != nil {
		return err
	}
	finished := false
	defer func() {
		if !finished { // fn panicked (or called runtime.Goexit): a failure
			b.record(gen, failure)
		}
	}()
	err = fn(ctx)
	finished = true
	b.record(gen, classify(ctx, err))
	return err
}

// State reports "closed", "open" or "half-open".
func (b *Breaker) State() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	switch b.current() {
	case closed:
		return "closed"
	case open:
		return "open"
	default:
		return "half-open"
	}
}

func classify(ctx context.Context, err error) outcome {
	switch {
	case err == nil:
		return success
	case errors.Is(ctx.Err(), context.Canceled):
		return neutral
	default:
		return failure
	}
}

// current moves an open breaker whose cooldown is over to half-open.
// b.mu must be held.
func (b *Breaker) current() state {
	if b.state == open && !b.Now().Before(b.openedAt.Add(b.cooldown)) {
		b.set(halfOpen)
	}
	return b.state
}

func (b *Breaker) set(s state) {
	b.state = s
	b.gen++
	b.failures = 0
	b.probing = false
	if s == open {
		b.openedAt = b.Now()
	}
}

// admit decides whether a call may run and returns the generation it runs in.
func (b *Breaker) admit() (uint64, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	switch b.current() {
	case open:
		return 0, ErrOpen
	case halfOpen:
		if b.probing {
			return 0, ErrOpen
		}
		b.probing = true
	}
	return b.gen, nil
}

// record applies a call's outcome, unless the breaker has changed state since
// the call was admitted.
func (b *Breaker) record(gen uint64, o outcome) {
	b.mu.Lock()
	defer b.mu.Unlock()
	if gen != b.gen {
		return
	}
	switch b.state {
	case closed:
		switch o {
		case success:
			b.failures = 0
		case failure:
			b.failures++
			if b.failures >= b.threshold {
				b.set(open)
			}
		}
	case halfOpen:
		switch o {
		case success:
			b.set(closed)
		case failure:
			b.set(open)
		case neutral:
			b.probing = false
		}
	}
}
