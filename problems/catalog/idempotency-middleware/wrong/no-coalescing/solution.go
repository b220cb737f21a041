package idem

// Wrong: stores finished responses, but does not track requests in flight:
// duplicates that arrive while the first one runs all run the handler too.

import (
	"net/http"
	"sync"
	"time"
)

const MaxStoredBody = 1 << 20

type stored struct {
	status int
	header http.Header
	body   []byte
	at     time.Time
}

type rec struct {
	http.ResponseWriter
	status int
	header http.Header
	body   []byte
}

func (r *rec) WriteHeader(code int) {
	if r.status == 0 {
		r.status = code
		r.header = r.ResponseWriter.Header().Clone()
		r.ResponseWriter.WriteHeader(code)
	}
}

func (r *rec) Write(p []byte) (int, error) {
	if r.status == 0 {
		r.WriteHeader(http.StatusOK)
	}
	r.body = append(r.body, p...)
	return r.ResponseWriter.Write(p)
}

func NewIdemMiddleware(ttl time.Duration, cap int) func(http.Handler) http.Handler {
	var mu sync.Mutex
	cache := map[string]*stored{}
	var order []string
	return func(next http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			key := r.Header.Get("Idempotency-Key")
			if r.Method != http.MethodPost || key == "" {
				next.ServeHTTP(w, r)
				return
			}
			mu.Lock()
			s, ok := cache[key]
			if ok && time.Since(s.at) >= ttl {
				delete(cache, key)
				ok = false
			}
			mu.Unlock()
			if ok {
				for k, v := range s.header {
					w.Header()[k] = v
				}
				w.WriteHeader(s.status)
				w.Write(s.body)
				return
			}
			rw := &rec{ResponseWriter: w}
			next.ServeHTTP(rw, r)
			if rw.status == 0 {
				rw.status, rw.header = http.StatusOK, w.Header().Clone()
			}
			if ttl <= 0 || cap <= 0 || len(rw.body) > MaxStoredBody {
				return
			}
			mu.Lock()
			defer mu.Unlock()
			if _, exists := cache[key]; !exists {
				order = append(order, key)
			}
			cache[key] = &stored{rw.status, rw.header, rw.body, time.Now()}
			for len(cache) > cap && len(order) > 0 {
				delete(cache, order[0])
				order = order[1:]
			}
		})
	}
}
