package wallet

import (
	"context"
	"database/sql"
	"strings"
	"time"

	_ "github.com/mattn/go-sqlite3"
)

// TxFunc is the body of a transaction. It may run several times.
type TxFunc func(ctx context.Context, tx *sql.Tx) error

// isRetryable reports whether err (possibly wrapped) is SQLite telling us
// another connection holds a conflicting lock: SQLITE_BUSY or SQLITE_LOCKED.
// The transaction was rolled back and can simply be run again.
func isRetryable(err error) bool {
	if err == nil {
		return false
	}
	msg := err.Error()
	if strings.Contains(msg, "database is locked") || strings.Contains(msg, "busy") || strings.Contains(msg, "locked") {
		return true
	}
	low := strings.ToLower(msg)
	return strings.Contains(low, "serialization") || strings.Contains(low, "deadlock")
}

// WithTxRetry runs fn in a transaction with isolation level iso, making up to
// max attempts (at least one). An attempt whose BeginTx, fn or Commit fails
// with a retryable error is rolled back and, after a backoff of
// base·2^(attempt-1), tried again. Any other error is returned at once. If fn
// panics, the transaction is rolled back and the panic goes on.
func WithTxRetry(ctx context.Context, db *sql.DB, iso sql.IsolationLevel, max int, base time.Duration, fn TxFunc) error {
	if max < 1 {
		max = 1
	}
	var err error
	for attempt := 1; attempt <= max; attempt++ {
		if cerr := ctx.Err(); cerr != nil {
			return cerr
		}
		err = runOnce(ctx, db, iso, fn)
		if err == nil || !isRetryable(err) {
			return err
		}
		if attempt == max {
			break // no point in waiting after the last attempt
		}
		if werr := sleep(ctx, base<<(attempt-1)); werr != nil {
			return werr
		}
	}
	return err
}

// runOnce is one attempt. The deferred rollback covers errors and panics; after
// a successful Commit it is a harmless no-op (sql.ErrTxDone).
func runOnce(ctx context.Context, db *sql.DB, iso sql.IsolationLevel, fn TxFunc) error {
	tx, err := db.BeginTx(ctx, &sql.TxOptions{Isolation: iso})
	if err != nil {
		return err
	}
	defer func() { _ = tx.Rollback() }()
	if err := fn(ctx, tx); err != nil {
		return err
	}
	return tx.Commit()
}

// sleep waits d, or returns ctx's error if ctx is done first.
func sleep(ctx context.Context, d time.Duration) error {
	if d <= 0 {
		return nil
	}
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-ctx.Done():
		return ctx.Err()
	case <-t.C:
		return nil
	}
}
