package repo

import (
	"context"
	"database/sql"

	_ "github.com/mattn/go-sqlite3" // registers the "sqlite3" driver
)

// Open opens the SQLite database dsn and checks that it is reachable. On
// failure it returns a nil *sql.DB (and closes what it opened).
func Open(ctx context.Context, dsn string) (*sql.DB, error) {
	db, err := sql.Open("sqlite3", dsn)
	if err != nil {
		return nil, err
	}
	if dsn == ":memory:" {
		// Each connection to ":memory:" is a separate, empty database, and it
		// disappears when that connection closes. Keep exactly one, forever.
		db.SetMaxOpenConns(1)
		db.SetMaxIdleConns(1)
		db.SetConnMaxLifetime(0)
		db.SetConnMaxIdleTime(0)
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
