package anagrams

import (
	"slices"
	"testing"
)

// sameGroups reports whether got and want hold the same groups in the same
// order. An empty result may be nil or an empty slice.
func sameGroups(got, want [][]string) bool {
	return slices.EqualFunc(got, want, func(a, b []string) bool { return slices.Equal(a, b) })
}

func TestExamples(t *testing.T) {
	tests := []struct {
		name string
		in   []string
		want [][]string
	}{
		{
			"classic",
			[]string{"eat", "tea", "tan", "ate", "nat", "bat"},
			[][]string{{"eat", "tea", "ate"}, {"tan", "nat"}, {"bat"}},
		},
		{
			"case-sensitive",
			[]string{"Listen", "Silent", "listen", "enlist"},
			[][]string{{"Listen"}, {"Silent"}, {"listen", "enlist"}},
		},
		{
			"devanagari",
			[]string{"राम", "मरा", "रम"},
			[][]string{{"राम", "मरा"}, {"रम"}},
		},
		{
			"duplicates-and-empty",
			[]string{"", "ab", "", "ba", "ab"},
			[][]string{{"", ""}, {"ab", "ba", "ab"}},
		},
		{"no-words", []string{}, nil},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			in := slices.Clone(tc.in)
			if got := GroupAnagrams(in); !sameGroups(got, tc.want) {
				t.Errorf("GroupAnagrams(%q) = %q, want %q", tc.in, got, tc.want)
			}
		})
	}
}
