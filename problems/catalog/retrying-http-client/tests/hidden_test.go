package hclient

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

// seen is what the test server recorded about one attempt.
type seen struct {
	method, path, query, body, key string
	length                         int64
	at                             time.Time
}

type recorder struct {
	mu       sync.Mutex
	attempts []seen
}

func (rec *recorder) count() int {
	rec.mu.Lock()
	defer rec.mu.Unlock()
	return len(rec.attempts)
}

func (rec *recorder) list() []seen {
	rec.mu.Lock()
	defer rec.mu.Unlock()
	return append([]seen(nil), rec.attempts...)
}

// serve starts a server that records every request and lets respond answer
// it; n is the 1-based number of the request.
func serve(t *testing.T, respond func(n int, w http.ResponseWriter, r *http.Request)) (*httptest.Server, *recorder) {
	t.Helper()
	rec := &recorder{}
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, _ := io.ReadAll(r.Body)
		rec.mu.Lock()
		rec.attempts = append(rec.attempts, seen{r.Method, r.URL.Path, r.URL.RawQuery, string(body),
			r.Header.Get("Idempotency-Key"), r.ContentLength, time.Now()})
		n := len(rec.attempts)
		rec.mu.Unlock()
		respond(n, w, r)
	}))
	t.Cleanup(srv.Close)
	return srv, rec
}

// statuses answers request n with codes[n-1] (the last code repeats) and the
// body "attempt n".
func statuses(codes ...int) func(int, http.ResponseWriter, *http.Request) {
	return func(n int, w http.ResponseWriter, r *http.Request) {
		w.WriteHeader(codes[min(n, len(codes))-1])
		fmt.Fprintf(w, "attempt %d", n)
	}
}

// hang blocks until the client goes away (or 3 s pass).
func hang(w http.ResponseWriter, r *http.Request) {
	select {
	case <-r.Context().Done():
	case <-time.After(3 * time.Second):
	}
}

func newClient(base string, timeout time.Duration, retries int, backoff time.Duration) *Client {
	c := New(base, timeout)
	c.Retries = retries
	c.Backoff = backoff
	return c
}

func mustReq(t *testing.T, method, url string, body io.Reader) *http.Request {
	t.Helper()
	req, err := http.NewRequest(method, url, body)
	if err != nil {
		t.Fatalf("http.NewRequest(%q, %q): %v", method, url, err)
	}
	return req
}

// result runs Do and reads the whole body.
type result struct {
	code    int
	body    string
	err     error
	elapsed time.Duration
}

func do(t *testing.T, c *Client, ctx context.Context, req *http.Request) result {
	t.Helper()
	start := time.Now()
	resp, err := c.Do(ctx, req)
	r := result{err: err, elapsed: time.Since(start)}
	if err != nil {
		if resp != nil {
			resp.Body.Close()
		}
		return r
	}
	if resp == nil {
		t.Fatalf("Do(%s %s) returned a nil response and a nil error", req.Method, req.URL)
	}
	defer resp.Body.Close()
	b, rerr := io.ReadAll(resp.Body)
	if rerr != nil {
		t.Fatalf("Do(%s %s) returned status %d, but reading its body failed: %v", req.Method, req.URL, resp.StatusCode, rerr)
	}
	r.code, r.body = resp.StatusCode, string(b)
	return r
}

func expect(t *testing.T, what string, got result, wantCode int, wantBody string) {
	t.Helper()
	if got.err != nil {
		t.Fatalf("%s: Do returned error %v, want status %d with body %q", what, got.err, wantCode, wantBody)
	}
	if got.code != wantCode || got.body != wantBody {
		t.Fatalf("%s: Do returned status %d body %q, want status %d body %q", what, got.code, got.body, wantCode, wantBody)
	}
}

func expectAttempts(t *testing.T, what string, rec *recorder, want int) {
	t.Helper()
	if got := rec.count(); got != want {
		t.Fatalf("%s: the server saw %d attempt(s), want %d", what, got, want)
	}
}

func TestNewDefaults(t *testing.T) {
	c := New("http://example.invalid", time.Second)
	if c.Retries != 2 || c.Backoff != 100*time.Millisecond {
		t.Fatalf("New(...) has Retries=%d Backoff=%v, want Retries=2 Backoff=100ms", c.Retries, c.Backoff)
	}
	srv, rec := serve(t, statuses(503, 500, 200))
	c = New(srv.URL, time.Second)
	got := do(t, c, context.Background(), mustReq(t, "GET", srv.URL+"/x", nil))
	expect(t, "defaults, server answers 503, 500, 200", got, 200, "attempt 3")
	expectAttempts(t, "defaults", rec, 3)
	if got.elapsed < 270*time.Millisecond {
		t.Errorf("with the default backoff (100ms, then 200ms) Do took only %v, want at least 300ms", got.elapsed)
	}
}

func TestNoRetryNeeded(t *testing.T) {
	for _, code := range []int{200, 201, 204, 304, 400, 401, 404, 409, 422, 499} {
		t.Run(fmt.Sprint(code), func(t *testing.T) {
			srv, rec := serve(t, statuses(code, 200))
			c := newClient(srv.URL, time.Second, 3, time.Millisecond)
			got := do(t, c, context.Background(), mustReq(t, "GET", srv.URL+"/r", nil))
			want := "attempt 1"
			if code == 204 || code == 304 {
				want = ""
			}
			expect(t, fmt.Sprintf("GET, server answers %d", code), got, code, want)
			expectAttempts(t, fmt.Sprintf("GET answered %d (not retryable)", code), rec, 1)
		})
	}
}

func TestRetriesTransientStatus(t *testing.T) {
	for _, code := range []int{500, 501, 502, 503, 504, 507, 599, 429} {
		t.Run(fmt.Sprint(code), func(t *testing.T) {
			srv, rec := serve(t, statuses(code, code, 200))
			c := newClient(srv.URL, time.Second, 2, time.Millisecond)
			got := do(t, c, context.Background(), mustReq(t, "GET", srv.URL+"/r", nil))
			expect(t, fmt.Sprintf("GET, server answers %d, %d, 200", code, code), got, 200, "attempt 3")
			expectAttempts(t, fmt.Sprintf("GET answered %d twice", code), rec, 3)
		})
	}
	t.Run("recovers-early", func(t *testing.T) {
		srv, rec := serve(t, statuses(502, 200))
		c := newClient(srv.URL, time.Second, 5, time.Millisecond)
		got := do(t, c, context.Background(), mustReq(t, "GET", srv.URL+"/r", nil))
		expect(t, "Retries=5, server answers 502, 200", got, 200, "attempt 2")
		expectAttempts(t, "Retries=5, success on attempt 2", rec, 2)
	})
}

func TestGivesUp(t *testing.T) {
	for _, tc := range []struct {
		name     string
		retries  int
		attempts int
	}{{"retries-3", 3, 4}, {"retries-1", 1, 2}, {"retries-0", 0, 1}, {"retries-negative", -2, 1}} {
		t.Run(tc.name, func(t *testing.T) {
			srv, rec := serve(t, statuses(503))
			c := newClient(srv.URL, time.Second, tc.retries, time.Millisecond)
			got := do(t, c, context.Background(), mustReq(t, "GET", srv.URL+"/r", nil))
			expect(t, fmt.Sprintf("Retries=%d, server always 503 (the last response must be returned, unread)", tc.retries),
				got, 503, fmt.Sprintf("attempt %d", tc.attempts))
			expectAttempts(t, fmt.Sprintf("Retries=%d, always 503", tc.retries), rec, tc.attempts)
		})
	}
	t.Run("429-last", func(t *testing.T) {
		srv, rec := serve(t, statuses(500, 429))
		c := newClient(srv.URL, time.Second, 2, time.Millisecond)
		got := do(t, c, context.Background(), mustReq(t, "GET", srv.URL+"/r", nil))
		expect(t, "Retries=2, server answers 500, 429, 429", got, 429, "attempt 3")
		expectAttempts(t, "500 then 429s", rec, 3)
	})
}

func TestBackoffDoubles(t *testing.T) {
	srv, rec := serve(t, statuses(500))
	c := newClient(srv.URL, time.Second, 3, 25*time.Millisecond)
	got := do(t, c, context.Background(), mustReq(t, "GET", srv.URL+"/r", nil))
	expect(t, "Retries=3 Backoff=25ms, always 500", got, 500, "attempt 4")
	at := rec.list()
	if len(at) != 4 {
		t.Fatalf("the server saw %d attempts, want 4", len(at))
	}
	for i, want := range []time.Duration{25 * time.Millisecond, 50 * time.Millisecond, 100 * time.Millisecond} {
		gap := at[i+1].at.Sub(at[i].at)
		if gap < want*9/10 {
			t.Errorf("Backoff=25ms: attempt %d came %v after attempt %d, want at least %v (the wait doubles each retry)",
				i+2, gap.Round(time.Millisecond), i+1, want)
		}
	}
	t.Run("zero-backoff", func(t *testing.T) {
		srv, rec := serve(t, statuses(500, 500, 500, 200))
		c := newClient(srv.URL, time.Second, 3, 0)
		got := do(t, c, context.Background(), mustReq(t, "GET", srv.URL+"/r", nil))
		expect(t, "Backoff=0, server answers 500, 500, 500, 200", got, 200, "attempt 4")
		expectAttempts(t, "Backoff=0", rec, 4)
	})
}

func TestMethods(t *testing.T) {
	for _, tc := range []struct {
		method   string
		key      string
		attempts int
	}{
		{"GET", "", 3}, {"", "", 3}, {"HEAD", "", 3}, {"OPTIONS", "", 3}, {"PUT", "", 3}, {"DELETE", "", 3},
		{"POST", "", 1}, {"PATCH", "", 1}, {"CONNECT-ISH", "", 1},
		{"POST", "k-42", 3}, {"PATCH", "k-43", 3},
	} {
		name := tc.method
		if name == "" {
			name = "empty-method"
		}
		if tc.key != "" {
			name += "-with-key"
		}
		t.Run(name, func(t *testing.T) {
			srv, rec := serve(t, statuses(503, 503, 200))
			c := newClient(srv.URL, time.Second, 2, time.Millisecond)
			req := mustReq(t, "GET", srv.URL+"/m", nil)
			req.Method = tc.method
			if tc.key != "" {
				req.Header.Set("Idempotency-Key", tc.key)
			}
			resp, err := c.Do(context.Background(), req)
			if err != nil {
				t.Fatalf("Do(%q request) returned error %v", tc.method, err)
			}
			resp.Body.Close()
			wantCode := 200
			if tc.attempts == 1 {
				wantCode = 503
			}
			if resp.StatusCode != wantCode {
				t.Errorf("Do(%q request, Idempotency-Key %q), server answers 503, 503, 200: status %d, want %d",
					tc.method, tc.key, resp.StatusCode, wantCode)
			}
			expectAttempts(t, fmt.Sprintf("%q request with Idempotency-Key %q", tc.method, tc.key), rec, tc.attempts)
			if tc.key != "" {
				for i, a := range rec.list() {
					if a.key != tc.key {
						t.Errorf("attempt %d carried Idempotency-Key %q, want %q", i+1, a.key, tc.key)
					}
				}
			}
		})
	}
}

// opaque hides the reader's type so http.NewRequest cannot make GetBody.
type opaque struct{ r io.Reader }

func (o opaque) Read(p []byte) (int, error) { return o.r.Read(p) }

func TestBodyReplayed(t *testing.T) {
	t.Run("put", func(t *testing.T) {
		srv, rec := serve(t, statuses(503, 500, 200))
		c := newClient(srv.URL, time.Second, 2, time.Millisecond)
		got := do(t, c, context.Background(), mustReq(t, "PUT", srv.URL+"/doc", strings.NewReader(`{"name":"ok"}`)))
		expect(t, "PUT with a body, server answers 503, 500, 200", got, 200, "attempt 3")
		expectAttempts(t, "PUT with body", rec, 3)
		for i, a := range rec.list() {
			if a.body != `{"name":"ok"}` || a.length != 13 {
				t.Errorf("attempt %d of the PUT sent body %q (Content-Length %d), want %q (13): each retry must resend the whole body",
					i+1, a.body, a.length, `{"name":"ok"}`)
			}
		}
	})
	t.Run("post-with-key", func(t *testing.T) {
		srv, rec := serve(t, statuses(429, 200))
		c := newClient(srv.URL, time.Second, 2, time.Millisecond)
		req := mustReq(t, "POST", srv.URL+"/orders", strings.NewReader("qty=3"))
		req.Header.Set("Idempotency-Key", "order-1")
		got := do(t, c, context.Background(), req)
		expect(t, "POST with Idempotency-Key and a body, server answers 429, 200", got, 200, "attempt 2")
		for i, a := range rec.list() {
			if a.body != "qty=3" {
				t.Errorf("attempt %d of the POST sent body %q, want %q", i+1, a.body, "qty=3")
			}
		}
	})
	t.Run("not-rewindable", func(t *testing.T) {
		srv, rec := serve(t, statuses(503, 200))
		c := newClient(srv.URL, time.Second, 2, time.Millisecond)
		req := mustReq(t, "PUT", srv.URL+"/doc", opaque{strings.NewReader("once")})
		got := do(t, c, context.Background(), req)
		expect(t, "PUT whose body cannot be replayed (GetBody == nil), server answers 503", got, 503, "attempt 1")
		expectAttempts(t, "PUT with a body that cannot be replayed", rec, 1)
		if a := rec.list()[0]; a.body != "once" {
			t.Errorf("the PUT sent body %q, want %q", a.body, "once")
		}
	})
	t.Run("empty-body", func(t *testing.T) {
		srv, rec := serve(t, statuses(503, 200))
		c := newClient(srv.URL, time.Second, 2, time.Millisecond)
		got := do(t, c, context.Background(), mustReq(t, "DELETE", srv.URL+"/doc/1", http.NoBody))
		expect(t, "DELETE with http.NoBody, server answers 503, 200", got, 200, "attempt 2")
		expectAttempts(t, "DELETE with NoBody", rec, 2)
	})
}

func TestPerAttemptTimeout(t *testing.T) {
	t.Run("slow-attempt-retried", func(t *testing.T) {
		srv, rec := serve(t, func(n int, w http.ResponseWriter, r *http.Request) {
			if n == 1 {
				hang(w, r)
				return
			}
			fmt.Fprintf(w, "attempt %d", n)
		})
		c := newClient(srv.URL, 100*time.Millisecond, 2, time.Millisecond)
		got := do(t, c, context.Background(), mustReq(t, "GET", srv.URL+"/slow", nil))
		expect(t, "timeout=100ms, first attempt hangs, second answers", got, 200, "attempt 2")
		expectAttempts(t, "first attempt timed out", rec, 2)
		if got.elapsed > 2*time.Second {
			t.Errorf("Do took %v; the per-attempt timeout of 100ms should have cut the first attempt", got.elapsed)
		}
	})
	t.Run("every-attempt-slow", func(t *testing.T) {
		srv, rec := serve(t, func(n int, w http.ResponseWriter, r *http.Request) { hang(w, r) })
		c := newClient(srv.URL, 60*time.Millisecond, 2, time.Millisecond)
		got := do(t, c, context.Background(), mustReq(t, "GET", srv.URL+"/slow", nil))
		if got.err == nil {
			t.Fatalf("timeout=60ms, server always hangs: Do returned status %d, want an error", got.code)
		}
		if got.elapsed > 2500*time.Millisecond {
			t.Errorf("Do took %v, want about 3 × 60ms", got.elapsed)
		}
		expectAttempts(t, "every attempt timed out, Retries=2", rec, 3)
	})
	t.Run("post-not-retried", func(t *testing.T) {
		srv, rec := serve(t, func(n int, w http.ResponseWriter, r *http.Request) { hang(w, r) })
		c := newClient(srv.URL, 60*time.Millisecond, 2, time.Millisecond)
		got := do(t, c, context.Background(), mustReq(t, "POST", srv.URL+"/slow", strings.NewReader("x")))
		if got.err == nil {
			t.Fatalf("POST timing out: Do returned status %d, want an error", got.code)
		}
		expectAttempts(t, "POST that timed out", rec, 1)
	})
	t.Run("body-readable", func(t *testing.T) {
		// A big streamed body: the returned response must stay readable after
		// Do returns (the attempt's context must not be cancelled early).
		chunk := strings.Repeat("0123456789abcdef", 1024)
		srv, _ := serve(t, func(n int, w http.ResponseWriter, r *http.Request) {
			if n == 1 {
				w.WriteHeader(502)
				return
			}
			for i := 0; i < 32; i++ {
				io.WriteString(w, chunk)
				http.NewResponseController(w).Flush()
			}
		})
		c := newClient(srv.URL, 2*time.Second, 2, time.Millisecond)
		resp, err := c.Do(context.Background(), mustReq(t, "GET", srv.URL+"/big", nil))
		if err != nil {
			t.Fatalf("Do(GET /big) returned error %v", err)
		}
		defer resp.Body.Close()
		time.Sleep(20 * time.Millisecond)
		b, err := io.ReadAll(resp.Body)
		if err != nil || len(b) != 32*len(chunk) {
			t.Fatalf("reading the body of the response Do returned gave %d bytes and error %v, want %d bytes and no error",
				len(b), err, 32*len(chunk))
		}
	})
	t.Run("zero-means-none", func(t *testing.T) {
		srv, rec := serve(t, func(n int, w http.ResponseWriter, r *http.Request) {
			time.Sleep(50 * time.Millisecond)
			fmt.Fprintf(w, "attempt %d", n)
		})
		c := newClient(srv.URL, 0, 2, time.Millisecond)
		got := do(t, c, context.Background(), mustReq(t, "GET", srv.URL+"/s", nil))
		expect(t, "timeout=0 (no limit), server takes 50ms", got, 200, "attempt 1")
		expectAttempts(t, "timeout=0", rec, 1)
	})
}

func TestTransportErrors(t *testing.T) {
	// The first request's connection is dropped without an answer.
	dropFirst := func(n int, w http.ResponseWriter, r *http.Request) {
		if n == 1 {
			conn, _, err := http.NewResponseController(w).Hijack()
			if err == nil {
				conn.Close()
			}
			return
		}
		fmt.Fprintf(w, "attempt %d", n)
	}
	t.Run("get-retried", func(t *testing.T) {
		srv, rec := serve(t, dropFirst)
		c := newClient(srv.URL, time.Second, 2, time.Millisecond)
		got := do(t, c, context.Background(), mustReq(t, "GET", srv.URL+"/d", nil))
		expect(t, "GET whose first connection is dropped", got, 200, "attempt 2")
		expectAttempts(t, "dropped connection", rec, 2)
	})
	t.Run("post-not-retried", func(t *testing.T) {
		srv, rec := serve(t, dropFirst)
		c := newClient(srv.URL, time.Second, 2, time.Millisecond)
		got := do(t, c, context.Background(), mustReq(t, "POST", srv.URL+"/d", strings.NewReader("x")))
		if got.err == nil {
			t.Fatalf("POST whose connection is dropped: Do returned status %d, want an error", got.code)
		}
		expectAttempts(t, "POST on a dropped connection", rec, 1)
	})
	t.Run("refused", func(t *testing.T) {
		ln, err := net.Listen("tcp", "127.0.0.1:0")
		if err != nil {
			t.Fatal(err)
		}
		addr := ln.Addr().String()
		ln.Close()
		c := newClient("http://"+addr, time.Second, 2, 15*time.Millisecond)
		got := do(t, c, context.Background(), mustReq(t, "GET", "/nothing", nil))
		if got.err == nil {
			t.Fatalf("GET to a closed port: Do returned status %d, want an error", got.code)
		}
		if got.elapsed < 40*time.Millisecond {
			t.Errorf("GET to a closed port with Retries=2 Backoff=15ms returned after %v, want at least 45ms (3 attempts)", got.elapsed)
		}
	})
}

func TestContext(t *testing.T) {
	t.Run("cancelled-before", func(t *testing.T) {
		srv, rec := serve(t, statuses(200))
		c := newClient(srv.URL, time.Second, 2, time.Millisecond)
		ctx, cancel := context.WithCancel(context.Background())
		cancel()
		got := do(t, c, ctx, mustReq(t, "GET", srv.URL+"/x", nil))
		if !errors.Is(got.err, context.Canceled) {
			t.Fatalf("Do with a cancelled context returned status %d error %v, want an error matching context.Canceled", got.code, got.err)
		}
		expectAttempts(t, "context cancelled before Do", rec, 0)
	})
	t.Run("deadline-during-attempt", func(t *testing.T) {
		srv, rec := serve(t, func(n int, w http.ResponseWriter, r *http.Request) { hang(w, r) })
		c := newClient(srv.URL, 0, 3, time.Millisecond)
		ctx, cancel := context.WithTimeout(context.Background(), 80*time.Millisecond)
		defer cancel()
		got := do(t, c, ctx, mustReq(t, "GET", srv.URL+"/x", nil))
		if !errors.Is(got.err, context.DeadlineExceeded) {
			t.Fatalf("ctx deadline 80ms, server hangs: Do returned status %d error %v, want an error matching context.DeadlineExceeded", got.code, got.err)
		}
		if got.elapsed > time.Second {
			t.Errorf("ctx deadline 80ms: Do returned after %v", got.elapsed)
		}
		time.Sleep(50 * time.Millisecond)
		expectAttempts(t, "ctx expired during the first attempt (no retry after the context is done)", rec, 1)
	})
	t.Run("cancel-during-backoff", func(t *testing.T) {
		srv, rec := serve(t, statuses(503))
		c := newClient(srv.URL, time.Second, 2, 1500*time.Millisecond)
		ctx, cancel := context.WithCancel(context.Background())
		defer cancel()
		go func() {
			for rec.count() == 0 {
				time.Sleep(time.Millisecond)
			}
			time.Sleep(20 * time.Millisecond)
			cancel()
		}()
		got := do(t, c, ctx, mustReq(t, "GET", srv.URL+"/x", nil))
		if !errors.Is(got.err, context.Canceled) {
			t.Fatalf("ctx cancelled while waiting 1.5s to retry: Do returned status %d error %v, want an error matching context.Canceled", got.code, got.err)
		}
		if got.elapsed > time.Second {
			t.Errorf("ctx cancelled ~20ms into a 1.5s backoff: Do returned after %v, want it to stop waiting at once", got.elapsed)
		}
		expectAttempts(t, "cancelled during backoff", rec, 1)
	})
	t.Run("deadline-during-backoff", func(t *testing.T) {
		srv, rec := serve(t, statuses(429))
		c := newClient(srv.URL, time.Second, 2, 1500*time.Millisecond)
		ctx, cancel := context.WithTimeout(context.Background(), 100*time.Millisecond)
		defer cancel()
		got := do(t, c, ctx, mustReq(t, "GET", srv.URL+"/x", nil))
		if !errors.Is(got.err, context.DeadlineExceeded) {
			t.Fatalf("ctx deadline 100ms during a 1.5s backoff: Do returned status %d error %v, want an error matching context.DeadlineExceeded", got.code, got.err)
		}
		if got.elapsed > time.Second {
			t.Errorf("ctx deadline 100ms: Do returned after %v", got.elapsed)
		}
		expectAttempts(t, "deadline during backoff", rec, 1)
	})
	t.Run("deadline-across-attempts", func(t *testing.T) {
		srv, rec := serve(t, func(n int, w http.ResponseWriter, r *http.Request) { hang(w, r) })
		c := newClient(srv.URL, 40*time.Millisecond, 1000, time.Millisecond)
		ctx, cancel := context.WithTimeout(context.Background(), 250*time.Millisecond)
		defer cancel()
		got := do(t, c, ctx, mustReq(t, "GET", srv.URL+"/x", nil))
		if !errors.Is(got.err, context.DeadlineExceeded) {
			t.Fatalf("per-attempt timeout 40ms, ctx deadline 250ms, server hangs: Do returned status %d error %v, want an error matching context.DeadlineExceeded", got.code, got.err)
		}
		if got.elapsed > 1500*time.Millisecond {
			t.Errorf("ctx deadline 250ms: Do returned after %v", got.elapsed)
		}
		n := rec.count()
		if n < 2 {
			t.Errorf("per-attempt timeout 40ms within a 250ms deadline: only %d attempt(s), want several", n)
		}
		time.Sleep(100 * time.Millisecond)
		if m := rec.count(); m != n {
			t.Errorf("the server saw %d more attempt(s) after Do returned", m-n)
		}
	})
}

func TestBaseURL(t *testing.T) {
	srv, rec := serve(t, statuses(200))
	c := newClient(srv.URL, time.Second, 2, time.Millisecond)
	req := mustReq(t, "GET", "/items?id=7", nil)
	got := do(t, c, context.Background(), req)
	expect(t, "relative URL /items?id=7", got, 200, "attempt 1")
	if a := rec.list()[0]; a.path != "/items" || a.query != "id=7" {
		t.Errorf("relative URL /items?id=7 reached the server as path %q query %q, want /items and id=7", a.path, a.query)
	}
	if req.URL.String() != "/items?id=7" || req.URL.Host != "" {
		t.Errorf("Do changed the caller's request: its URL is now %q, want /items?id=7", req.URL)
	}

	other, orec := serve(t, statuses(200))
	got = do(t, c, context.Background(), mustReq(t, "GET", other.URL+"/abs", nil))
	expect(t, "absolute URL to another server", got, 200, "attempt 1")
	if orec.count() != 1 || rec.count() != 1 {
		t.Errorf("an absolute URL must be used as is: base server saw %d requests (want 1), other server %d (want 1)", rec.count(), orec.count())
	}
}

func TestDoesNotModifyRequest(t *testing.T) {
	srv, _ := serve(t, statuses(503, 200))
	c := newClient(srv.URL, time.Second, 2, time.Millisecond)
	req := mustReq(t, "PUT", srv.URL+"/doc", strings.NewReader("abc"))
	before := req.Context()
	ctx := context.WithValue(context.Background(), struct{}{}, "v")
	got := do(t, c, ctx, req)
	expect(t, "PUT, server answers 503, 200", got, 200, "attempt 2")
	if req.Context() != before {
		t.Errorf("Do replaced the caller's request context; use a copy of the request")
	}
	if req.URL.String() != srv.URL+"/doc" || req.Method != "PUT" {
		t.Errorf("Do changed the caller's request to %s %s", req.Method, req.URL)
	}
}

func TestReusesConnections(t *testing.T) {
	var conns atomic.Int32
	srv := httptest.NewUnstartedServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Query().Get("try") != "ok" {
			w.WriteHeader(503)
			io.WriteString(w, "busy")
		}
	}))
	srv.Config.ConnState = func(_ net.Conn, s http.ConnState) {
		if s == http.StateNew {
			conns.Add(1)
		}
	}
	srv.Start()
	t.Cleanup(srv.Close)
	c := newClient(srv.URL, time.Second, 2, 2*time.Millisecond)
	for i := 0; i < 5; i++ {
		resp, err := c.Do(context.Background(), mustReq(t, "GET", "/busy", nil))
		if err != nil {
			t.Fatalf("Do(GET /busy) #%d: %v", i+1, err)
		}
		io.Copy(io.Discard, resp.Body)
		resp.Body.Close()
	}
	if n := conns.Load(); n > 3 {
		t.Errorf("5 calls of Do with 3 attempts each opened %d TCP connections, want at most 3: "+
			"reuse one http.Client and drain+close the body of every response you retry", n)
	}
}

func TestConcurrentUse(t *testing.T) {
	var hits sync.Map // path -> *atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		v, _ := hits.LoadOrStore(r.URL.Path, new(atomic.Int32))
		if v.(*atomic.Int32).Add(1)%2 == 1 {
			w.WriteHeader(503)
			return
		}
		io.WriteString(w, r.URL.Path)
	}))
	t.Cleanup(srv.Close)
	c := newClient(srv.URL, 2*time.Second, 3, time.Millisecond)
	var wg sync.WaitGroup
	errs := make(chan string, 64)
	for g := 0; g < 16; g++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := 0; i < 8; i++ {
				path := fmt.Sprintf("/g%d/i%d", g, i)
				var body io.Reader
				method := "GET"
				if i%2 == 1 {
					method, body = "PUT", strings.NewReader(path)
				}
				req, _ := http.NewRequest(method, path, body)
				resp, err := c.Do(context.Background(), req)
				if err != nil {
					errs <- fmt.Sprintf("%s %s: error %v", method, path, err)
					return
				}
				b, _ := io.ReadAll(resp.Body)
				resp.Body.Close()
				if resp.StatusCode != 200 || string(b) != path {
					errs <- fmt.Sprintf("%s %s (503 then 200): got status %d body %q, want 200 %q", method, path, resp.StatusCode, b, path)
					return
				}
			}
		}()
	}
	wg.Wait()
	close(errs)
	for e := range errs {
		t.Error("concurrent Do: " + e)
	}
}
