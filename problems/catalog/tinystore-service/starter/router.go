package tinystore

import (
	"context"
	"log/slog"
	"net/http"
)

// MaxBodyBytes is the largest PUT body accepted.
const MaxBodyBytes = 1 << 20

// Router serves the TinyStore HTTP API on top of a Store.
type Router struct {
	s      Store
	logger *slog.Logger
	// TODO: readiness state.
}

// NewRouter returns a Router; a nil logger disables the access log.
func NewRouter(s Store, logger *slog.Logger) *Router {
	return &Router{s: s, logger: logger}
}

// Handler returns the routes wrapped in the request-id and access-log middleware.
func (rt *Router) Handler() http.Handler {
	mux := http.NewServeMux()
	// TODO: GET /healthz, GET /readyz, PUT and GET /kv/{key...}, middleware.
	return mux
}

// RequestID returns the request id stored in ctx by the middleware, or "".
func RequestID(ctx context.Context) string {
	// TODO
	return ""
}
