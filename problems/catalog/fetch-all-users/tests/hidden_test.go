package pit

import (
	"context"
	"errors"
	"fmt"
	"maps"
	"runtime"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

// probe wraps a fetch function and records how it is called.
type probe struct {
	calls    atomic.Int32
	inFlight atomic.Int32
	peak     atomic.Int32
	mu       sync.Mutex
	seen     map[int]int // id -> number of calls
}

func newProbe() *probe { return &probe{seen: map[int]int{}} }

// wrap returns a fetch that counts calls and in-flight calls around body.
func (p *probe) wrap(body func(ctx context.Context, id int) (User, error)) func(context.Context, int) (User, error) {
	return func(ctx context.Context, id int) (User, error) {
		p.calls.Add(1)
		p.mu.Lock()
		p.seen[id]++
		p.mu.Unlock()
		n := p.inFlight.Add(1)
		defer p.inFlight.Add(-1)
		for old := p.peak.Load(); n > old && !p.peak.CompareAndSwap(old, n); old = p.peak.Load() {
		}
		return body(ctx, id)
	}
}

func userFor(id int) User { return User{ID: id, Name: fmt.Sprintf("u%d", id)} }

func okFetch(ctx context.Context, id int) (User, error) { return userFor(id), nil }

func seqIDs(n int) []int {
	ids := make([]int, n)
	for i := range ids {
		ids[i] = i + 1
	}
	return ids
}

func showIDs(ids []int) string {
	if len(ids) <= 12 {
		return fmt.Sprint(ids)
	}
	return fmt.Sprintf("<%d ids>", len(ids))
}

// call runs FetchAllUsers in a goroutine and fails the test if it has not
// returned within d (so a hung solution reports which case hung).
func call(t *testing.T, d time.Duration, ctx context.Context, ids []int,
	fetch func(context.Context, int) (User, error), limit int) (map[int]User, error, time.Duration) {
	t.Helper()
	type result struct {
		m   map[int]User
		err error
	}
	done := make(chan result, 1)
	start := time.Now()
	go func() {
		m, err := FetchAllUsers(ctx, ids, fetch, limit)
		done <- result{m, err}
	}()
	select {
	case r := <-done:
		return r.m, r.err, time.Since(start)
	case <-time.After(d):
		t.Fatalf("FetchAllUsers(ids=%s, limit=%d) did not return within %v", showIDs(ids), limit, d)
		return nil, nil, 0
	}
}

func TestLimitZeroAndNegative(t *testing.T) {
	// First in the file: a semaphore made with make(chan struct{}, limit) and
	// limit 0 blocks forever here.
	for _, limit := range []int{0, -1, -1000} {
		t.Run(fmt.Sprintf("limit=%d", limit), func(t *testing.T) {
			p := newProbe()
			fetch := p.wrap(func(ctx context.Context, id int) (User, error) {
				time.Sleep(time.Millisecond)
				return userFor(id), nil
			})
			got, err, _ := call(t, 3*time.Second, context.Background(), seqIDs(6), fetch, limit)
			if err != nil || len(got) != 6 {
				t.Fatalf("FetchAllUsers(6 ids, limit=%d) = %d users, %v; want 6 users, nil", limit, len(got), err)
			}
			if pk := p.peak.Load(); pk != 1 {
				t.Errorf("FetchAllUsers(6 ids, limit=%d): peak of %d fetches in flight, want 1 (limit <= 0 means 1)", limit, pk)
			}
		})
	}
}

func TestAllFetched(t *testing.T) {
	cases := []struct {
		n, limit int
	}{
		{1, 1}, {5, 1}, {5, 2}, {5, 5}, {5, 100}, {100, 7}, {1000, 16}, {3000, 64},
	}
	for _, tc := range cases {
		t.Run(fmt.Sprintf("n=%d/limit=%d", tc.n, tc.limit), func(t *testing.T) {
			ids := seqIDs(tc.n)
			p := newProbe()
			got, err, _ := call(t, 5*time.Second, context.Background(), ids, p.wrap(okFetch), tc.limit)
			if err != nil {
				t.Fatalf("FetchAllUsers(%s, limit=%d) error = %v, want nil", showIDs(ids), tc.limit, err)
			}
			if len(got) != tc.n {
				t.Fatalf("FetchAllUsers(%s, limit=%d) returned %d users, want %d", showIDs(ids), tc.limit, len(got), tc.n)
			}
			for _, id := range ids {
				if u, ok := got[id]; !ok || u != userFor(id) {
					t.Fatalf("FetchAllUsers(%s, limit=%d)[%d] = %+v (present=%v), want %+v",
						showIDs(ids), tc.limit, id, u, ok, userFor(id))
				}
			}
			if c := p.calls.Load(); int(c) != tc.n {
				t.Errorf("FetchAllUsers(%s, limit=%d) called fetch %d times, want %d", showIDs(ids), tc.limit, c, tc.n)
			}
		})
	}
}

func TestEmpty(t *testing.T) {
	for name, ids := range map[string][]int{"nil": nil, "empty": {}} {
		t.Run(name, func(t *testing.T) {
			p := newProbe()
			got, err, _ := call(t, 2*time.Second, context.Background(), ids, p.wrap(okFetch), 3)
			if err != nil || got == nil || len(got) != 0 {
				t.Errorf("FetchAllUsers(%s ids) = %#v, %v; want an empty non-nil map, nil", name, got, err)
			}
			if c := p.calls.Load(); c != 0 {
				t.Errorf("FetchAllUsers(%s ids) called fetch %d times, want 0", name, c)
			}
		})
	}
}

func TestKeyedByRequestedID(t *testing.T) {
	// fetch may return a User whose ID differs from the id asked for: the map
	// is keyed by the id that was asked for.
	fetch := func(ctx context.Context, id int) (User, error) {
		return User{ID: id * 100, Name: fmt.Sprint("n", id)}, nil
	}
	ids := []int{-5, 0, 7, 1 << 40}
	got, err, _ := call(t, 2*time.Second, context.Background(), ids, fetch, 2)
	want := map[int]User{-5: {-500, "n-5"}, 0: {0, "n0"}, 7: {700, "n7"}, 1 << 40: {100 << 40, fmt.Sprint("n", 1<<40)}}
	if err != nil || !maps.Equal(got, want) {
		t.Errorf("FetchAllUsers(%v) = %v, %v; want %v, nil", ids, got, err, want)
	}
}

func TestDuplicateIDs(t *testing.T) {
	ids := []int{4, 4, 9, 4, 9, 1}
	got, err, _ := call(t, 2*time.Second, context.Background(), ids, okFetch, 3)
	want := map[int]User{4: userFor(4), 9: userFor(9), 1: userFor(1)}
	if err != nil || !maps.Equal(got, want) {
		t.Errorf("FetchAllUsers(%v) = %v, %v; want %v, nil", ids, got, err, want)
	}
}

func TestLimitRespected(t *testing.T) {
	for _, limit := range []int{1, 2, 3, 8} {
		t.Run(fmt.Sprintf("limit=%d", limit), func(t *testing.T) {
			p := newProbe()
			fetch := p.wrap(func(ctx context.Context, id int) (User, error) {
				time.Sleep(time.Duration(id%3) * time.Millisecond)
				return userFor(id), nil
			})
			ids := seqIDs(40)
			got, err, _ := call(t, 5*time.Second, context.Background(), ids, fetch, limit)
			if err != nil || len(got) != len(ids) {
				t.Fatalf("FetchAllUsers(40 ids, limit=%d) = %d users, %v; want 40 users, nil", limit, len(got), err)
			}
			if pk := p.peak.Load(); int(pk) > limit {
				t.Errorf("FetchAllUsers(40 ids, limit=%d): %d fetches were in flight at once, want at most %d", limit, pk, limit)
			}
		})
	}
}

func TestUsesTheWholeLimit(t *testing.T) {
	// Each fetch waits (up to 1s) until `limit` fetches are in flight together.
	// A sequential solution never gets there.
	const limit = 4
	var inFlight atomic.Int32
	all := make(chan struct{})
	var once sync.Once
	var peak atomic.Int32
	fetch := func(ctx context.Context, id int) (User, error) {
		n := inFlight.Add(1)
		defer inFlight.Add(-1)
		for old := peak.Load(); n > old && !peak.CompareAndSwap(old, n); old = peak.Load() {
		}
		if n >= limit {
			once.Do(func() { close(all) })
		}
		select {
		case <-all:
		case <-time.After(time.Second):
		}
		return userFor(id), nil
	}
	got, err, took := call(t, 8*time.Second, context.Background(), seqIDs(limit), fetch, limit)
	if err != nil || len(got) != limit {
		t.Fatalf("FetchAllUsers(%d ids, limit=%d) = %d users, %v; want %d users, nil", limit, limit, len(got), err, limit)
	}
	if pk := peak.Load(); pk != limit {
		t.Errorf("FetchAllUsers(%d ids, limit=%d) ran at most %d fetches at once (took %v), want %d: the calls must run concurrently",
			limit, limit, pk, took.Round(time.Millisecond), limit)
	}
}

func TestFirstErrorCancelsOthers(t *testing.T) {
	errBoom := errors.New("boom")
	p := newProbe()
	var released atomic.Int32
	fetch := p.wrap(func(ctx context.Context, id int) (User, error) {
		if id == 1 {
			time.Sleep(20 * time.Millisecond)
			return User{}, errBoom
		}
		select {
		case <-ctx.Done():
			released.Add(1)
			return User{}, ctx.Err()
		case <-time.After(3 * time.Second):
			return userFor(id), nil
		}
	})
	got, err, took := call(t, 6*time.Second, context.Background(), []int{1, 2, 3}, fetch, 3)
	if !errors.Is(err, errBoom) {
		t.Fatalf("FetchAllUsers([1 2 3], limit=3) with fetch(1) failing after 20ms: error = %v, want %v "+
			"(the first error, not the cancellation errors that follow it)", err, errBoom)
	}
	if got != nil {
		t.Errorf("FetchAllUsers returned a non-nil map %v together with an error; want nil", got)
	}
	if took > time.Second {
		t.Errorf("FetchAllUsers took %v to return after fetch(1) failed at 20ms: the other fetches' context "+
			"must be cancelled on the first error", took.Round(time.Millisecond))
	}
	if r := released.Load(); r != 2 {
		t.Errorf("%d of the 2 blocked fetches saw their context cancelled, want 2", r)
	}
}

func TestReturnsFirstErrorNotCanceled(t *testing.T) {
	errBoom := errors.New("upstream 503")
	for _, limit := range []int{1, 2, 5} {
		t.Run(fmt.Sprintf("limit=%d", limit), func(t *testing.T) {
			fetch := func(ctx context.Context, id int) (User, error) {
				if id == 3 {
					return User{}, fmt.Errorf("fetch %d: %w", id, errBoom)
				}
				select {
				case <-ctx.Done():
					return User{}, ctx.Err()
				case <-time.After(time.Duration(id) * time.Millisecond):
					return userFor(id), nil
				}
			}
			got, err, _ := call(t, 5*time.Second, context.Background(), seqIDs(20), fetch, limit)
			if got != nil || !errors.Is(err, errBoom) {
				t.Errorf("FetchAllUsers(20 ids, limit=%d) with fetch(3) failing = %d users, %v; want nil map and the error wrapping %q",
					limit, len(got), err, errBoom)
			}
			if errors.Is(err, context.Canceled) {
				t.Errorf("FetchAllUsers returned %v: that is a consequence of the failure, not its cause", err)
			}
		})
	}
}

func TestNoNewFetchesAfterError(t *testing.T) {
	errBoom := errors.New("boom")
	p := newProbe()
	fetch := p.wrap(func(ctx context.Context, id int) (User, error) {
		if id == 3 {
			return User{}, errBoom
		}
		select {
		case <-ctx.Done():
			return User{}, ctx.Err()
		case <-time.After(2 * time.Millisecond):
			return userFor(id), nil
		}
	})
	ids := seqIDs(500)
	got, err, _ := call(t, 5*time.Second, context.Background(), ids, fetch, 4)
	if got != nil || !errors.Is(err, errBoom) {
		t.Fatalf("FetchAllUsers(500 ids, limit=4) with fetch(3) failing = %d users, %v; want nil map, %v", len(got), err, errBoom)
	}
	if c := p.calls.Load(); c > 60 {
		t.Errorf("FetchAllUsers(500 ids, limit=4) kept starting fetches after fetch(3) failed: %d calls, want only "+
			"the few already started", c)
	}
}

func TestWaitsForStartedFetches(t *testing.T) {
	// fetch(2) ignores its context and finishes 150ms later. FetchAllUsers must
	// not return before it: no goroutine it started may outlive the call.
	errBoom := errors.New("boom")
	var finished atomic.Bool
	fetch := func(ctx context.Context, id int) (User, error) {
		if id == 1 {
			time.Sleep(10 * time.Millisecond)
			return User{}, errBoom
		}
		time.Sleep(150 * time.Millisecond)
		finished.Store(true)
		return userFor(id), nil
	}
	_, err, _ := call(t, 5*time.Second, context.Background(), []int{1, 2}, fetch, 2)
	if !errors.Is(err, errBoom) {
		t.Fatalf("FetchAllUsers([1 2], limit=2) error = %v, want %v", err, errBoom)
	}
	if !finished.Load() {
		t.Errorf("FetchAllUsers returned while fetch(2) was still running; it must wait for every fetch it started")
	}
}

func TestParentAlreadyCancelled(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	for i := 0; i < 20; i++ { // select between two ready cases is random: repeat
		p := newProbe()
		got, err, _ := call(t, 2*time.Second, ctx, seqIDs(10), p.wrap(okFetch), 4)
		if got != nil || !errors.Is(err, context.Canceled) {
			t.Fatalf("FetchAllUsers(cancelled ctx, 10 ids) = %v, %v; want nil map, context.Canceled", got, err)
		}
		if c := p.calls.Load(); c != 0 {
			t.Fatalf("FetchAllUsers(cancelled ctx, 10 ids) called fetch %d times, want 0", c)
		}
	}
}

func TestParentCancelledMidway(t *testing.T) {
	// The fetches ignore their context and always succeed: only the caller's
	// cancellation can stop the run, and the result must then be its error.
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	p := newProbe()
	fetch := p.wrap(func(ctx context.Context, id int) (User, error) {
		time.Sleep(5 * time.Millisecond)
		return userFor(id), nil
	})
	time.AfterFunc(30*time.Millisecond, cancel)
	got, err, took := call(t, 5*time.Second, ctx, seqIDs(200), fetch, 2)
	if got != nil || !errors.Is(err, context.Canceled) {
		t.Fatalf("FetchAllUsers(200 ids, limit=2, ctx cancelled at 30ms) = %d users, %v; want nil map, context.Canceled "+
			"(a partial result must not look like success)", len(got), err)
	}
	if took > 600*time.Millisecond {
		t.Errorf("FetchAllUsers kept going for %v after its context was cancelled at 30ms", took.Round(time.Millisecond))
	}
	if c := p.calls.Load(); c >= 200 {
		t.Errorf("FetchAllUsers called fetch for all %d ids although ctx was cancelled at 30ms", c)
	}
}

func TestDeadline(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), 40*time.Millisecond)
	defer cancel()
	fetch := func(ctx context.Context, id int) (User, error) {
		select {
		case <-ctx.Done():
			return User{}, ctx.Err()
		case <-time.After(5 * time.Second):
			return userFor(id), nil
		}
	}
	got, err, took := call(t, 6*time.Second, ctx, seqIDs(5), fetch, 2)
	if got != nil || !errors.Is(err, context.DeadlineExceeded) {
		t.Fatalf("FetchAllUsers with a 40ms deadline = %v, %v; want nil map, context.DeadlineExceeded", got, err)
	}
	if took > time.Second {
		t.Errorf("FetchAllUsers took %v with a 40ms deadline", took.Round(time.Millisecond))
	}
}

type ctxKey struct{}

func TestFetchGetsCallersValues(t *testing.T) {
	ctx := context.WithValue(context.Background(), ctxKey{}, "trace-7")
	var bad atomic.Int32
	fetch := func(fctx context.Context, id int) (User, error) {
		if fctx.Value(ctxKey{}) != "trace-7" {
			bad.Add(1)
		}
		return userFor(id), nil
	}
	if _, err, _ := call(t, 2*time.Second, ctx, seqIDs(8), fetch, 3); err != nil {
		t.Fatalf("FetchAllUsers error = %v, want nil", err)
	}
	if b := bad.Load(); b != 0 {
		t.Errorf("%d of 8 fetches got a context without the caller's values: pass a context derived from ctx", b)
	}
}

func TestConcurrentStress(t *testing.T) {
	// Many writers to the result map at once, and several independent calls
	// in parallel: run with -race.
	var wg sync.WaitGroup
	errs := make(chan string, 6)
	for c := 0; c < 6; c++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			ids := seqIDs(800)
			got, err := FetchAllUsers(context.Background(), ids, okFetch, 32+c)
			if err != nil || len(got) != len(ids) {
				errs <- fmt.Sprintf("call %d: FetchAllUsers(800 ids, limit=%d) = %d users, %v; want 800, nil", c, 32+c, len(got), err)
			}
		}()
	}
	wg.Wait()
	close(errs)
	for e := range errs {
		t.Error(e)
	}
}

func TestNoGoroutineLeak(t *testing.T) {
	base := settledGoroutines()
	errBoom := errors.New("boom")
	for i := 0; i < 5; i++ {
		fetch := func(ctx context.Context, id int) (User, error) {
			if id == 10 {
				return User{}, errBoom
			}
			select {
			case <-ctx.Done():
				return User{}, ctx.Err()
			case <-time.After(time.Millisecond):
				return userFor(id), nil
			}
		}
		_, _ = FetchAllUsers(context.Background(), seqIDs(50), fetch, 8)
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Millisecond)
		_, _ = FetchAllUsers(ctx, seqIDs(50), fetch, 8)
		cancel()
	}
	deadline := time.Now().Add(2 * time.Second)
	for runtime.NumGoroutine() > base && time.Now().Before(deadline) {
		time.Sleep(10 * time.Millisecond)
	}
	if n := runtime.NumGoroutine(); n > base {
		t.Errorf("%d goroutines before, %d still running 2s after FetchAllUsers returned: goroutines leaked", base, n)
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
