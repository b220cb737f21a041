package topk

import (
	"cmp"
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
)

// topOracle counts, sorts every distinct word, and truncates: the rules, stated slowly.
func topOracle(words []string, k int) []string {
	counts := map[string]int{}
	for _, w := range words {
		counts[w]++
	}
	var distinct []string
	for w := range counts {
		distinct = append(distinct, w)
	}
	slices.SortFunc(distinct, func(a, b string) int {
		if c := cmp.Compare(counts[b], counts[a]); c != 0 {
			return c
		}
		return strings.Compare(a, b)
	})
	return distinct[:max(0, min(k, len(distinct)))]
}

// showWords prints short inputs in full and long ones by size.
func showWords(s []string) string {
	if len(s) <= 20 {
		return fmt.Sprintf("%q", s)
	}
	return fmt.Sprintf("<%d words>", len(s))
}

// topCheck calls TopK on a copy of words and compares with want (nil and empty alike).
func topCheck(t *testing.T, words []string, k int, want []string) {
	t.Helper()
	arg := slices.Clone(words)
	got := TopK(arg, k)
	if !slices.Equal(got, want) {
		if len(got) <= 20 && len(want) <= 20 {
			t.Errorf("TopK(%s, %d) = %q, want %q", showWords(words), k, got, want)
			return
		}
		if len(got) != len(want) {
			t.Errorf("TopK(%s, %d) returned %d words, want %d", showWords(words), k, len(got), len(want))
			return
		}
		i := 0
		for got[i] == want[i] {
			i++
		}
		t.Errorf("TopK(%s, %d): result[%d] = %q, want %q", showWords(words), k, i, got[i], want[i])
		return
	}
	if !slices.Equal(arg, words) {
		t.Errorf("TopK(%s, %d) modified its input slice", showWords(words), k)
	}
}

type topCase struct {
	name  string
	words []string
	k     int
	want  []string
}

func runTopCases(t *testing.T, cases []topCase) {
	t.Helper()
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) { topCheck(t, tc.words, tc.k, tc.want) })
	}
}

func w(s string) []string { return strings.Fields(s) }

func TestBasics(t *testing.T) {
	runTopCases(t, []topCase{
		{"classic", w("i love leetcode i love coding"), 2, w("i love")},
		{"four-of-four", w("the day is sunny the the the sunny is is"), 4, w("the is sunny day")},
		{"tie-break", w("b a c"), 2, w("a b")},
		{"case-sensitive", w("Go go GO go"), 2, w("go GO")},
		{"k-over-distinct", w("x y x"), 5, w("x y")},
		{"k-one", w("a b b c c c"), 1, w("c")},
		{"k-equals-distinct", w("a b b c c c"), 3, w("c b a")},
		{"single-word", w("solo"), 1, w("solo")},
		{"one-word-many-times", w("z z z z"), 2, w("z")},
		{"count-beats-order", w("a b b"), 1, w("b")},
		{"descending-counts", w("d c d b c d a b c d"), 4, w("d c b a")},
	})
}

func TestTies(t *testing.T) {
	runTopCases(t, []topCase{
		{"all-once", w("pear fig apple kiwi banana"), 3, w("apple banana fig")},
		{"all-once-all", w("pear fig apple kiwi banana"), 5, w("apple banana fig kiwi pear")},
		{"tie-at-cutoff", w("c b a c b a d d d"), 2, w("d a")},
		{"tie-at-cutoff-2", w("x y z y z x w"), 2, w("x y")},
		{"many-ties-last-slot", w("m l k j i h g f e d c b a a"), 4, w("a b c d")},
		{"prefix-sorts-first", w("ab a abc ab a abc"), 3, w("a ab abc")},
		{"upper-before-lower", w("b B a A"), 4, w("A B a b")},
		{"digits-before-letters", w("a 9 10 2"), 4, w("10 2 9 a")},
		{"two-groups", w("q r s t q r s t u u u"), 3, w("u q r")},
	})
	t.Run("twenty-way-tie", func(t *testing.T) {
		var in []string
		for i := 19; i >= 0; i-- {
			in = append(in, fmt.Sprintf("w%02d", i), fmt.Sprintf("w%02d", i))
		}
		topCheck(t, in, 5, w("w00 w01 w02 w03 w04"))
	})
}

func TestKBounds(t *testing.T) {
	in := w("a b b c c c")
	runTopCases(t, []topCase{
		{"zero", in, 0, nil},
		{"minus-one", in, -1, nil},
		{"min-int", in, math.MinInt, nil},
		{"distinct-plus-one", in, 4, w("c b a")},
		{"max-int", in, math.MaxInt, w("c b a")},
		{"max-int32", in, math.MaxInt32, w("c b a")},
		{"nil-words", nil, 3, nil},
		{"empty-words", []string{}, 3, nil},
		{"nil-words-max-int", nil, math.MaxInt, nil},
		{"nil-words-negative", nil, -5, nil},
	})
}

func TestCaseAndUnicode(t *testing.T) {
	runTopCases(t, []topCase{
		{"no-case-folding", w("Apple apple APPLE apple Apple apple"), 3, w("apple Apple APPLE")},
		{"code-point-order", w("é z e"), 3, w("e z é")},
		{"cjk", w("中 文 中 日 日 中"), 3, w("中 日 文")},
		{"cyrillic-vs-latin", []string{"a", "а", "а"}, 2, []string{"а", "a"}}, // second is Cyrillic а
		{"nfc-vs-nfd", []string{"é", "e\u0301", "e\u0301"}, 2, []string{"e\u0301", "é"}},
		{"emoji", w("😀 😃 😀 🙂 😃 😀"), 2, w("😀 😃")},
		{"greek-sigma", w("σ ς Σ ς"), 3, w("ς Σ σ")},
	})
	t.Run("empty-string-is-a-word", func(t *testing.T) {
		topCheck(t, []string{"", "a", "", "b", ""}, 2, []string{"", "a"})
	})
	t.Run("spaces-are-kept", func(t *testing.T) {
		topCheck(t, []string{"a", " a", "a ", " a"}, 3, []string{" a", "a", "a "})
	})
}

func TestResultShape(t *testing.T) {
	t.Run("no-duplicates", func(t *testing.T) {
		in := w("a a a a b b b c c d")
		got := TopK(slices.Clone(in), 10)
		seen := map[string]bool{}
		for _, s := range got {
			if seen[s] {
				t.Fatalf("TopK(%q, 10) = %q: %q appears twice; each distinct word appears once", in, got, s)
			}
			seen[s] = true
		}
		if want := w("a b c d"); !slices.Equal(got, want) {
			t.Errorf("TopK(%q, 10) = %q, want %q", in, got, want)
		}
	})
	t.Run("input-unchanged", func(t *testing.T) {
		in := w("z y z x y z w")
		backing := append(slices.Clone(in), "guard")
		arg := backing[:len(in)]
		got := TopK(arg, 2)
		if !slices.Equal(backing[:len(in)], in) || backing[len(in)] != "guard" {
			t.Errorf("TopK(%q, 2) modified the caller's backing array: now %q", in, backing)
		}
		if want := w("z y"); !slices.Equal(got, want) {
			t.Errorf("TopK(%q, 2) = %q, want %q", in, got, want)
		}
	})
	t.Run("result-is-independent", func(t *testing.T) {
		in := w("b a b")
		arg := slices.Clone(in)
		got := TopK(arg, 2)
		if len(got) == 2 {
			got[0], got[1] = "X", "Y"
		}
		if !slices.Equal(arg, in) {
			t.Errorf("writing into TopK's result changed the input slice to %q", arg)
		}
	})
	t.Run("repeatable", func(t *testing.T) {
		in := w("k j i h g f e d c b a")
		for i := 0; i < 20; i++ {
			topCheck(t, in, 3, w("a b c"))
			if t.Failed() {
				return
			}
		}
	})
}

func TestRandomAgainstOracle(t *testing.T) {
	r := rand.New(rand.NewPCG(11, 3))
	alphabet := []string{"a", "b", "c", "A", "é", "中", "😀", "", "aa", "ab", "ba"}
	for _, size := range []struct {
		name     string
		maxWords int
		vocab    int
	}{
		{"tiny", 8, 4},
		{"small", 40, 10},
		{"medium", 400, 60},
		{"wide", 300, 250},
	} {
		t.Run(size.name, func(t *testing.T) {
			// A vocabulary of distinct words built from a small alphabet.
			vocabSet := map[string]bool{}
			for len(vocabSet) < size.vocab {
				var b strings.Builder
				for n := r.IntN(4); n >= 0; n-- {
					b.WriteString(alphabet[r.IntN(len(alphabet))])
				}
				vocabSet[b.String()] = true
			}
			var vocab []string
			for v := range vocabSet {
				vocab = append(vocab, v)
			}
			slices.Sort(vocab)
			for iter := 0; iter < 150 && !t.Failed(); iter++ {
				in := make([]string, r.IntN(size.maxWords+1))
				for i := range in {
					in[i] = vocab[r.IntN(len(vocab))]
				}
				k := r.IntN(size.vocab+3) - 1
				topCheck(t, in, k, topOracle(in, k))
			}
		})
	}
}

func TestLarge(t *testing.T) {
	r := rand.New(rand.NewPCG(5, 8))
	const n, vocab = 200_000, 20_000
	in := make([]string, n)
	names := make([]string, vocab)
	for i := range names {
		names[i] = fmt.Sprintf("word%05d", i)
	}
	for i := range in {
		// Skewed: low indices are much more frequent, with many ties in the tail.
		in[i] = names[int(float64(vocab)*math.Pow(r.Float64(), 3))]
	}
	ranked := topOracle(in, math.MaxInt)
	for _, k := range []int{1, 100, 15_000, vocab + 1} {
		ok := t.Run(fmt.Sprintf("k=%d", k), func(t *testing.T) {
			topCheck(t, in, k, ranked[:min(k, len(ranked))])
		})
		if !ok {
			return // one wrong answer is enough; do not spend the time limit on more
		}
	}
}
