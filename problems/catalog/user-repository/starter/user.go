package repo

import (
	"context"
	"database/sql"
	"errors"
	"time"
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
	// TODO
	return 0, nil
}

func (r *userRepo) FindByEmail(ctx context.Context, email string) (*User, error) {
	// TODO
	return nil, ErrNotFound
}

func (r *userRepo) UpdateName(ctx context.Context, id int64, name string) error {
	// TODO
	return nil
}

func (r *userRepo) Delete(ctx context.Context, id int64) error {
	// TODO
	return nil
}
