package minwindow

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"
)

type winCase struct {
	name string
	s, t string
	want string
}

// callWin runs MinWindow, turning a panic into a message.
func callWin(s, t string) (got, panicMsg string) {
	defer func() {
		if p := recover(); p != nil {
			panicMsg = fmt.Sprint(p)
		}
	}()
	return MinWindow(s, t), ""
}

// show prints short strings in full and long ones by size.
func show(s string) string {
	if len(s) <= 60 {
		return fmt.Sprintf("%q", s)
	}
	return fmt.Sprintf("<%d-byte string %q…>", len(s), s[:16])
}

func checkWin(t *testing.T, s, tt, want string) {
	t.Helper()
	got, p := callWin(s, tt)
	switch {
	case p != "":
		t.Errorf("MinWindow(%s, %s) panicked: %s", show(s), show(tt), p)
	case got != want:
		t.Errorf("MinWindow(%s, %s) = %s, want %s", show(s), show(tt), show(got), show(want))
	}
}

func runWinCases(t *testing.T, cases []winCase) {
	t.Helper()
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) { checkWin(t, tc.s, tc.t, tc.want) })
	}
}

func TestBasics(t *testing.T) {
	runWinCases(t, []winCase{
		{"classic", "ADOBECODEBANC", "ABC", "BANC"},
		{"whole-string", "a", "a", "a"},
		{"needs-two", "a", "aa", ""},
		{"duplicates-in-t", "baacba", "aab", "baa"},
		{"leftmost-tie", "xaby ba", "ab", "ab"},
		{"empty-t", "abc", "", ""},
		{"unicode", "größer als groß", "ßg", "größ"},
		{"runes-not-bytes", "a😀😀b, then axyzb", "ab", "a😀😀b"},
		{"t-equals-s", "abc", "abc", "abc"},
		{"t-permuted", "abc", "cba", "abc"},
		{"single-match-middle", "xxaxx", "a", "a"},
		{"at-end", "xxxxab", "ba", "ab"},
		{"at-start", "abxxxx", "ba", "ab"},
		{"shrinks-left", "aaaaab", "ab", "ab"},
		{"gap-inside", "axxxxb", "ab", "axxxxb"},
		{"later-shorter", "axxxbxxab", "ab", "ab"},
		{"case-sensitive", "aAbB", "AB", "AbB"},
		{"spaces-count", "a b  c", "  ", "  "},
	})
}

func TestMultiplicity(t *testing.T) {
	runWinCases(t, []winCase{
		{"aa-in-aa", "aa", "aa", "aa"},
		{"aa-spread", "abca", "aa", "abca"},
		{"aa-closer-later", "abcabxaa", "aa", "aa"},
		{"aab", "abaacab", "aab", "aba"},
		{"three-a", "aabaa", "aaa", "aaba"},
		{"too-few", "abab", "aaa", ""},
		{"repeat-each", "xabxxbaxaabb", "aabb", "aabb"},
		{"unicode-repeats", "éaéaé", "éé", "éaé"},
	})
}

func TestTies(t *testing.T) {
	runWinCases(t, []winCase{
		{"two-equal", "xaby ba", "ab", "ab"},
		{"first-of-three", "bca_acb_cab", "abc", "bca"},
		{"ba-before-ab", "ba ab", "ab", "ba"},
		{"shorter-wins-over-first", "axxb ab", "ab", "ab"},
		{"same-text-twice", "xyzxyz", "zyx", "xyz"},
		{"tie-by-runes", "é😀b a😀b", "😀b", "😀b"},
		{"tie-multibyte-vs-ascii", "a😀b a-b", "ab", "a😀b"},
	})
}

func TestUnicode(t *testing.T) {
	runWinCases(t, []winCase{
		{"accented", "café crème", "éè", "é crè"},
		{"cjk", "我爱北京天安门北京", "京北", "北京"},
		{"cjk-multi", "北京天安门北京", "京京", "京天安门北京"},
		{"emoji", "😀a😃b😀", "😀😃", "😀a😃"},
		{"shared-lead-bytes", "ĩÃ", "é", ""},
		{"half-rune-not-enough", "ÃĩÃ", "é", ""},
		{"byte-permutation", "éĨ", "èĩ", ""},
		{"byte-permutation-ok", "xĨéy", "éĨ", "Ĩé"},
		{"combining-mark", "e\u0301 é", "é", "é"},
		{"combining-needed", "é e\u0301", "\u0301e", "e\u0301"},
		{"devanagari", "नमस्ते दुनिया", "नम", "नम"},
		{"four-byte", "\U00010400x\U00010428\U00010400", "\U00010428\U00010400", "\U00010428\U00010400"},
		{"rune-length-wins", "a日日日日b-ab", "ba", "ab"},
		{"rune-length-not-bytes", "a😀😀b, then axyzb", "ab", "a😀😀b"},
		{"greek-case", "Σσς", "ςΣ", "Σσς"},
	})
}

func TestInvalidUTF8(t *testing.T) {
	runWinCases(t, []winCase{
		{"invalid-matches-invalid", "a\xffb", "\xfe", "\xff"},
		{"invalid-matches-fffd", "ab\uFFFDc", "\xff", "\uFFFD"},
		{"two-invalid", "\xff\xfe", "\xff\xff", "\xff\xfe"},
		{"truncated-seq", "x\xe2\x82y", "\xe2\x82", "\xe2\x82"},
		{"invalid-not-in-s", "abc", "\xff", ""},
	})
}

func TestEdgeCases(t *testing.T) {
	runWinCases(t, []winCase{
		{"both-empty", "", "", ""},
		{"empty-s", "", "a", ""},
		{"empty-t", "abc", "", ""},
		{"empty-t-unicode", "日本", "", ""},
		{"t-longer", "ab", "abc", ""},
		{"t-longer-in-runes", "éé", "ééé", ""},
		{"t-more-bytes-fewer-runes", "ab日", "日", "日"},
		{"missing-rune", "abcdef", "xa", ""},
		{"single-rune-s", "é", "é", "é"},
		{"t-is-space", "a b", " ", " "},
	})
}

// bruteWindow tries every window by increasing rune length, then start.
func bruteWindow(s, t string) string {
	if t == "" {
		return ""
	}
	rs := []rune(s)
	var off []int
	for i := range s {
		off = append(off, i)
	}
	off = append(off, len(s))
	need := map[rune]int{}
	for _, r := range t {
		need[r]++
	}
	for length := 1; length <= len(rs); length++ {
		for i := 0; i+length <= len(rs); i++ {
			have := map[rune]int{}
			for _, r := range rs[i : i+length] {
				have[r]++
			}
			ok := true
			for r, n := range need {
				if have[r] < n {
					ok = false
					break
				}
			}
			if ok {
				return s[off[i]:off[i+length]]
			}
		}
	}
	return ""
}

// listWindow is a second, independent oracle for long s and a t with few
// distinct runes: the shortest window ending at rune r must start at the
// earliest of the "k-th last occurrence" positions of t's runes. O(len(s)·d).
func listWindow(s, t string) string {
	if t == "" {
		return ""
	}
	id := map[rune]int{} // rune of t -> index into need and pos
	var need []int
	for _, r := range t {
		if _, ok := id[r]; !ok {
			id[r] = len(need)
			need = append(need, 0)
		}
		need[id[r]]++
	}
	pos := make([][]int, len(need)) // rune indexes in s where each rune of t occurs
	var off []int
	for i := range s {
		off = append(off, i)
	}
	off = append(off, len(s))
	bestL, bestLen := 0, -1
	idx := 0
	for _, r := range s {
		if c, ok := id[r]; ok {
			pos[c] = append(pos[c], idx)
		}
		start, ok := idx, true
		for c, k := range need {
			p := pos[c]
			if len(p) < k {
				ok = false
				break
			}
			start = min(start, p[len(p)-k])
		}
		if ok && (bestLen < 0 || idx-start+1 < bestLen) {
			bestL, bestLen = start, idx-start+1
		}
		idx++
	}
	if bestLen < 0 {
		return ""
	}
	return s[off[bestL]:off[bestL+bestLen]]
}

var winAlphabet = []string{"a", "b", "c", "A", "é", "è", "Ĩ", "ĩ", "日", "😀", "\u0301", " ", "\xff"}

func randWinString(r *rand.Rand, n, letters int) string {
	var b strings.Builder
	for range n {
		b.WriteString(winAlphabet[r.IntN(letters)])
	}
	return b.String()
}

func TestRandomAgainstOracle(t *testing.T) {
	r := rand.New(rand.NewPCG(31, 337))
	for _, size := range []struct {
		name          string
		maxS, maxT    int
		letters, iter int
	}{
		{"ascii-tiny", 8, 3, 3, 1500},
		{"mixed-small", 14, 4, len(winAlphabet), 1500},
		{"mixed-medium", 40, 6, len(winAlphabet), 400},
		{"few-letters-medium", 40, 8, 4, 400},
	} {
		t.Run(size.name, func(t *testing.T) {
			for i := 0; i < size.iter && !t.Failed(); i++ {
				s := randWinString(r, r.IntN(size.maxS+1), size.letters)
				tt := randWinString(r, r.IntN(size.maxT+1), size.letters)
				checkWin(t, s, tt, bruteWindow(s, tt))
			}
		})
	}
	t.Run("oracles-agree", func(t *testing.T) {
		// Guards the second oracle used by TestLarge.
		for i := 0; i < 300; i++ {
			s := randWinString(r, r.IntN(30), len(winAlphabet))
			tt := randWinString(r, r.IntN(5), len(winAlphabet))
			if a, b := bruteWindow(s, tt), listWindow(s, tt); a != b {
				t.Fatalf("test oracles disagree on (%q, %q): %q vs %q", s, tt, a, b)
			}
		}
	})
}

func TestLarge(t *testing.T) {
	r := rand.New(rand.NewPCG(8, 13))
	t.Run("many-distinct-runes", func(t *testing.T) {
		// t has k different runes; s is three shuffles of them. Every covering
		// window has at least k runes, so the answer is the first shuffle.
		const k = 100_000
		rs := make([]rune, k)
		for i := range rs {
			rs[i] = 0x10000 + rune(i)
		}
		tt := string(rs)
		var b strings.Builder
		var first string
		for i := range 3 {
			r.Shuffle(k, func(i, j int) { rs[i], rs[j] = rs[j], rs[i] })
			if i == 0 {
				first = string(rs)
			}
			b.WriteString(string(rs))
		}
		checkWin(t, b.String(), tt, first)
	})
	t.Run("long-multiplicity", func(t *testing.T) {
		a := strings.Repeat("a", 100_000)
		s := "b" + a + a + "b"
		checkWin(t, s, a+"b", "b"+a)
	})
	t.Run("wide-window", func(t *testing.T) {
		// The only window spans almost all of s.
		mid := strings.Repeat("xy", 300_000)
		checkWin(t, "é"+mid+"日", "日é", "é"+mid+"日")
	})
	t.Run("no-window", func(t *testing.T) {
		checkWin(t, strings.Repeat("a", 1_000_000), "ab", "")
	})
	t.Run("t-too-long", func(t *testing.T) {
		checkWin(t, strings.Repeat("a", 500_000), strings.Repeat("a", 500_001), "")
	})
	t.Run("random-ascii", func(t *testing.T) {
		var b strings.Builder
		for range 400_000 {
			b.WriteByte('a' + byte(r.IntN(26)))
		}
		s := b.String()
		for i := range 2 {
			var tb strings.Builder
			for range 10 + 10*i {
				tb.WriteByte('a' + byte(r.IntN(26)))
			}
			checkWin(t, s, tb.String(), listWindow(s, tb.String()))
		}
	})
	t.Run("random-runes", func(t *testing.T) {
		rs := make([]rune, 200_000)
		for i := range rs {
			rs[i] = 0x4E00 + rune(r.IntN(400))
		}
		s := string(rs)
		tr := make([]rune, 40)
		for i := range tr {
			tr[i] = 0x4E00 + rune(r.IntN(400))
		}
		checkWin(t, s, string(tr), listWindow(s, string(tr)))
	})
}
