package mid

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"regexp"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

// ---- a slog handler that keeps every record ----

type logRecord struct {
	level slog.Level
	msg   string
	attrs map[string]any
}

type logStore struct {
	mu   sync.Mutex
	recs []logRecord
}

type capHandler struct {
	store *logStore
	pre   []slog.Attr
}

func (h capHandler) Enabled(context.Context, slog.Level) bool { return true }
func (h capHandler) WithGroup(string) slog.Handler            { return h }
func (h capHandler) WithAttrs(as []slog.Attr) slog.Handler {
	return capHandler{h.store, append(append([]slog.Attr(nil), h.pre...), as...)}
}
func (h capHandler) Handle(_ context.Context, r slog.Record) error {
	attrs := map[string]any{}
	add := func(a slog.Attr) bool {
		attrs[a.Key] = a.Value.Resolve().Any()
		return true
	}
	for _, a := range h.pre {
		add(a)
	}
	r.Attrs(add)
	h.store.mu.Lock()
	h.store.recs = append(h.store.recs, logRecord{r.Level, r.Message, attrs})
	h.store.mu.Unlock()
	return nil
}

func (s *logStore) records() []logRecord {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]logRecord(nil), s.recs...)
}

func newLogger() (*slog.Logger, *logStore) {
	s := &logStore{}
	return slog.New(capHandler{store: s}), s
}

func attrString(r logRecord, key string) (string, bool) {
	v, ok := r.attrs[key]
	if !ok {
		return "", false
	}
	return fmt.Sprint(v), true
}

// serve calls h directly with a recorder.
func serve(h http.Handler, method, target string, hdr map[string]string) *httptest.ResponseRecorder {
	req := httptest.NewRequest(method, target, nil)
	for k, v := range hdr {
		req.Header.Set(k, v)
	}
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	return rec
}

// catch runs f and returns what it panicked with (nil if it did not).
func catch(f func()) (p any) {
	defer func() { p = recover() }()
	f()
	return nil
}

// ---- Recover ----

func TestRecover(t *testing.T) {
	t.Run("no-panic", func(t *testing.T) {
		logger, logs := newLogger()
		h := Recover(logger)(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("X-Ok", "1")
			w.WriteHeader(http.StatusCreated)
			io.WriteString(w, "made")
		}))
		rec := serve(h, "POST", "/things", nil)
		if rec.Code != 201 || rec.Body.String() != "made" || rec.Header().Get("X-Ok") != "1" {
			t.Errorf("Recover around a handler that answers 201 \"made\": got %d %q (X-Ok=%q)", rec.Code, rec.Body.String(), rec.Header().Get("X-Ok"))
		}
		if n := len(logs.records()); n != 0 {
			t.Errorf("Recover logged %d record(s) for a request that did not panic, want 0", n)
		}
	})
	for _, tc := range []struct {
		name  string
		value any
		want  string
	}{
		{"string", "boom", "boom"},
		{"error", errors.New("db is gone"), "db is gone"},
		{"int", 42, "42"},
	} {
		t.Run("panic-"+tc.name, func(t *testing.T) {
			logger, logs := newLogger()
			h := Recover(logger)(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				w.Header().Set("X-Before", "kept")
				panic(tc.value)
			}))
			var rec *httptest.ResponseRecorder
			if p := catch(func() { rec = serve(h, "GET", "/boom", nil) }); p != nil {
				t.Fatalf("Recover let a panic(%#v) through: %v", tc.value, p)
			}
			if rec.Code != 500 || strings.TrimSpace(rec.Body.String()) != "internal error" {
				t.Errorf("after panic(%#v): response %d %q, want 500 \"internal error\"", tc.value, rec.Code, rec.Body.String())
			}
			recs := logs.records()
			if len(recs) != 1 {
				t.Fatalf("after panic(%#v): %d log records, want exactly 1", tc.value, len(recs))
			}
			r := recs[0]
			if r.level != slog.LevelError || r.msg != "panic" {
				t.Errorf("the panic was logged at %v with message %q, want ERROR \"panic\"", r.level, r.msg)
			}
			if got, _ := attrString(r, "err"); !strings.Contains(got, tc.want) {
				t.Errorf("the panic record's \"err\" attribute is %q, want it to show the panic value %q", got, tc.want)
			}
			if got, _ := attrString(r, "stack"); !strings.Contains(got, "goroutine") {
				t.Errorf("the panic record's \"stack\" attribute is %q, want the stack trace (debug.Stack)", got)
			}
		})
	}
	t.Run("panic-after-body", func(t *testing.T) {
		logger, logs := newLogger()
		h := Recover(logger)(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			io.WriteString(w, "partial")
			panic("late")
		}))
		var rec *httptest.ResponseRecorder
		if p := catch(func() { rec = serve(h, "GET", "/late", nil) }); p != nil {
			t.Fatalf("Recover let a panic after the body was written through: %v", p)
		}
		if rec.Code != 200 || rec.Body.String() != "partial" {
			t.Errorf("panic after the handler wrote \"partial\": response %d %q, want 200 \"partial\" "+
				"(once the response has started, Recover must not write anything more)", rec.Code, rec.Body.String())
		}
		if n := len(logs.records()); n != 1 {
			t.Errorf("panic after the body was written: %d log records, want 1", n)
		}
	})
	t.Run("panic-after-header", func(t *testing.T) {
		logger, _ := newLogger()
		h := Recover(logger)(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			w.WriteHeader(http.StatusAccepted)
			panic("late")
		}))
		var rec *httptest.ResponseRecorder
		if p := catch(func() { rec = serve(h, "GET", "/late", nil) }); p != nil {
			t.Fatalf("Recover let a panic after WriteHeader through: %v", p)
		}
		if rec.Code != 202 || rec.Body.String() != "" {
			t.Errorf("panic after WriteHeader(202): response %d %q, want 202 with an empty body", rec.Code, rec.Body.String())
		}
	})
	t.Run("abort-handler", func(t *testing.T) {
		logger, logs := newLogger()
		h := Recover(logger)(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			panic(http.ErrAbortHandler)
		}))
		rec := httptest.NewRecorder()
		p := catch(func() { h.ServeHTTP(rec, httptest.NewRequest("GET", "/", nil)) })
		if p != http.ErrAbortHandler {
			t.Errorf("panic(http.ErrAbortHandler) must go on to net/http (it aborts the response on purpose); Recover turned it into %v", p)
		}
		if n := len(logs.records()); n != 0 {
			t.Errorf("panic(http.ErrAbortHandler) was logged %d time(s), want 0", n)
		}
	})
	t.Run("nil-panic", func(t *testing.T) {
		logger, _ := newLogger()
		h := Recover(logger)(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			panic(nil)
		}))
		var rec *httptest.ResponseRecorder
		if p := catch(func() { rec = serve(h, "GET", "/", nil) }); p != nil {
			t.Fatalf("Recover let panic(nil) through: %v", p)
		}
		if rec.Code != 500 {
			t.Errorf("after panic(nil): status %d, want 500", rec.Code)
		}
	})
	t.Run("flush-still-works", func(t *testing.T) {
		logger, _ := newLogger()
		var ferr error
		h := Recover(logger)(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			io.WriteString(w, "tick")
			ferr = http.NewResponseController(w).Flush()
		}))
		rec := serve(h, "GET", "/stream", nil)
		if ferr != nil || !rec.Flushed {
			t.Errorf("inside Recover, http.NewResponseController(w).Flush() returned %v (flushed=%v), want nil: "+
				"a wrapping ResponseWriter must offer Unwrap (or Flush)", ferr, rec.Flushed)
		}
	})
}

// ---- RequestID ----

var idPattern = regexp.MustCompile(`^[A-Za-z0-9._-]{1,64}$`)

func idOf(t *testing.T, h func(http.Handler) http.Handler, hdr map[string]string) (ctxID, respID string, rec *httptest.ResponseRecorder) {
	t.Helper()
	var seen any
	var headerDuring string
	inner := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		seen = r.Context().Value(ReqIDKey)
		headerDuring = w.Header().Get("X-Request-ID")
		io.WriteString(w, "ok")
	})
	rec = serve(h(inner), "GET", "/id", hdr)
	s, ok := seen.(string)
	if !ok {
		t.Fatalf("inside RequestID, r.Context().Value(ReqIDKey) is %#v, want a string", seen)
	}
	if headerDuring != s {
		t.Fatalf("inside RequestID the response header X-Request-ID is %q but the context holds %q; set the header before calling next", headerDuring, s)
	}
	return s, rec.Result().Header.Get("X-Request-ID"), rec
}

func TestRequestID(t *testing.T) {
	t.Run("generated", func(t *testing.T) {
		ctxID, respID, rec := idOf(t, RequestID(), nil)
		if !idPattern.MatchString(ctxID) {
			t.Errorf("generated request id %q: want 1-64 characters from [A-Za-z0-9._-]", ctxID)
		}
		if respID != ctxID {
			t.Errorf("response header X-Request-ID is %q, context holds %q; want them equal", respID, ctxID)
		}
		if rec.Body.String() != "ok" {
			t.Errorf("RequestID changed the body to %q", rec.Body.String())
		}
	})
	for _, id := range []string{"abc-123", "A.b_C-9", "0", strings.Repeat("x", 64), "7f3c2a9e-1b2d-4c5e-8f90-a1b2c3d4e5f6"} {
		t.Run("keeps-"+id[:min(len(id), 12)], func(t *testing.T) {
			ctxID, respID, _ := idOf(t, RequestID(), map[string]string{"X-Request-ID": id})
			if ctxID != id || respID != id {
				t.Errorf("incoming X-Request-ID %q: context holds %q and the response header is %q, want the incoming id kept", id, ctxID, respID)
			}
		})
	}
	for name, id := range map[string]string{
		"space": "has space", "newline": "evil\nline", "non-ascii": "ünïcode", "too-long": strings.Repeat("y", 65),
		"html": "<script>", "semicolon": "a;b", "quote": `"q"`, "slash": "a/b",
	} {
		t.Run("replaces-"+name, func(t *testing.T) {
			ctxID, respID, _ := idOf(t, RequestID(), map[string]string{"X-Request-ID": id})
			if ctxID == id || !idPattern.MatchString(ctxID) || respID != ctxID {
				t.Errorf("incoming X-Request-ID %q is not acceptable: got context id %q and header %q, want a fresh valid id in both", id, ctxID, respID)
			}
		})
	}
	t.Run("keeps-context", func(t *testing.T) {
		type other struct{}
		var got any
		h := RequestID()(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			got = r.Context().Value(other{})
		}))
		req := httptest.NewRequest("GET", "/", nil)
		req = req.WithContext(context.WithValue(req.Context(), other{}, "still here"))
		h.ServeHTTP(httptest.NewRecorder(), req)
		if got != "still here" {
			t.Errorf("values already in the request context are lost behind RequestID: got %v", got)
		}
	})
	t.Run("unique", func(t *testing.T) {
		mw := RequestID()
		h := mw(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {}))
		var mu sync.Mutex
		seen := map[string]int{}
		var wg sync.WaitGroup
		for g := 0; g < 8; g++ {
			wg.Add(1)
			go func() {
				defer wg.Done()
				for i := 0; i < 150; i++ {
					rec := serve(h, "GET", "/", nil)
					id := rec.Result().Header.Get("X-Request-ID")
					mu.Lock()
					seen[id]++
					mu.Unlock()
				}
			}()
		}
		wg.Wait()
		other := serve(RequestID()(h), "GET", "/", nil).Result().Header.Get("X-Request-ID")
		seen[other]++
		if len(seen) != 1201 {
			t.Errorf("1201 requests (8 goroutines at once, and a second RequestID) got only %d distinct ids; ids must be unique", len(seen))
		}
	})
}

// ---- AccessLog ----

func oneRecord(t *testing.T, logs *logStore, what string) logRecord {
	t.Helper()
	recs := logs.records()
	if len(recs) != 1 {
		t.Fatalf("%s: AccessLog wrote %d records, want exactly 1", what, len(recs))
	}
	r := recs[0]
	if r.level != slog.LevelInfo || r.msg != "http" {
		t.Errorf("%s: record at %v with message %q, want INFO \"http\"", what, r.level, r.msg)
	}
	return r
}

func checkAttrs(t *testing.T, what string, r logRecord, want map[string]string) {
	t.Helper()
	for k, v := range want {
		got, ok := attrString(r, k)
		if !ok {
			t.Errorf("%s: the access log record has no %q attribute (it has %v)", what, k, r.attrs)
		} else if got != v {
			t.Errorf("%s: access log %q = %s, want %s", what, k, got, v)
		}
	}
}

func TestAccessLog(t *testing.T) {
	cases := []struct {
		name    string
		method  string
		target  string
		handler http.HandlerFunc
		code    int
		bytes   int
	}{
		{"plain", "GET", "/hello?x=1", func(w http.ResponseWriter, r *http.Request) { io.WriteString(w, "hello") }, 200, 5},
		{"nothing-written", "DELETE", "/item/3", func(w http.ResponseWriter, r *http.Request) {}, 200, 0},
		{"not-found", "GET", "/nope", http.NotFound, 404, len("404 page not found\n")},
		{"created", "POST", "/items", func(w http.ResponseWriter, r *http.Request) {
			w.WriteHeader(201)
			fmt.Fprintf(w, "%s", strings.Repeat("é", 10))
		}, 201, 20},
		{"first-status-wins", "PUT", "/x", func(w http.ResponseWriter, r *http.Request) {
			w.WriteHeader(404)
			w.WriteHeader(500) // superfluous: the client still gets 404
			io.WriteString(w, "gone")
		}, 404, 4},
		{"status-after-body", "GET", "/y", func(w http.ResponseWriter, r *http.Request) {
			io.WriteString(w, "body first")
			w.WriteHeader(503) // too late: 200 was already sent
		}, 200, 10},
		{"many-writes", "GET", "/big", func(w http.ResponseWriter, r *http.Request) {
			chunk := strings.Repeat("z", 1000)
			for i := 0; i < 100; i++ {
				io.WriteString(w, chunk)
			}
			io.Copy(w, strings.NewReader("tail"))
		}, 200, 100004},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			logger, logs := newLogger()
			rec := serve(AccessLog(logger)(tc.handler), tc.method, tc.target, nil)
			if rec.Code != tc.code || rec.Body.Len() != tc.bytes {
				t.Fatalf("AccessLog changed the response: got %d with %d bytes, want %d with %d", rec.Code, rec.Body.Len(), tc.code, tc.bytes)
			}
			r := oneRecord(t, logs, tc.name)
			checkAttrs(t, fmt.Sprintf("%s %s", tc.method, tc.target), r, map[string]string{
				"method": tc.method, "path": strings.SplitN(tc.target, "?", 2)[0],
				"code": strconv.Itoa(tc.code), "bytes": strconv.Itoa(tc.bytes), "req_id": "",
			})
		})
	}
	t.Run("duration", func(t *testing.T) {
		logger, logs := newLogger()
		serve(AccessLog(logger)(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			time.Sleep(40 * time.Millisecond)
		})), "GET", "/slow", nil)
		r := oneRecord(t, logs, "slow handler")
		got, _ := attrString(r, "dur_ms")
		ms, err := strconv.Atoi(got)
		if err != nil || ms < 35 || ms > 5000 {
			t.Errorf("a handler that takes 40ms was logged with dur_ms = %q, want about 40 (whole milliseconds)", got)
		}
	})
	t.Run("request-id", func(t *testing.T) {
		logger, logs := newLogger()
		h := RequestID()(AccessLog(logger)(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {})))
		rec := serve(h, "GET", "/", map[string]string{"X-Request-ID": "trace-77"})
		r := oneRecord(t, logs, "behind RequestID")
		checkAttrs(t, "request with X-Request-ID trace-77", r, map[string]string{"req_id": "trace-77"})
		if rec.Result().Header.Get("X-Request-ID") != "trace-77" {
			t.Errorf("X-Request-ID response header is %q, want trace-77", rec.Result().Header.Get("X-Request-ID"))
		}
	})
	t.Run("flush-still-works", func(t *testing.T) {
		logger, _ := newLogger()
		var ferr error
		h := AccessLog(logger)(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			io.WriteString(w, "event: 1\n\n")
			ferr = http.NewResponseController(w).Flush()
		}))
		rec := serve(h, "GET", "/events", nil)
		if ferr != nil || !rec.Flushed {
			t.Errorf("behind AccessLog, http.NewResponseController(w).Flush() returned %v (flushed=%v), want nil: "+
				"the logging ResponseWriter must offer Unwrap (or Flush)", ferr, rec.Flushed)
		}
	})
	t.Run("panic-passes-through", func(t *testing.T) {
		logger, _ := newLogger()
		h := AccessLog(logger)(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { panic("inner") }))
		if p := catch(func() { serve(h, "GET", "/", nil) }); p != "inner" {
			t.Errorf("AccessLog must not swallow panics (Recover handles them); the panic came out as %v", p)
		}
	})
}

// ---- 1xx statuses (through a real server: httptest.ResponseRecorder takes a 1xx as final) ----

// getVia serves h on a loopback server and GETs path: the final status and body.
func getVia(t *testing.T, h http.Handler, path string) (int, string) {
	t.Helper()
	srv := httptest.NewServer(h)
	defer srv.Close()
	resp, err := http.Get(srv.URL + path)
	if err != nil {
		t.Fatalf("GET %s: %v", path, err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(b)
}

// recordsOf waits up to 2s for n records: the server may still be finishing the handler.
func recordsOf(logs *logStore, n int) []logRecord {
	for deadline := time.Now().Add(2 * time.Second); len(logs.records()) < n && time.Now().Before(deadline); {
		time.Sleep(5 * time.Millisecond)
	}
	return logs.records()
}

func TestInformationalStatus(t *testing.T) {
	t.Run("access-log-final-status", func(t *testing.T) {
		logger, logs := newLogger()
		code, body := getVia(t, AccessLog(logger)(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Link", "</app.css>; rel=preload")
			w.WriteHeader(http.StatusEarlyHints)
			w.WriteHeader(http.StatusCreated)
			io.WriteString(w, "made")
		})), "/hints")
		if code != 201 || body != "made" {
			t.Fatalf("behind AccessLog, a handler sending 103 then 201 \"made\": the client got %d %q, want 201 \"made\"", code, body)
		}
		recs := recordsOf(logs, 1)
		if len(recs) != 1 {
			t.Fatalf("WriteHeader(103), WriteHeader(201): AccessLog wrote %d records, want exactly 1", len(recs))
		}
		checkAttrs(t, "WriteHeader(103), then WriteHeader(201) and 4 bytes", recs[0],
			map[string]string{"code": "201", "bytes": "4"})
	})
	t.Run("access-log-only-informational", func(t *testing.T) {
		logger, logs := newLogger()
		code, _ := getVia(t, AccessLog(logger)(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			w.WriteHeader(http.StatusEarlyHints)
		})), "/hints-only")
		recs := recordsOf(logs, 1)
		if code != 200 || len(recs) != 1 {
			t.Fatalf("a handler that sends only 103: client got %d and AccessLog wrote %d records, want 200 and 1", code, len(recs))
		}
		checkAttrs(t, "WriteHeader(103) only", recs[0], map[string]string{"code": "200", "bytes": "0"})
	})
	t.Run("recover-after-informational", func(t *testing.T) {
		logger, _ := newLogger()
		code, body := getVia(t, Recover(logger)(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			w.WriteHeader(http.StatusEarlyHints)
			panic("boom")
		})), "/hints-panic")
		if code != 500 || strings.TrimSpace(body) != "internal error" {
			t.Errorf("a panic after only WriteHeader(103): the client got %d %q, want 500 \"internal error\" "+
				"(a 1xx does not start the response)", code, body)
		}
	})
}

// ---- RateLimit ----

func okHandler(calls *atomic.Int32) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		calls.Add(1)
		io.WriteString(w, "ok")
	})
}

// newLimited builds RateLimit(qps, burst)(next), reporting a panic as a failure.
func newLimited(t *testing.T, qps, burst int, next http.Handler) http.Handler {
	t.Helper()
	var h http.Handler
	if p := catch(func() { h = RateLimit(qps, burst)(next) }); p != nil {
		t.Fatalf("RateLimit(%d, %d) panicked: %v", qps, burst, p)
	}
	return h
}

func hit(t *testing.T, h http.Handler) int {
	t.Helper()
	var rec *httptest.ResponseRecorder
	if p := catch(func() { rec = serve(h, "GET", "/", nil) }); p != nil {
		t.Fatalf("a request through RateLimit panicked: %v", p)
	}
	return rec.Code
}

func TestRateLimit(t *testing.T) {
	t.Run("burst", func(t *testing.T) {
		var calls atomic.Int32
		h := newLimited(t, 1, 3, okHandler(&calls))
		var codes []int
		for i := 0; i < 5; i++ {
			codes = append(codes, hit(t, h))
		}
		if fmt.Sprint(codes) != "[200 200 200 429 429]" {
			t.Errorf("RateLimit(1, 3): five quick requests got %v, want [200 200 200 429 429]", codes)
		}
		if calls.Load() != 3 {
			t.Errorf("RateLimit(1, 3): next was called %d times, want 3 (a rejected request must not reach next)", calls.Load())
		}
	})
	t.Run("rejection", func(t *testing.T) {
		var calls atomic.Int32
		h := newLimited(t, 1, 1, okHandler(&calls))
		hit(t, h)
		rec := serve(h, "GET", "/", nil)
		if rec.Code != http.StatusTooManyRequests || rec.Body.String() == "ok" {
			t.Errorf("second request on RateLimit(1, 1): got %d %q, want 429 without calling next", rec.Code, rec.Body.String())
		}
	})
	t.Run("refills", func(t *testing.T) {
		var calls atomic.Int32
		h := newLimited(t, 20, 2, okHandler(&calls))
		hit(t, h)
		hit(t, h)
		if c := hit(t, h); c != 429 {
			t.Fatalf("RateLimit(20, 2): third immediate request got %d, want 429", c)
		}
		time.Sleep(150 * time.Millisecond) // 3 tokens' worth at 20/s
		if c := hit(t, h); c != 200 {
			t.Errorf("RateLimit(20, 2): after 150ms (a token every 50ms) a request got %d, want 200", c)
		}
	})
	t.Run("burst-caps-savings", func(t *testing.T) {
		var calls atomic.Int32
		h := newLimited(t, 50, 2, okHandler(&calls))
		time.Sleep(200 * time.Millisecond) // would be 10 tokens without the cap
		start := time.Now()
		ok := 0
		for i := 0; i < 10; i++ {
			if hit(t, h) == 200 {
				ok++
			}
		}
		limit := 2 + int(time.Since(start).Seconds()*50) + 1
		if ok > limit {
			t.Errorf("RateLimit(50, 2) idle for 200ms, then 10 quick requests: %d passed, want at most %d (the bucket holds at most burst tokens)", ok, limit)
		}
	})
	t.Run("steady-rate", func(t *testing.T) {
		var calls atomic.Int32
		h := newLimited(t, 40, 1, okHandler(&calls))
		start := time.Now()
		ok := 0
		for time.Since(start) < 400*time.Millisecond {
			if hit(t, h) == 200 {
				ok++
			}
			time.Sleep(2 * time.Millisecond)
		}
		elapsed := time.Since(start).Seconds()
		hi := 1 + int(elapsed*40) + 1
		lo := int(elapsed * 40 / 2)
		if ok > hi || ok < lo {
			t.Errorf("RateLimit(40, 1) hammered for %.0fms: %d requests passed, want between %d and %d "+
				"(tokens are added continuously, 40 per second)", elapsed*1000, ok, lo, hi)
		}
	})
	t.Run("shared-by-handlers", func(t *testing.T) {
		var a, b atomic.Int32
		mw := RateLimit(1, 2)
		ha, hb := mw(okHandler(&a)), mw(okHandler(&b))
		codes := []int{hit(t, ha), hit(t, hb), hit(t, ha), hit(t, hb)}
		if fmt.Sprint(codes) != "[200 200 429 429]" {
			t.Errorf("mw := RateLimit(1, 2) wrapping two handlers: a, b, a, b got %v, want [200 200 429 429] (one bucket per RateLimit call)", codes)
		}
	})
	t.Run("independent-limiters", func(t *testing.T) {
		var a, b atomic.Int32
		ha := newLimited(t, 1, 1, okHandler(&a))
		hb := newLimited(t, 1, 1, okHandler(&b))
		if ca, cb := hit(t, ha), hit(t, hb); ca != 200 || cb != 200 {
			t.Errorf("two separate RateLimit(1, 1) calls: first request on each got %d and %d, want 200 and 200", ca, cb)
		}
	})
	t.Run("qps-zero", func(t *testing.T) {
		var calls atomic.Int32
		h := newLimited(t, 0, 2, okHandler(&calls))
		codes := []int{hit(t, h), hit(t, h), hit(t, h)}
		time.Sleep(30 * time.Millisecond)
		codes = append(codes, hit(t, h))
		if fmt.Sprint(codes) != "[200 200 429 429]" {
			t.Errorf("RateLimit(0, 2) (no refill): got %v, want [200 200 429 429]", codes)
		}
	})
	t.Run("qps-negative", func(t *testing.T) {
		var calls atomic.Int32
		h := newLimited(t, -5, 1, okHandler(&calls))
		if codes := []int{hit(t, h), hit(t, h)}; fmt.Sprint(codes) != "[200 429]" {
			t.Errorf("RateLimit(-5, 1): got %v, want [200 429]", codes)
		}
	})
	t.Run("burst-zero", func(t *testing.T) {
		var calls atomic.Int32
		h := newLimited(t, 1, 0, okHandler(&calls))
		if codes := []int{hit(t, h), hit(t, h)}; fmt.Sprint(codes) != "[200 429]" {
			t.Errorf("RateLimit(1, 0) (burst counts as 1): got %v, want [200 429]", codes)
		}
	})
	t.Run("huge-qps", func(t *testing.T) {
		var calls atomic.Int32
		h := newLimited(t, 2_000_000_000, 5, okHandler(&calls))
		for i := 0; i < 50; i++ {
			if c := hit(t, h); c != 200 {
				t.Fatalf("RateLimit(2e9, 5): request %d got %d, want 200", i+1, c)
			}
		}
	})
	t.Run("concurrent", func(t *testing.T) {
		var calls atomic.Int32
		h := newLimited(t, 1, 50, okHandler(&calls))
		var ok, limited atomic.Int32
		var wg sync.WaitGroup
		start := time.Now()
		for g := 0; g < 20; g++ {
			wg.Add(1)
			go func() {
				defer wg.Done()
				for i := 0; i < 10; i++ {
					switch serve(h, "GET", "/", nil).Code {
					case 200:
						ok.Add(1)
					case 429:
						limited.Add(1)
					}
				}
			}()
		}
		wg.Wait()
		extra := int32(time.Since(start).Seconds() * 1)
		if ok.Load() < 50 || ok.Load() > 50+extra+1 || ok.Load()+limited.Load() != 200 {
			t.Errorf("RateLimit(1, 50), 200 requests from 20 goroutines: %d passed and %d got 429, want 50 to pass and the rest 429",
				ok.Load(), limited.Load())
		}
	})
	t.Run("no-goroutines", func(t *testing.T) {
		before := settledGoroutines()
		for i := 0; i < 200; i++ {
			h := newLimited(t, 100, 10, http.NotFoundHandler())
			hit(t, h)
		}
		deadline := time.Now().Add(time.Second)
		after := runtime.NumGoroutine()
		for after > before+5 && time.Now().Before(deadline) {
			time.Sleep(20 * time.Millisecond)
			after = runtime.NumGoroutine()
		}
		if after > before+5 {
			t.Errorf("200 calls of RateLimit left %d goroutines running (before: %d); a limiter must not need a background goroutine that never stops",
				after, before)
		}
	})
}

// ---- the whole stack on a real server ----

func TestStack(t *testing.T) {
	logger, logs := newLogger()
	mux := http.NewServeMux()
	mux.HandleFunc("GET /hello", func(w http.ResponseWriter, r *http.Request) {
		id, _ := r.Context().Value(ReqIDKey).(string)
		fmt.Fprintf(w, "hello %s", id)
	})
	mux.HandleFunc("GET /panic", func(w http.ResponseWriter, r *http.Request) { panic("kaboom") })
	stack := Recover(logger)(RequestID()(AccessLog(logger)(RateLimit(1, 4)(mux))))
	srv := httptest.NewServer(stack)
	defer srv.Close()

	get := func(path string) (*http.Response, string) {
		t.Helper()
		resp, err := http.Get(srv.URL + path)
		if err != nil {
			t.Fatalf("GET %s: %v", path, err)
		}
		defer resp.Body.Close()
		b, _ := io.ReadAll(resp.Body)
		return resp, string(b)
	}

	resp, body := get("/hello")
	id := resp.Header.Get("X-Request-ID")
	if resp.StatusCode != 200 || !idPattern.MatchString(id) || body != "hello "+id {
		t.Errorf("GET /hello through the stack: %d %q with X-Request-ID %q, want 200 \"hello <id>\" and a valid id", resp.StatusCode, body, id)
	}
	resp, body = get("/panic")
	if resp.StatusCode != 500 || resp.Header.Get("X-Request-ID") == "" || strings.TrimSpace(body) != "internal error" {
		t.Errorf("GET /panic through the stack: %d %q (X-Request-ID %q), want 500 \"internal error\" with the request id header",
			resp.StatusCode, body, resp.Header.Get("X-Request-ID"))
	}
	get("/missing")
	resp, _ = get("/hello")
	resp2, _ := get("/hello")
	if resp.StatusCode != 200 || resp2.StatusCode != 429 {
		t.Errorf("burst of 4 used up: 4th and 5th requests got %d and %d, want 200 and 429", resp.StatusCode, resp2.StatusCode)
	}
	var access, panics int
	for _, r := range logs.records() {
		switch r.msg {
		case "http":
			access++
		case "panic":
			panics++
		}
	}
	if access != 4 || panics != 1 {
		t.Errorf("5 requests (one panicking) through Recover(RequestID(AccessLog(RateLimit(mux))): %d access records and %d panic records, want 4 and 1",
			access, panics)
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
