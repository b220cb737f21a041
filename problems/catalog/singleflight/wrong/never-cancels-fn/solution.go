package sflight

import (
	"context"
	"fmt"
	"sync"
)

// call is one flight: a single run of fn whose result every waiter shares.
type call struct {
	done    chan struct{} // closed when val and err are set
	val     any
	err     error
	waiters int                // callers still waiting for this flight
	cancel  context.CancelFunc // cancels fn's context
}

// Group deduplicates concurrent calls that share a key. The zero Group is
// ready to use.
type Group struct {
	mu sync.Mutex
	m  map[string]*call
}

// New returns an empty Group.
func New() *Group { return &Group{} }

// Do runs fn once for all the callers that ask for the same key while a run
// is in flight, and gives each of them its result. A caller whose ctx ends
// first stops waiting and gets ctx.Err(); fn keeps running for the others and
// its context is cancelled only when no caller is waiting any more.
func (g *Group) Do(ctx context.Context, key string, fn func(context.Context) (any, error)) (any, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	g.mu.Lock()
	if g.m == nil {
		g.m = make(map[string]*call)
	}
	c, ok := g.m[key]
	if !ok {
		// fn sees the first caller's values but not its deadline or cancellation.
		fctx, cancel := context.WithCancel(context.WithoutCancel(ctx))
		c = &call{done: make(chan struct{}), cancel: cancel}
		g.m[key] = c
		go g.run(fctx, key, c, fn)
	}
	c.waiters++
	g.mu.Unlock()

	select {
	case <-c.done:
		return c.val, c.err
	case <-ctx.Done():
		g.leave(key, c)
		return nil, ctx.Err()
	}
}

// leave drops one waiter; the last one to leave abandons the flight.
func (g *Group) leave(key string, c *call) {
	g.mu.Lock()
	defer g.mu.Unlock()
	c.waiters-- // the abandoned flight keeps running and stays joinable
}

func (g *Group) run(ctx context.Context, key string, c *call, fn func(context.Context) (any, error)) {
	defer c.cancel()
	defer func() {
		if p := recover(); p != nil {
			c.val, c.err = nil, fmt.Errorf("sflight: fn for key %q panicked: %v", key, p)
		}
		g.mu.Lock()
		if g.m[key] == c {
			delete(g.m, key)
		}
		g.mu.Unlock()
		close(c.done)
	}()
	c.val, c.err = fn(ctx)
}
