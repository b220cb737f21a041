package idem

import (
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

// orderHandler numbers its runs: run n answers 201, X-Order: n, body "order-n".
func orderHandler(runs *atomic.Int32, delay time.Duration) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		n := runs.Add(1)
		time.Sleep(delay)
		w.Header().Set("X-Order", fmt.Sprint(n))
		w.WriteHeader(http.StatusCreated)
		fmt.Fprintf(w, "order-%d", n)
	})
}

// send makes one request to h and returns status, X-Order and body.
func send(h http.Handler, method, key string) (int, string, string) {
	req := httptest.NewRequest(method, "/orders", nil)
	if key != "" {
		req.Header.Set("Idempotency-Key", key)
	}
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	body, _ := io.ReadAll(rec.Result().Body)
	return rec.Code, rec.Result().Header.Get("X-Order"), string(body)
}

func TestExamples(t *testing.T) {
	t.Run("replay-within-ttl", func(t *testing.T) {
		var runs atomic.Int32
		h := NewIdemMiddleware(time.Minute, 100)(orderHandler(&runs, 0))
		for i := range 3 {
			code, order, body := send(h, http.MethodPost, "abc")
			if code != 201 || order != "1" || body != "order-1" {
				t.Errorf("POST #%d with key abc = (%d, X-Order %q, %q), want (201, \"1\", \"order-1\")", i+1, code, order, body)
			}
		}
		if n := runs.Load(); n != 1 {
			t.Errorf("3 POSTs with key abc ran the handler %d times, want 1", n)
		}
	})

	t.Run("no-key-or-not-post", func(t *testing.T) {
		var runs atomic.Int32
		h := NewIdemMiddleware(time.Minute, 100)(orderHandler(&runs, 0))
		send(h, http.MethodPost, "")
		send(h, http.MethodPost, "")
		send(h, http.MethodGet, "abc")
		send(h, http.MethodGet, "abc")
		if n := runs.Load(); n != 4 {
			t.Errorf("2 POSTs without a key and 2 GETs with one ran the handler %d times, want 4 (passed through)", n)
		}
	})

	t.Run("concurrent-duplicates", func(t *testing.T) {
		var runs atomic.Int32
		h := NewIdemMiddleware(time.Minute, 100)(orderHandler(&runs, 100*time.Millisecond))
		var wg sync.WaitGroup
		bodies := make([]string, 5)
		for i := range 5 {
			wg.Go(func() { _, _, bodies[i] = send(h, http.MethodPost, "same") })
		}
		wg.Wait()
		if n := runs.Load(); n != 1 {
			t.Errorf("5 concurrent POSTs with one key ran the handler %d times, want 1", n)
		}
		for i, b := range bodies {
			if b != "order-1" {
				t.Errorf("concurrent POST #%d got body %q, want \"order-1\"", i+1, b)
			}
		}
	})

	t.Run("expires-after-ttl", func(t *testing.T) {
		var runs atomic.Int32
		h := NewIdemMiddleware(100*time.Millisecond, 100)(orderHandler(&runs, 0))
		send(h, http.MethodPost, "k")
		time.Sleep(250 * time.Millisecond)
		if _, _, body := send(h, http.MethodPost, "k"); body != "order-2" {
			t.Errorf("POST with key k 250ms after the first (ttl 100ms) got %q, want \"order-2\" (the handler runs again)", body)
		}
	})
}
