package wallet

import (
	"context"
	"database/sql"
	"time"
)

// TxFunc is the body of a transaction. It may run several times.
type TxFunc func(ctx context.Context, tx *sql.Tx) error

// WithTxRetry runs fn in a transaction, retrying on SQLITE_BUSY / SQLITE_LOCKED
// with exponential backoff. See the statement for the exact rules.
func WithTxRetry(ctx context.Context, db *sql.DB, iso sql.IsolationLevel, max int, base time.Duration, fn TxFunc) error {
	// TODO: BeginTx, fn, Commit; Rollback on error or panic; retry only
	// retryable errors; back off base<<(attempt-1); honour ctx.
	tx, err := db.BeginTx(ctx, &sql.TxOptions{Isolation: iso})
	if err != nil {
		return err
	}
	if err := fn(ctx, tx); err != nil {
		_ = tx.Rollback()
		return err
	}
	return tx.Commit()
}
