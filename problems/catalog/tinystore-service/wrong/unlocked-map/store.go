package tinystore

import "context"

// Store is what the HTTP layer needs from storage.
type Store interface {
	Put(ctx context.Context, key, value string) error
	Get(ctx context.Context, key string) (string, bool, error)
}

// MemStore is an in-memory Store, safe for concurrent use.
type MemStore struct {
	data map[string]string // no lock: HTTP handlers run concurrently
}

// NewMemStore returns an empty MemStore.
func NewMemStore() *MemStore {
	return &MemStore{data: make(map[string]string)}
}

// Put stores value under key, unless ctx is already done.
func (m *MemStore) Put(ctx context.Context, key, value string) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	m.data[key] = value
	return nil
}

// Get returns the value under key and whether it exists, unless ctx is
// already done.
func (m *MemStore) Get(ctx context.Context, key string) (string, bool, error) {
	if err := ctx.Err(); err != nil {
		return "", false, err
	}
	v, ok := m.data[key]
	return v, ok, nil
}
