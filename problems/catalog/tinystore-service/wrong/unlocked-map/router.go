package tinystore

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"errors"
	"log/slog"
	"net/http"
	"sync/atomic"
	"time"
)

// MaxBodyBytes is the largest PUT body accepted.
const MaxBodyBytes = 1 << 20

// Router serves the TinyStore HTTP API on top of a Store.
type Router struct {
	s      Store
	logger *slog.Logger
	ready  atomic.Bool // set after the first successful PUT through this Router
}

// NewRouter returns a Router; a nil logger disables the access log.
func NewRouter(s Store, logger *slog.Logger) *Router {
	return &Router{s: s, logger: logger}
}

// Handler returns the routes wrapped in the request-id and access-log middleware.
func (rt *Router) Handler() http.Handler {
	mux := http.NewServeMux()
	mux.HandleFunc("GET /healthz", rt.healthz)
	mux.HandleFunc("GET /readyz", rt.readyz)
	mux.HandleFunc("PUT /kv/{key...}", rt.putKV)
	mux.HandleFunc("GET /kv/{key...}", rt.getKV)
	return rt.withRequestID(mux)
}

func (rt *Router) healthz(w http.ResponseWriter, _ *http.Request) {
	w.Header().Set("Content-Type", "text/plain; charset=utf-8")
	_, _ = w.Write([]byte("ok"))
}

func (rt *Router) readyz(w http.ResponseWriter, _ *http.Request) {
	if !rt.ready.Load() {
		http.Error(w, "not ready", http.StatusServiceUnavailable)
		return
	}
	w.Header().Set("Content-Type", "text/plain; charset=utf-8")
	_, _ = w.Write([]byte("ready"))
}

type kvBody struct {
	Value string `json:"value"`
}

func (rt *Router) putKV(w http.ResponseWriter, r *http.Request) {
	key := r.PathValue("key")
	if key == "" {
		http.Error(w, "missing key", http.StatusBadRequest)
		return
	}
	var body kvBody
	if err := json.NewDecoder(http.MaxBytesReader(w, r.Body, MaxBodyBytes)).Decode(&body); err != nil {
		var tooBig *http.MaxBytesError
		if errors.As(err, &tooBig) {
			http.Error(w, "body too large", http.StatusRequestEntityTooLarge)
			return
		}
		http.Error(w, "bad json", http.StatusBadRequest)
		return
	}
	if body.Value == "" {
		http.Error(w, "missing value", http.StatusBadRequest)
		return
	}
	if err := rt.s.Put(r.Context(), key, body.Value); err != nil {
		http.Error(w, "store error", http.StatusInternalServerError)
		return
	}
	rt.ready.Store(true)
	w.WriteHeader(http.StatusNoContent)
}

func (rt *Router) getKV(w http.ResponseWriter, r *http.Request) {
	key := r.PathValue("key")
	if key == "" {
		http.Error(w, "missing key", http.StatusBadRequest)
		return
	}
	v, ok, err := rt.s.Get(r.Context(), key)
	if err != nil {
		http.Error(w, "store error", http.StatusInternalServerError)
		return
	}
	if !ok {
		http.NotFound(w, r)
		return
	}
	w.Header().Set("Content-Type", "application/json")
	_ = json.NewEncoder(w).Encode(kvBody{Value: v})
}

// ---- request id ----

// ctxKey is unexported, so no other package can collide with our key.
type ctxKey struct{}

// RequestID returns the request id stored in ctx by the middleware, or "".
func RequestID(ctx context.Context) string {
	id, _ := ctx.Value(ctxKey{}).(string)
	return id
}

// validRequestID reports whether an incoming X-Request-ID may be reused:
// 1 to 64 characters, each a letter, digit, '.', '_' or '-'.
func validRequestID(id string) bool {
	if len(id) == 0 || len(id) > 64 {
		return false
	}
	for i := 0; i < len(id); i++ {
		c := id[i]
		ok := c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '.' || c == '_' || c == '-'
		if !ok {
			return false
		}
	}
	return true
}

func newRequestID() string {
	var b [16]byte
	_, _ = rand.Read(b[:]) // never fails on supported platforms
	return hex.EncodeToString(b[:])
}

// statusRecorder remembers the status code the handler sent.
type statusRecorder struct {
	http.ResponseWriter
	status int
}

func (s *statusRecorder) WriteHeader(code int) {
	if s.status == 0 {
		s.status = code
	}
	s.ResponseWriter.WriteHeader(code)
}

func (s *statusRecorder) Write(p []byte) (int, error) {
	if s.status == 0 {
		s.status = http.StatusOK
	}
	return s.ResponseWriter.Write(p)
}

// Unwrap lets http.ResponseController reach the underlying writer.
func (s *statusRecorder) Unwrap() http.ResponseWriter { return s.ResponseWriter }

func (rt *Router) withRequestID(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		id := r.Header.Get("X-Request-ID")
		if !validRequestID(id) {
			id = newRequestID()
		}
		w.Header().Set("X-Request-ID", id)
		ctx := context.WithValue(r.Context(), ctxKey{}, id)

		rec := &statusRecorder{ResponseWriter: w}
		start := time.Now()
		next.ServeHTTP(rec, r.WithContext(ctx))
		if rec.status == 0 {
			rec.status = http.StatusOK
		}
		if rt.logger != nil {
			rt.logger.LogAttrs(ctx, slog.LevelInfo, "request",
				slog.String("reqid", id),
				slog.String("method", r.Method),
				slog.String("path", r.URL.Path),
				slog.Int("status", rec.status),
				slog.Duration("duration", time.Since(start)),
			)
		}
	})
}
