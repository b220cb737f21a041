package mid

import (
	"log/slog"
	"net/http"
)

type ctxKey string

// ReqIDKey is the context key under which RequestID stores the request id (a string).
const ReqIDKey ctxKey = "reqid"

// Recover turns a panic in next into a logged error and a 500 response.
func Recover(logger *slog.Logger) func(http.Handler) http.Handler {
	return func(next http.Handler) http.Handler {
		return next // TODO
	}
}

// RequestID gives every request an id (context value and X-Request-ID header).
func RequestID() func(http.Handler) http.Handler {
	return func(next http.Handler) http.Handler {
		return next // TODO
	}
}

// AccessLog logs one record per request once next has returned.
func AccessLog(logger *slog.Logger) func(http.Handler) http.Handler {
	return func(next http.Handler) http.Handler {
		return next // TODO
	}
}

// RateLimit admits at most burst requests at once and qps per second on average.
func RateLimit(qps, burst int) func(http.Handler) http.Handler {
	return func(next http.Handler) http.Handler {
		return next // TODO
	}
}
