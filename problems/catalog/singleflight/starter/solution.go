package sflight

import "context"

// Group deduplicates concurrent calls that share a key. The zero Group must
// be ready to use.
type Group struct {
	// TODO: a mutex and the flights in progress, by key
}

// New returns an empty Group.
func New() *Group { return &Group{} }

// Do runs fn once for all the callers that ask for the same key while a run
// is in flight, and gives each of them the result (see the statement).
func (g *Group) Do(ctx context.Context, key string, fn func(context.Context) (any, error)) (any, error) {
	return fn(ctx) // TODO: no deduplication yet
}
