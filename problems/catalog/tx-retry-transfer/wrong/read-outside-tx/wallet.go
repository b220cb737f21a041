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

type WalletRepo struct{ db *sql.DB }

func NewWalletRepo(db *sql.DB) *WalletRepo { return &WalletRepo{db: db} }

func (r *WalletRepo) Migrate(ctx context.Context) error {
	const ddl = `
CREATE TABLE IF NOT EXISTS wallets (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  owner TEXT NOT NULL UNIQUE,
  balance INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS transfers (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  from_id INTEGER NOT NULL,
  to_id   INTEGER NOT NULL,
  amount  INTEGER NOT NULL,
  created_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);
`
	_, err := r.db.ExecContext(ctx, ddl)
	return err
}

func (r *WalletRepo) Transfer(ctx context.Context, fromOwner, toOwner string, amount int64) error {
	if amount <= 0 {
		return ErrInvalidAmount
	}
	if fromOwner == toOwner {
		return ErrSameWallet
	}
	load := func(tx *sql.Tx, owner string) (id, bal int64, err error) {
		err = tx.QueryRowContext(ctx, `SELECT id, balance FROM wallets WHERE owner = ?`, owner).Scan(&id, &bal)
		if errors.Is(err, sql.ErrNoRows) {
			err = fmt.Errorf("%q: %w", owner, ErrWalletNotFound)
		}
		return
	}
	credit := func(tx *sql.Tx, id, delta int64) error {
		_, err := tx.ExecContext(ctx, `UPDATE wallets SET balance = balance + ? WHERE id = ?`, delta, id)
		return err
	}
	// Balances are read before the transaction starts, then written back as
	// absolute values: another transfer in between is silently overwritten.
	var fromID, fromBal, toID, toBal int64
	err := r.db.QueryRowContext(ctx, `SELECT id, balance FROM wallets WHERE owner = ?`, fromOwner).Scan(&fromID, &fromBal)
	if errors.Is(err, sql.ErrNoRows) {
		return fmt.Errorf("%q: %w", fromOwner, ErrWalletNotFound)
	} else if err != nil {
		return err
	}
	err = r.db.QueryRowContext(ctx, `SELECT id, balance FROM wallets WHERE owner = ?`, toOwner).Scan(&toID, &toBal)
	if errors.Is(err, sql.ErrNoRows) {
		return fmt.Errorf("%q: %w", toOwner, ErrWalletNotFound)
	} else if err != nil {
		return err
	}
	if fromBal < amount {
		return ErrInsufficientFunds
	}
	_, _ = load, credit
	return WithTxRetry(ctx, r.db, sql.LevelSerializable, 10, 5*time.Millisecond, func(ctx context.Context, tx *sql.Tx) error {
		if _, err := tx.ExecContext(ctx, `UPDATE wallets SET balance = ? WHERE id = ?`, fromBal-amount, fromID); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `UPDATE wallets SET balance = ? WHERE id = ?`, toBal+amount, toID); err != nil {
			return err
		}
		var err error
		_, err = tx.ExecContext(ctx, `INSERT INTO transfers(from_id,to_id,amount) VALUES(?,?,?)`, fromID, toID, amount)
		return err
	})
}
