package fetchpool

import (
	"context"
	"maps"
	"net/http"
	"net/http/httptest"
	"sync"
	"testing"
	"time"
)

// exampleServer answers:
//
//	/ok        200
//	/missing   404
//	/flaky     503 to the first request, 200 afterwards
//	/hang      never, until the request is cancelled
func exampleServer(t *testing.T) *httptest.Server {
	var mu sync.Mutex
	flaky := 0
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/ok":
			w.WriteHeader(http.StatusOK)
		case "/flaky":
			mu.Lock()
			flaky++
			n := flaky
			mu.Unlock()
			if n == 1 {
				w.WriteHeader(http.StatusServiceUnavailable)
				return
			}
			w.WriteHeader(http.StatusOK)
		case "/hang":
			<-r.Context().Done()
		default:
			w.WriteHeader(http.StatusNotFound)
		}
	}))
	t.Cleanup(srv.Close)
	return srv
}

func TestExamples(t *testing.T) {
	baseBackoff = 5 * time.Millisecond // keep the examples fast

	t.Run("statuses-and-retry", func(t *testing.T) {
		srv := exampleServer(t)
		urls := []string{srv.URL + "/ok", srv.URL + "/missing", srv.URL + "/flaky"}
		got := FetchAll(t.Context(), urls, 2, 2, time.Second)
		want := map[string]int{urls[0]: 200, urls[1]: 404, urls[2]: 200}
		if !maps.Equal(got, want) {
			t.Errorf("FetchAll([/ok /missing /flaky], workers=2, retries=2) = %v, want %v", got, want)
		}
	})

	t.Run("timeout-then-give-up", func(t *testing.T) {
		srv := exampleServer(t)
		u := srv.URL + "/hang"
		got := FetchAll(t.Context(), []string{u}, 1, 1, 50*time.Millisecond)
		if want := map[string]int{u: 0}; !maps.Equal(got, want) {
			t.Errorf("FetchAll([/hang], retries=1, timeout=50ms) = %v, want %v (every attempt timed out)", got, want)
		}
	})

	t.Run("cancelled-before-start", func(t *testing.T) {
		srv := exampleServer(t)
		ctx, cancel := context.WithCancel(t.Context())
		cancel()
		got := FetchAll(ctx, []string{srv.URL + "/ok"}, 1, 0, time.Second)
		if got == nil || len(got) != 0 {
			t.Errorf("FetchAll(cancelled ctx, [/ok]) = %v, want an empty, non-nil map", got)
		}
	})
}
