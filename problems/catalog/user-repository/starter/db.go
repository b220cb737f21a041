package repo

import (
	"context"
	"database/sql"

	_ "github.com/mattn/go-sqlite3" // registers the "sqlite3" driver
)

// Open opens the SQLite database dsn (a file path, a "file:" URI or ":memory:")
// and checks that it is reachable.
func Open(ctx context.Context, dsn string) (*sql.DB, error) {
	// TODO: sql.Open("sqlite3", dsn), handle ":memory:", ping with ctx.
	return nil, nil
}

// Migrate creates the users table if it does not exist yet (idempotent).
func Migrate(ctx context.Context, db *sql.DB) error {
	// TODO: the schema from the statement.
	return nil
}
