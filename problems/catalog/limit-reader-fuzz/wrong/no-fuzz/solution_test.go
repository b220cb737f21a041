package limitreader

import (
	"bytes"
	"io"
	"testing"
)

func TestLimitReader(t *testing.T) {
	got, _ := io.ReadAll(LimitReader(bytes.NewReader([]byte("hello world")), 5))
	if string(got) != "hello" {
		t.Fatalf("got %q", got)
	}
}
