package sflight

import (
	"context"

	"golang.org/x/sync/singleflight"
)

type Group struct{ g singleflight.Group }

func New() *Group { return &Group{} }

func (g *Group) Do(ctx context.Context, key string, fn func(context.Context) (any, error)) (any, error) {
	ch := g.g.DoChan(key, func() (any, error) { return fn(context.WithoutCancel(ctx)) })
	select {
	case r := <-ch:
		return r.Val, r.Err
	case <-ctx.Done():
		return nil, ctx.Err()
	}
}
