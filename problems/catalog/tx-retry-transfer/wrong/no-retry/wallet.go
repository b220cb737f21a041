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
	return WithTxRetry(ctx, r.db, sql.LevelSerializable, 10, 5*time.Millisecond, func(ctx context.Context, tx *sql.Tx) error {
		fromID, fromBal, err := load(tx, fromOwner)
		if err != nil {
			return err
		}
		toID, _, err := load(tx, toOwner)
		if err != nil {
			return err
		}
		if fromBal < amount {
			return ErrInsufficientFunds
		}
		if err := credit(tx, fromID, -amount); err != nil {
			return err
		}
		if err := credit(tx, toID, amount); err != nil {
			return err
		}
		_, err = tx.ExecContext(ctx, `INSERT INTO transfers(from_id,to_id,amount) VALUES(?,?,?)`, fromID, toID, amount)
		return err
	})
}
