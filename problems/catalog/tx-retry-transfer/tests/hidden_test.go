package wallet

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"math/rand/v2"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/mattn/go-sqlite3"
)

func testCtx(t *testing.T) context.Context {
	ctx, cancel := context.WithTimeout(context.Background(), 15*time.Second)
	t.Cleanup(cancel)
	return ctx
}

// openDB opens a fresh SQLite file in t.TempDir(); query is appended to the
// DSN (e.g. "?_journal_mode=WAL").
func openDB(t *testing.T, query string) *sql.DB {
	t.Helper()
	db, err := sql.Open("sqlite3", filepath.Join(t.TempDir(), "bank.db")+query)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	if err := db.PingContext(testCtx(t)); err != nil {
		t.Fatal(err)
	}
	return db
}

// logDB is a database with a table the TxFuncs below write to.
func logDB(t *testing.T) *sql.DB {
	t.Helper()
	// A short busy timeout: a transaction left open fails the next write fast.
	db := openDB(t, "?_busy_timeout=300")
	if _, err := db.ExecContext(testCtx(t), `CREATE TABLE attempts (n INTEGER NOT NULL)`); err != nil {
		t.Fatal(err)
	}
	return db
}

func loggedAttempts(t *testing.T, db *sql.DB) []int {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
	defer cancel()
	rows, err := db.QueryContext(ctx, `SELECT n FROM attempts ORDER BY n`)
	if err != nil {
		t.Fatalf("reading attempts (is the database still locked by a transaction that was never rolled back?): %v", err)
	}
	defer rows.Close()
	var out []int
	for rows.Next() {
		var n int
		_ = rows.Scan(&n)
		out = append(out, n)
	}
	return out
}

func busy(attempt int) error {
	return fmt.Errorf("attempt %d: %w", attempt, sqlite3.Error{Code: sqlite3.ErrBusy})
}

// alwaysBusy returns a TxFunc that fails with SQLITE_BUSY every time and
// counts its calls.
func alwaysBusy(calls *atomic.Int32) TxFunc {
	return func(ctx context.Context, tx *sql.Tx) error {
		return busy(int(calls.Add(1)))
	}
}

// runRetry runs WithTxRetry in a goroutine and fails the test if it hangs.
func runRetry(t *testing.T, ctx context.Context, db *sql.DB, max int, base time.Duration, fn TxFunc) (error, time.Duration) {
	t.Helper()
	done := make(chan error, 1)
	start := time.Now()
	go func() { done <- WithTxRetry(ctx, db, sql.LevelSerializable, max, base, fn) }()
	select {
	case err := <-done:
		return err, time.Since(start)
	case <-time.After(8 * time.Second):
		t.Fatalf("WithTxRetry(max=%d, base=%v) did not return within 8s", max, base)
		return nil, 0
	}
}

func TestWithTxRetryCommitAndRollback(t *testing.T) {
	t.Run("commit", func(t *testing.T) {
		db := logDB(t)
		calls := 0
		err, _ := runRetry(t, testCtx(t), db, 3, time.Millisecond, func(ctx context.Context, tx *sql.Tx) error {
			calls++
			_, err := tx.ExecContext(ctx, `INSERT INTO attempts(n) VALUES(1)`)
			return err
		})
		if err != nil || calls != 1 {
			t.Fatalf("WithTxRetry with a succeeding fn = %v after %d calls, want nil after 1", err, calls)
		}
		if got := loggedAttempts(t, db); len(got) != 1 {
			t.Errorf("after a successful WithTxRetry the table holds %v, want [1]: commit the transaction", got)
		}
	})

	t.Run("app-error-rolls-back", func(t *testing.T) {
		db := logDB(t)
		errApp := errors.New("balance check failed")
		calls := 0
		err, _ := runRetry(t, testCtx(t), db, 5, time.Millisecond, func(ctx context.Context, tx *sql.Tx) error {
			calls++
			if _, err := tx.ExecContext(ctx, `INSERT INTO attempts(n) VALUES(1)`); err != nil {
				return err
			}
			return errApp
		})
		if !errors.Is(err, errApp) || calls != 1 {
			t.Errorf("WithTxRetry with fn returning an application error = %v after %d calls; want that error after 1 call", err, calls)
		}
		if got := loggedAttempts(t, db); len(got) != 0 {
			t.Errorf("fn failed but its insert was kept: table holds %v, want nothing (roll back)", got)
		}
	})

	t.Run("fn-gets-callers-ctx", func(t *testing.T) {
		type key struct{}
		ctx := context.WithValue(testCtx(t), key{}, "req-9")
		var seen any
		err, _ := runRetry(t, ctx, logDB(t), 1, 0, func(ctx context.Context, tx *sql.Tx) error {
			seen = ctx.Value(key{})
			return nil
		})
		if err != nil || seen != "req-9" {
			t.Errorf("fn's ctx carried %v (err %v), want the caller's value req-9", seen, err)
		}
	})
}

func TestWithTxRetryRetries(t *testing.T) {
	t.Run("busy-then-ok", func(t *testing.T) {
		db := logDB(t)
		calls := 0
		err, _ := runRetry(t, testCtx(t), db, 5, time.Millisecond, func(ctx context.Context, tx *sql.Tx) error {
			calls++
			if _, err := tx.ExecContext(ctx, `INSERT INTO attempts(n) VALUES(?)`, calls); err != nil {
				return err
			}
			if calls < 3 {
				return busy(calls)
			}
			return nil
		})
		if err != nil || calls != 3 {
			t.Fatalf("WithTxRetry with fn busy twice then ok = %v after %d calls, want nil after 3", err, calls)
		}
		if got := loggedAttempts(t, db); len(got) != 1 || got[0] != 3 {
			t.Errorf("the table holds %v, want only [3]: each failed attempt must be rolled back before the next", got)
		}
	})

	kinds := []struct {
		name string
		err  error
	}{
		{"locked", sqlite3.Error{Code: sqlite3.ErrLocked}},
		{"busy-snapshot", sqlite3.Error{Code: sqlite3.ErrBusy, ExtendedCode: sqlite3.ErrBusySnapshot}},
		{"wrapped-twice", fmt.Errorf("transfer: %w", fmt.Errorf("update: %w", sqlite3.Error{Code: sqlite3.ErrBusy}))},
	}
	for _, k := range kinds {
		t.Run("retries-"+k.name, func(t *testing.T) {
			calls := 0
			err, _ := runRetry(t, testCtx(t), logDB(t), 4, time.Millisecond, func(ctx context.Context, tx *sql.Tx) error {
				calls++
				if calls == 1 {
					return k.err
				}
				return nil
			})
			if err != nil || calls != 2 {
				t.Errorf("WithTxRetry with fn failing once with %v = %v after %d calls, want nil after 2 (it is retryable)", k.err, err, calls)
			}
		})
	}

	notRetryable := []struct {
		name string
		err  error
	}{
		{"message-says-locked", errors.New("account locked: too many attempts")},
		{"message-says-busy", errors.New("line busy, database is locked? no: a business rule")},
		{"constraint", sqlite3.Error{Code: sqlite3.ErrConstraint}},
		{"no-rows", sql.ErrNoRows},
		{"canceled-by-fn", context.Canceled},
	}
	for _, k := range notRetryable {
		t.Run("not-retried-"+k.name, func(t *testing.T) {
			calls := 0
			err, _ := runRetry(t, testCtx(t), logDB(t), 5, time.Millisecond, func(ctx context.Context, tx *sql.Tx) error {
				calls++
				return k.err
			})
			if calls != 1 || !errors.Is(err, k.err) {
				t.Errorf("WithTxRetry with fn returning %q = %v after %d calls; want that error after exactly 1 call "+
					"(only SQLITE_BUSY / SQLITE_LOCKED driver errors are retryable; do not match on message text)", k.err, err, calls)
			}
		})
	}
}

func TestWithTxRetryGivesUp(t *testing.T) {
	t.Run("max-attempts", func(t *testing.T) {
		var calls atomic.Int32
		err, took := runRetry(t, testCtx(t), logDB(t), 4, 5*time.Millisecond, alwaysBusy(&calls))
		if c := calls.Load(); c != 4 {
			t.Errorf("WithTxRetry(max=4) with an always-busy fn called it %d times, want 4", c)
		}
		var se sqlite3.Error
		if !errors.As(err, &se) || se.Code != sqlite3.ErrBusy || !strings.Contains(err.Error(), "attempt 4") {
			t.Errorf("WithTxRetry(max=4) gave up with %v, want the last attempt's error (\"attempt 4: ...\", a sqlite3.Error)", err)
		}
		if took < 35*time.Millisecond {
			t.Errorf("WithTxRetry(max=4, base=5ms) gave up after %v; the backoffs alone are 5+10+20 = 35ms", took)
		}
	})

	for _, max := range []int{1, 0, -3} {
		t.Run(fmt.Sprintf("max=%d", max), func(t *testing.T) {
			var calls atomic.Int32
			err, _ := runRetry(t, testCtx(t), logDB(t), max, time.Millisecond, alwaysBusy(&calls))
			if c := calls.Load(); c != 1 || err == nil {
				t.Errorf("WithTxRetry(max=%d) with an always-busy fn = %v after %d calls, want an error after exactly 1 call", max, err, c)
			}
		})
	}

	t.Run("exponential", func(t *testing.T) {
		// The gaps between attempts hold the backoffs: at least 50, 100, 200ms.
		const base = 50 * time.Millisecond
		var mu sync.Mutex
		var at []time.Time
		fn := func(ctx context.Context, tx *sql.Tx) error {
			mu.Lock()
			at = append(at, time.Now())
			n := len(at)
			mu.Unlock()
			return busy(n)
		}
		_, took := runRetry(t, testCtx(t), logDB(t), 4, base, fn)
		mu.Lock()
		defer mu.Unlock()
		if len(at) != 4 {
			t.Fatalf("WithTxRetry(max=4, base=50ms) with an always-busy fn called it %d times, want 4", len(at))
		}
		for i, want := range []time.Duration{base, 2 * base, 4 * base} {
			if gap := at[i+1].Sub(at[i]); gap < want-want/10 {
				t.Errorf("WithTxRetry(max=4, base=50ms): attempt %d came %v after attempt %d, want at least %v (exponential backoff waits 50, 100, 200ms)",
					i+2, gap.Round(time.Millisecond), i+1, want)
			}
		}
		if took > 3*time.Second {
			t.Errorf("WithTxRetry(max=4, base=50ms) took %v, far more than the 350ms of backoff", took.Round(time.Millisecond))
		}
	})

	t.Run("no-wait-after-last", func(t *testing.T) {
		var calls atomic.Int32
		_, took := runRetry(t, testCtx(t), logDB(t), 2, 250*time.Millisecond, alwaysBusy(&calls))
		if took < 250*time.Millisecond {
			t.Errorf("WithTxRetry(max=2, base=250ms) returned after %v, before the one 250ms backoff", took.Round(time.Millisecond))
		}
		if took >= 650*time.Millisecond {
			t.Errorf("WithTxRetry(max=2, base=250ms) took %v: it must not sleep after the last attempt (want about 250ms)", took.Round(time.Millisecond))
		}
	})

	t.Run("zero-base", func(t *testing.T) {
		var calls atomic.Int32
		_, took := runRetry(t, testCtx(t), logDB(t), 6, 0, alwaysBusy(&calls))
		if c := calls.Load(); c != 6 || took > time.Second {
			t.Errorf("WithTxRetry(max=6, base=0) = %d calls in %v, want 6 calls without waiting", c, took)
		}
	})
}

func TestWithTxRetryContext(t *testing.T) {
	t.Run("cancelled-before", func(t *testing.T) {
		ctx, cancel := context.WithCancel(context.Background())
		cancel()
		var calls atomic.Int32
		err, _ := runRetry(t, ctx, logDB(t), 3, time.Millisecond, alwaysBusy(&calls))
		if !errors.Is(err, context.Canceled) || calls.Load() != 0 {
			t.Errorf("WithTxRetry with a cancelled ctx = %v after %d calls of fn; want context.Canceled and no call", err, calls.Load())
		}
	})

	t.Run("cancelled-during-backoff", func(t *testing.T) {
		db := logDB(t)
		ctx, cancel := context.WithCancel(context.Background())
		defer cancel()
		var calls atomic.Int32
		go func() { // cancel right after the first attempt, during the 2s backoff
			for deadline := time.Now().Add(5 * time.Second); calls.Load() == 0 && time.Now().Before(deadline); {
				time.Sleep(time.Millisecond)
			}
			cancel()
		}()
		err, took := runRetry(t, ctx, db, 5, 2*time.Second, alwaysBusy(&calls))
		if !errors.Is(err, context.Canceled) {
			t.Errorf("WithTxRetry cancelled during a 2s backoff = %v, want context.Canceled", err)
		}
		if took > 1200*time.Millisecond {
			t.Errorf("WithTxRetry returned %v after start although ctx was cancelled right after the first attempt, during a 2s backoff: "+
				"wait with select on ctx.Done(), not time.Sleep", took.Round(time.Millisecond))
		}
		if c := calls.Load(); c != 1 {
			t.Errorf("fn was called %d times, want 1 (ctx was cancelled during the first backoff)", c)
		}
	})

	t.Run("deadline-during-backoff", func(t *testing.T) {
		db := logDB(t)
		ctx, cancel := context.WithTimeout(context.Background(), 50*time.Millisecond)
		defer cancel()
		var calls atomic.Int32
		err, took := runRetry(t, ctx, db, 5, 2*time.Second, alwaysBusy(&calls))
		if !errors.Is(err, context.DeadlineExceeded) {
			t.Errorf("WithTxRetry whose 50ms deadline passes during a backoff = %v, want context.DeadlineExceeded", err)
		}
		if took > 1200*time.Millisecond {
			t.Errorf("WithTxRetry with a 50ms deadline returned after %v", took.Round(time.Millisecond))
		}
	})
}

func TestWithTxRetryPanic(t *testing.T) {
	db := logDB(t)
	var recovered any
	func() {
		defer func() { recovered = recover() }()
		_ = WithTxRetry(testCtx(t), db, sql.LevelSerializable, 3, time.Millisecond, func(ctx context.Context, tx *sql.Tx) error {
			if _, err := tx.ExecContext(ctx, `INSERT INTO attempts(n) VALUES(7)`); err != nil {
				return err
			}
			panic("boom in fn")
		})
	}()
	if recovered != "boom in fn" {
		t.Errorf("a panic in fn came out of WithTxRetry as %v, want the same panic value \"boom in fn\"", recovered)
	}
	// The panicking attempt must have been rolled back: otherwise its
	// connection still holds SQLite's write lock and this insert fails.
	ctx, cancel := context.WithTimeout(context.Background(), time.Second)
	defer cancel()
	if _, err := db.ExecContext(ctx, `INSERT INTO attempts(n) VALUES(8)`); err != nil {
		t.Fatalf("after a panic in fn, writing to the database failed: %v (roll back the transaction when fn panics, e.g. with defer)", err)
	}
	if got := loggedAttempts(t, db); len(got) != 1 || got[0] != 8 {
		t.Errorf("after a panic in fn the table holds %v, want [8]: the panicking attempt's insert must be rolled back", got)
	}
}

func TestWithTxRetryBeginFails(t *testing.T) {
	db := logDB(t)
	db.Close()
	calls := 0
	err, _ := runRetry(t, testCtx(t), db, 3, time.Millisecond, func(ctx context.Context, tx *sql.Tx) error {
		calls++
		return nil
	})
	if err == nil || calls != 0 {
		t.Errorf("WithTxRetry on a closed *sql.DB = %v after %d calls of fn, want BeginTx's error and no call", err, calls)
	}
}

// ---------- Transfer ----------

type bank struct {
	db *sql.DB
	w  *WalletRepo
}

func newBank(t *testing.T, query string, wallets map[string]int64) *bank {
	t.Helper()
	db := openDB(t, query)
	w := NewWalletRepo(db)
	if w == nil {
		t.Fatal("NewWalletRepo returned nil")
	}
	if err := w.Migrate(testCtx(t)); err != nil {
		t.Fatalf("Migrate = %v, want nil", err)
	}
	if err := w.Migrate(testCtx(t)); err != nil {
		t.Fatalf("Migrate a second time = %v, want nil (idempotent)", err)
	}
	for owner, bal := range wallets {
		if _, err := db.ExecContext(testCtx(t), `INSERT INTO wallets(owner, balance) VALUES(?, ?)`, owner, bal); err != nil {
			t.Fatalf("seeding wallet %q: %v", owner, err)
		}
	}
	return &bank{db: db, w: w}
}

func (b *bank) balances(t *testing.T) map[string]int64 {
	t.Helper()
	rows, err := b.db.QueryContext(testCtx(t), `SELECT owner, balance FROM wallets`)
	if err != nil {
		t.Fatalf("reading balances: %v", err)
	}
	defer rows.Close()
	out := map[string]int64{}
	for rows.Next() {
		var o string
		var bal int64
		_ = rows.Scan(&o, &bal)
		out[o] = bal
	}
	return out
}

type transferRow struct {
	from, to string
	amount   int64
}

func (b *bank) transfers(t *testing.T) []transferRow {
	t.Helper()
	rows, err := b.db.QueryContext(testCtx(t), `
SELECT f.owner, w.owner, t.amount FROM transfers t
JOIN wallets f ON f.id = t.from_id JOIN wallets w ON w.id = t.to_id ORDER BY t.id`)
	if err != nil {
		t.Fatalf("reading transfers: %v", err)
	}
	defer rows.Close()
	var out []transferRow
	for rows.Next() {
		var r transferRow
		_ = rows.Scan(&r.from, &r.to, &r.amount)
		out = append(out, r)
	}
	return out
}

func sameBalances(a, b map[string]int64) bool {
	if len(a) != len(b) {
		return false
	}
	for k, v := range a {
		if b[k] != v {
			return false
		}
	}
	return true
}

func TestTransfer(t *testing.T) {
	seed := map[string]int64{"alice": 10_000, "bob": 2_000, "carol": 0, "o'hara ✓": 50}

	t.Run("moves-money", func(t *testing.T) {
		b := newBank(t, "", seed)
		if err := b.w.Transfer(testCtx(t), "alice", "bob", 1500); err != nil {
			t.Fatalf("Transfer(alice -> bob, 1500) = %v, want nil", err)
		}
		want := map[string]int64{"alice": 8500, "bob": 3500, "carol": 0, "o'hara ✓": 50}
		if got := b.balances(t); !sameBalances(got, want) {
			t.Errorf("after Transfer(alice -> bob, 1500) balances = %v, want %v", got, want)
		}
		if got := b.transfers(t); len(got) != 1 || got[0] != (transferRow{"alice", "bob", 1500}) {
			t.Errorf("transfers table = %v, want one row alice -> bob 1500", got)
		}
	})

	t.Run("whole-balance", func(t *testing.T) {
		b := newBank(t, "", seed)
		if err := b.w.Transfer(testCtx(t), "o'hara ✓", "carol", 50); err != nil {
			t.Fatalf("Transfer of the whole balance (50 of 50) = %v, want nil", err)
		}
		if got := b.balances(t); got["o'hara ✓"] != 0 || got["carol"] != 50 {
			t.Errorf("after moving the whole balance: %v", got)
		}
	})

	failing := []struct {
		name     string
		from, to string
		amount   int64
		want     error
	}{
		{"insufficient", "bob", "alice", 2001, ErrInsufficientFunds},
		{"empty-wallet", "carol", "alice", 1, ErrInsufficientFunds},
		{"zero", "alice", "bob", 0, ErrInvalidAmount},
		{"negative", "alice", "bob", -500, ErrInvalidAmount},
		{"same-wallet", "alice", "alice", 10, ErrSameWallet},
		{"unknown-from", "mallory", "bob", 10, ErrWalletNotFound},
		{"unknown-to", "alice", "mallory", 10, ErrWalletNotFound},
		{"unknown-to-and-poor", "carol", "mallory", 10, ErrWalletNotFound},
		{"case-sensitive-owner", "Alice", "bob", 10, ErrWalletNotFound},
	}
	for _, tc := range failing {
		t.Run(tc.name, func(t *testing.T) {
			b := newBank(t, "", seed)
			err := b.w.Transfer(testCtx(t), tc.from, tc.to, tc.amount)
			if !errors.Is(err, tc.want) {
				t.Errorf("Transfer(%q -> %q, %d) = %v, want an error wrapping %q", tc.from, tc.to, tc.amount, err, tc.want)
			}
			if got := b.balances(t); !sameBalances(got, seed) {
				t.Errorf("failed Transfer(%q -> %q, %d) changed balances to %v, want %v unchanged", tc.from, tc.to, tc.amount, got, seed)
			}
			if got := b.transfers(t); len(got) != 0 {
				t.Errorf("failed Transfer(%q -> %q, %d) recorded transfers %v, want none", tc.from, tc.to, tc.amount, got)
			}
		})
	}

	t.Run("cancelled-ctx", func(t *testing.T) {
		b := newBank(t, "", seed)
		ctx, cancel := context.WithCancel(context.Background())
		cancel()
		if err := b.w.Transfer(ctx, "alice", "bob", 10); !errors.Is(err, context.Canceled) {
			t.Errorf("Transfer with a cancelled ctx = %v, want context.Canceled", err)
		}
		if got := b.balances(t); !sameBalances(got, seed) {
			t.Errorf("Transfer with a cancelled ctx changed balances to %v", got)
		}
	})
}

// hammer runs transfers between random wallets from several goroutines and
// checks that money is conserved and matches the transfers table.
func hammer(t *testing.T, query string) {
	const (
		nWallets  = 6
		start     = 1000
		workers   = 8
		perWorker = 25
	)
	seed := map[string]int64{}
	owners := make([]string, nWallets)
	for i := range owners {
		owners[i] = fmt.Sprintf("w%d", i)
		seed[owners[i]] = start
	}
	b := newBank(t, query, seed)

	var ok, poor atomic.Int32
	var wg sync.WaitGroup
	errs := make(chan string, workers)
	for g := 0; g < workers; g++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			rng := rand.New(rand.NewPCG(uint64(g), 7))
			for i := 0; i < perWorker; i++ {
				from := rng.IntN(nWallets)
				to := (from + 1 + rng.IntN(nWallets-1)) % nWallets
				amount := int64(1 + rng.IntN(400))
				err := b.w.Transfer(testCtx(t), owners[from], owners[to], amount)
				switch {
				case err == nil:
					ok.Add(1)
				case errors.Is(err, ErrInsufficientFunds):
					poor.Add(1)
				default:
					errs <- fmt.Sprintf("Transfer(%s -> %s, %d) under concurrency = %v; want success or ErrInsufficientFunds "+
						"(retry SQLITE_BUSY / SQLITE_LOCKED)", owners[from], owners[to], amount, err)
					return
				}
			}
		}()
	}
	wg.Wait()
	close(errs)
	for e := range errs {
		t.Error(e)
	}

	bal := b.balances(t)
	var total int64
	for _, o := range owners {
		total += bal[o]
		if bal[o] < 0 {
			t.Errorf("wallet %s ended at %d: overdrawn", o, bal[o])
		}
	}
	if total != nWallets*start {
		t.Errorf("total money after concurrent transfers = %d, want %d (money was created or destroyed)", total, nWallets*start)
	}
	rows := b.transfers(t)
	if len(rows) != int(ok.Load()) {
		t.Errorf("%d successful transfers but %d rows in transfers", ok.Load(), len(rows))
	}
	want := map[string]int64{}
	for _, o := range owners {
		want[o] = start
	}
	for _, r := range rows {
		want[r.from] -= r.amount
		want[r.to] += r.amount
	}
	if !sameBalances(bal, want) {
		t.Errorf("balances %v do not match the transfers table (which implies %v)", bal, want)
	}
}

func TestTransferConcurrent(t *testing.T) {
	t.Run("rollback-journal", func(t *testing.T) { hammer(t, "") })
	t.Run("wal", func(t *testing.T) { hammer(t, "?_journal_mode=WAL") })
}

func TestTransferNoOverdraft(t *testing.T) {
	// 10 concurrent transfers of 30 from a wallet holding 100: exactly 3 fit.
	for _, mode := range []struct{ name, query string }{{"rollback-journal", ""}, {"wal", "?_journal_mode=WAL"}} {
		t.Run(mode.name, func(t *testing.T) {
			b := newBank(t, mode.query, map[string]int64{"src": 100, "dst": 0})
			var ok, poor atomic.Int32
			var wg sync.WaitGroup
			startGate := make(chan struct{})
			for g := 0; g < 10; g++ {
				wg.Add(1)
				go func() {
					defer wg.Done()
					<-startGate
					err := b.w.Transfer(testCtx(t), "src", "dst", 30)
					switch {
					case err == nil:
						ok.Add(1)
					case errors.Is(err, ErrInsufficientFunds):
						poor.Add(1)
					default:
						t.Errorf("concurrent Transfer(src -> dst, 30) = %v, want nil or ErrInsufficientFunds", err)
					}
				}()
			}
			close(startGate)
			wg.Wait()
			got := b.balances(t)
			if ok.Load() != 3 || poor.Load() != 7 || got["src"] != 10 || got["dst"] != 90 {
				t.Errorf("10 concurrent Transfer(src -> dst, 30) from 100: %d ok, %d insufficient, balances %v; "+
					"want 3 ok, 7 insufficient, src=10 dst=90 (check and debit in the same transaction)", ok.Load(), poor.Load(), got)
			}
		})
	}
}

// TestTransferWhileLocked keeps SQLite's write lock on another connection for
// 1s while a Transfer runs. A transfer that takes the write lock first waits in
// the busy handler; one that reads first gets SQLITE_BUSY at once and must keep
// retrying long enough (10 attempts from a 5ms base span about 5s). Giving up
// after a few quick attempts fails the transfer although the lock was only
// held for a second.
func TestTransferWhileLocked(t *testing.T) {
	const hold = time.Second
	for _, mode := range []struct{ name, query string }{{"rollback-journal", ""}, {"wal", "?_journal_mode=WAL"}} {
		t.Run(mode.name, func(t *testing.T) {
			b := newBank(t, mode.query, map[string]int64{"alice": 100, "bob": 0, "carol": 0})
			ctx := testCtx(t)
			holder, err := b.db.BeginTx(ctx, nil)
			if err != nil {
				t.Fatal(err)
			}
			// Any write takes the database's write lock until Commit.
			if _, err := holder.ExecContext(ctx, `UPDATE wallets SET balance = balance WHERE owner = 'carol'`); err != nil {
				_ = holder.Rollback()
				t.Fatalf("taking the write lock: %v", err)
			}
			released := make(chan error, 1)
			time.AfterFunc(hold, func() { released <- holder.Commit() }) // at least 1s after Transfer starts
			start := time.Now()
			err = b.w.Transfer(ctx, "alice", "bob", 30)
			took := time.Since(start)
			if cerr := <-released; cerr != nil {
				t.Fatalf("releasing the write lock: %v", cerr)
			}
			if err != nil {
				t.Fatalf("Transfer(alice -> bob, 30) while another connection held the write lock for %v = %v after %v; "+
					"want nil: take the write lock first, or retry long enough", hold, err, took.Round(time.Millisecond))
			}
			want := map[string]int64{"alice": 70, "bob": 30, "carol": 0}
			if got := b.balances(t); !sameBalances(got, want) {
				t.Errorf("after Transfer(alice -> bob, 30) balances = %v, want %v", got, want)
			}
			if got := b.transfers(t); len(got) != 1 || got[0] != (transferRow{"alice", "bob", 30}) {
				t.Errorf("transfers table = %v, want one row alice -> bob 30", got)
			}
		})
	}
}
