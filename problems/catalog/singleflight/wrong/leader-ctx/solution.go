package sflight

import (
	"context"
	"sync"
)

// The curriculum's version: the first caller runs fn itself, under its own
// context, and the others wait for it.

type call struct {
	done chan struct{}
	val  any
	err  error
}

type Group struct {
	mu sync.Mutex
	m  map[string]*call
}

func New() *Group { return &Group{} }

func (g *Group) Do(ctx context.Context, key string, fn func(context.Context) (any, error)) (any, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	g.mu.Lock()
	if g.m == nil {
		g.m = make(map[string]*call)
	}
	if c := g.m[key]; c != nil {
		g.mu.Unlock()
		select {
		case <-c.done:
			return c.val, c.err
		case <-ctx.Done():
			return nil, ctx.Err()
		}
	}
	c := &call{done: make(chan struct{})}
	g.m[key] = c
	g.mu.Unlock()

	val, err := fn(ctx) // the leader's cancellation fails every waiter; a panic strands them
	c.val, c.err = val, err
	close(c.done)

	g.mu.Lock()
	delete(g.m, key)
	g.mu.Unlock()
	return val, err
}
