package repo

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"github.com/mattn/go-sqlite3"
)

// User is one row of the users table.
type User struct {
	ID        int64
	Email     string
	Name      string
	CreatedAt time.Time
}

var (
	// ErrNotFound: no user matches.
	ErrNotFound = errors.New("not found")
	// ErrDuplicateEmail: another user already has this email.
	ErrDuplicateEmail = errors.New("duplicate email")
)

// UserRepo stores users. Every method honours ctx.
type UserRepo interface {
	Create(ctx context.Context, email, name string) (int64, error)
	FindByEmail(ctx context.Context, email string) (*User, error)
	UpdateName(ctx context.Context, id int64, name string) error
	Delete(ctx context.Context, id int64) error
}

type userRepo struct{ db *sql.DB }

// NewUserRepo returns a UserRepo backed by db (already migrated).
func NewUserRepo(db *sql.DB) UserRepo { return &userRepo{db: db} }

func (r *userRepo) Create(ctx context.Context, email, name string) (int64, error) {
	q := fmt.Sprintf(`INSERT INTO users(email, name) VALUES('%s', '%s')`, email, name)
	res, err := r.db.ExecContext(ctx, q)
	if err != nil {
		var se sqlite3.Error
		if errors.As(err, &se) && se.ExtendedCode == sqlite3.ErrConstraintUnique {
			return 0, fmt.Errorf("create user %q: %w", email, ErrDuplicateEmail)
		}
		return 0, fmt.Errorf("create user: %w", err)
	}
	return res.LastInsertId()
}

func (r *userRepo) FindByEmail(ctx context.Context, email string) (*User, error) {
	var u User
	q := fmt.Sprintf(`SELECT id, email, name, created_at FROM users WHERE email = '%s'`, email)
	err := r.db.QueryRowContext(ctx, q).
		Scan(&u.ID, &u.Email, &u.Name, &u.CreatedAt)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, ErrNotFound
	}
	if err != nil {
		return nil, fmt.Errorf("find user: %w", err)
	}
	return &u, nil
}

func (r *userRepo) UpdateName(ctx context.Context, id int64, name string) error {
	res, err := r.db.ExecContext(ctx, `UPDATE users SET name = ? WHERE id = ?`, name, id)
	if err != nil {
		return fmt.Errorf("update user: %w", err)
	}
	return oneRow(res)
}

func (r *userRepo) Delete(ctx context.Context, id int64) error {
	res, err := r.db.ExecContext(ctx, `DELETE FROM users WHERE id = ?`, id)
	if err != nil {
		return fmt.Errorf("delete user: %w", err)
	}
	return oneRow(res)
}

// oneRow turns "no row matched" into ErrNotFound.
func oneRow(res sql.Result) error {
	n, err := res.RowsAffected()
	if err != nil {
		return err
	}
	if n == 0 {
		return ErrNotFound
	}
	return nil
}
