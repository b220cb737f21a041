package anagrams

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
)

// groupsEqual compares two results exactly; an empty result may be nil.
func groupsEqual(got, want [][]string) bool {
	return slices.EqualFunc(got, want, func(a, b []string) bool { return slices.Equal(a, b) })
}

// callGroup runs GroupAnagrams on a copy of in, turning a panic into a
// message and reporting whether the copy was modified.
func callGroup(in []string) (got [][]string, panicMsg string, modified bool) {
	arg := slices.Clone(in)
	defer func() {
		if p := recover(); p != nil {
			panicMsg = fmt.Sprint(p)
		}
	}()
	got = GroupAnagrams(arg)
	return got, "", !slices.Equal(arg, in)
}

func checkGroups(t *testing.T, in []string, want [][]string) {
	t.Helper()
	got, p, modified := callGroup(in)
	switch {
	case p != "":
		t.Errorf("GroupAnagrams(%q) panicked: %s", in, p)
	case !groupsEqual(got, want):
		t.Errorf("GroupAnagrams(%q) = %q, want %q", in, got, want)
	case modified:
		t.Errorf("GroupAnagrams(%q) modified its input slice", in)
	}
}

type groupCase struct {
	name string
	in   []string
	want [][]string
}

func runGroupCases(t *testing.T, cases []groupCase) {
	t.Helper()
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) { checkGroups(t, tc.in, tc.want) })
	}
}

func TestBasics(t *testing.T) {
	runGroupCases(t, []groupCase{
		{"classic",
			[]string{"eat", "tea", "tan", "ate", "nat", "bat"},
			[][]string{{"eat", "tea", "ate"}, {"tan", "nat"}, {"bat"}}},
		{"case-sensitive",
			[]string{"Listen", "Silent", "listen", "enlist"},
			[][]string{{"Listen"}, {"Silent"}, {"listen", "enlist"}}},
		{"devanagari",
			[]string{"राम", "मरा", "रम"},
			[][]string{{"राम", "मरा"}, {"रम"}}},
		{"duplicates-and-empty",
			[]string{"", "ab", "", "ba", "ab"},
			[][]string{{"", ""}, {"ab", "ba", "ab"}}},
		{"no-words", []string{}, nil},
		{"single", []string{"solo"}, [][]string{{"solo"}}},
		{"all-distinct",
			[]string{"abc", "abd", "abe"},
			[][]string{{"abc"}, {"abd"}, {"abe"}}},
		{"all-one-group",
			[]string{"stop", "pots", "tops", "opts", "post", "spot"},
			[][]string{{"stop", "pots", "tops", "opts", "post", "spot"}}},
		{"different-lengths",
			[]string{"ab", "aab", "ba", "abb", "baa"},
			[][]string{{"ab", "ba"}, {"aab", "baa"}, {"abb"}}},
		{"same-letters-other-counts",
			[]string{"aabb", "abab", "aaab", "abbb"},
			[][]string{{"aabb", "abab"}, {"aaab"}, {"abbb"}}},
	})
}

func TestCaseAndDuplicates(t *testing.T) {
	runGroupCases(t, []groupCase{
		{"upper-vs-lower", []string{"a", "A", "a"}, [][]string{{"a", "a"}, {"A"}}},
		{"tea-vs-eat",
			[]string{"Tea", "eat", "Eat", "aTe"},
			[][]string{{"Tea", "aTe"}, {"eat"}, {"Eat"}}},
		{"greek-sigmas",
			[]string{"Σα", "ασ", "ας", "σα"},
			[][]string{{"Σα"}, {"ασ", "σα"}, {"ας"}}},
		{"repeated-word",
			[]string{"x", "x", "x"},
			[][]string{{"x", "x", "x"}}},
		{"repeated-interleaved",
			[]string{"ab", "cd", "ab", "dc", "ba", "cd"},
			[][]string{{"ab", "ab", "ba"}, {"cd", "dc", "cd"}}},
		{"many-empties",
			[]string{"", "", "", ""},
			[][]string{{"", "", "", ""}}},
	})
}

func TestUnicode(t *testing.T) {
	runGroupCases(t, []groupCase{
		{"two-byte-order", []string{"éè", "èé"}, [][]string{{"éè", "èé"}}},
		{"byte-permutation",
			[]string{"éĨ", "èĩ", "Ĩé"},
			[][]string{{"éĨ", "Ĩé"}, {"èĩ"}}},
		{"byte-permutation-2",
			[]string{"ĀÁ", "āÀ", "Àā"},
			[][]string{{"ĀÁ"}, {"āÀ", "Àā"}}},
		{"precomposed-vs-combining",
			[]string{"é", "e\u0301", "\u0301e"},
			[][]string{{"é"}, {"e\u0301", "\u0301e"}}},
		{"combining-mark-moves",
			[]string{"e\u0301a", "ae\u0301", "a\u0301e"},
			[][]string{{"e\u0301a", "ae\u0301", "a\u0301e"}}},
		{"cjk", []string{"上海", "海上", "上上"}, [][]string{{"上海", "海上"}, {"上上"}}},
		{"cyrillic",
			[]string{"пила", "липа", "Липа", "пилa"}, // last one ends in Latin 'a'
			[][]string{{"пила", "липа"}, {"Липа"}, {"пилa"}}},
		{"devanagari-matras",
			[]string{"नमक", "कमन", "नमकी"},
			[][]string{{"नमक", "कमन"}, {"नमकी"}}},
		{"emoji", []string{"😀😃", "😃😀", "😀😀"}, [][]string{{"😀😃", "😃😀"}, {"😀😀"}}},
		{"zwj-sequence",
			[]string{"👨\u200d👩", "👩\u200d👨", "\u200d👨👩"},
			[][]string{{"👨\u200d👩", "👩\u200d👨", "\u200d👨👩"}}},
		{"four-byte-letters",
			[]string{"\U00010400a", "a\U00010400", "\U00010428a"},
			[][]string{{"\U00010400a", "a\U00010400"}, {"\U00010428a"}}},
		{"spaces-count",
			[]string{"a b", "ba ", "ab", " ab"},
			[][]string{{"a b", "ba ", " ab"}, {"ab"}}},
		{"mixed-scripts",
			[]string{"aб中", "中бa", "б中a", "aб"},
			[][]string{{"aб中", "中бa", "б中a"}, {"aб"}}},
	})
}

func TestOrder(t *testing.T) {
	runGroupCases(t, []groupCase{
		{"first-appearance",
			[]string{"b", "a", "ab", "ba", "c", "b"},
			[][]string{{"b", "b"}, {"a"}, {"ab", "ba"}, {"c"}}},
		{"not-sorted-by-key",
			[]string{"zz", "yx", "xy", "aa"},
			[][]string{{"zz"}, {"yx", "xy"}, {"aa"}}},
		{"not-by-size",
			[]string{"q", "on", "no", "on", "p"},
			[][]string{{"q"}, {"on", "no", "on"}, {"p"}}},
		{"input-order-in-group",
			[]string{"tsar", "arts", "rats", "star", "tars"},
			[][]string{{"tsar", "arts", "rats", "star", "tars"}}},
	})
	t.Run("many-groups", func(t *testing.T) {
		// 60 groups whose first members appear in a scrambled order.
		r := rand.New(rand.NewPCG(3, 5))
		var in []string
		var want [][]string
		for _, g := range r.Perm(60) {
			w := string([]rune{'a' + rune(g%26), 'A' + rune(g/26)})
			in = append(in, w)
			want = append(want, []string{w})
		}
		for i := range want {
			rev := []rune(want[i][0])
			slices.Reverse(rev)
			in = append(in, string(rev))
			want[i] = append(want[i], string(rev))
		}
		checkGroups(t, in, want)
	})
}

func TestEdgeCases(t *testing.T) {
	t.Run("nil-input", func(t *testing.T) {
		got, p, _ := callGroup(nil)
		if p != "" {
			t.Fatalf("GroupAnagrams(nil) panicked: %s", p)
		}
		if len(got) != 0 {
			t.Errorf("GroupAnagrams(nil) = %q, want no groups", got)
		}
	})
	runGroupCases(t, []groupCase{
		{"empty-input", []string{}, nil},
		{"one-empty-word", []string{""}, [][]string{{""}}},
		{"empty-and-space", []string{"", " ", ""}, [][]string{{"", ""}, {" "}}},
		{"one-rune-words", []string{"é", "e", "é"}, [][]string{{"é", "é"}, {"e"}}},
		{"long-word",
			[]string{strings.Repeat("ab", 5000), strings.Repeat("ba", 5000), strings.Repeat("a", 10000)},
			[][]string{{strings.Repeat("ab", 5000), strings.Repeat("ba", 5000)}, {strings.Repeat("a", 10000)}}},
	})
	t.Run("input-unchanged", func(t *testing.T) {
		in := []string{"cab", "abc", "bca", "zz", "", "éa", "aé"}
		backing := append(slices.Clone(in), "guard")
		arg := backing[:len(in)]
		got := GroupAnagrams(arg)
		if !slices.Equal(backing[:len(in)], in) || backing[len(in)] != "guard" {
			t.Errorf("GroupAnagrams(%q) modified the caller's backing array: now %q", in, backing)
		}
		want := [][]string{{"cab", "abc", "bca"}, {"zz"}, {""}, {"éa", "aé"}}
		if !groupsEqual(got, want) {
			t.Errorf("GroupAnagrams(%q) = %q, want %q", in, got, want)
		}
	})
}

// isAnagramOracle compares rune counts the slow, obvious way.
func isAnagramOracle(a, b string) bool {
	ra, rb := []rune(a), []rune(b)
	if len(ra) != len(rb) {
		return false
	}
	count := func(rs []rune, x rune) int {
		c := 0
		for _, r := range rs {
			if r == x {
				c++
			}
		}
		return c
	}
	for _, x := range ra {
		if count(ra, x) != count(rb, x) {
			return false
		}
	}
	return true
}

// groupOracle is a quadratic restatement of the rules.
func groupOracle(words []string) [][]string {
	var out [][]string
next:
	for _, w := range words {
		for i := range out {
			if isAnagramOracle(out[i][0], w) {
				out[i] = append(out[i], w)
				continue next
			}
		}
		out = append(out, []string{w})
	}
	return out
}

var anagramAlphabet = []string{"a", "b", "A", "é", "è", "Ĩ", "ĩ", "中", "😀", "\u0301", " ", "σ", "ς"}

func randomWord(r *rand.Rand, maxLen int) string {
	var b strings.Builder
	for n := r.IntN(maxLen + 1); n > 0; n-- {
		b.WriteString(anagramAlphabet[r.IntN(len(anagramAlphabet))])
	}
	return b.String()
}

func TestRandomAgainstOracle(t *testing.T) {
	r := rand.New(rand.NewPCG(2718, 2818))
	for _, size := range []struct {
		name     string
		maxWords int
		maxLen   int
	}{
		{"tiny", 6, 3},
		{"small", 40, 4},
		{"medium", 300, 5},
	} {
		t.Run(size.name, func(t *testing.T) {
			for iter := 0; iter < 150 && !t.Failed(); iter++ {
				in := make([]string, r.IntN(size.maxWords+1))
				for i := range in {
					in[i] = randomWord(r, size.maxLen)
				}
				checkGroups(t, in, groupOracle(in))
			}
		})
	}
}

func TestLarge(t *testing.T) {
	r := rand.New(rand.NewPCG(99, 1))
	alphabet := []rune("abcdefghijklmnopqrstuvwxyzéèĨĩ中文😀ДЖ")
	// Base words that are pairwise not anagrams: one class each.
	var bases []string
	for len(bases) < 1000 {
		rs := make([]rune, 3+r.IntN(6))
		for i := range rs {
			rs[i] = alphabet[r.IntN(len(alphabet))]
		}
		w := string(rs)
		if !slices.ContainsFunc(bases, func(b string) bool { return isAnagramOracle(b, w) }) {
			bases = append(bases, w)
		}
	}
	const n = 100_000
	in := make([]string, n)
	var want [][]string
	groupIdx := make([]int, len(bases))
	for i := range groupIdx {
		groupIdx[i] = -1
	}
	for i := range in {
		c := r.IntN(len(bases))
		rs := []rune(bases[c])
		r.Shuffle(len(rs), func(a, b int) { rs[a], rs[b] = rs[b], rs[a] })
		in[i] = string(rs)
		if groupIdx[c] < 0 {
			groupIdx[c] = len(want)
			want = append(want, nil)
		}
		want[groupIdx[c]] = append(want[groupIdx[c]], in[i])
	}

	got, p, modified := callGroup(in)
	if p != "" {
		t.Fatalf("GroupAnagrams(<%d words>) panicked: %s", n, p)
	}
	if modified {
		t.Errorf("GroupAnagrams(<%d words>) modified its input slice", n)
	}
	if len(got) != len(want) {
		t.Fatalf("GroupAnagrams(<%d words from %d classes>) returned %d groups, want %d", n, len(bases), len(got), len(want))
	}
	for i := range want {
		if !slices.Equal(got[i], want[i]) {
			t.Fatalf("GroupAnagrams(<%d words>): group %d has %d words starting %q, want %d words starting %q",
				n, i, len(got[i]), got[i][:min(3, len(got[i]))], len(want[i]), want[i][:min(3, len(want[i]))])
		}
	}
}
