package pit

import (
	"math"
	"slices"
	"testing"
)

func TestExamples(t *testing.T) {
	tests := []struct {
		name string
		in   string
		n    int
		want []string
	}{
		{"first-two", "alpha\nbeta\ngamma\n", 2, []string{"alpha", "beta"}},
		{"more-than-there-are", "alpha\nbeta\ngamma\n", 10, []string{"alpha", "beta", "gamma"}},
		{"no-final-newline", "one\ntwo", 5, []string{"one", "two"}},
		{"empty-line-kept", "a\n\nb", 3, []string{"a", "", "b"}},
		{"crlf-keeps-cr", "a\r\nb\r\n", 2, []string{"a\r", "b\r"}},
		{"all-lines", "x\ny\n", math.MaxInt, []string{"x", "y"}},
		{"zero", "a\nb\n", 0, nil},
		{"empty-input", "", 3, nil},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got := ExtractLines([]byte(tc.in), tc.n)
			if len(got) != len(tc.want) || (len(got) > 0 && !slices.Equal(got, tc.want)) {
				t.Errorf("ExtractLines([]byte(%q), %d) = %q, want %q", tc.in, tc.n, got, tc.want)
			}
		})
	}

	t.Run("independent-of-input", func(t *testing.T) {
		b := []byte("keep\nme\n")
		got := ExtractLines(b, 2)
		copy(b, "XXXX\nXX\n") // the caller reuses its buffer
		if want := []string{"keep", "me"}; !slices.Equal(got, want) {
			t.Errorf("ExtractLines([]byte(\"keep\\nme\\n\"), 2) = %q after the caller overwrote its buffer, want %q", got, want)
		}
	})
}
