package idem

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

// Most tests call the middleware's ServeHTTP directly with httptest
// recorders; TestOverHTTP goes through a real (loopback) server.

const hour = time.Hour

// reply is what a client saw: status, the headers we care about, and body.
type reply struct {
	status int
	header http.Header
	body   string
	panic  any
}

var comparedHeaders = []string{"Content-Type", "X-Order", "Set-Cookie", "Location", "X-Late"}

func (r reply) String() string {
	if r.panic != nil {
		return fmt.Sprintf("panic(%v)", r.panic)
	}
	var hs []string
	for _, k := range comparedHeaders {
		if v, ok := r.header[k]; ok {
			hs = append(hs, fmt.Sprintf("%s: %q", k, v))
		}
	}
	body := r.body
	if len(body) > 40 {
		body = fmt.Sprintf("<%d bytes>", len(body))
	} else {
		body = strconv.Quote(body)
	}
	return fmt.Sprintf("%d {%s} %s", r.status, strings.Join(hs, ", "), body)
}

func (r reply) same(o reply) bool {
	if r.status != o.status || r.body != o.body || (r.panic == nil) != (o.panic == nil) {
		return false
	}
	for _, k := range comparedHeaders {
		if !slices.Equal(r.header[k], o.header[k]) {
			return false
		}
	}
	return true
}

// do sends one request straight to h and records the reply (or the panic).
func do(h http.Handler, method, path, key, body string) (rep reply) {
	return doCtx(context.Background(), h, method, path, key, body)
}

func doCtx(ctx context.Context, h http.Handler, method, path, key, body string) (rep reply) {
	req := httptest.NewRequestWithContext(ctx, method, path, strings.NewReader(body))
	if key != "" {
		req.Header.Set("Idempotency-Key", key)
	}
	rec := httptest.NewRecorder()
	defer func() {
		if p := recover(); p != nil {
			rep = reply{panic: p}
		}
	}()
	h.ServeHTTP(rec, req)
	res := rec.Result()
	b, _ := io.ReadAll(res.Body)
	return reply{status: res.StatusCode, header: res.Header, body: string(b)}
}

func post(h http.Handler, key string) reply { return do(h, http.MethodPost, "/orders", key, "{}") }

// counter is a handler that numbers its calls: call n answers
// 201, X-Order: n, body "order-n".
type counter struct{ calls atomic.Int32 }

func (c *counter) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	n := c.calls.Add(1)
	w.Header().Set("Content-Type", "application/json")
	w.Header().Set("X-Order", strconv.Itoa(int(n)))
	w.WriteHeader(http.StatusCreated)
	fmt.Fprintf(w, `{"order":%d}`, n)
}

func orderReply(n int) string { return fmt.Sprintf(`{"order":%d}`, n) }

func wantCalls(t *testing.T, what string, c *counter, want int32) {
	t.Helper()
	if got := c.calls.Load(); got != want {
		t.Errorf("%s: the handler ran %d times, want %d", what, got, want)
	}
}

func wantBody(t *testing.T, what string, got reply, status int, body string) {
	t.Helper()
	if got.panic != nil || got.status != status || got.body != body {
		t.Errorf("%s: got %v, want status %d and body %q", what, got, status, body)
	}
}

func TestPassThrough(t *testing.T) {
	cases := []struct {
		name, method, key string
	}{
		{"post-without-key", http.MethodPost, ""},
		{"get-with-key", http.MethodGet, "k1"},
		{"put-with-key", http.MethodPut, "k1"},
		{"delete-with-key", http.MethodDelete, "k1"},
		{"patch-with-key", http.MethodPatch, "k1"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			c := &counter{}
			h := NewIdemMiddleware(hour, 10)(c)
			for i := 1; i <= 3; i++ {
				got := do(h, tc.method, "/orders", tc.key, "")
				wantBody(t, fmt.Sprintf("%s %q request #%d", tc.method, tc.key, i), got, 201, orderReply(i))
			}
			wantCalls(t, fmt.Sprintf("3 %s requests with key %q", tc.method, tc.key), c, 3)
		})
	}
	t.Run("empty-key-header", func(t *testing.T) {
		c := &counter{}
		h := NewIdemMiddleware(hour, 10)(c)
		for range 2 {
			req := httptest.NewRequest(http.MethodPost, "/orders", nil)
			req.Header["Idempotency-Key"] = []string{""}
			h.ServeHTTP(httptest.NewRecorder(), req)
		}
		wantCalls(t, "2 POSTs with an empty Idempotency-Key header", c, 2)
	})
}

func TestReplay(t *testing.T) {
	c := &counter{}
	h := NewIdemMiddleware(hour, 10)(c)
	first := post(h, "k1")
	wantBody(t, "first POST with key k1", first, 201, orderReply(1))
	for i := 2; i <= 4; i++ {
		again := do(h, http.MethodPost, "/orders", "k1", fmt.Sprintf(`{"try":%d}`, i))
		if !again.same(first) {
			t.Errorf("POST #%d with key k1 got %v, want the stored reply %v", i, again, first)
		}
	}
	wantCalls(t, "4 POSTs with key k1", c, 1)
	other := post(h, "k2")
	wantBody(t, "first POST with key k2", other, 201, orderReply(2))
	wantCalls(t, "4 POSTs with key k1, then one with k2", c, 2)
	if again := post(h, "k1"); !again.same(first) {
		t.Errorf("POST with key k1 after one with k2 got %v, want the stored reply %v", again, first)
	}
	t.Run("key-alone-decides", func(t *testing.T) {
		if got := do(h, http.MethodPost, "/other/path", "k1", "x"); !got.same(first) {
			t.Errorf("POST /other/path with key k1 got %v, want the reply stored for k1 %v (the key alone identifies the operation)", got, first)
		}
	})
}

func TestReplayIsIdentical(t *testing.T) {
	t.Run("headers-status-body", func(t *testing.T) {
		calls := 0
		h := NewIdemMiddleware(hour, 10)(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			calls++
			w.Header().Set("Content-Type", "text/plain; charset=utf-8")
			w.Header().Set("Location", "/orders/77")
			w.Header().Add("Set-Cookie", "a=1")
			w.Header().Add("Set-Cookie", "b=2")
			w.WriteHeader(http.StatusAccepted)
			io.WriteString(w, "part one, ")
			io.WriteString(w, "part two")
		}))
		first := post(h, "k")
		second := post(h, "k")
		if first.status != 202 || first.body != "part one, part two" || len(first.header["Set-Cookie"]) != 2 {
			t.Fatalf("the first POST got %v, want 202, two Set-Cookie headers and body \"part one, part two\"", first)
		}
		if !second.same(first) || calls != 1 {
			t.Errorf("the replay got %v after %d handler runs, want exactly the first reply %v after 1", second, calls, first)
		}
	})
	t.Run("implicit-200", func(t *testing.T) {
		h := NewIdemMiddleware(hour, 10)(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("X-Order", "7")
			io.WriteString(w, "no explicit WriteHeader")
		}))
		first := post(h, "k")
		second := post(h, "k")
		wantBody(t, "a handler that only writes a body", first, 200, "no explicit WriteHeader")
		if !second.same(first) {
			t.Errorf("the replay got %v, want %v", second, first)
		}
	})
	t.Run("empty-response", func(t *testing.T) {
		calls := 0
		h := NewIdemMiddleware(hour, 10)(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			calls++
			w.Header().Set("X-Order", "empty")
		}))
		first := post(h, "k")
		second := post(h, "k")
		wantBody(t, "a handler that writes nothing", first, 200, "")
		if !second.same(first) || calls != 1 {
			t.Errorf("the replay of an empty response got %v after %d handler runs, want %v after 1", second, calls, first)
		}
	})
	t.Run("late-header-not-replayed", func(t *testing.T) {
		h := NewIdemMiddleware(hour, 10)(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("X-Order", "1")
			w.WriteHeader(http.StatusOK)
			w.Header().Set("X-Late", "set after WriteHeader") // never sent by net/http
			io.WriteString(w, "body")
		}))
		first := post(h, "k")
		second := post(h, "k")
		if _, ok := first.header["X-Late"]; ok {
			t.Fatalf("the first reply carries X-Late, a header set after WriteHeader: %v", first)
		}
		if !second.same(first) {
			t.Errorf("the replay got %v, want what the first client got: %v (headers are fixed when the status is written)", second, first)
		}
	})
	t.Run("superfluous-writeheader", func(t *testing.T) {
		h := NewIdemMiddleware(hour, 10)(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			w.WriteHeader(http.StatusConflict)
			w.WriteHeader(http.StatusOK) // ignored by net/http
			io.WriteString(w, "conflict")
		}))
		first := post(h, "k")
		second := post(h, "k")
		wantBody(t, "a handler calling WriteHeader(409) then WriteHeader(200)", first, 409, "conflict")
		if !second.same(first) {
			t.Errorf("the replay got %v, want %v", second, first)
		}
	})
}

func TestErrorStatusesReplayed(t *testing.T) {
	for _, code := range []int{400, 409, 422, 500, 503} {
		t.Run(strconv.Itoa(code), func(t *testing.T) {
			calls := 0
			h := NewIdemMiddleware(hour, 10)(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				calls++
				http.Error(w, fmt.Sprintf("failure %d", calls), code)
			}))
			first := post(h, "k")
			second := post(h, "k")
			if first.status != code || !second.same(first) || calls != 1 {
				t.Errorf("a handler answering %d: first %v, second %v after %d runs; want the second to replay the first, 1 run", code, first, second, calls)
			}
		})
	}
}

// gate makes a handler wait until the test opens it.
type gate struct {
	entered atomic.Int32 // requests that reached the middleware
	open    chan struct{}
}

func newGate() *gate { return &gate{open: make(chan struct{})} }

// front counts requests entering the middleware.
func (g *gate) front(h http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		g.entered.Add(1)
		h.ServeHTTP(w, r)
	})
}

// waitEntered waits until n requests are inside the middleware, then a little
// longer so that they all reach the point where they wait.
func (g *gate) waitEntered(t *testing.T, n int32) {
	t.Helper()
	deadline := time.Now().Add(3 * time.Second)
	for g.entered.Load() < n {
		if time.Now().After(deadline) {
			t.Fatalf("only %d of %d requests reached the middleware within 3s", g.entered.Load(), n)
		}
		time.Sleep(time.Millisecond)
	}
	time.Sleep(50 * time.Millisecond)
}

// concurrently sends n POSTs with key through h and returns their replies.
func concurrently(h http.Handler, n int, key string) (wait func() []reply) {
	replies := make([]reply, n)
	var wg sync.WaitGroup
	for i := range n {
		wg.Go(func() { replies[i] = post(h, key) })
	}
	return func() []reply { wg.Wait(); return replies }
}

func TestConcurrentDuplicates(t *testing.T) {
	for _, tc := range []struct {
		name string
		ttl  time.Duration
		cap  int
	}{{"stored", hour, 10}, {"ttl-zero", 0, 10}, {"cap-zero", hour, 0}} {
		t.Run(tc.name, func(t *testing.T) {
			g := newGate()
			c := &counter{}
			h := g.front(NewIdemMiddleware(tc.ttl, tc.cap)(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				<-g.open
				c.ServeHTTP(w, r)
			})))
			const n = 20
			wait := concurrently(h, n, "dup")
			g.waitEntered(t, n)
			close(g.open)
			replies := wait()
			wantCalls(t, fmt.Sprintf("%d concurrent POSTs with the same key (ttl=%v, cap=%d)", n, tc.ttl, tc.cap), c, 1)
			for i, r := range replies {
				if !r.same(replies[0]) || r.status != 201 {
					t.Errorf("concurrent duplicate #%d got %v, want the leader's reply %v", i, r, replies[0])
					break
				}
			}
		})
	}
}

func TestDistinctKeysRunInParallel(t *testing.T) {
	var inside atomic.Int32
	h := NewIdemMiddleware(hour, 10)(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		inside.Add(1)
		deadline := time.Now().Add(time.Second)
		for inside.Load() < 3 && time.Now().Before(deadline) {
			time.Sleep(time.Millisecond)
		}
		if inside.Load() < 3 {
			w.WriteHeader(http.StatusGatewayTimeout)
			return
		}
		w.WriteHeader(http.StatusOK)
	}))
	var wg sync.WaitGroup
	replies := make([]reply, 3)
	for i := range 3 {
		wg.Go(func() { replies[i] = post(h, fmt.Sprintf("key-%d", i)) })
	}
	wg.Wait()
	for i, r := range replies {
		if r.status != 200 {
			t.Errorf("3 POSTs with different keys, whose handler waits until all 3 run at once: request %d got %v, want 200 (different keys must not wait for each other)", i, r)
		}
	}
}

func TestTTL(t *testing.T) {
	t.Run("expires", func(t *testing.T) {
		c := &counter{}
		h := NewIdemMiddleware(200*time.Millisecond, 10)(c)
		first := post(h, "k")
		if again := post(h, "k"); !again.same(first) {
			t.Errorf("POST with key k right after the first (ttl 200ms) got %v, want the replay %v", again, first)
		}
		time.Sleep(450 * time.Millisecond)
		fresh := post(h, "k")
		wantBody(t, "POST with key k 450ms later (ttl 200ms)", fresh, 201, orderReply(2))
		if again := post(h, "k"); !again.same(fresh) {
			t.Errorf("POST with key k right after the handler ran again got %v, want the new stored reply %v", again, fresh)
		}
		wantCalls(t, "4 POSTs with key k, the third after the ttl", c, 2)
	})
	for _, tc := range []struct {
		name string
		ttl  time.Duration
		cap  int
	}{{"ttl-zero", 0, 10}, {"ttl-negative", -time.Second, 10}, {"cap-zero", hour, 0}, {"cap-negative", hour, -5}} {
		t.Run(tc.name, func(t *testing.T) {
			c := &counter{}
			h := NewIdemMiddleware(tc.ttl, tc.cap)(c)
			for i := 1; i <= 3; i++ {
				wantBody(t, fmt.Sprintf("POST #%d with key k (ttl=%v, cap=%d: nothing is stored)", i, tc.ttl, tc.cap), post(h, "k"), 201, orderReply(i))
			}
		})
	}
}

func TestCapacity(t *testing.T) {
	t.Run("oldest-dropped", func(t *testing.T) {
		c := &counter{}
		h := NewIdemMiddleware(hour, 2)(c)
		post(h, "a") // 1
		post(h, "b") // 2
		post(h, "c") // 3: a is dropped
		wantBody(t, "POST a after a, b, c with cap 2", post(h, "a"), 201, orderReply(4))
		wantBody(t, "POST c after a, b, c, a with cap 2", post(h, "c"), 201, orderReply(3))
		wantBody(t, "POST b after a, b, c, a with cap 2 (b was the oldest)", post(h, "b"), 201, orderReply(5))
	})
	t.Run("many-keys", func(t *testing.T) {
		c := &counter{}
		h := NewIdemMiddleware(hour, 3)(c)
		for i := range 10 {
			post(h, fmt.Sprint("key-", i))
		}
		for i := 9; i >= 7; i-- {
			wantBody(t, fmt.Sprintf("POST key-%d after key-0 … key-9 with cap 3", i), post(h, fmt.Sprint("key-", i)), 201, orderReply(i+1))
		}
		wantCalls(t, "10 keys, then the 3 newest again", c, 10)
		for i := range 7 {
			got := post(h, fmt.Sprint("key-", i))
			wantBody(t, fmt.Sprintf("POST key-%d after key-0 … key-9 with cap 3 (dropped)", i), got, 201, orderReply(11+i))
		}
	})
}

func TestBodySizeLimit(t *testing.T) {
	bigHandler := func(size int, calls *atomic.Int32, g *gate) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			n := calls.Add(1)
			if g != nil {
				<-g.open
			}
			w.Header().Set("X-Order", strconv.Itoa(int(n)))
			chunk := bytes.Repeat([]byte{'a' + byte(n)}, 64<<10)
			for left := size; left > 0; left -= len(chunk) {
				w.Write(chunk[:min(left, len(chunk))])
			}
		})
	}
	t.Run("exactly-1MiB-stored", func(t *testing.T) {
		var calls atomic.Int32
		h := NewIdemMiddleware(hour, 10)(bigHandler(MaxStoredBody, &calls, nil))
		first := post(h, "k")
		second := post(h, "k")
		if len(first.body) != MaxStoredBody || !second.same(first) || calls.Load() != 1 {
			t.Errorf("a 1 MiB body: first %v, second %v after %d runs; want a replay after 1 run (bodies up to 1 MiB are stored)", first, second, calls.Load())
		}
	})
	t.Run("over-1MiB-not-stored", func(t *testing.T) {
		var calls atomic.Int32
		h := NewIdemMiddleware(hour, 10)(bigHandler(MaxStoredBody+1, &calls, nil))
		first := post(h, "k")
		second := post(h, "k")
		if len(first.body) != MaxStoredBody+1 || len(second.body) != MaxStoredBody+1 || calls.Load() != 2 || second.header.Get("X-Order") != "2" {
			t.Errorf("a body of 1 MiB + 1 byte: the second POST got %v after %d runs; want the handler to run again (not stored)", second, calls.Load())
		}
	})
	t.Run("over-1MiB-shared-with-waiters", func(t *testing.T) {
		var calls atomic.Int32
		g := newGate()
		h := g.front(NewIdemMiddleware(hour, 10)(bigHandler(MaxStoredBody+1, &calls, g)))
		wait := concurrently(h, 3, "k")
		g.waitEntered(t, 3)
		close(g.open)
		replies := wait()
		if calls.Load() != 1 {
			t.Errorf("3 concurrent POSTs with a body of 1 MiB + 1 byte: the handler ran %d times, want 1 (waiters share the response even if it is not stored)", calls.Load())
		}
		for i, r := range replies {
			if !r.same(replies[0]) || len(r.body) != MaxStoredBody+1 {
				t.Errorf("concurrent request %d got %v, want the leader's full reply %v", i, r, replies[0])
				break
			}
		}
	})
}

func TestHandlerPanics(t *testing.T) {
	var calls atomic.Int32
	g := newGate()
	h := g.front(NewIdemMiddleware(hour, 10)(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if calls.Add(1) == 1 {
			<-g.open
			panic(http.ErrAbortHandler)
		}
		w.WriteHeader(http.StatusCreated)
		io.WriteString(w, "second run")
	})))
	leader := make(chan reply, 1)
	go func() { leader <- post(h, "k") }()
	g.waitEntered(t, 1)
	waiter := make(chan reply, 1)
	go func() { waiter <- post(h, "k") }()
	g.waitEntered(t, 2)
	close(g.open)

	select {
	case r := <-leader:
		if r.panic != http.ErrAbortHandler {
			t.Errorf("the request whose handler panicked with http.ErrAbortHandler got %v; the middleware must let the panic go on", r)
		}
	case <-time.After(2 * time.Second):
		t.Fatalf("the request whose handler panicked did not finish within 2s")
	}
	select {
	case r := <-waiter:
		if r.status != http.StatusInternalServerError {
			t.Errorf("a duplicate waiting for a handler that panicked got %v, want status 500", r)
		}
	case <-time.After(2 * time.Second):
		t.Fatalf("a duplicate waiting for a handler that panicked was still waiting after 2s")
	}
	next := post(h, "k")
	wantBody(t, "a POST with the key after the panic (nothing may be stored)", next, 201, "second run")
}

func TestLeaderClientGone(t *testing.T) {
	g := newGate()
	var calls atomic.Int32
	h := g.front(NewIdemMiddleware(hour, 10)(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		calls.Add(1)
		<-g.open // ignores the request's context, as slow work often does
		w.WriteHeader(http.StatusCreated)
		io.WriteString(w, "done")
	})))
	ctx, cancel := context.WithCancel(context.Background())
	leader := make(chan reply, 1)
	go func() { leader <- doCtx(ctx, h, http.MethodPost, "/orders", "k", "") }()
	g.waitEntered(t, 1)
	wait := concurrently(h, 2, "k")
	g.waitEntered(t, 3)
	cancel() // the first client goes away
	time.Sleep(20 * time.Millisecond)
	close(g.open)
	<-leader
	for i, r := range wait() {
		wantBody(t, fmt.Sprintf("waiting duplicate #%d after the first client went away", i), r, 201, "done")
	}
	wantBody(t, "a later POST with the key", post(h, "k"), 201, "done")
	if n := calls.Load(); n != 1 {
		t.Errorf("the handler ran %d times, want 1", n)
	}
}

// The handler may see the leader's context end (the request passed on unchanged) or not
// (a detached context): whichever answer it then gives is the one everybody gets.
func TestLeaderGoneHandlerGivesUp(t *testing.T) {
	g := newGate()
	var calls atomic.Int32
	h := g.front(NewIdemMiddleware(hour, 10)(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		calls.Add(1)
		select {
		case <-r.Context().Done():
			w.WriteHeader(http.StatusServiceUnavailable)
			io.WriteString(w, "gave up")
		case <-g.open:
			w.WriteHeader(http.StatusCreated)
			io.WriteString(w, "done")
		}
	})))
	ctx, cancel := context.WithCancel(context.Background())
	leader := make(chan reply, 1)
	go func() { leader <- doCtx(ctx, h, http.MethodPost, "/orders", "k", "") }()
	g.waitEntered(t, 1)
	wait := concurrently(h, 2, "k")
	g.waitEntered(t, 3)
	cancel() // the first client goes away
	time.Sleep(50 * time.Millisecond)
	close(g.open)
	first := <-leader
	if first.panic != nil || (first.status != 503 && first.status != 201) {
		t.Fatalf("the leader's handler answered %v, want 503 \"gave up\" or 201 \"done\"", first)
	}
	for i, r := range wait() {
		if !r.same(first) {
			t.Errorf("waiting duplicate #%d after the first client went away got %v, want the handler's answer %v", i, r, first)
		}
	}
	if later := post(h, "k"); !later.same(first) {
		t.Errorf("a later POST with the key got %v, want the stored answer %v", later, first)
	}
	if n := calls.Load(); n != 1 {
		t.Errorf("the handler ran %d times, want 1", n)
	}
}

func TestIndependentMiddlewares(t *testing.T) {
	c1, c2 := &counter{}, &counter{}
	h1 := NewIdemMiddleware(hour, 10)(c1)
	h2 := NewIdemMiddleware(hour, 10)(c2)
	post(h1, "shared-key")
	wantBody(t, "the same key sent to a second, separate middleware", post(h2, "shared-key"), 201, orderReply(1))
	wantCalls(t, "second middleware", c2, 1)
}

func TestManyKeysConcurrently(t *testing.T) {
	var mu sync.Mutex
	runs := map[string]int{}
	h := NewIdemMiddleware(hour, 1000)(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		key := r.Header.Get("Idempotency-Key")
		mu.Lock()
		runs[key]++
		n := runs[key]
		mu.Unlock()
		time.Sleep(time.Millisecond)
		fmt.Fprintf(w, "%s:%d", key, n)
	}))
	const keys, perKey = 40, 6
	var wg sync.WaitGroup
	var bad atomic.Value
	for k := range keys {
		for range perKey {
			wg.Go(func() {
				key := fmt.Sprint("key-", k)
				for range 3 {
					if r := post(h, key); r.body != key+":1" {
						bad.CompareAndSwap(nil, fmt.Sprintf("POST with %s got %v, want body %q", key, r, key+":1"))
					}
				}
			})
		}
	}
	wg.Wait()
	if msg := bad.Load(); msg != nil {
		t.Error(msg)
	}
	for k := range keys {
		if n := runs[fmt.Sprint("key-", k)]; n != 1 {
			t.Errorf("%d goroutines × 3 POSTs with key-%d: the handler ran %d times for it, want 1", perKey, k, n)
			break
		}
	}
}

func TestOverHTTP(t *testing.T) {
	var calls atomic.Int32
	var entered atomic.Int32
	open := make(chan struct{})
	mw := NewIdemMiddleware(hour, 100)
	inner := mw(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		n := calls.Add(1)
		<-open
		w.Header().Set("Content-Type", "application/json")
		w.Header().Set("X-Order", strconv.Itoa(int(n)))
		w.WriteHeader(http.StatusCreated)
		fmt.Fprintf(w, `{"order":%d}`, n)
	}))
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		entered.Add(1)
		inner.ServeHTTP(w, r)
	}))
	defer srv.Close()

	send := func() (reply, error) {
		req, _ := http.NewRequest(http.MethodPost, srv.URL+"/orders", strings.NewReader("{}"))
		req.Header.Set("Idempotency-Key", "over-http")
		res, err := srv.Client().Do(req)
		if err != nil {
			return reply{}, err
		}
		defer res.Body.Close()
		b, _ := io.ReadAll(res.Body)
		return reply{status: res.StatusCode, header: res.Header, body: string(b)}, nil
	}
	const n = 10
	replies := make([]reply, n)
	errs := make([]error, n)
	var wg sync.WaitGroup
	for i := range n {
		wg.Go(func() { replies[i], errs[i] = send() })
	}
	deadline := time.Now().Add(3 * time.Second)
	for entered.Load() < n && time.Now().Before(deadline) {
		time.Sleep(time.Millisecond)
	}
	time.Sleep(50 * time.Millisecond)
	close(open)
	wg.Wait()
	later, err := send()
	replies = append(replies, later)
	errs = append(errs, err)
	for i := range replies {
		if errs[i] != nil {
			t.Fatalf("POST #%d over HTTP failed: %v", i, errs[i])
		}
		if !replies[i].same(replies[0]) || replies[i].status != 201 {
			t.Errorf("POST #%d over HTTP got %v, want the same reply as the first %v", i, replies[i], replies[0])
		}
	}
	if c := calls.Load(); c != 1 {
		t.Errorf("%d concurrent POSTs over HTTP with one key, then one more: the handler ran %d times, want 1", n, c)
	}
}
