package mid

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"log/slog"
	"net/http"
	"runtime/debug"
	"sync"
	"time"
)

type ctxKey string

// ReqIDKey is the context key under which RequestID stores the request id (a string).
const ReqIDKey ctxKey = "reqid"

// statusWriter remembers the status and body size of a response. Unwrap lets
// http.ResponseController reach the real writer (Flush, Hijack, deadlines).
type statusWriter struct {
	http.ResponseWriter
	code    int // first status sent; 0 until the response starts
	bytes   int64
	started bool
}

func (w *statusWriter) WriteHeader(code int) {
	// A 1xx (103 Early Hints, say) goes out at once but is not the response's
	// status: the final one follows. 101 Switching Protocols is final.
	informational := code >= 100 && code <= 199 && code != http.StatusSwitchingProtocols
	if !w.started && !informational {
		w.code, w.started = code, true
	}
	w.ResponseWriter.WriteHeader(code)
}

func (w *statusWriter) Write(b []byte) (int, error) {
	if !w.started {
		w.code, w.started = http.StatusOK, true
	}
	n, err := w.ResponseWriter.Write(b)
	w.bytes += int64(n)
	return n, err
}

func (w *statusWriter) Unwrap() http.ResponseWriter { return w.ResponseWriter }

func (w *statusWriter) status() int {
	if !w.started {
		return http.StatusOK // net/http sends 200 for a handler that writes nothing
	}
	return w.code
}

// Recover turns a panic in next into a logged error and, if nothing has been
// sent yet, a 500 response. http.ErrAbortHandler is passed on untouched.
func Recover(logger *slog.Logger) func(http.Handler) http.Handler {
	return func(next http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			sw := &statusWriter{ResponseWriter: w}
			defer func() {
				rec := recover()
				if rec == nil {
					return
				}
				logger.Error("panic", "err", rec, "stack", string(debug.Stack()))
				if !sw.started {
					http.Error(w, "internal error", http.StatusInternalServerError)
				}
			}()
			next.ServeHTTP(sw, r)
		})
	}
}

// RequestID makes sure every request has an id: a valid incoming X-Request-ID
// is kept, otherwise a new random one is made. The id goes into the request's
// context under ReqIDKey and into the response's X-Request-ID header.
func RequestID() func(http.Handler) http.Handler {
	return func(next http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			id := r.Header.Get("X-Request-ID")
			if !validID(id) {
				id = newID()
			}
			w.Header().Set("X-Request-ID", id)
			next.ServeHTTP(w, r.WithContext(context.WithValue(r.Context(), ReqIDKey, id)))
		})
	}
}

func validID(id string) bool {
	if len(id) == 0 || len(id) > 64 {
		return false
	}
	for i := 0; i < len(id); i++ {
		c := id[i]
		ok := c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-' || c == '_' || c == '.'
		if !ok {
			return false
		}
	}
	return true
}

func newID() string {
	var b [16]byte
	_, _ = rand.Read(b[:]) // crypto/rand.Read never fails on supported platforms
	return hex.EncodeToString(b[:])
}

// AccessLog logs one line per request once next has returned.
func AccessLog(logger *slog.Logger) func(http.Handler) http.Handler {
	return func(next http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			start := time.Now()
			sw := &statusWriter{ResponseWriter: w}
			next.ServeHTTP(sw, r)
			id, _ := r.Context().Value(ReqIDKey).(string)
			logger.Info("http",
				"method", r.Method,
				"path", r.URL.Path,
				"code", sw.status(),
				"bytes", sw.bytes,
				"dur_ms", time.Since(start).Milliseconds(),
				"req_id", id,
			)
		})
	}
}

// bucket is a token bucket refilled continuously, computed lazily: no goroutine.
type bucket struct {
	mu     sync.Mutex
	rate   float64 // tokens per second
	burst  float64
	tokens float64
	last   time.Time
}

func (b *bucket) allow() bool {
	b.mu.Lock()
	defer b.mu.Unlock()
	now := time.Now()
	if b.rate > 0 {
		b.tokens = min(b.burst, b.tokens+now.Sub(b.last).Seconds()*b.rate)
	}
	b.last = now
	if b.tokens < 1 {
		return false
	}
	b.tokens--
	return true
}

// RateLimit admits requests through one token bucket shared by every handler
// the returned middleware wraps: it holds up to burst tokens (at least 1),
// starts full and gains qps tokens per second (none if qps <= 0).
// A request that finds no token gets 429 and never reaches next.
func RateLimit(qps, burst int) func(http.Handler) http.Handler {
	b := &bucket{rate: float64(qps), burst: float64(max(burst, 1)), last: time.Now()}
	b.tokens = b.burst
	return func(next http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			if !b.allow() {
				http.Error(w, "rate limit exceeded", http.StatusTooManyRequests)
				return
			}
			next.ServeHTTP(w, r)
		})
	}
}
