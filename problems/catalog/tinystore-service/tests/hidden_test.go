package tinystore

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"net/http/httptest"
	"regexp"
	"runtime"
	"strings"
	"sync"
	"testing"
	"time"
)

// ---------- helpers ----------

// logCapture is a slog.Handler that keeps every record's attributes.
type logCapture struct {
	mu    *sync.Mutex
	recs  *[]map[string]slog.Value
	attrs []slog.Attr
}

func newLogCapture() (*slog.Logger, *logCapture) {
	c := &logCapture{mu: &sync.Mutex{}, recs: &[]map[string]slog.Value{}}
	return slog.New(c), c
}

func (c *logCapture) Enabled(context.Context, slog.Level) bool { return true }

func (c *logCapture) Handle(_ context.Context, r slog.Record) error {
	m := map[string]slog.Value{"msg": slog.StringValue(r.Message), "level": slog.StringValue(r.Level.String())}
	for _, a := range c.attrs {
		m[a.Key] = a.Value.Resolve()
	}
	r.Attrs(func(a slog.Attr) bool {
		m[a.Key] = a.Value.Resolve()
		return true
	})
	c.mu.Lock()
	*c.recs = append(*c.recs, m)
	c.mu.Unlock()
	return nil
}

func (c *logCapture) WithAttrs(as []slog.Attr) slog.Handler {
	return &logCapture{mu: c.mu, recs: c.recs, attrs: append(append([]slog.Attr{}, c.attrs...), as...)}
}

func (c *logCapture) WithGroup(string) slog.Handler { return c }

// withReqID returns the records whose "reqid" attribute is id.
func (c *logCapture) withReqID(id string) []map[string]slog.Value {
	c.mu.Lock()
	defer c.mu.Unlock()
	var out []map[string]slog.Value
	for _, m := range *c.recs {
		if v, ok := m["reqid"]; ok && v.String() == id {
			out = append(out, m)
		}
	}
	return out
}

func (c *logCapture) count() int {
	c.mu.Lock()
	defer c.mu.Unlock()
	return len(*c.recs)
}

// fakeStore is a Store that can fail and records the contexts it was given.
type fakeStore struct {
	mu     sync.Mutex
	data   map[string]string
	putErr error
	getErr error
	ctxs   []context.Context
}

func newFakeStore() *fakeStore { return &fakeStore{data: map[string]string{}} }

func (f *fakeStore) Put(ctx context.Context, key, value string) error {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.ctxs = append(f.ctxs, ctx)
	if f.putErr != nil {
		return f.putErr
	}
	f.data[key] = value
	return nil
}

func (f *fakeStore) Get(ctx context.Context, key string) (string, bool, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.ctxs = append(f.ctxs, ctx)
	if f.getErr != nil {
		return "", false, f.getErr
	}
	v, ok := f.data[key]
	return v, ok, nil
}

func (f *fakeStore) lastCtx() context.Context {
	f.mu.Lock()
	defer f.mu.Unlock()
	if len(f.ctxs) == 0 {
		return nil
	}
	return f.ctxs[len(f.ctxs)-1]
}

var _ Store = (*MemStore)(nil)

// send runs one request through h and returns the recorded response.
func send(h http.Handler, method, target, body string, header ...string) *httptest.ResponseRecorder {
	req := httptest.NewRequest(method, target, strings.NewReader(body))
	for i := 0; i+1 < len(header); i += 2 {
		req.Header.Set(header[i], header[i+1])
	}
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	return rec
}

func short(s string) string {
	if len(s) > 80 {
		return fmt.Sprintf("%s…(%d bytes)", s[:60], len(s))
	}
	return s
}

func expectStatus(t *testing.T, h http.Handler, method, target, body string, want int) *httptest.ResponseRecorder {
	t.Helper()
	rec := send(h, method, target, body)
	if rec.Code != want {
		t.Errorf("%s %s %s -> status %d (body %q), want %d", method, target, short(body), rec.Code, short(rec.Body.String()), want)
	}
	return rec
}

func newHandler() http.Handler { return NewRouter(NewMemStore(), nil).Handler() }

var idPattern = regexp.MustCompile(`^[A-Za-z0-9._-]{1,64}$`)

// ---------- config ----------

func setEnv(t *testing.T, port, read, grace string) {
	t.Setenv("PORT", port)
	t.Setenv("READ_TIMEOUT_MS", read)
	t.Setenv("SHUTDOWN_GRACE_MS", grace)
}

func TestConfigLoad(t *testing.T) {
	valid := []struct {
		name              string
		port, read, grace string
		want              Config
	}{
		{"defaults", "", "", "", Config{8080, 2 * time.Second, 5 * time.Second}},
		{"all-set", "9090", "150", "30000", Config{9090, 150 * time.Millisecond, 30 * time.Second}},
		{"port-1", "1", "", "", Config{1, 2 * time.Second, 5 * time.Second}},
		{"port-65535", "65535", "", "", Config{65535, 2 * time.Second, 5 * time.Second}},
		{"one-ms", "", "1", "1", Config{8080, time.Millisecond, time.Millisecond}},
		{"only-grace", "", "", "250", Config{8080, 2 * time.Second, 250 * time.Millisecond}},
		{"big-ms", "", "86400000", "", Config{8080, 24 * time.Hour, 5 * time.Second}},
	}
	for _, tc := range valid {
		t.Run(tc.name, func(t *testing.T) {
			setEnv(t, tc.port, tc.read, tc.grace)
			got, err := Load()
			if err != nil || got != tc.want {
				t.Errorf("Load() with PORT=%q READ_TIMEOUT_MS=%q SHUTDOWN_GRACE_MS=%q = %+v, %v; want %+v, nil",
					tc.port, tc.read, tc.grace, got, err, tc.want)
			}
		})
	}

	invalid := []struct {
		name, variable, value string
	}{
		{"port-word", "PORT", "http"},
		{"port-zero", "PORT", "0"},
		{"port-negative", "PORT", "-80"},
		{"port-too-big", "PORT", "65536"},
		{"port-huge", "PORT", "99999999999999999999"},
		{"port-float", "PORT", "80.5"},
		{"port-space", "PORT", " 8080"},
		{"read-zero", "READ_TIMEOUT_MS", "0"},
		{"read-negative", "READ_TIMEOUT_MS", "-100"},
		{"read-unit", "READ_TIMEOUT_MS", "2s"},
		{"read-overflow", "READ_TIMEOUT_MS", "9223372036854775807"},
		{"grace-zero", "SHUTDOWN_GRACE_MS", "0"},
		{"grace-exp", "SHUTDOWN_GRACE_MS", "1e3"},
		{"grace-overflow", "SHUTDOWN_GRACE_MS", "9300000000000000"},
	}
	for _, tc := range invalid {
		t.Run(tc.name, func(t *testing.T) {
			setEnv(t, "", "", "")
			t.Setenv(tc.variable, tc.value)
			got, err := Load()
			if err == nil {
				t.Fatalf("Load() with %s=%q = %+v, nil; want an error", tc.variable, tc.value, got)
			}
			if !strings.Contains(err.Error(), tc.variable) {
				t.Errorf("Load() with %s=%q: error %q does not name %s", tc.variable, tc.value, err, tc.variable)
			}
		})
	}
}

// ---------- store ----------

func TestMemStore(t *testing.T) {
	ctx := context.Background()

	t.Run("put-get-overwrite", func(t *testing.T) {
		s := NewMemStore()
		for _, kv := range [][2]string{{"a", "1"}, {"b", "2"}, {"a", "3"}, {"ключ", "значение ✓"}, {"", "empty key"}} {
			if err := s.Put(ctx, kv[0], kv[1]); err != nil {
				t.Fatalf("Put(%q, %q) = %v, want nil", kv[0], kv[1], err)
			}
		}
		want := map[string]string{"a": "3", "b": "2", "ключ": "значение ✓", "": "empty key"}
		for k, w := range want {
			if v, ok, err := s.Get(ctx, k); v != w || !ok || err != nil {
				t.Errorf("Get(%q) = %q, %v, %v; want %q, true, nil", k, v, ok, err, w)
			}
		}
		if v, ok, err := s.Get(ctx, "A"); v != "" || ok || err != nil {
			t.Errorf("Get(\"A\") = %q, %v, %v; want \"\", false, nil (keys are case-sensitive)", v, ok, err)
		}
	})

	t.Run("independent-stores", func(t *testing.T) {
		s1, s2 := NewMemStore(), NewMemStore()
		_ = s1.Put(ctx, "k", "v")
		if _, ok, _ := s2.Get(ctx, "k"); ok {
			t.Error("a value Put into one MemStore is visible in another")
		}
	})

	t.Run("cancelled-put", func(t *testing.T) {
		s := NewMemStore()
		cctx, cancel := context.WithCancel(ctx)
		cancel()
		if err := s.Put(cctx, "k", "v"); !errors.Is(err, context.Canceled) {
			t.Errorf("Put with a cancelled ctx = %v, want context.Canceled", err)
		}
		if v, ok, _ := s.Get(ctx, "k"); ok {
			t.Errorf("Put with a cancelled ctx still stored %q", v)
		}
	})

	t.Run("cancelled-get", func(t *testing.T) {
		s := NewMemStore()
		_ = s.Put(ctx, "k", "v")
		cctx, cancel := context.WithCancel(ctx)
		cancel()
		v, ok, err := s.Get(cctx, "k")
		if !errors.Is(err, context.Canceled) || ok || v != "" {
			t.Errorf("Get with a cancelled ctx = %q, %v, %v; want \"\", false, context.Canceled", v, ok, err)
		}
	})

	t.Run("deadline", func(t *testing.T) {
		s := NewMemStore()
		dctx, cancel := context.WithDeadline(ctx, time.Now().Add(-time.Second))
		defer cancel()
		if err := s.Put(dctx, "k", "v"); !errors.Is(err, context.DeadlineExceeded) {
			t.Errorf("Put with an expired deadline = %v, want context.DeadlineExceeded", err)
		}
		if _, _, err := s.Get(dctx, "k"); !errors.Is(err, context.DeadlineExceeded) {
			t.Errorf("Get with an expired deadline = %v, want context.DeadlineExceeded", err)
		}
	})

	t.Run("concurrent", func(t *testing.T) {
		s := NewMemStore()
		var wg sync.WaitGroup
		for g := 0; g < 16; g++ {
			wg.Add(1)
			go func() {
				defer wg.Done()
				for i := 0; i < 300; i++ {
					key := fmt.Sprintf("k%d", i%20)
					_ = s.Put(ctx, key, fmt.Sprint(g))
					_, _, _ = s.Get(ctx, key)
					_ = s.Put(ctx, fmt.Sprintf("g%d-%d", g, i), "x")
				}
			}()
		}
		wg.Wait()
		for g := 0; g < 16; g++ {
			if v, ok, _ := s.Get(ctx, fmt.Sprintf("g%d-299", g)); !ok || v != "x" {
				t.Fatalf("after concurrent Puts, Get(g%d-299) = %q, %v; want \"x\", true", g, v, ok)
			}
		}
	})
}

// ---------- HTTP API ----------

func TestHealthz(t *testing.T) {
	h := newHandler()
	rec := expectStatus(t, h, "GET", "/healthz", "", 200)
	if got := rec.Body.String(); got != "ok" {
		t.Errorf("GET /healthz -> body %q, want \"ok\"", got)
	}
	expectStatus(t, h, "HEAD", "/healthz", "", 200)
	expectStatus(t, h, "POST", "/healthz", "", 405)
}

func TestReadyz(t *testing.T) {
	store := newFakeStore()
	h := NewRouter(store, nil).Handler()

	expectStatus(t, h, "GET", "/readyz", "", 503)
	expectStatus(t, h, "PUT", "/kv/a", `{"value":`, 400)
	expectStatus(t, h, "PUT", "/kv/a", `{"value":""}`, 400)
	expectStatus(t, h, "GET", "/readyz", "", 503)

	store.putErr = errors.New("disk full")
	expectStatus(t, h, "PUT", "/kv/a", `{"value":"1"}`, 500)
	if rec := send(h, "GET", "/readyz", ""); rec.Code != 503 {
		t.Errorf("GET /readyz after only a failed PUT (store error) -> %d, want 503", rec.Code)
	}

	store.putErr = nil
	expectStatus(t, h, "PUT", "/kv/a", `{"value":"1"}`, 204)
	rec := expectStatus(t, h, "GET", "/readyz", "", 200)
	if got := rec.Body.String(); got != "ready" {
		t.Errorf("GET /readyz after a PUT -> body %q, want \"ready\"", got)
	}

	store.putErr = errors.New("disk full")
	expectStatus(t, h, "PUT", "/kv/b", `{"value":"1"}`, 500)
	if rec := send(h, "GET", "/readyz", ""); rec.Code != 200 {
		t.Errorf("GET /readyz after a later failed PUT -> %d, want 200 (ready stays ready)", rec.Code)
	}

	t.Run("per-router", func(t *testing.T) {
		s := NewMemStore()
		h1 := NewRouter(s, nil).Handler()
		h2 := NewRouter(s, nil).Handler()
		expectStatus(t, h1, "PUT", "/kv/x", `{"value":"y"}`, 204)
		if rec := send(h2, "GET", "/readyz", ""); rec.Code != 503 {
			t.Errorf("a second Router reports /readyz %d after a PUT through the first, want 503: readiness belongs to each Router", rec.Code)
		}
		if rec := send(h1, "GET", "/readyz", ""); rec.Code != 200 {
			t.Errorf("GET /readyz on the Router that served the PUT -> %d, want 200", rec.Code)
		}
	})
}

func TestKV(t *testing.T) {
	h := newHandler()

	t.Run("round-trip", func(t *testing.T) {
		rec := expectStatus(t, h, "PUT", "/kv/hello", `{"value":"world"}`, 204)
		if rec.Body.Len() != 0 {
			t.Errorf("PUT -> 204 with a body %q, want none", rec.Body.String())
		}
		rec = expectStatus(t, h, "GET", "/kv/hello", "", 200)
		if ct := rec.Header().Get("Content-Type"); !strings.HasPrefix(ct, "application/json") {
			t.Errorf("GET /kv/hello -> Content-Type %q, want application/json", ct)
		}
		var got map[string]any
		if err := json.Unmarshal(rec.Body.Bytes(), &got); err != nil || len(got) != 1 || got["value"] != "world" {
			t.Errorf("GET /kv/hello -> body %q, want {\"value\":\"world\"}", rec.Body.String())
		}
	})

	t.Run("overwrite", func(t *testing.T) {
		expectStatus(t, h, "PUT", "/kv/k", `{"value":"one"}`, 204)
		expectStatus(t, h, "PUT", "/kv/k", `{"value":"two"}`, 204)
		rec := expectStatus(t, h, "GET", "/kv/k", "", 200)
		if !strings.Contains(rec.Body.String(), `"two"`) {
			t.Errorf("GET /kv/k after two PUTs -> %q, want the second value", rec.Body.String())
		}
	})

	t.Run("missing", func(t *testing.T) {
		expectStatus(t, h, "GET", "/kv/never-set", "", 404)
		expectStatus(t, h, "GET", "/kv/HELLO", "", 404)
	})

	keys := []struct{ name, path, key string }{
		{"slashes", "/kv/a/b/c", "a/b/c"},
		{"escaped-space", "/kv/hello%20world", "hello world"},
		{"unicode", "/kv/%D0%BA%D0%BB%D1%8E%D1%87", "ключ"},
		{"dots", "/kv/v1.2.3", "v1.2.3"},
	}
	for _, k := range keys {
		t.Run("key-"+k.name, func(t *testing.T) {
			store := newFakeStore()
			hh := NewRouter(store, nil).Handler()
			expectStatus(t, hh, "PUT", k.path, `{"value":"v"}`, 204)
			if _, ok := store.data[k.key]; !ok {
				t.Errorf("PUT %s stored keys %v, want key %q", k.path, store.data, k.key)
			}
			rec := expectStatus(t, hh, "GET", k.path, "", 200)
			if !strings.Contains(rec.Body.String(), `"v"`) {
				t.Errorf("GET %s -> %q, want the stored value", k.path, rec.Body.String())
			}
		})
	}

	t.Run("key-escaped-double-slash", func(t *testing.T) {
		store := newFakeStore()
		hh := NewRouter(store, nil).Handler()
		expectStatus(t, hh, "PUT", "/kv/a%2F%2Fb", `{"value":"v"}`, 204)
		if _, ok := store.data["a//b"]; !ok {
			t.Errorf("PUT /kv/a%%2F%%2Fb stored keys %v, want key %q", store.data, "a//b")
		}
		expectStatus(t, hh, "GET", "/kv/a%2F%2Fb", "", 200)
	})

	for _, tc := range []struct{ name, path, clean string }{
		{"unclean-path-double-slash", "/kv/a//b", "/kv/a/b"},
		{"unclean-path-dot-dot", "/kv/x/../y", "/kv/y"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			store := newFakeStore()
			hh := NewRouter(store, nil).Handler()
			for _, method := range []string{"PUT", "GET"} {
				rec := send(hh, method, tc.path, `{"value":"v"}`)
				if rec.Code < 300 || rec.Code > 399 || rec.Header().Get("Location") != tc.clean {
					t.Errorf("%s %s -> status %d, Location %q; want ServeMux's redirect (3xx) to %s",
						method, tc.path, rec.Code, rec.Header().Get("Location"), tc.clean)
				}
			}
			if len(store.data) != 0 {
				t.Errorf("PUT %s stored %v, want nothing stored (the request is redirected)", tc.path, store.data)
			}
		})
	}

	for _, tc := range []struct{ name, body string }{
		{"after-object-garbage", `{"value":"a"} trailing`},
		{"after-object-second-object", `{"value":"a"}{"value":"b"}`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			store := newFakeStore()
			hh := NewRouter(store, nil).Handler()
			expectStatus(t, hh, "PUT", "/kv/t", tc.body, 204)
			if v := store.data["t"]; v != "a" {
				t.Errorf("PUT /kv/t %s stored %q, want %q (only the first JSON value counts)", tc.body, v, "a")
			}
		})
	}

	t.Run("json-escaping", func(t *testing.T) {
		val := "line1\nline2 \"quoted\" <tag> & ✓ 😀"
		body, _ := json.Marshal(map[string]string{"value": val})
		expectStatus(t, h, "PUT", "/kv/esc", string(body), 204)
		rec := expectStatus(t, h, "GET", "/kv/esc", "", 200)
		var got struct{ Value string }
		if err := json.Unmarshal(rec.Body.Bytes(), &got); err != nil || got.Value != val {
			t.Errorf("GET /kv/esc -> %q (decode err %v), want value %q", rec.Body.String(), err, val)
		}
	})

	t.Run("unknown-fields-ignored", func(t *testing.T) {
		expectStatus(t, h, "PUT", "/kv/extra", `{"value":"v","ttl":30}`, 204)
	})

	t.Run("near-limit", func(t *testing.T) {
		big := strings.Repeat("a", 900_000)
		expectStatus(t, h, "PUT", "/kv/big", `{"value":"`+big+`"}`, 204)
		rec := expectStatus(t, h, "GET", "/kv/big", "", 200)
		if rec.Body.Len() < 900_000 {
			t.Errorf("GET /kv/big returned %d bytes, want the 900000-byte value", rec.Body.Len())
		}
	})
}

func TestPutValidation(t *testing.T) {
	bad := []struct{ name, body string }{
		{"empty-body", ""},
		{"truncated", `{"value":`},
		{"not-json", `value=x`},
		{"array", `["x"]`},
		{"number-value", `{"value":5}`},
		{"null-value", `{"value":null}`},
		{"no-value", `{}`},
		{"empty-value", `{"value":""}`},
		{"wrong-name", `{"val":"x"}`},
	}
	for _, tc := range bad {
		t.Run(tc.name, func(t *testing.T) {
			store := newFakeStore()
			h := NewRouter(store, nil).Handler()
			expectStatus(t, h, "PUT", "/kv/k", tc.body, 400)
			if len(store.data) != 0 {
				t.Errorf("PUT /kv/k %s -> stored %v, want nothing stored", tc.body, store.data)
			}
		})
	}

	t.Run("too-large", func(t *testing.T) {
		store := newFakeStore()
		h := NewRouter(store, nil).Handler()
		body := `{"value":"` + strings.Repeat("x", 2<<20) + `"}`
		expectStatus(t, h, "PUT", "/kv/k", body, 413)
		if len(store.data) != 0 {
			t.Error("a 2 MiB PUT body was stored, want it rejected")
		}
	})

	t.Run("empty-key", func(t *testing.T) {
		h := newHandler()
		expectStatus(t, h, "PUT", "/kv/", `{"value":"x"}`, 400)
		expectStatus(t, h, "GET", "/kv/", "", 400)
	})
}

func TestRouting(t *testing.T) {
	h := newHandler()
	expectStatus(t, h, "DELETE", "/kv/x", "", 405)
	expectStatus(t, h, "POST", "/kv/x", `{"value":"y"}`, 405)
	expectStatus(t, h, "PUT", "/readyz", "", 405)
	expectStatus(t, h, "GET", "/nope", "", 404)
	expectStatus(t, h, "GET", "/kvx/a", "", 404)
	expectStatus(t, h, "GET", "/", "", 404)
}

func TestStoreErrors(t *testing.T) {
	store := newFakeStore()
	store.data["k"] = "v"
	store.getErr = errors.New("connection reset")
	store.putErr = errors.New("read-only")
	h := NewRouter(store, nil).Handler()
	rec := expectStatus(t, h, "GET", "/kv/k", "", 500)
	if strings.Contains(rec.Body.String(), "connection reset") {
		t.Errorf("GET with a failing store leaked the internal error to the client: %q", rec.Body.String())
	}
	expectStatus(t, h, "PUT", "/kv/k", `{"value":"w"}`, 500)
}

func TestStoreGetsRequestContext(t *testing.T) {
	store := newFakeStore()
	h := NewRouter(store, nil).Handler()

	for _, step := range []struct{ method, body string }{{"PUT", `{"value":"v"}`}, {"GET", ""}} {
		req := httptest.NewRequest(step.method, "/kv/k", strings.NewReader(step.body))
		type probeKey struct{}
		req = req.WithContext(context.WithValue(req.Context(), probeKey{}, "from-client"))
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, req)
		ctx := store.lastCtx()
		if ctx == nil {
			t.Fatalf("%s /kv/k never called the store", step.method)
		}
		if ctx.Value(probeKey{}) != "from-client" {
			t.Errorf("%s /kv/k: the store got a context not derived from the request's (use r.Context())", step.method)
		}
		id := rec.Header().Get("X-Request-ID")
		if got := RequestID(ctx); got == "" || got != id {
			t.Errorf("%s /kv/k: RequestID(store's ctx) = %q, want the response's X-Request-ID %q", step.method, got, id)
		}
	}

	t.Run("cancelled-request", func(t *testing.T) {
		h := newHandler()
		send(h, "PUT", "/kv/k", `{"value":"v"}`)
		ctx, cancel := context.WithCancel(context.Background())
		cancel()
		req := httptest.NewRequest("GET", "/kv/k", nil).WithContext(ctx)
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, req)
		if rec.Code == 200 {
			t.Errorf("GET /kv/k with an already-cancelled request context -> 200, want an error status: MemStore must respect ctx")
		}
	})
}

// ---------- request id ----------

func TestRequestID(t *testing.T) {
	h := newHandler()

	t.Run("on-every-response", func(t *testing.T) {
		for _, r := range []struct{ method, path, body string }{
			{"GET", "/healthz", ""}, {"GET", "/readyz", ""}, {"GET", "/nope", ""},
			{"DELETE", "/kv/x", ""}, {"PUT", "/kv/x", "{"}, {"GET", "/kv/missing", ""},
		} {
			rec := send(h, r.method, r.path, r.body)
			id := rec.Header().Get("X-Request-ID")
			if !idPattern.MatchString(id) {
				t.Errorf("%s %s (status %d) -> X-Request-ID %q, want 1-64 characters of [A-Za-z0-9._-]", r.method, r.path, rec.Code, id)
			}
		}
	})

	t.Run("reuses-valid-incoming", func(t *testing.T) {
		for _, in := range []string{"abc-123", "req_2024.01.01-XYZ", strings.Repeat("z", 64), "7"} {
			rec := send(h, "GET", "/healthz", "", "X-Request-ID", in)
			if got := rec.Header().Get("X-Request-ID"); got != in {
				t.Errorf("GET /healthz with X-Request-ID %q -> X-Request-ID %q, want it reused", in, got)
			}
		}
	})

	t.Run("replaces-invalid-incoming", func(t *testing.T) {
		for _, in := range []string{strings.Repeat("z", 65), "has space", "semi;colon", "<script>", "ключ", "a/b"} {
			rec := send(h, "GET", "/healthz", "", "X-Request-ID", in)
			got := rec.Header().Get("X-Request-ID")
			if got == in || !idPattern.MatchString(got) {
				t.Errorf("GET /healthz with X-Request-ID %q -> X-Request-ID %q, want a newly generated valid id", in, got)
			}
		}
	})

	t.Run("unique", func(t *testing.T) {
		const n = 400
		ids := make([]string, n)
		var wg sync.WaitGroup
		for i := range n {
			wg.Add(1)
			go func() {
				defer wg.Done()
				ids[i] = send(h, "GET", "/healthz", "").Header().Get("X-Request-ID")
			}()
		}
		wg.Wait()
		seen := map[string]int{}
		for i, id := range ids {
			if j, dup := seen[id]; dup {
				t.Fatalf("requests %d and %d (concurrent) got the same X-Request-ID %q", j, i, id)
			}
			seen[id] = i
		}
	})

	t.Run("accessor", func(t *testing.T) {
		if got := RequestID(context.Background()); got != "" {
			t.Errorf("RequestID(context.Background()) = %q, want \"\"", got)
		}
		type other string
		ctx := context.WithValue(context.Background(), other("reqid"), "spoofed")
		ctx = context.WithValue(ctx, "reqid", "spoofed") //nolint:staticcheck // a string key on purpose
		if got := RequestID(ctx); got != "" {
			t.Errorf("RequestID(ctx with a plain \"reqid\" string key) = %q, want \"\": use an unexported key type", got)
		}
	})
}

// ---------- access log ----------

func TestAccessLog(t *testing.T) {
	logger, logs := newLogCapture()
	h := NewRouter(NewMemStore(), logger).Handler()

	cases := []struct {
		method, path, body string
		status             int
	}{
		{"GET", "/healthz", "", 200},
		{"GET", "/readyz", "", 503},
		{"PUT", "/kv/alpha", `{"value":"1"}`, 204},
		{"GET", "/kv/alpha", "", 200},
		{"GET", "/kv/beta", "", 404},
		{"PUT", "/kv/alpha", `oops`, 400},
		{"DELETE", "/kv/alpha", "", 405},
		{"GET", "/nowhere", "", 404},
	}
	for _, c := range cases {
		rec := send(h, c.method, c.path, c.body)
		id := rec.Header().Get("X-Request-ID")
		recs := logs.withReqID(id)
		if len(recs) != 1 {
			t.Errorf("%s %s: %d log records with reqid=%q, want exactly 1", c.method, c.path, len(recs), id)
			continue
		}
		r := recs[0]
		if v, ok := r["status"]; !ok || v.Kind() != slog.KindInt64 || v.Int64() != int64(c.status) {
			t.Errorf("%s %s: log record status = %v (present=%v), want the int %d that was sent", c.method, c.path, v, ok, c.status)
		}
		if v := r["method"]; v.String() != c.method {
			t.Errorf("%s %s: log record method = %q, want %q", c.method, c.path, v.String(), c.method)
		}
		if v := r["path"]; v.String() != c.path {
			t.Errorf("%s %s: log record path = %q, want %q", c.method, c.path, v.String(), c.path)
		}
		if v := r["level"]; v.String() != "INFO" {
			t.Errorf("%s %s: log record level = %v, want INFO", c.method, c.path, v)
		}
	}

	t.Run("incoming-id-logged", func(t *testing.T) {
		send(h, "GET", "/healthz", "", "X-Request-ID", "trace-42")
		if n := len(logs.withReqID("trace-42")); n != 1 {
			t.Errorf("a request with X-Request-ID trace-42 produced %d log records with reqid=trace-42, want 1", n)
		}
	})

	t.Run("nil-logger", func(t *testing.T) {
		defer func() {
			if p := recover(); p != nil {
				t.Fatalf("NewRouter(store, nil): a request panicked: %v", p)
			}
		}()
		hh := NewRouter(NewMemStore(), nil).Handler()
		if rec := send(hh, "GET", "/healthz", ""); rec.Code != 200 {
			t.Errorf("with a nil logger GET /healthz -> %d, want 200", rec.Code)
		}
	})
}

// ---------- over real HTTP ----------

func TestOverHTTP(t *testing.T) {
	logger, logs := newLogCapture()
	srv := httptest.NewServer(NewRouter(NewMemStore(), logger).Handler())
	defer srv.Close()
	client := srv.Client()

	do := func(method, path, body string) (int, string, http.Header) {
		req, _ := http.NewRequest(method, srv.URL+path, strings.NewReader(body))
		resp, err := client.Do(req)
		if err != nil {
			t.Errorf("%s %s: %v", method, path, err)
			return 0, "", nil
		}
		defer resp.Body.Close()
		b, _ := io.ReadAll(resp.Body)
		return resp.StatusCode, string(b), resp.Header
	}

	if code, _, _ := do("GET", "/readyz", ""); code != 503 {
		t.Errorf("GET /readyz on a fresh server -> %d, want 503", code)
	}
	var wg sync.WaitGroup
	errs := make(chan string, 64)
	for g := 0; g < 8; g++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := 0; i < 25; i++ {
				key := fmt.Sprintf("/kv/g%d/%d", g, i)
				val := fmt.Sprintf("v-%d-%d", g, i)
				if code, _, _ := do("PUT", key, `{"value":"`+val+`"}`); code != 204 {
					errs <- fmt.Sprintf("PUT %s -> %d, want 204", key, code)
					return
				}
				code, body, hdr := do("GET", key, "")
				if code != 200 || !strings.Contains(body, val) {
					errs <- fmt.Sprintf("GET %s -> %d %q, want 200 with %q", key, code, body, val)
					return
				}
				if hdr.Get("X-Request-ID") == "" {
					errs <- fmt.Sprintf("GET %s -> no X-Request-ID", key)
					return
				}
				_, _, _ = do("GET", "/readyz", "")
			}
		}()
	}
	wg.Wait()
	close(errs)
	for e := range errs {
		t.Error(e)
	}
	if code, body, _ := do("GET", "/readyz", ""); code != 200 || body != "ready" {
		t.Errorf("GET /readyz after PUTs -> %d %q, want 200 \"ready\"", code, body)
	}
	if n := logs.count(); n < 8*25*3 {
		t.Errorf("%d access-log records for at least %d requests, want one per request", n, 8*25*3)
	}
}

// ---------- Serve: graceful shutdown ----------

type serveRun struct {
	ln     net.Listener
	cancel context.CancelFunc
	done   chan error
	url    string
}

func startServe(t *testing.T, h http.Handler, cfg Config) *serveRun {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	r := &serveRun{ln: ln, cancel: cancel, done: make(chan error, 1), url: "http://" + ln.Addr().String()}
	go func() { r.done <- Serve(ctx, ln, h, cfg) }()
	select {
	case err := <-r.done:
		cancel()
		ln.Close()
		t.Fatalf("Serve returned %v at once, before its context was cancelled; want it to serve until then", err)
	case <-time.After(20 * time.Millisecond):
	}
	t.Cleanup(func() {
		cancel()
		select {
		case <-r.done:
		case <-time.After(3 * time.Second):
		}
		ln.Close()
	})
	return r
}

// wait returns Serve's result, failing the test if it takes longer than d.
func (r *serveRun) wait(t *testing.T, d time.Duration, what string) error {
	t.Helper()
	select {
	case err := <-r.done:
		r.done <- err // keep it for Cleanup
		return err
	case <-time.After(d):
		t.Fatalf("Serve did not return within %v %s", d, what)
		return nil
	}
}

func noKeepAlive() *http.Client {
	return &http.Client{Timeout: 2 * time.Second, Transport: &http.Transport{DisableKeepAlives: true}}
}

func TestServeStartStop(t *testing.T) {
	r := startServe(t, newHandler(), Config{ReadTimeout: time.Second, ShutdownGrace: time.Second})
	resp, err := noKeepAlive().Get(r.url + "/healthz")
	if err != nil {
		t.Fatalf("GET /healthz through Serve: %v", err)
	}
	resp.Body.Close()
	if resp.StatusCode != 200 {
		t.Errorf("GET /healthz through Serve -> %d, want 200", resp.StatusCode)
	}
	r.cancel()
	if err := r.wait(t, 2*time.Second, "after ctx was cancelled with no request in flight"); err != nil {
		t.Errorf("Serve returned %v after a clean shutdown, want nil (http.ErrServerClosed is not an error here)", err)
	}
	if c, err := net.DialTimeout("tcp", r.ln.Addr().String(), time.Second); err == nil {
		c.Close()
		t.Error("the listener still accepts connections after Serve returned")
	}
}

func TestServeDrainsInFlight(t *testing.T) {
	started := make(chan struct{})
	var once sync.Once
	h := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		once.Do(func() { close(started) })
		time.Sleep(800 * time.Millisecond)
		_, _ = io.WriteString(w, "done")
	})
	r := startServe(t, h, Config{ReadTimeout: time.Second, ShutdownGrace: 3 * time.Second})

	type result struct {
		code int
		body string
		err  error
	}
	res := make(chan result, 1)
	go func() {
		resp, err := noKeepAlive().Get(r.url + "/slow")
		if err != nil {
			res <- result{err: err}
			return
		}
		defer resp.Body.Close()
		b, _ := io.ReadAll(resp.Body)
		res <- result{code: resp.StatusCode, body: string(b)}
	}()
	select {
	case <-started:
	case <-time.After(2 * time.Second):
		t.Fatal("the slow request never reached the handler")
	}
	cancelled := time.Now()
	r.cancel()

	// While the request drains, new connections must be refused (polled for
	// up to 400ms, to allow for a slow machine).
	for {
		c, err := net.DialTimeout("tcp", r.ln.Addr().String(), 200*time.Millisecond)
		if err != nil {
			break
		}
		c.Close()
		if time.Since(cancelled) > 400*time.Millisecond {
			t.Error("400ms into shutdown the listener still accepted new connections; Shutdown should stop accepting at once")
			break
		}
		time.Sleep(20 * time.Millisecond)
	}

	err := r.wait(t, 3*time.Second, "while draining an 800ms request with a 3s grace period")
	took := time.Since(cancelled)
	if err != nil {
		t.Errorf("Serve returned %v after draining, want nil", err)
	}
	if took < 400*time.Millisecond {
		t.Errorf("Serve returned %v after cancel, before the in-flight request (800ms) finished: it must wait", took.Round(time.Millisecond))
	}
	got := <-res
	if got.err != nil || got.code != 200 || got.body != "done" {
		t.Errorf("the in-flight request during shutdown got %d %q (err %v), want 200 \"done\"", got.code, got.body, got.err)
	}
}

func TestServeGraceExpires(t *testing.T) {
	release := make(chan struct{})
	defer close(release)
	started := make(chan struct{})
	var once sync.Once
	h := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		once.Do(func() { close(started) })
		select {
		case <-release:
		case <-time.After(5 * time.Second):
		}
		_, _ = io.WriteString(w, "late")
	})
	r := startServe(t, h, Config{ReadTimeout: time.Second, ShutdownGrace: 100 * time.Millisecond})

	clientErr := make(chan error, 1)
	go func() {
		resp, err := noKeepAlive().Get(r.url + "/stuck")
		if err == nil {
			_, err = io.ReadAll(resp.Body)
			resp.Body.Close()
			if err == nil {
				err = errors.New("no error")
			}
		}
		clientErr <- err
	}()
	select {
	case <-started:
	case <-time.After(2 * time.Second):
		t.Fatal("the stuck request never reached the handler")
	}
	r.cancel()
	err := r.wait(t, 2*time.Second, "with a 100ms grace period and a stuck request")
	if !errors.Is(err, context.DeadlineExceeded) {
		t.Errorf("Serve with a stuck request and a 100ms grace returned %v, want an error wrapping context.DeadlineExceeded", err)
	}
	select {
	case <-clientErr:
	case <-time.After(time.Second):
		t.Error("after the grace period ran out the stuck connection was left open: close the remaining connections (srv.Close)")
	}
}

func TestServeCancelledBeforeStart(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	done := make(chan error, 1)
	go func() {
		done <- Serve(ctx, ln, newHandler(), Config{ReadTimeout: time.Second, ShutdownGrace: time.Second})
	}()
	select {
	case err := <-done:
		if err != nil {
			t.Errorf("Serve with an already-cancelled ctx returned %v, want nil", err)
		}
	case <-time.After(2 * time.Second):
		t.Fatal("Serve with an already-cancelled ctx did not return within 2s")
	}
}

func TestServeBrokenListener(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	ln.Close()
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	done := make(chan error, 1)
	go func() {
		done <- Serve(ctx, ln, newHandler(), Config{ReadTimeout: time.Second, ShutdownGrace: time.Second})
	}()
	select {
	case err := <-done:
		if err == nil || errors.Is(err, http.ErrServerClosed) {
			t.Errorf("Serve on a closed listener returned %v, want the listener's error", err)
		}
	case <-time.After(2 * time.Second):
		t.Fatal("Serve on a closed listener did not return within 2s: return the error from http.Server.Serve")
	}
}

func TestServeReadTimeout(t *testing.T) {
	r := startServe(t, newHandler(), Config{ReadTimeout: 100 * time.Millisecond, ShutdownGrace: time.Second})
	conn, err := net.DialTimeout("tcp", r.ln.Addr().String(), time.Second)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	// Headers that never end: a slow (or malicious) client.
	if _, err := io.WriteString(conn, "GET /healthz HTTP/1.1\r\nHost: x\r\n"); err != nil {
		t.Fatal(err)
	}
	_ = conn.SetReadDeadline(time.Now().Add(1500 * time.Millisecond))
	start := time.Now()
	_, err = io.ReadAll(conn)
	var ne net.Error
	if errors.As(err, &ne) && ne.Timeout() {
		t.Errorf("a client that never finished its headers was still connected after %v; with ReadTimeout=100ms "+
			"the server must drop it (set http.Server.ReadTimeout from cfg)", time.Since(start).Round(time.Millisecond))
	}
}

func TestServeNoGoroutineLeak(t *testing.T) {
	base := settledGoroutines()
	for i := 0; i < 3; i++ {
		ln, err := net.Listen("tcp", "127.0.0.1:0")
		if err != nil {
			t.Fatal(err)
		}
		ctx, cancel := context.WithCancel(context.Background())
		done := make(chan error, 1)
		go func() {
			done <- Serve(ctx, ln, newHandler(), Config{ReadTimeout: time.Second, ShutdownGrace: time.Second})
		}()
		tr := &http.Transport{}
		client := &http.Client{Timeout: 2 * time.Second, Transport: tr}
		if resp, err := client.Get("http://" + ln.Addr().String() + "/healthz"); err == nil {
			_, _ = io.Copy(io.Discard, resp.Body)
			resp.Body.Close()
		}
		tr.CloseIdleConnections()
		cancel()
		select {
		case <-done:
		case <-time.After(2 * time.Second):
			t.Fatal("Serve did not return within 2s after cancel")
		}
	}
	deadline := time.Now().Add(2 * time.Second)
	for runtime.NumGoroutine() > base && time.Now().Before(deadline) {
		time.Sleep(10 * time.Millisecond)
	}
	if n := runtime.NumGoroutine(); n > base {
		t.Errorf("%d goroutines before, %d two seconds after three Serve runs ended: goroutines leaked", base, n)
	}
}

// settledGoroutines is the number of goroutines once it stops falling: an earlier test's
// goroutines may still be winding down, and a baseline counting them would hide a leak.
func settledGoroutines() int {
	n := runtime.NumGoroutine()
	for range 100 {
		time.Sleep(10 * time.Millisecond)
		m := runtime.NumGoroutine()
		if m >= n {
			return m
		}
		n = m
	}
	return n
}
