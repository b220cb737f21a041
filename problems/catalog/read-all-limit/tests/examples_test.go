package rlimit

import (
	"strings"
	"testing"
)

func TestExamples(t *testing.T) {
	tests := []struct {
		name  string
		src   string
		limit int64
		want  string
		rest  string // what must still be unread in the source afterwards
	}{
		{"shorter-than-limit", "hello", 100, "hello", ""},
		{"exactly-limit", "hello", 5, "hello", ""},
		{"cut-at-limit", "hello, world", 5, "hello", ", world"},
		{"empty-source", "", 10, "", ""},
		{"zero-limit", "hello", 0, "", "hello"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			src := strings.NewReader(tc.src)
			got, err := ReadAllLimit(src, tc.limit)
			if err != nil || string(got) != tc.want {
				t.Fatalf("ReadAllLimit(%q, %d) = (%q, %v), want (%q, nil)", tc.src, tc.limit, got, err, tc.want)
			}
			if src.Len() != len(tc.rest) {
				t.Errorf("after ReadAllLimit(%q, %d) the source has %d unread bytes, want %d (%q): never read past the limit", tc.src, tc.limit, src.Len(), len(tc.rest), tc.rest)
			}
		})
	}
}
