package fetchpool

import (
	"context"
	"fmt"
	"maps"
	"net/http"
	"net/http/httptest"
	"reflect"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

// server is a test HTTP server with a few behaviours chosen by path:
//
//	/status/<code>        answers <code>
//	/seq/<c1>,<c2>,...     answers c1 to the first request for this path, c2 to
//	                       the second, ...; the last code repeats
//	/slow/<id>            blocks until the request is cancelled
//	/slowfirst/<id>       the first request blocks until cancelled, later ones answer 200
//	/delay/<ms>/<id>      answers 200 after <ms> milliseconds
//	/hold/<id>            answers 200 once `target` requests are in flight together,
//	                      or all `holdTotal` /hold requests have arrived (or after
//	                      1s), so the test can see how many run at once
//	/big                  answers 200 with a 4 MiB body
type server struct {
	*httptest.Server
	target, holdTotal int32
	holdArrived       atomic.Int32

	mu    sync.Mutex
	hits  map[string]int
	times map[string][]time.Time

	inFlight, maxInFlight atomic.Int32
	slowInFlight          atomic.Int32
	maxGoroutines         atomic.Int32
}

func newServer(t *testing.T) *server {
	s := &server{hits: map[string]int{}, times: map[string][]time.Time{}}
	s.Server = httptest.NewServer(http.HandlerFunc(s.handle))
	t.Cleanup(s.Close)
	return s
}

func (s *server) url(path string) string { return s.URL + path }

func (s *server) hitCount(path string) int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.hits[path]
}

func (s *server) totalHits() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	n := 0
	for _, h := range s.hits {
		n += h
	}
	return n
}

func (s *server) arrivals(path string) []time.Time {
	s.mu.Lock()
	defer s.mu.Unlock()
	return slices.Clone(s.times[path])
}

func (s *server) handle(w http.ResponseWriter, r *http.Request) {
	s.mu.Lock()
	s.hits[r.URL.Path]++
	n := s.hits[r.URL.Path]
	s.times[r.URL.Path] = append(s.times[r.URL.Path], time.Now())
	s.mu.Unlock()

	cur := s.inFlight.Add(1)
	defer s.inFlight.Add(-1)
	for {
		old := s.maxInFlight.Load()
		if cur <= old || s.maxInFlight.CompareAndSwap(old, cur) {
			break
		}
	}
	if g := int32(runtime.NumGoroutine()); g > s.maxGoroutines.Load() {
		s.maxGoroutines.Store(g) // approximate maximum is enough
	}

	parts := strings.Split(strings.Trim(r.URL.Path, "/"), "/")
	switch parts[0] {
	case "status":
		code, _ := strconv.Atoi(parts[1])
		w.WriteHeader(code)
	case "seq":
		codes := strings.Split(parts[1], ",")
		code, _ := strconv.Atoi(codes[min(n, len(codes))-1])
		w.WriteHeader(code)
	case "slow":
		s.slowInFlight.Add(1)
		defer s.slowInFlight.Add(-1)
		select {
		case <-r.Context().Done():
		case <-time.After(10 * time.Second):
		}
	case "slowfirst":
		if n == 1 {
			select {
			case <-r.Context().Done():
			case <-time.After(10 * time.Second):
			}
			return
		}
		w.WriteHeader(http.StatusOK)
	case "delay":
		ms, _ := strconv.Atoi(parts[1])
		time.Sleep(time.Duration(ms) * time.Millisecond)
		w.WriteHeader(http.StatusOK)
	case "hold":
		deadline := time.Now().Add(time.Second)
		s.holdArrived.Add(1)
		for s.inFlight.Load() < s.target && s.holdArrived.Load() < s.holdTotal && time.Now().Before(deadline) {
			time.Sleep(time.Millisecond)
		}
		time.Sleep(2 * time.Millisecond)
		w.WriteHeader(http.StatusOK)
	case "big":
		w.Write(make([]byte, 4<<20))
	default:
		w.WriteHeader(http.StatusNotFound)
	}
}

// setBackoff shortens (or lengthens) the package's base backoff for a test.
func setBackoff(d time.Duration) { SetBaseBackoff(d) }

// fetch calls FetchAll and fails the test if it does not return in time.
func fetch(t *testing.T, ctx context.Context, urls []string, workers, retries int, timeout, limit time.Duration) (map[string]int, time.Duration) {
	t.Helper()
	type result struct {
		m  map[string]int
		el time.Duration
	}
	done := make(chan result, 1)
	go func() {
		start := time.Now()
		m := FetchAll(ctx, urls, workers, retries, timeout)
		done <- result{m, time.Since(start)}
	}()
	select {
	case r := <-done:
		return r.m, r.el
	case <-time.After(limit):
		r := <-done // wait anyway: nothing may run into the next test
		t.Fatalf("FetchAll(%d urls, workers=%d, retries=%d, timeout=%v) took %v, want it to return within %v", len(urls), workers, retries, timeout, r.el.Round(time.Millisecond), limit)
		return nil, 0
	}
}

// short turns server URLs back into paths for readable messages.
func short(s *server, m map[string]int) string {
	keys := slices.Sorted(maps.Keys(m))
	var b strings.Builder
	b.WriteString("map[")
	for i, k := range keys {
		if i > 0 {
			b.WriteByte(' ')
		}
		fmt.Fprintf(&b, "%s:%d", strings.TrimPrefix(k, s.URL), m[k])
	}
	b.WriteString("]")
	return b.String()
}

func wantResults(t *testing.T, s *server, call string, got map[string]int, want map[string]int) {
	t.Helper()
	if got == nil {
		t.Errorf("%s returned a nil map, want %s", call, short(s, want))
		return
	}
	if !maps.Equal(got, want) {
		t.Errorf("%s = %s, want %s", call, short(s, got), short(s, want))
	}
}

func TestFinalStatuses(t *testing.T) {
	setBackoff(time.Millisecond)
	s := newServer(t)
	paths := []string{"/status/200", "/status/201", "/status/204", "/status/400", "/status/404", "/status/418", "/status/302"}
	var urls []string
	want := map[string]int{}
	for _, p := range paths {
		urls = append(urls, s.url(p))
		code, _ := strconv.Atoi(strings.TrimPrefix(p, "/status/"))
		want[s.url(p)] = code
	}
	got, _ := fetch(t, t.Context(), urls, 3, 3, time.Second, 5*time.Second)
	wantResults(t, s, "FetchAll(statuses 2xx/3xx/4xx, workers=3, retries=3)", got, want)
	for _, p := range paths {
		if h := s.hitCount(p); h != 1 {
			t.Errorf("FetchAll requested %s %d times, want once (only network errors, 429 and 5xx are retried)", p, h)
		}
	}
}

func TestRetriesTransient(t *testing.T) {
	setBackoff(time.Millisecond)
	cases := []struct {
		path    string
		retries int
		want    int
		hits    int
	}{
		{"/seq/503,200", 3, 200, 2},
		{"/seq/500,502,504,200", 3, 200, 4},
		{"/seq/429,200", 1, 200, 2},
		{"/seq/429,429,503,201", 5, 201, 4},
		{"/seq/599,200", 1, 200, 2},
		{"/seq/503,503,503,200", 2, 503, 3},
		{"/seq/500", 0, 500, 1},
		{"/seq/500", -2, 500, 1},
		{"/seq/429", 3, 429, 4},
		{"/seq/503,404,200", 4, 404, 2},
	}
	for _, tc := range cases {
		t.Run(fmt.Sprintf("%s/retries=%d", strings.TrimPrefix(tc.path, "/seq/"), tc.retries), func(t *testing.T) {
			s := newServer(t)
			u := s.url(tc.path)
			got, _ := fetch(t, t.Context(), []string{u}, 2, tc.retries, time.Second, 5*time.Second)
			wantResults(t, s, fmt.Sprintf("FetchAll([%s], retries=%d)", tc.path, tc.retries), got, map[string]int{u: tc.want})
			if h := s.hitCount(tc.path); h != tc.hits {
				t.Errorf("FetchAll([%s], retries=%d) made %d requests, want %d", tc.path, tc.retries, h, tc.hits)
			}
		})
	}
}

func TestManyURLsRetried(t *testing.T) {
	setBackoff(time.Millisecond)
	s := newServer(t)
	var urls []string
	want := map[string]int{}
	for i := range 60 {
		p := fmt.Sprintf("/seq/503,%d,%d", []int{500, 429, 502}[i%3], 200+i%5)
		p += fmt.Sprintf("?i=%d", i) // distinct URLs, same path
		urls = append(urls, s.url(p))
		want[s.url(p)] = 200 + i%5
	}
	got, _ := fetch(t, t.Context(), urls, 8, 2, time.Second, 5*time.Second)
	wantResults(t, s, "FetchAll(60 URLs each failing twice, workers=8, retries=2)", got, want)
}

func TestBackoffGrows(t *testing.T) {
	setBackoff(30 * time.Millisecond)
	s := newServer(t)
	const path = "/seq/503,503,503,200"
	got, _ := fetch(t, t.Context(), []string{s.url(path)}, 1, 3, time.Second, 5*time.Second)
	wantResults(t, s, "FetchAll([503,503,503,200], retries=3)", got, map[string]int{s.url(path): 200})
	at := s.arrivals(path)
	if len(at) != 4 {
		t.Fatalf("FetchAll([503,503,503,200], retries=3) made %d requests, want 4", len(at))
	}
	for i, want := range []time.Duration{30 * time.Millisecond, 60 * time.Millisecond, 120 * time.Millisecond} {
		if gap := at[i+1].Sub(at[i]); gap < want*9/10 {
			t.Errorf("with baseBackoff = 30ms, retry %d came %v after the previous attempt, want at least %v (waits of 30ms, 60ms, 120ms)", i+1, gap.Round(time.Millisecond), want)
		}
	}
}

func TestNetworkErrors(t *testing.T) {
	setBackoff(time.Millisecond)
	dead := httptest.NewServer(http.NotFoundHandler())
	deadURL := dead.URL + "/gone"
	dead.Close() // nothing listens there any more: connection refused
	urls := []string{deadURL, "://not a url", "ftp://example.invalid/file"}
	got, _ := fetch(t, t.Context(), urls, 2, 2, time.Second, 5*time.Second)
	want := map[string]int{deadURL: 0, "://not a url": 0, "ftp://example.invalid/file": 0}
	if !maps.Equal(got, want) {
		t.Errorf("FetchAll([refused, invalid, ftp], retries=2) = %v, want %v (0 when no attempt got a response)", got, want)
	}
	t.Run("unbuildable-not-retried", func(t *testing.T) {
		setBackoff(time.Second)
		defer setBackoff(time.Millisecond)
		got, el := fetch(t, t.Context(), []string{"://not a url"}, 1, 2, time.Second, 10*time.Second)
		if want := map[string]int{"://not a url": 0}; !maps.Equal(got, want) {
			t.Errorf("FetchAll([\"://not a url\"], retries=2) = %v, want %v", got, want)
		}
		if el > 700*time.Millisecond {
			t.Errorf("FetchAll([\"://not a url\"], retries=2, baseBackoff=1s) took %v, want it at once: no request can be built, so there is nothing to retry", el.Round(time.Millisecond))
		}
	})
	t.Run("send-error-retried", func(t *testing.T) {
		setBackoff(300 * time.Millisecond)
		defer setBackoff(time.Millisecond)
		got, el := fetch(t, t.Context(), []string{"ftp://example.invalid/file"}, 1, 1, time.Second, 10*time.Second)
		if want := map[string]int{"ftp://example.invalid/file": 0}; !maps.Equal(got, want) {
			t.Errorf("FetchAll([ftp://…], retries=1) = %v, want %v", got, want)
		}
		if el < 250*time.Millisecond {
			t.Errorf("FetchAll([ftp://…], retries=1, baseBackoff=300ms) took %v, want one retry after a 300ms wait: an error from client.Do is a network error", el.Round(time.Millisecond))
		}
	})
}

func TestPerAttemptTimeout(t *testing.T) {
	setBackoff(time.Millisecond)
	t.Run("always-slow", func(t *testing.T) {
		s := newServer(t)
		u := s.url("/slow/1")
		got, el := fetch(t, t.Context(), []string{u}, 1, 1, 50*time.Millisecond, 5*time.Second)
		wantResults(t, s, "FetchAll([a URL that never answers], retries=1, timeout=50ms)", got, map[string]int{u: 0})
		if h := s.hitCount("/slow/1"); h != 2 {
			t.Errorf("FetchAll([a URL that never answers], retries=1, timeout=50ms) made %d requests, want 2 (a timeout is retried)", h)
		}
		if el < 90*time.Millisecond {
			t.Errorf("FetchAll([a URL that never answers], retries=1, timeout=50ms) returned after %v, want two attempts of 50ms each", el)
		}
	})
	t.Run("slow-first-attempt", func(t *testing.T) {
		s := newServer(t)
		u := s.url("/slowfirst/1")
		got, _ := fetch(t, t.Context(), []string{u}, 1, 2, 60*time.Millisecond, 5*time.Second)
		wantResults(t, s, "FetchAll([first attempt hangs, second answers 200], retries=2, timeout=60ms)", got, map[string]int{u: 200})
	})
	t.Run("per-attempt-not-per-call", func(t *testing.T) {
		s := newServer(t)
		var urls []string
		want := map[string]int{}
		// One after the other they need at least 6*60ms = 360ms, more than the
		// 300ms that each single attempt may take.
		for i := range 6 {
			u := s.url(fmt.Sprintf("/delay/60/%d", i))
			urls = append(urls, u)
			want[u] = 200
		}
		got, _ := fetch(t, t.Context(), urls, 1, 0, 300*time.Millisecond, 5*time.Second)
		wantResults(t, s, "FetchAll(6 URLs answering after 60ms, workers=1, retries=0, timeout=300ms)", got, want)
	})
	t.Run("zero-means-none", func(t *testing.T) {
		s := newServer(t)
		u := s.url("/delay/30/1")
		got, _ := fetch(t, t.Context(), []string{u}, 1, 0, 0, 5*time.Second)
		wantResults(t, s, "FetchAll([a URL answering after 30ms], timeout=0)", got, map[string]int{u: 200})
	})
}

func TestConcurrencyBound(t *testing.T) {
	setBackoff(time.Millisecond)
	cases := []struct {
		name    string
		urls    int
		workers int
		want    int32
	}{
		{"four-workers", 24, 4, 4},
		{"one-worker", 6, 1, 1},
		{"zero-workers", 4, 0, 1},
		{"negative-workers", 4, -3, 1},
		{"more-workers-than-urls", 6, 50, 6},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			s := newServer(t)
			s.target, s.holdTotal = tc.want, int32(tc.urls)
			var urls []string
			want := map[string]int{}
			for i := range tc.urls {
				u := s.url(fmt.Sprintf("/hold/%d", i))
				urls = append(urls, u)
				want[u] = 200
			}
			got, _ := fetch(t, t.Context(), urls, tc.workers, 0, 2*time.Second, 8*time.Second)
			wantResults(t, s, fmt.Sprintf("FetchAll(%d URLs, workers=%d)", tc.urls, tc.workers), got, want)
			if m := s.maxInFlight.Load(); m != tc.want {
				t.Errorf("FetchAll(%d URLs, workers=%d) had at most %d requests in flight at once, want exactly %d", tc.urls, tc.workers, m, tc.want)
			}
		})
	}
}

func TestGoroutinesBounded(t *testing.T) {
	setBackoff(time.Millisecond)
	s := newServer(t)
	base := settledGoroutines()
	var urls []string
	for i := range 400 {
		urls = append(urls, s.url(fmt.Sprintf("/status/200?i=%d", i)))
	}
	got, _ := fetch(t, t.Context(), urls, 4, 0, 2*time.Second, 8*time.Second)
	if len(got) != 400 {
		t.Fatalf("FetchAll(400 URLs, workers=4) returned %d results, want 400", len(got))
	}
	if extra := int(s.maxGoroutines.Load()) - base; extra > 100 {
		t.Errorf("FetchAll(400 URLs, workers=4) ran about %d goroutines more than before it started; it should start O(workers) goroutines, not one per URL", extra)
	}
}

func TestDuplicateURLs(t *testing.T) {
	setBackoff(time.Millisecond)
	s := newServer(t)
	a, b := s.url("/seq/200,500"), s.url("/status/201")
	got, _ := fetch(t, t.Context(), []string{a, b, a, a, b}, 3, 0, time.Second, 5*time.Second)
	wantResults(t, s, "FetchAll([a b a a b])", got, map[string]int{a: 200, b: 201})
	if h, hb := s.hitCount("/seq/200,500"), s.hitCount("/status/201"); h != 1 || hb != 1 {
		t.Errorf("FetchAll([a b a a b]) requested a %d times and b %d times, want each distinct URL once", h, hb)
	}
}

func TestEmptyInput(t *testing.T) {
	for _, urls := range [][]string{nil, {}} {
		got, _ := fetch(t, t.Context(), urls, 4, 1, time.Second, 5*time.Second)
		if got == nil || len(got) != 0 {
			t.Errorf("FetchAll(%#v) = %#v, want an empty, non-nil map", urls, got)
		}
	}
}

func TestBigBody(t *testing.T) {
	s := newServer(t)
	got, _ := fetch(t, t.Context(), []string{s.url("/big")}, 1, 0, 5*time.Second, 8*time.Second)
	wantResults(t, s, "FetchAll([a 4 MiB response])", got, map[string]int{s.url("/big"): 200})
}

func TestAlreadyCancelled(t *testing.T) {
	setBackoff(time.Millisecond)
	s := newServer(t)
	ctx, cancel := context.WithCancel(t.Context())
	cancel()
	urls := []string{s.url("/status/200"), s.url("/status/500"), s.url("/slow/1")}
	got, _ := fetch(t, ctx, urls, 2, 2, time.Second, 5*time.Second)
	if got == nil || len(got) != 0 {
		t.Errorf("FetchAll(cancelled ctx, 3 URLs) = %s, want an empty, non-nil map (nothing finished)", short(s, got))
	}
	if h := s.totalHits(); h != 0 {
		t.Errorf("FetchAll(cancelled ctx, 3 URLs) sent %d requests, want none", h)
	}
}

// waitFor polls cond every few milliseconds until it holds or limit passes.
func waitFor(limit time.Duration, cond func() bool) bool {
	deadline := time.Now().Add(limit)
	for !cond() {
		if time.Now().After(deadline) {
			return false
		}
		time.Sleep(2 * time.Millisecond)
	}
	return true
}

// cancelWhen cancels ctx (through cancel) once cond has held for pause, or
// when cond is still false after 5s. Call the returned stop once FetchAll has
// returned: it ends the wait early (FetchAll returned by itself, so there is
// nothing to cancel) and gives the time of the cancellation.
func cancelWhen(cancel context.CancelFunc, pause time.Duration, cond func() bool) (stop func() time.Time) {
	returned := make(chan struct{})
	at := make(chan time.Time, 1)
	go func() {
		early := false
		waitFor(5*time.Second, func() bool {
			select {
			case <-returned:
				early = true
				return true
			default:
				return cond()
			}
		})
		if !early {
			select {
			case <-returned:
			case <-time.After(pause):
			}
		}
		at <- time.Now()
		cancel()
	}()
	return func() time.Time {
		close(returned)
		return <-at
	}
}

func TestCancelMidway(t *testing.T) {
	setBackoff(time.Millisecond)
	s := newServer(t)
	ctx, cancel := context.WithCancel(t.Context())
	defer cancel()
	fast := []string{s.url("/status/200"), s.url("/status/404"), s.url("/seq/503,202")}
	slow := []string{s.url("/slow/1"), s.url("/slow/2"), s.url("/slow/3")}
	urls := append(slices.Clone(fast), slow...)
	// Cancel once the fast URLs are answered and the slow ones are hanging
	// (they hang until cancelled), leaving the client time to read the fast
	// answers.
	stop := cancelWhen(cancel, 300*time.Millisecond, func() bool { return s.slowInFlight.Load() == 3 && s.totalHits() >= 7 })
	got, _ := fetch(t, ctx, urls, 6, 2, 8*time.Second, 8*time.Second)
	stop()
	want := map[string]int{fast[0]: 200, fast[1]: 404, fast[2]: 202}
	wantResults(t, s, "FetchAll(3 fast URLs and 3 that hang, cancelled while they hang)", got, want)
}

func TestCancelDuringBackoff(t *testing.T) {
	setBackoff(4 * time.Second)
	s := newServer(t)
	ctx, cancel := context.WithCancel(t.Context())
	defer cancel()
	// Cancel once both URLs were answered: the 503 is now waiting out its 4s
	// backoff. The pause leaves the client time to read the 200.
	stop := cancelWhen(cancel, 300*time.Millisecond, func() bool { return s.hitCount("/status/503") >= 1 && s.hitCount("/status/200") >= 1 })
	urls := []string{s.url("/status/503"), s.url("/status/200")}
	got, _ := fetch(t, ctx, urls, 2, 3, time.Second, 9*time.Second)
	returned := time.Now()
	if after := returned.Sub(stop()); after > 2*time.Second {
		t.Errorf("FetchAll(ctx cancelled during a 4s backoff) returned %v after the cancellation, want promptly (the backoff wait must watch ctx)", after.Round(time.Millisecond))
	}
	wantResults(t, s, "FetchAll([503 with retries pending, 200], ctx cancelled during the backoff)", got, map[string]int{s.url("/status/200"): 200})
}

func TestStopsLaunchingAfterCancel(t *testing.T) {
	setBackoff(time.Millisecond)
	s := newServer(t)
	ctx, cancel := context.WithCancel(t.Context())
	defer cancel()
	var urls []string
	for i := range 200 {
		urls = append(urls, s.url(fmt.Sprintf("/delay/20/%d", i)))
	}
	time.AfterFunc(100*time.Millisecond, cancel)
	got, el := fetch(t, ctx, urls, 2, 0, time.Second, 5*time.Second)
	if el > 2*time.Second {
		t.Errorf("FetchAll(200 URLs of 20ms, workers=2, cancelled after 100ms) returned after %v, want promptly after the cancellation", el.Round(time.Millisecond))
	}
	// A request sent just before the cancellation may reach the server's
	// handler a moment after FetchAll returned; let those land, then check
	// that nothing new keeps arriving.
	time.Sleep(200 * time.Millisecond)
	hits := s.totalHits()
	time.Sleep(300 * time.Millisecond)
	if later := s.totalHits(); later != hits {
		t.Errorf("FetchAll returned, but %d more requests arrived more than 200ms afterwards: something still launches work", later-hits)
	}
	if hits > 100 {
		t.Errorf("FetchAll(200 URLs of 20ms, workers=2, cancelled after 100ms) sent %d requests, want it to stop launching work once ctx is done", hits)
	}
	for u, code := range got {
		if code != 200 {
			t.Errorf("FetchAll(…cancelled…) reported %s = %d; only URLs that finished may appear, with their status", strings.TrimPrefix(u, s.URL), code)
			break
		}
	}
}

func TestContextDeadline(t *testing.T) {
	setBackoff(time.Millisecond)
	s := newServer(t)
	ctx, cancel := context.WithTimeout(t.Context(), time.Second)
	defer cancel()
	urls := []string{s.url("/slow/1"), s.url("/slow/2"), s.url("/status/200")}
	got, el := fetch(t, ctx, urls, 3, 5, 8*time.Second, 7*time.Second)
	if el > 3*time.Second {
		t.Errorf("FetchAll(ctx with a 1s deadline, URLs that hang, per-attempt timeout 8s) returned after %v, want soon after the deadline", el.Round(time.Millisecond))
	}
	wantResults(t, s, "FetchAll(ctx with a 1s deadline, [hang hang 200])", got, map[string]int{s.url("/status/200"): 200})
}

// solutionGoroutines returns the stacks of the goroutines that run code of
// this package or were started by it, other than the test goroutines
// themselves. Once FetchAll has returned and the test server is closed, every
// such goroutine must exit: one that stays is blocked for good (a leak), and
// its stack says where.
func solutionGoroutines() map[string]string {
	name := runtime.FuncForPC(reflect.ValueOf(FetchAll).Pointer()).Name() // ".../solution.FetchAll"
	pkg := strings.TrimSuffix(name, "FetchAll")
	buf := make([]byte, 1<<20)
	for {
		n := runtime.Stack(buf, true)
		if n < len(buf) {
			buf = buf[:n]
			break
		}
		buf = make([]byte, 2*len(buf))
	}
	left := map[string]string{} // "goroutine 42" -> its stack
	for _, g := range strings.Split(string(buf), "\n\n") {
		if strings.Contains(g, pkg) && !strings.Contains(g, "testing.tRunner") {
			id, _, _ := strings.Cut(g, " [")
			left[id] = g
		}
	}
	return left
}

// checkNoLeak waits (up to 5s: goroutines take a moment to exit, more on a busy
// machine) until no goroutine of the solution is left, other than those in
// before (left behind by earlier tests), and the goroutine count is back to
// base; it reports what is left otherwise.
func checkNoLeak(t *testing.T, call string, base int, before map[string]string) {
	t.Helper()
	var left []string
	n := 0
	waitFor(5*time.Second, func() bool {
		left = left[:0]
		for id, g := range solutionGoroutines() {
			if _, old := before[id]; !old {
				left = append(left, g)
			}
		}
		n = runtime.NumGoroutine()
		return len(left) == 0 && n <= base
	})
	if len(left) > 0 {
		// Show where a leftover goroutine is stuck (its state and top frames).
		lines := strings.Split(left[0], "\n")
		t.Errorf("%s returned, but %d goroutine(s) it started are still running 5s later; the first one: %s",
			call, len(left), strings.Join(lines[:min(len(lines), 5)], " | "))
	} else if n > base {
		t.Errorf("%s returned, but %d goroutines are running 5s later, %d before it started", call, n, base)
	}
}

func TestNoGoroutineLeaks(t *testing.T) {
	setBackoff(time.Millisecond)
	t.Run("after-success", func(t *testing.T) {
		base := settledGoroutines()
		before := solutionGoroutines()
		s := newServer(t)
		var urls []string
		for i := range 40 {
			urls = append(urls, s.url(fmt.Sprintf("/seq/503,200?i=%d", i)))
		}
		fetch(t, t.Context(), urls, 5, 1, time.Second, 5*time.Second)
		s.Close() // also closes the client's idle keep-alive connections
		checkNoLeak(t, "FetchAll(40 URLs, workers=5)", base, before)
	})
	t.Run("after-cancel", func(t *testing.T) {
		base := settledGoroutines()
		before := solutionGoroutines()
		s := newServer(t)
		ctx, cancel := context.WithCancel(t.Context())
		defer cancel()
		var urls []string
		for i := range 50 {
			urls = append(urls, s.url(fmt.Sprintf("/slow/%d", i)))
		}
		// The URLs hang until cancelled, so at most a few of the 50 can have
		// been handed out when ctx ends: whoever hands out the rest must stop.
		stop := cancelWhen(cancel, 0, func() bool { return s.slowInFlight.Load() == 3 })
		fetch(t, ctx, urls, 3, 2, 8*time.Second, 8*time.Second)
		stop()
		s.Close()
		checkNoLeak(t, "FetchAll(50 URLs that hang, workers=3, cancelled while 3 hang)", base, before)
	})
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
