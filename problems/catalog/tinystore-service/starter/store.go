package tinystore

import "context"

// Store is what the HTTP layer needs from storage.
type Store interface {
	Put(ctx context.Context, key, value string) error
	Get(ctx context.Context, key string) (string, bool, error)
}

// MemStore is an in-memory Store, safe for concurrent use.
type MemStore struct {
	data map[string]string
	// TODO: protect data.
}

// NewMemStore returns an empty MemStore.
func NewMemStore() *MemStore {
	return &MemStore{data: make(map[string]string)}
}

func (m *MemStore) Put(ctx context.Context, key, value string) error {
	// TODO: respect ctx, lock, write.
	return nil
}

func (m *MemStore) Get(ctx context.Context, key string) (string, bool, error) {
	// TODO: respect ctx, lock, read.
	return "", false, nil
}
