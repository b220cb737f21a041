package wallet

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"
)

var (
	ErrInvalidAmount     = errors.New("amount must be positive")
	ErrSameWallet        = errors.New("cannot transfer to the same wallet")
	ErrWalletNotFound    = errors.New("wallet not found")
	ErrInsufficientFunds = errors.New("insufficient funds")
)

// Retry policy for Transfer.
const (
	transferAttempts = 10
	transferBackoff  = 2 * time.Millisecond
)

// WalletRepo moves money between wallets.
type WalletRepo struct{ db *sql.DB }

// NewWalletRepo returns a WalletRepo backed by db.
func NewWalletRepo(db *sql.DB) *WalletRepo { return &WalletRepo{db: db} }

const ddl = `
CREATE TABLE IF NOT EXISTS wallets (
  id      INTEGER PRIMARY KEY AUTOINCREMENT,
  owner   TEXT NOT NULL UNIQUE,
  balance INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS transfers (
  id         INTEGER PRIMARY KEY AUTOINCREMENT,
  from_id    INTEGER NOT NULL,
  to_id      INTEGER NOT NULL,
  amount     INTEGER NOT NULL,
  created_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);`

// Migrate creates the tables if they do not exist yet (idempotent).
func (r *WalletRepo) Migrate(ctx context.Context) error {
	_, err := r.db.ExecContext(ctx, ddl)
	return err
}

// Transfer moves amount from fromOwner's wallet to toOwner's in one
// transaction, retried on SQLITE_BUSY / SQLITE_LOCKED.
func (r *WalletRepo) Transfer(ctx context.Context, fromOwner, toOwner string, amount int64) error {
	if amount <= 0 {
		return ErrInvalidAmount
	}
	if fromOwner == toOwner {
		return ErrSameWallet
	}
	return WithTxRetry(ctx, r.db, sql.LevelSerializable, transferAttempts, transferBackoff,
		func(ctx context.Context, tx *sql.Tx) error {
			// Write first: the conditional debit takes SQLite's write lock at
			// once, so the balance check and the debit cannot be separated by
			// another writer.
			res, err := tx.ExecContext(ctx,
				`UPDATE wallets SET balance = balance - ? WHERE owner = ? AND balance >= ?`,
				amount, fromOwner, amount)
			if err != nil {
				return err
			}
			debited, err := res.RowsAffected()
			if err != nil {
				return err
			}
			fromID, err := walletID(ctx, tx, fromOwner)
			if err != nil {
				return err
			}
			toID, err := walletID(ctx, tx, toOwner)
			if err != nil {
				return err
			}
			if debited == 0 {
				return errors.New("insufficient funds") // not the sentinel
			}
			if _, err := tx.ExecContext(ctx,
				`UPDATE wallets SET balance = balance + ? WHERE id = ?`, amount, toID); err != nil {
				return err
			}
			_, err = tx.ExecContext(ctx,
				`INSERT INTO transfers(from_id, to_id, amount) VALUES(?, ?, ?)`, fromID, toID, amount)
			return err
		})
}

func walletID(ctx context.Context, tx *sql.Tx, owner string) (int64, error) {
	var id int64
	err := tx.QueryRowContext(ctx, `SELECT id FROM wallets WHERE owner = ?`, owner).Scan(&id)
	if errors.Is(err, sql.ErrNoRows) {
		return 0, fmt.Errorf("%q: %w", owner, ErrWalletNotFound)
	}
	return id, err
}
