package repo

import (
	"context"
	"database/sql"

	_ "github.com/mattn/go-sqlite3" // registers the "sqlite3" driver
)

// Open opens the SQLite database dsn and checks that it is reachable. On
// failure it returns a nil *sql.DB (and closes what it opened).
func Open(ctx context.Context, dsn string) (*sql.DB, error) {
	if dsn == ":memory:" {
		// Shared cache: every connection sees the same in-memory database...
		// and so does every other Open(":memory:") in the process.
		dsn = "file::memory:?cache=shared"
	}
	db, err := sql.Open("sqlite3", dsn)
	if err != nil {
		return nil, err
	}
	if err := db.PingContext(ctx); err != nil {
		_ = db.Close()
		return nil, err
	}
	return db, nil
}

const schema = `
CREATE TABLE IF NOT EXISTS users (
  id         INTEGER PRIMARY KEY AUTOINCREMENT,
  email      TEXT NOT NULL UNIQUE,
  name       TEXT NOT NULL,
  created_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);`

// Migrate creates the users table if it does not exist yet (idempotent).
func Migrate(ctx context.Context, db *sql.DB) error {
	_, err := db.ExecContext(ctx, schema)
	return err
}
