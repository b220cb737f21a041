package repo

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"path/filepath"
	"sync"
	"testing"
	"time"
)

func testCtx(t *testing.T) context.Context {
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	t.Cleanup(cancel)
	return ctx
}

// openDB opens and migrates a fresh database: a file in t.TempDir(), or
// ":memory:".
func openDB(t *testing.T, dsn string) *sql.DB {
	t.Helper()
	ctx := testCtx(t)
	if dsn == "" {
		dsn = filepath.Join(t.TempDir(), "users.db")
	}
	db, err := Open(ctx, dsn)
	if err != nil || db == nil {
		t.Fatalf("Open(%q) = %v, %v; want a *sql.DB, nil", dsn, db, err)
	}
	t.Cleanup(func() { db.Close() })
	if err := Migrate(ctx, db); err != nil {
		t.Fatalf("Migrate on %q = %v, want nil", dsn, err)
	}
	return db
}

func openRepo(t *testing.T) (UserRepo, *sql.DB) {
	t.Helper()
	db := openDB(t, "")
	r := NewUserRepo(db)
	if r == nil {
		t.Fatal("NewUserRepo returned nil")
	}
	return r, db
}

func countUsers(t *testing.T, db *sql.DB) int {
	t.Helper()
	var n int
	if err := db.QueryRowContext(testCtx(t), `SELECT count(*) FROM users`).Scan(&n); err != nil {
		t.Fatalf("SELECT count(*) FROM users: %v", err)
	}
	return n
}

func mustCreate(t *testing.T, r UserRepo, email, name string) int64 {
	t.Helper()
	id, err := r.Create(testCtx(t), email, name)
	if err != nil || id <= 0 {
		t.Fatalf("Create(%q, %q) = %d, %v; want an id > 0, nil", email, name, id, err)
	}
	return id
}

func cancelled() context.Context {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	return ctx
}

func TestOpen(t *testing.T) {
	t.Run("file", func(t *testing.T) {
		path := filepath.Join(t.TempDir(), "a.db")
		db, err := Open(testCtx(t), path)
		if err != nil || db == nil {
			t.Fatalf("Open(%q) = %v, %v; want a *sql.DB, nil", path, db, err)
		}
		defer db.Close()
		if err := db.PingContext(testCtx(t)); err != nil {
			t.Errorf("Ping after Open = %v", err)
		}
	})

	t.Run("unreachable-path", func(t *testing.T) {
		path := filepath.Join(t.TempDir(), "no", "such", "dir", "x.db")
		db, err := Open(testCtx(t), path)
		if err == nil {
			if db != nil {
				db.Close()
			}
			t.Fatalf("Open(%q) = nil error; want an error (Ping must check the database can be opened)", path)
		}
		if db != nil {
			db.Close()
			t.Errorf("Open(%q) failed with %v but also returned a non-nil *sql.DB; return nil (and close it) on error", path, err)
		}
	})

	t.Run("cancelled-ctx", func(t *testing.T) {
		db, err := Open(cancelled(), filepath.Join(t.TempDir(), "c.db"))
		if err == nil || db != nil {
			if db != nil {
				db.Close()
			}
			t.Errorf("Open with a cancelled ctx = %v, %v; want nil, an error", db, err)
		}
	})

	t.Run("memory-one-database", func(t *testing.T) {
		// Many goroutines at once make database/sql open more connections
		// unless the pool is limited: each new ":memory:" connection would be
		// a different, empty database without the users table.
		db := openDB(t, ":memory:")
		r := NewUserRepo(db)
		var wg sync.WaitGroup
		errs := make(chan error, 64)
		for g := 0; g < 8; g++ {
			wg.Add(1)
			go func() {
				defer wg.Done()
				for i := 0; i < 10; i++ {
					email := fmt.Sprintf("m%d-%d@x.io", g, i)
					if _, err := r.Create(testCtx(t), email, "M"); err != nil {
						errs <- fmt.Errorf("Create(%s): %w", email, err)
						return
					}
					if u, err := r.FindByEmail(testCtx(t), email); err != nil || u == nil {
						errs <- fmt.Errorf("FindByEmail(%s): %v, %w", email, u, err)
						return
					}
				}
			}()
		}
		wg.Wait()
		close(errs)
		for err := range errs {
			t.Errorf("on Open(\":memory:\") with concurrent use: %v", err)
		}
		if n := countUsers(t, db); n != 80 {
			t.Errorf("on Open(\":memory:\"): %d users after 80 concurrent Creates, want 80", n)
		}
	})

	t.Run("memory-private", func(t *testing.T) {
		db1, db2 := openDB(t, ":memory:"), openDB(t, ":memory:")
		r1, r2 := NewUserRepo(db1), NewUserRepo(db2)
		mustCreate(t, r1, "same@x.io", "One")
		if _, err := r2.Create(testCtx(t), "same@x.io", "Two"); err != nil {
			t.Errorf("two Open(\":memory:\") databases share data: Create in the second = %v, want nil", err)
		}
		if u, _ := r2.FindByEmail(testCtx(t), "same@x.io"); u == nil || u.Name != "Two" {
			t.Errorf("second in-memory database: FindByEmail = %+v, want Name Two", u)
		}
	})
}

func TestMigrate(t *testing.T) {
	db := openDB(t, "")
	for i := 0; i < 2; i++ {
		if err := Migrate(testCtx(t), db); err != nil {
			t.Fatalf("Migrate called again (#%d) = %v, want nil: it must be idempotent", i+2, err)
		}
	}
	if _, err := db.ExecContext(testCtx(t), `INSERT INTO users(email, name) VALUES('raw@x.io', 'Raw')`); err != nil {
		t.Fatalf("INSERT INTO users(email, name) after Migrate: %v (schema must match the statement)", err)
	}
	var id int64
	var email, name string
	var created time.Time
	err := db.QueryRowContext(testCtx(t), `SELECT id, email, name, created_at FROM users`).Scan(&id, &email, &name, &created)
	if err != nil || id <= 0 || created.IsZero() {
		t.Errorf("SELECT id, email, name, created_at = %d, %q, %q, %v, %v; want a row with a default created_at", id, email, name, created, err)
	}
	if _, err := db.ExecContext(testCtx(t), `INSERT INTO users(email) VALUES('noname@x.io')`); err == nil {
		t.Errorf("INSERT without a name succeeded; the name column must be NOT NULL")
	}
}

func TestCreate(t *testing.T) {
	r, db := openRepo(t)

	t.Run("ids", func(t *testing.T) {
		a := mustCreate(t, r, "a@x.io", "A")
		b := mustCreate(t, r, "b@x.io", "B")
		c := mustCreate(t, r, "c@x.io", "C")
		if !(a < b && b < c) {
			t.Errorf("three Creates returned ids %d, %d, %d; want increasing ids", a, b, c)
		}
	})

	t.Run("duplicate", func(t *testing.T) {
		id := mustCreate(t, r, "dup@x.io", "First")
		before := countUsers(t, db)
		got, err := r.Create(testCtx(t), "dup@x.io", "Second")
		if !errors.Is(err, ErrDuplicateEmail) {
			t.Fatalf("Create(dup@x.io) a second time = %d, %v; want an error wrapping ErrDuplicateEmail", got, err)
		}
		if errors.Is(err, ErrNotFound) {
			t.Errorf("duplicate-email error %v also matches ErrNotFound", err)
		}
		if n := countUsers(t, db); n != before {
			t.Errorf("a rejected duplicate changed the user count from %d to %d", before, n)
		}
		if u, _ := r.FindByEmail(testCtx(t), "dup@x.io"); u == nil || u.ID != id || u.Name != "First" {
			t.Errorf("after a rejected duplicate, FindByEmail(dup@x.io) = %+v, want the first user (ID %d, Name First)", u, id)
		}
	})

	t.Run("exact-email", func(t *testing.T) {
		mustCreate(t, r, "Case@x.io", "Upper")
		if _, err := r.Create(testCtx(t), "case@x.io", "Lower"); err != nil {
			t.Errorf("Create(case@x.io) after Create(Case@x.io) = %v; emails are compared exactly, want nil", err)
		}
	})

	t.Run("quotes-and-unicode", func(t *testing.T) {
		email := "o'brien+\"tag\"@example.com"
		name := "Zoë 山田 '); DROP TABLE users;--"
		id := mustCreate(t, r, email, name)
		u, err := r.FindByEmail(testCtx(t), email)
		if err != nil || u == nil || u.ID != id || u.Email != email || u.Name != name {
			t.Errorf("FindByEmail(%q) = %+v, %v; want ID %d, Name %q (use ? placeholders, never build SQL from input)", email, u, err, id, name)
		}
		if n := countUsers(t, db); n < 1 {
			t.Errorf("users table lost its rows")
		}
	})

	t.Run("cancelled-ctx", func(t *testing.T) {
		before := countUsers(t, db)
		id, err := r.Create(cancelled(), "late@x.io", "Late")
		if !errors.Is(err, context.Canceled) {
			t.Errorf("Create with a cancelled ctx = %d, %v; want an error wrapping context.Canceled", id, err)
		}
		if n := countUsers(t, db); n != before {
			t.Errorf("Create with a cancelled ctx still inserted a row (%d -> %d users): pass ctx to ExecContext", before, n)
		}
	})

	t.Run("expired-deadline", func(t *testing.T) {
		ctx, cancel := context.WithDeadline(context.Background(), time.Now().Add(-time.Second))
		defer cancel()
		if _, err := r.Create(ctx, "dl@x.io", "DL"); !errors.Is(err, context.DeadlineExceeded) {
			t.Errorf("Create with an expired deadline = %v, want an error wrapping context.DeadlineExceeded", err)
		}
	})
}

func TestFindByEmail(t *testing.T) {
	r, _ := openRepo(t)
	before := time.Now().Add(-2 * time.Minute)
	id := mustCreate(t, r, "grace@x.io", "Grace")
	after := time.Now().Add(2 * time.Minute)

	t.Run("found", func(t *testing.T) {
		u, err := r.FindByEmail(testCtx(t), "grace@x.io")
		if err != nil || u == nil {
			t.Fatalf("FindByEmail(grace@x.io) = %+v, %v; want the user", u, err)
		}
		if u.ID != id || u.Email != "grace@x.io" || u.Name != "Grace" {
			t.Errorf("FindByEmail(grace@x.io) = %+v; want ID %d, Email grace@x.io, Name Grace", u, id)
		}
		if u.CreatedAt.Before(before) || u.CreatedAt.After(after) {
			t.Errorf("FindByEmail(grace@x.io).CreatedAt = %v; want about now (%v)", u.CreatedAt, time.Now().UTC())
		}
	})

	t.Run("not-found", func(t *testing.T) {
		for _, email := range []string{"nobody@x.io", "", "GRACE@x.io", "grace@x.io "} {
			u, err := r.FindByEmail(testCtx(t), email)
			if u != nil || !errors.Is(err, ErrNotFound) {
				t.Errorf("FindByEmail(%q) = %+v, %v; want nil, ErrNotFound", email, u, err)
			}
			if errors.Is(err, sql.ErrNoRows) && err != nil && !errors.Is(err, ErrNotFound) {
				t.Errorf("FindByEmail(%q) leaked sql.ErrNoRows; translate it to ErrNotFound", email)
			}
		}
	})

	t.Run("cancelled-ctx", func(t *testing.T) {
		u, err := r.FindByEmail(cancelled(), "grace@x.io")
		if u != nil {
			t.Errorf("FindByEmail with a cancelled ctx returned a user %+v; on any error return a nil *User", u)
		}
		if !errors.Is(err, context.Canceled) {
			t.Errorf("FindByEmail with a cancelled ctx: error = %v, want context.Canceled", err)
		}
		if errors.Is(err, ErrNotFound) {
			t.Errorf("FindByEmail with a cancelled ctx reported ErrNotFound: a failed query is not a missing user")
		}
	})
}

func TestUpdateName(t *testing.T) {
	r, _ := openRepo(t)
	id := mustCreate(t, r, "linus@x.io", "Linus")
	other := mustCreate(t, r, "other@x.io", "Other")

	if err := r.UpdateName(testCtx(t), id, "Linus T."); err != nil {
		t.Fatalf("UpdateName(%d, Linus T.) = %v, want nil", id, err)
	}
	if u, _ := r.FindByEmail(testCtx(t), "linus@x.io"); u == nil || u.Name != "Linus T." || u.Email != "linus@x.io" {
		t.Errorf("after UpdateName, FindByEmail(linus@x.io) = %+v, want Name \"Linus T.\"", u)
	}
	if u, _ := r.FindByEmail(testCtx(t), "other@x.io"); u == nil || u.Name != "Other" {
		t.Errorf("UpdateName(%d) also changed user %d: %+v", id, other, u)
	}
	if err := r.UpdateName(testCtx(t), id, "Linus T."); err != nil {
		t.Errorf("UpdateName to the same name = %v, want nil (the row exists)", err)
	}
	for _, missing := range []int64{0, -1, id + 1000} {
		if err := r.UpdateName(testCtx(t), missing, "Ghost"); !errors.Is(err, ErrNotFound) {
			t.Errorf("UpdateName(%d) on a missing id = %v, want ErrNotFound", missing, err)
		}
	}
	if err := r.UpdateName(cancelled(), id, "Cancelled"); !errors.Is(err, context.Canceled) {
		t.Errorf("UpdateName with a cancelled ctx = %v, want context.Canceled", err)
	}
	if u, _ := r.FindByEmail(testCtx(t), "linus@x.io"); u == nil || u.Name != "Linus T." {
		t.Errorf("UpdateName with a cancelled ctx changed the name: %+v", u)
	}
}

func TestDelete(t *testing.T) {
	r, db := openRepo(t)
	id := mustCreate(t, r, "del@x.io", "Del")
	keep := mustCreate(t, r, "keep@x.io", "Keep")

	if err := r.Delete(cancelled(), id); !errors.Is(err, context.Canceled) {
		t.Errorf("Delete with a cancelled ctx = %v, want context.Canceled", err)
	}
	if n := countUsers(t, db); n != 2 {
		t.Fatalf("Delete with a cancelled ctx removed a row (%d users left, want 2)", n)
	}
	if err := r.Delete(testCtx(t), id); err != nil {
		t.Fatalf("Delete(%d) = %v, want nil", id, err)
	}
	if u, err := r.FindByEmail(testCtx(t), "del@x.io"); u != nil || !errors.Is(err, ErrNotFound) {
		t.Errorf("FindByEmail after Delete = %+v, %v; want nil, ErrNotFound", u, err)
	}
	if u, _ := r.FindByEmail(testCtx(t), "keep@x.io"); u == nil || u.ID != keep {
		t.Errorf("Delete(%d) also removed user %d", id, keep)
	}
	if err := r.Delete(testCtx(t), id); !errors.Is(err, ErrNotFound) {
		t.Errorf("Delete(%d) a second time = %v, want ErrNotFound", id, err)
	}
	if err := r.Delete(testCtx(t), 987654); !errors.Is(err, ErrNotFound) {
		t.Errorf("Delete(987654) on a missing id = %v, want ErrNotFound", err)
	}
	again := mustCreate(t, r, "del@x.io", "Del again")
	if again == id {
		t.Errorf("re-creating a deleted email reused id %d; with AUTOINCREMENT ids are never reused", id)
	}
}

func TestConcurrentCreates(t *testing.T) {
	r, db := openRepo(t)
	var wg sync.WaitGroup
	var mu sync.Mutex
	ids := map[int64]string{}
	var failures []string
	for g := 0; g < 8; g++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := 0; i < 15; i++ {
				email := fmt.Sprintf("u%d.%d@x.io", g, i)
				id, err := r.Create(testCtx(t), email, "U")
				mu.Lock()
				if err != nil {
					failures = append(failures, fmt.Sprintf("Create(%s): %v", email, err))
				} else if prev, dup := ids[id]; dup {
					failures = append(failures, fmt.Sprintf("Create(%s) and Create(%s) both returned id %d", prev, email, id))
				} else {
					ids[id] = email
				}
				mu.Unlock()
			}
		}()
	}
	wg.Wait()
	for _, f := range failures {
		t.Error(f)
	}
	if n := countUsers(t, db); n != 120 {
		t.Errorf("%d users after 120 concurrent Creates, want 120", n)
	}

	t.Run("same-email-race", func(t *testing.T) {
		var wg sync.WaitGroup
		var ok, dup, other int
		var mu sync.Mutex
		for g := 0; g < 10; g++ {
			wg.Add(1)
			go func() {
				defer wg.Done()
				_, err := r.Create(testCtx(t), "race@x.io", fmt.Sprint("R", g))
				mu.Lock()
				defer mu.Unlock()
				switch {
				case err == nil:
					ok++
				case errors.Is(err, ErrDuplicateEmail):
					dup++
				default:
					other++
					t.Errorf("concurrent Create(race@x.io) = %v, want nil or ErrDuplicateEmail", err)
				}
			}()
		}
		wg.Wait()
		if ok != 1 || dup != 9 {
			t.Errorf("10 concurrent Create(race@x.io): %d succeeded, %d ErrDuplicateEmail, %d other; want 1, 9, 0", ok, dup, other)
		}
	})
}
