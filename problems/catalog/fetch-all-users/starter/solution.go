package pit

import "context"

// User is what fetch returns for one id.
type User struct {
	ID   int
	Name string
}

// FetchAllUsers fetches every id with at most limit calls of fetch in flight
// (limit <= 0 means 1). See the statement for the exact rules.
func FetchAllUsers(
	ctx context.Context,
	ids []int,
	fetch func(context.Context, int) (User, error),
	limit int,
) (map[int]User, error) {
	// TODO: bounded, cancel-aware, race-free fan-out; no partial map on error.
	return nil, nil
}
