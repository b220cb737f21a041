package repo

import (
	"context"
	"errors"
	"path/filepath"
	"testing"
	"time"
)

func TestExamples(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()

	db, err := Open(ctx, filepath.Join(t.TempDir(), "users.db"))
	if err != nil || db == nil {
		t.Fatalf("Open(<temp file>) = %v, %v; want a *sql.DB, nil", db, err)
	}
	defer db.Close()
	if err := Migrate(ctx, db); err != nil {
		t.Fatalf("Migrate = %v, want nil", err)
	}
	r := NewUserRepo(db)

	id, err := r.Create(ctx, "ada@example.com", "Ada")
	if err != nil || id <= 0 {
		t.Fatalf("Create(ada@example.com, Ada) = %d, %v; want an id > 0, nil", id, err)
	}

	u, err := r.FindByEmail(ctx, "ada@example.com")
	if err != nil || u == nil || u.ID != id || u.Name != "Ada" || u.Email != "ada@example.com" {
		t.Fatalf("FindByEmail(ada@example.com) = %+v, %v; want ID %d, Name Ada", u, err, id)
	}

	if err := r.UpdateName(ctx, id, "Ada Lovelace"); err != nil {
		t.Fatalf("UpdateName(%d, Ada Lovelace) = %v, want nil", id, err)
	}
	if u, _ := r.FindByEmail(ctx, "ada@example.com"); u == nil || u.Name != "Ada Lovelace" {
		t.Errorf("after UpdateName, FindByEmail = %+v, want Name \"Ada Lovelace\"", u)
	}

	if _, err := r.Create(ctx, "ada@example.com", "Impostor"); !errors.Is(err, ErrDuplicateEmail) {
		t.Errorf("Create with an existing email: error = %v, want ErrDuplicateEmail", err)
	}

	if err := r.Delete(ctx, id); err != nil {
		t.Fatalf("Delete(%d) = %v, want nil", id, err)
	}
	if u, err := r.FindByEmail(ctx, "ada@example.com"); u != nil || !errors.Is(err, ErrNotFound) {
		t.Errorf("FindByEmail after Delete = %+v, %v; want nil, ErrNotFound", u, err)
	}
	if err := r.Delete(ctx, id); !errors.Is(err, ErrNotFound) {
		t.Errorf("Delete(%d) twice: error = %v, want ErrNotFound", id, err)
	}
}
