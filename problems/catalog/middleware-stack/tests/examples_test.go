package mid

import (
	"bytes"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
)

// exampleLogger writes JSON lines into buf.
func exampleLogger(buf *bytes.Buffer) *slog.Logger {
	return slog.New(slog.NewJSONHandler(buf, nil))
}

func TestExamples(t *testing.T) {
	t.Run("recover", func(t *testing.T) {
		var logs bytes.Buffer
		h := Recover(exampleLogger(&logs))(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			panic("boom")
		}))
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, httptest.NewRequest("GET", "/boom", nil))
		if rec.Code != 500 || strings.TrimSpace(rec.Body.String()) != "internal error" {
			t.Errorf("GET /boom (handler panics): got %d %q, want 500 \"internal error\"", rec.Code, rec.Body.String())
		}
		if !strings.Contains(logs.String(), `"msg":"panic"`) || !strings.Contains(logs.String(), `"err":"boom"`) {
			t.Errorf("the panic was not logged as msg=panic err=boom; log output: %s", logs.String())
		}
	})
	t.Run("request-id", func(t *testing.T) {
		var inCtx any
		h := RequestID()(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			inCtx = r.Context().Value(ReqIDKey)
		}))
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, httptest.NewRequest("GET", "/", nil))
		id := rec.Result().Header.Get("X-Request-ID")
		if id == "" || inCtx != id {
			t.Errorf("new request: X-Request-ID header %q, context value %#v; want the same non-empty id in both", id, inCtx)
		}
		req := httptest.NewRequest("GET", "/", nil)
		req.Header.Set("X-Request-ID", "abc-123")
		rec = httptest.NewRecorder()
		h.ServeHTTP(rec, req)
		if got := rec.Result().Header.Get("X-Request-ID"); got != "abc-123" || inCtx != "abc-123" {
			t.Errorf("incoming X-Request-ID abc-123: header %q, context %#v; want abc-123 kept", got, inCtx)
		}
	})
	t.Run("access-log", func(t *testing.T) {
		var logs bytes.Buffer
		h := AccessLog(exampleLogger(&logs))(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			w.WriteHeader(http.StatusTeapot)
			io.WriteString(w, "short and stout")
		}))
		h.ServeHTTP(httptest.NewRecorder(), httptest.NewRequest("GET", "/tea?cup=1", nil))
		out := logs.String()
		for _, want := range []string{`"msg":"http"`, `"method":"GET"`, `"path":"/tea"`, `"code":418`, `"bytes":15`, `"dur_ms":`, `"req_id":""`} {
			if !strings.Contains(out, want) {
				t.Errorf("access log line %s lacks %s", strings.TrimSpace(out), want)
			}
		}
	})
	t.Run("rate-limit", func(t *testing.T) {
		h := RateLimit(1, 2)(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {}))
		var codes []int
		for i := 0; i < 3; i++ {
			rec := httptest.NewRecorder()
			h.ServeHTTP(rec, httptest.NewRequest("GET", "/", nil))
			codes = append(codes, rec.Code)
		}
		if fmt.Sprint(codes) != "[200 200 429]" {
			t.Errorf("RateLimit(1, 2): three quick requests got %v, want [200 200 429]", codes)
		}
	})
}
