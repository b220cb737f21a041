package idem

// Wrong: serialises every keyed POST behind one mutex held while the handler runs,
// so requests with different keys wait for each other.

import (
	"container/list"
	"net/http"
	"sync"
	"time"
)

// MaxStoredBody is the largest response body kept for replay (1 MiB).
const MaxStoredBody = 1 << 20

// NewIdemMiddleware returns a middleware that makes POST requests carrying an
// Idempotency-Key header idempotent: the first request with a key runs the
// handler; concurrent duplicates wait for it and get the same response;
// later duplicates within ttl get the stored response without running the
// handler. At most cap responses are stored (the oldest is dropped first).
// With ttl <= 0 or cap <= 0 nothing is stored, but concurrent duplicates are
// still coalesced.
func NewIdemMiddleware(ttl time.Duration, cap int) func(http.Handler) http.Handler {
	s := &store{ttl: ttl, cap: cap, calls: map[string]*call{}, stored: list.New()}
	return func(next http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			key := r.Header.Get("Idempotency-Key")
			if r.Method != http.MethodPost || key == "" {
				next.ServeHTTP(w, r)
				return
			}
			s.serial.Lock() // BUG: one lock held for the whole request, handler included
			defer s.serial.Unlock()
			c, leader := s.join(key)
			if !leader {
				select {
				case <-c.done:
					c.replay(w)
				case <-r.Context().Done():
					// This client went away while waiting; nobody reads an answer.
				}
				return
			}
			s.lead(key, c, next, w, r)
		})
	}
}

// response is a complete recorded response.
type response struct {
	status int
	header http.Header
	body   []byte
}

// call is one execution of the handler for a key: in flight until done is
// closed, then (if stored) replayed until it expires or is evicted.
type call struct {
	done     chan struct{}
	resp     *response // nil if the handler panicked; set before done is closed
	storedAt time.Time
	elem     *list.Element // position in store.stored while stored
}

func (c *call) replay(w http.ResponseWriter) {
	if c.resp == nil {
		http.Error(w, "the original request for this Idempotency-Key failed", http.StatusInternalServerError)
		return
	}
	h := w.Header()
	for k, v := range c.resp.header {
		h[k] = append([]string(nil), v...)
	}
	w.WriteHeader(c.resp.status)
	w.Write(c.resp.body)
}

type store struct {
	ttl time.Duration
	cap int

	serial sync.Mutex

	mu     sync.Mutex
	calls  map[string]*call // in-flight and stored calls by key
	stored *list.List       // stored calls, oldest first (values: key strings)
}

// join returns the call for key and whether the caller must run it.
func (s *store) join(key string) (c *call, leader bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.dropExpired(time.Now())
	if c, ok := s.calls[key]; ok {
		return c, false
	}
	c = &call{done: make(chan struct{})}
	s.calls[key] = c
	return c, true
}

// lead runs the handler, records its response and publishes it. If the
// handler panics, waiters are released with a 500 and the panic goes on.
func (s *store) lead(key string, c *call, next http.Handler, w http.ResponseWriter, r *http.Request) {
	rec := &recorder{w: w}
	finished := false
	defer func() {
		var resp *response
		if finished {
			resp = rec.result()
		}
		s.finish(key, c, resp)
	}()
	next.ServeHTTP(rec, r)
	finished = true
}

func (s *store) finish(key string, c *call, resp *response) {
	s.mu.Lock()
	defer s.mu.Unlock()
	c.resp = resp
	close(c.done)
	if resp == nil || s.ttl <= 0 || s.cap <= 0 || len(resp.body) > MaxStoredBody {
		delete(s.calls, key) // not replayable: the next request runs the handler
		return
	}
	c.storedAt = time.Now()
	c.elem = s.stored.PushBack(key)
	for s.stored.Len() > s.cap {
		s.remove(s.stored.Front())
	}
}

// dropExpired removes stored calls older than ttl; the list is oldest first.
func (s *store) dropExpired(now time.Time) {
	for e := s.stored.Front(); e != nil; e = s.stored.Front() {
		if now.Sub(s.calls[e.Value.(string)].storedAt) < s.ttl {
			return
		}
		s.remove(e)
	}
}

func (s *store) remove(e *list.Element) {
	key := s.stored.Remove(e).(string)
	delete(s.calls, key)
}

// recorder passes everything through to the real ResponseWriter and keeps a
// copy: the status, the headers as they were when the header was written,
// and the whole body.
type recorder struct {
	w           http.ResponseWriter
	wroteHeader bool
	status      int
	header      http.Header
	body        []byte
}

func (r *recorder) Header() http.Header { return r.w.Header() }

func (r *recorder) WriteHeader(code int) {
	if r.wroteHeader {
		return // superfluous call: net/http ignores it too
	}
	if code >= 100 && code <= 199 && code != http.StatusSwitchingProtocols {
		r.w.WriteHeader(code) // informational: the real answer comes later
		return
	}
	r.wroteHeader = true
	r.status = code
	r.header = r.w.Header().Clone()
	r.w.WriteHeader(code)
}

func (r *recorder) Write(p []byte) (int, error) {
	if !r.wroteHeader {
		r.WriteHeader(http.StatusOK)
	}
	r.body = append(r.body, p...)
	return r.w.Write(p)
}

// Unwrap lets http.ResponseController reach the real writer (Flush, deadlines).
func (r *recorder) Unwrap() http.ResponseWriter { return r.w }

func (r *recorder) result() *response {
	if !r.wroteHeader {
		// The handler wrote nothing: net/http sends 200 with the headers set by now.
		r.wroteHeader, r.status, r.header = true, http.StatusOK, r.w.Header().Clone()
	}
	return &response{status: r.status, header: r.header, body: r.body}
}
