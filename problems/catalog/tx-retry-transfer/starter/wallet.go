package wallet

import (
	"context"
	"database/sql"
	"errors"

	_ "github.com/mattn/go-sqlite3" // the "sqlite3" driver; sqlite3.Error helps detect busy/locked
)

var (
	ErrInvalidAmount     = errors.New("amount must be positive")
	ErrSameWallet        = errors.New("cannot transfer to the same wallet")
	ErrWalletNotFound    = errors.New("wallet not found")
	ErrInsufficientFunds = errors.New("insufficient funds")
)

// WalletRepo moves money between wallets.
type WalletRepo struct{ db *sql.DB }

// NewWalletRepo returns a WalletRepo backed by db.
func NewWalletRepo(db *sql.DB) *WalletRepo { return &WalletRepo{db: db} }

// Migrate creates the tables if they do not exist yet (idempotent).
func (r *WalletRepo) Migrate(ctx context.Context) error {
	// TODO: the schema from the statement.
	return nil
}

// Transfer moves amount from fromOwner's wallet to toOwner's in one
// transaction, retried on SQLITE_BUSY / SQLITE_LOCKED.
func (r *WalletRepo) Transfer(ctx context.Context, fromOwner, toOwner string, amount int64) error {
	// TODO
	return nil
}
