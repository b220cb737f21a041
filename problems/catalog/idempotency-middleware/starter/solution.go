package idem

import (
	"net/http"
	"time"
)

// MaxStoredBody is the largest response body kept for replay (1 MiB).
const MaxStoredBody = 1 << 20

// NewIdemMiddleware returns a middleware that makes POST requests carrying an
// Idempotency-Key header idempotent. See the statement for the rules.
func NewIdemMiddleware(ttl time.Duration, cap int) func(http.Handler) http.Handler {
	return func(next http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			// TODO: the first request with a key runs next; concurrent duplicates
			// wait for it and get the same response; later duplicates within ttl
			// get the stored response.
			next.ServeHTTP(w, r)
		})
	}
}
