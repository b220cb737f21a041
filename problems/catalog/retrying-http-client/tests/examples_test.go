package hclient

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"
	"time"
)

// exampleServer answers request n (1-based) with codes[n-1]; the last code
// repeats. The body is "attempt n".
func exampleServer(t *testing.T, codes ...int) (*httptest.Server, *atomic.Int32) {
	var n atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		i := int(n.Add(1))
		w.WriteHeader(codes[min(i, len(codes))-1])
		fmt.Fprintf(w, "attempt %d", i)
	}))
	t.Cleanup(srv.Close)
	return srv, &n
}

func exampleDo(t *testing.T, c *Client, ctx context.Context, method, path string) (int, string, error) {
	t.Helper()
	var body io.Reader
	if method == "PUT" || method == "POST" {
		body = strings.NewReader("payload")
	}
	req, err := http.NewRequest(method, path, body)
	if err != nil {
		t.Fatal(err)
	}
	resp, err := c.Do(ctx, req)
	if err != nil {
		return 0, "", err
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatalf("reading the response body: %v", err)
	}
	return resp.StatusCode, string(b), nil
}

func TestExamples(t *testing.T) {
	t.Run("retry-then-ok", func(t *testing.T) {
		srv, n := exampleServer(t, 503, 429, 200)
		c := New(srv.URL, time.Second)
		c.Backoff = 5 * time.Millisecond
		code, body, err := exampleDo(t, c, context.Background(), "GET", "/v1/info")
		if err != nil || code != 200 || body != "attempt 3" || n.Load() != 3 {
			t.Errorf("GET /v1/info, server answers 503, 429, 200: got %d %q err=%v after %d attempts, want 200 \"attempt 3\" after 3",
				code, body, err, n.Load())
		}
	})
	t.Run("gives-up", func(t *testing.T) {
		srv, n := exampleServer(t, 500)
		c := New(srv.URL, time.Second)
		c.Retries, c.Backoff = 1, 5*time.Millisecond
		code, body, err := exampleDo(t, c, context.Background(), "PUT", "/doc")
		if err != nil || code != 500 || body != "attempt 2" || n.Load() != 2 {
			t.Errorf("PUT /doc with Retries=1, server always 500: got %d %q err=%v after %d attempts, want the last response 500 \"attempt 2\" after 2",
				code, body, err, n.Load())
		}
	})
	t.Run("post-not-retried", func(t *testing.T) {
		srv, n := exampleServer(t, 503, 200)
		c := New(srv.URL, time.Second)
		c.Backoff = 5 * time.Millisecond
		code, _, err := exampleDo(t, c, context.Background(), "POST", "/orders")
		if err != nil || code != 503 || n.Load() != 1 {
			t.Errorf("POST /orders, server answers 503: got %d err=%v after %d attempts, want 503 after 1 attempt", code, err, n.Load())
		}
	})
	t.Run("not-found-not-retried", func(t *testing.T) {
		srv, n := exampleServer(t, 404, 200)
		c := New(srv.URL, time.Second)
		code, _, err := exampleDo(t, c, context.Background(), "GET", "/missing")
		if err != nil || code != 404 || n.Load() != 1 {
			t.Errorf("GET /missing, server answers 404: got %d err=%v after %d attempts, want 404 after 1 attempt", code, err, n.Load())
		}
	})
	t.Run("cancelled", func(t *testing.T) {
		srv, n := exampleServer(t, 200)
		c := New(srv.URL, time.Second)
		ctx, cancel := context.WithCancel(context.Background())
		cancel()
		_, _, err := exampleDo(t, c, ctx, "GET", "/v1/info")
		if !errors.Is(err, context.Canceled) || n.Load() != 0 {
			t.Errorf("Do with a cancelled context: err=%v after %d attempts, want context.Canceled and no attempt", err, n.Load())
		}
	})
}
