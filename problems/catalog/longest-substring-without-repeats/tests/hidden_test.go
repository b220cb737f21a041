package longest

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"
)

type lenCase struct {
	name string
	in   string
	want int
}

// callLen runs LengthOfLongestSubstring, turning a panic into a message.
func callLen(s string) (got int, panicMsg string) {
	defer func() {
		if p := recover(); p != nil {
			panicMsg = fmt.Sprint(p)
		}
	}()
	return LengthOfLongestSubstring(s), ""
}

// show prints short inputs in full and long ones by size.
func show(s string) string {
	if len(s) <= 80 {
		return fmt.Sprintf("%q", s)
	}
	return fmt.Sprintf("<%d-byte string %q…>", len(s), s[:20])
}

func checkLen(t *testing.T, in string, want int) {
	t.Helper()
	got, p := callLen(in)
	switch {
	case p != "":
		t.Errorf("LengthOfLongestSubstring(%s) panicked: %s", show(in), p)
	case got != want:
		t.Errorf("LengthOfLongestSubstring(%s) = %d, want %d", show(in), got, want)
	}
}

func runLenCases(t *testing.T, cases []lenCase) {
	t.Helper()
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) { checkLen(t, tc.in, tc.want) })
	}
}

func TestBasics(t *testing.T) {
	runLenCases(t, []lenCase{
		{"abcabcbb", "abcabcbb", 3},
		{"all-same", "bbbbb", 1},
		{"pwwkew", "pwwkew", 3},
		{"abba", "abba", 2},
		{"empty", "", 0},
		{"japanese", "日本語の本", 4},
		{"accents", "héllo wörld", 7},
		{"single", "x", 1},
		{"space", " ", 1},
		{"two-distinct", "au", 2},
		{"dvdf", "dvdf", 3},
		{"tmmzuxt", "tmmzuxt", 5},
		{"all-distinct", "abcdefghij", 10},
		{"repeat-at-end", "abcdea", 5},
		{"best-at-end", "aabcdef", 6},
		{"best-in-middle", "aabcdeff", 6},
		{"spaces-count", "a b c", 3},
		{"digits-punct", "1,2;3.1", 6},
	})
}

func TestWindowStart(t *testing.T) {
	// Cases where the earlier occurrence of a repeat lies before the window.
	runLenCases(t, []lenCase{
		{"abba", "abba", 2},
		{"abcba", "abcba", 3},
		{"abccba", "abccba", 3},
		{"cdd-then-abc", "cddabc", 4},
		{"old-repeat", "abcdbea", 5},
		{"nested", "xyzzyx", 3},
		{"wwkewx", "wwkewx", 4},
	})
}

func TestCase(t *testing.T) {
	runLenCases(t, []lenCase{
		{"upper-vs-lower", "aA", 2},
		{"aAaA", "aAaA", 2},
		{"mixed", "AbBa", 4},
		{"greek-sigmas", "Σσς", 3},
	})
}

func TestUnicode(t *testing.T) {
	runLenCases(t, []lenCase{
		{"two-byte-pair", "éè", 2},
		{"two-byte-same", "éé", 1},
		{"accent-word", "héllo", 3},
		{"emoji-same", "😀😀", 1},
		{"emoji-pair", "😀😃", 2},
		{"emoji-shared-bytes", "😀😃😀", 2},
		{"cjk", "日本語", 3},
		{"cjk-repeat", "上海自来水来自海上", 5},
		{"cyrillic", "колокол", 3},
		{"devanagari", "नमस्ते", 6},
		{"precomposed-vs-combining", "é" + "e\u0301", 3},
		{"combining-repeats", "e\u0301e\u0301", 2},
		{"zwj", "👨\u200d👩\u200d👧", 3},
		{"four-byte-letters", "\U00010400\U00010428\U00010400", 2},
		{"mixed-scripts", "aб中😀aб", 4},
		{"same-first-byte", "ĀāĂăĄą", 6},
		{"same-last-byte", "ÁāÁ", 2},
	})
}

func TestInvalidUTF8(t *testing.T) {
	runLenCases(t, []lenCase{
		{"one-invalid", "\xff", 1},
		{"two-invalid-equal", "\xff\xfe", 1},
		{"invalid-and-fffd", "\xff\uFFFD", 1},
		{"invalid-between", "a\xffb\xfe", 3},
		{"truncated-seq", "\xe2\x82", 1},
		{"truncated-then-ascii", "ab\xe2\x82c", 3},
		{"lone-continuation", "é\xa9", 2},
		{"invalid-window", "xy\xffz", 4},
	})
}

// oracle checks every substring of the rune sequence: O(n^3), obviously right.
func oracle(s string) int {
	rs := []rune(s)
	best := 0
	for i := range rs {
	grow:
		for j := i; j < len(rs); j++ {
			for k := i; k < j; k++ {
				if rs[k] == rs[j] {
					break grow
				}
			}
			best = max(best, j-i+1)
		}
	}
	return best
}

var alphabet = []string{
	"a", "b", "c", "A", "é", "è", "ĩ", "Ĩ", "中", "日", "😀", "😃",
	"\u0301", " ", "\xff", "\xfe", "\uFFFD",
}

func randString(r *rand.Rand, n, letters int) string {
	var b strings.Builder
	for range n {
		b.WriteString(alphabet[r.IntN(letters)])
	}
	return b.String()
}

func TestRandomAgainstOracle(t *testing.T) {
	r := rand.New(rand.NewPCG(11, 2024))
	for _, size := range []struct {
		name      string
		maxLen    int
		letters   int
		iteration int
	}{
		{"ascii-short", 8, 3, 1500},
		{"mixed-short", 10, len(alphabet), 1500},
		{"mixed-medium", 60, len(alphabet), 500},
		{"few-letters-long", 200, 5, 200},
	} {
		t.Run(size.name, func(t *testing.T) {
			for i := 0; i < size.iteration && !t.Failed(); i++ {
				s := randString(r, r.IntN(size.maxLen+1), size.letters)
				checkLen(t, s, oracle(s))
			}
		})
	}
}

// distinctRunes returns n different runes, all valid and all 4 bytes long.
func distinctRunes(n int) []rune {
	rs := make([]rune, n)
	for i := range rs {
		rs[i] = 0x10000 + rune(i)
	}
	return rs
}

func TestLarge(t *testing.T) {
	const d = 200_000
	run := string(distinctRunes(d))
	t.Run("distinct-run-twice", func(t *testing.T) {
		// An O(n·d) rescan is hopeless here: d = 200000 distinct runes, twice.
		checkLen(t, run+run, d)
	})
	t.Run("distinct-run-shifted", func(t *testing.T) {
		rs := distinctRunes(d)
		s := string(rs) + string(rs[:d/2]) + "x" + string(rs[d/2:])
		// The best window is rs[d/2:] + rs[:d/2] + "x" (d+1 runes).
		checkLen(t, s, d+1)
	})
	t.Run("repeat-only-at-ends", func(t *testing.T) {
		rs := distinctRunes(d)
		s := "q" + string(rs) + "q"
		checkLen(t, s, d+1)
	})
	t.Run("two-letter-loop", func(t *testing.T) {
		checkLen(t, strings.Repeat("ab", 500_000), 2)
	})
	t.Run("same-rune", func(t *testing.T) {
		checkLen(t, strings.Repeat("語", 300_000), 1)
	})
	t.Run("all-invalid", func(t *testing.T) {
		checkLen(t, strings.Repeat("\xff\xfe", 200_000), 1)
	})
	t.Run("ascii-alphabet-loop", func(t *testing.T) {
		var b strings.Builder
		for i := range 1_000_000 {
			b.WriteByte(byte(i%95) + ' ')
		}
		checkLen(t, b.String(), 95)
	})
	t.Run("random-against-window", func(t *testing.T) {
		// Random CJK text over 3000 runes: answers are short (about 70), so the
		// simple O(n·answer) scan below can compute the expected value.
		r := rand.New(rand.NewPCG(5, 8))
		rs := make([]rune, 200_000)
		for i := range rs {
			rs[i] = 0x4E00 + rune(r.IntN(3000))
		}
		checkLen(t, string(rs), slowScan(rs, 0x4E00, 3000))
	})
}

// slowScan is an O(n·w) restatement (w = answer length), fine when answers
// are short. Runes must lie in [base, base+size).
func slowScan(rs []rune, base rune, size int) int {
	best := 0
	stamp := make([]int, size) // stamp[r-base] == i+1: r is in the window starting at i
	for i := range rs {
		j := i
		for j < len(rs) && stamp[rs[j]-base] != i+1 {
			stamp[rs[j]-base] = i + 1
			j++
		}
		best = max(best, j-i)
	}
	return best
}
