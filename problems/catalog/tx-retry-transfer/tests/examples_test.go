package wallet

import (
	"context"
	"database/sql"
	"errors"
	"path/filepath"
	"testing"
	"time"

	"github.com/mattn/go-sqlite3"
)

func TestExamples(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	db, err := sql.Open("sqlite3", filepath.Join(t.TempDir(), "bank.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	w := NewWalletRepo(db)
	if err := w.Migrate(ctx); err != nil {
		t.Fatalf("Migrate = %v, want nil", err)
	}
	if _, err := db.ExecContext(ctx, `INSERT INTO wallets(owner, balance) VALUES('alice', 10000), ('bob', 2000)`); err != nil {
		t.Fatalf("seeding wallets: %v", err)
	}
	balance := func(owner string) int64 {
		var b int64
		if err := db.QueryRowContext(ctx, `SELECT balance FROM wallets WHERE owner = ?`, owner).Scan(&b); err != nil {
			t.Fatalf("reading %s's balance: %v", owner, err)
		}
		return b
	}

	t.Run("transfer", func(t *testing.T) {
		if err := w.Transfer(ctx, "alice", "bob", 1500); err != nil {
			t.Fatalf("Transfer(alice -> bob, 1500) = %v, want nil", err)
		}
		if a, b := balance("alice"), balance("bob"); a != 8500 || b != 3500 {
			t.Errorf("after Transfer(alice -> bob, 1500): alice=%d bob=%d, want 8500 and 3500", a, b)
		}
	})

	t.Run("insufficient", func(t *testing.T) {
		err := w.Transfer(ctx, "bob", "alice", 1_000_000)
		if !errors.Is(err, ErrInsufficientFunds) {
			t.Errorf("Transfer(bob -> alice, 1000000) = %v, want ErrInsufficientFunds", err)
		}
		if a, b := balance("alice"), balance("bob"); a != 8500 || b != 3500 {
			t.Errorf("a failed transfer changed balances: alice=%d bob=%d, want 8500 and 3500", a, b)
		}
	})

	t.Run("retry-busy", func(t *testing.T) {
		calls := 0
		err := WithTxRetry(ctx, db, sql.LevelSerializable, 5, time.Millisecond, func(ctx context.Context, tx *sql.Tx) error {
			calls++
			if calls < 3 {
				return sqlite3.Error{Code: sqlite3.ErrBusy}
			}
			return nil
		})
		if err != nil || calls != 3 {
			t.Errorf("WithTxRetry with fn failing SQLITE_BUSY twice = %v after %d calls; want nil after 3 calls", err, calls)
		}
	})

	t.Run("no-retry-app-error", func(t *testing.T) {
		errApp := errors.New("validation failed")
		calls := 0
		err := WithTxRetry(ctx, db, sql.LevelSerializable, 5, time.Millisecond, func(ctx context.Context, tx *sql.Tx) error {
			calls++
			return errApp
		})
		if !errors.Is(err, errApp) || calls != 1 {
			t.Errorf("WithTxRetry with fn returning a plain error = %v after %d calls; want that error after 1 call", err, calls)
		}
	})
}
