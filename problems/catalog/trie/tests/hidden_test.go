package trie

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"
)

// An op is one call on a trie: "insert", "search" or "prefix" (StartsWith).
type op struct {
	kind string
	arg  string
	want bool // for search and prefix
}

func ins(s string) op               { return op{"insert", s, false} }
func search(s string, want bool) op { return op{"search", s, want} }
func prefix(s string, want bool) op { return op{"prefix", s, want} }

func short(s string) string {
	if len(s) <= 40 {
		return fmt.Sprintf("%q", s)
	}
	return fmt.Sprintf("<%d-byte string %q…>", len(s), s[:12])
}

// apply runs o on tr, turning a panic into a message.
func apply(tr *Trie, o op) (got bool, panicMsg string) {
	defer func() {
		if p := recover(); p != nil {
			panicMsg = fmt.Sprint(p)
		}
	}()
	switch o.kind {
	case "insert":
		tr.Insert(o.arg)
	case "search":
		got = tr.Search(o.arg)
	case "prefix":
		got = tr.StartsWith(o.arg)
	}
	return got, ""
}

func callName(o op) string {
	switch o.kind {
	case "insert":
		return "Insert(" + short(o.arg) + ")"
	case "search":
		return "Search(" + short(o.arg) + ")"
	}
	return "StartsWith(" + short(o.arg) + ")"
}

// runOps applies ops in order and stops at the first wrong answer, showing
// the inserts made so far.
func runOps(t *testing.T, tr *Trie, ops []op) {
	t.Helper()
	for i, o := range ops {
		got, p := apply(tr, o)
		if p == "" && (o.kind == "insert" || got == o.want) {
			continue
		}
		var history []string
		for _, prev := range ops[:i] {
			if prev.kind == "insert" {
				history = append(history, callName(prev))
			}
		}
		if len(history) > 12 {
			history = append([]string{"…"}, history[len(history)-12:]...)
		}
		if p != "" {
			t.Errorf("%s panicked: %s\n  after: %s", callName(o), p, strings.Join(history, ", "))
		} else {
			t.Errorf("%s = %v, want %v\n  after: %s", callName(o), got, o.want, strings.Join(history, ", "))
		}
		return
	}
}

type opsCase struct {
	name string
	ops  []op
}

func runOpsCases(t *testing.T, cases []opsCase) {
	t.Helper()
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			tr := Constructor()
			runOps(t, &tr, tc.ops)
		})
	}
}

func TestBasics(t *testing.T) {
	runOpsCases(t, []opsCase{
		{"apple", []op{
			ins("apple"), search("apple", true), search("app", false), prefix("app", true),
			ins("app"), search("app", true), prefix("apple", true), prefix("apples", false),
			search("apples", false), search("appl", false), prefix("b", false),
		}},
		{"no-words", []op{search("a", false), prefix("a", false)}},
		{"word-prefix-of-word", []op{
			ins("car"), ins("cart"), ins("carton"), search("car", true), search("cart", true),
			search("carto", false), prefix("carto", true), search("carton", true), prefix("cartons", false),
		}},
		{"siblings", []op{
			ins("bat"), ins("bad"), ins("ban"), search("ba", false), prefix("ba", true),
			search("bat", true), search("bar", false), prefix("bar", false), prefix("bad", true),
		}},
		{"insert-twice", []op{
			ins("go"), ins("go"), search("go", true), prefix("g", true), search("g", false),
		}},
		{"longer-query", []op{ins("ab"), search("abc", false), prefix("abc", false)}},
		{"single-letters", []op{
			ins("a"), search("a", true), prefix("a", true), search("b", false), prefix("ab", false),
		}},
	})
}

func TestEmptyString(t *testing.T) {
	runOpsCases(t, []opsCase{
		{"empty-trie", []op{search("", false), prefix("", false)}},
		{"after-a-word", []op{ins("x"), prefix("", true), search("", false)}},
		{"insert-empty", []op{ins(""), search("", true), prefix("", true), search("a", false), prefix("a", false)}},
		{"empty-then-word", []op{ins(""), ins("ab"), search("", true), search("a", false), prefix("a", true)}},
	})
}

func TestCaseAndUnicode(t *testing.T) {
	runOpsCases(t, []opsCase{
		{"case-sensitive", []op{
			ins("Go"), search("go", false), prefix("g", false), prefix("G", true), search("Go", true),
		}},
		{"uppercase-and-digits", []op{
			ins("HTTP2"), ins("http/1.1"), search("HTTP2", true), prefix("HTTP", true),
			prefix("http/", true), search("http", false), prefix("HTTP3", false),
		}},
		{"spaces-punctuation", []op{
			ins("hello, world"), prefix("hello, ", true), prefix("hello,w", false), search("hello, world", true),
		}},
		{"accents", []op{
			ins("héllo"), prefix("hé", true), prefix("he", false), search("héllo", true), search("hello", false),
		}},
		{"cjk", []op{
			ins("日本語"), ins("日本"), search("日本", true), search("日", false), prefix("日", true),
			prefix("日本語", true), prefix("中", false),
		}},
		{"emoji", []op{
			ins("😀😃"), prefix("😀", true), prefix("😃", false), search("😀", false), search("😀😃", true),
		}},
		{"shared-lead-bytes", []op{
			ins("é"), prefix("è", false), search("è", false), prefix("é", true),
		}},
		{"precomposed-vs-combining", []op{
			ins("é"), search("e\u0301", false), prefix("e", false),
			ins("e\u0301"), search("e\u0301", true), search("e", false), prefix("e", true),
		}},
		{"mixed-scripts", []op{
			ins("aб中😀"), prefix("aб", true), prefix("aб中", true), search("aб中", false),
			prefix("ab", false), search("aб中😀", true),
		}},
		{"greek-final-sigma", []op{
			ins("λόγος"), prefix("λόγοσ", false), search("λόγος", true), prefix("λόγο", true),
		}},
	})
}

func TestZeroValue(t *testing.T) {
	t.Run("var-trie", func(t *testing.T) {
		var tr Trie
		runOps(t, &tr, []op{
			search("a", false), prefix("", false),
			ins("alpha"), ins("alps"), search("alpha", true), prefix("alp", true),
			search("alp", false), prefix("", true),
		})
	})
	t.Run("new-trie", func(t *testing.T) {
		tr := new(Trie)
		runOps(t, tr, []op{ins("日"), search("日", true), prefix("日本", false)})
	})
	t.Run("composite-literal", func(t *testing.T) {
		tr := &Trie{}
		runOps(t, tr, []op{ins(""), search("", true), prefix("", true)})
	})
}

func TestIndependentTries(t *testing.T) {
	a, b := Constructor(), Constructor()
	var c Trie
	runOps(t, &a, []op{ins("one"), search("one", true)})
	runOps(t, &b, []op{search("one", false), prefix("o", false), prefix("", false), ins("two")})
	runOps(t, &c, []op{search("one", false), search("two", false), prefix("t", false)})
	runOps(t, &a, []op{search("two", false), prefix("t", false)})
}

// setOracle is a set of words; StartsWith scans them all.
type setOracle map[string]bool

func (s setOracle) startsWith(p string) bool {
	for w := range s {
		if strings.HasPrefix(w, p) {
			return true
		}
	}
	return false
}

var trieAlphabet = []string{"a", "b", "c", "A", "é", "è", "日", "本", "😀", " "}

func randTrieWord(r *rand.Rand, maxLen, letters int) string {
	var b strings.Builder
	for n := r.IntN(maxLen + 1); n > 0; n-- {
		b.WriteString(trieAlphabet[r.IntN(letters)])
	}
	return b.String()
}

func TestRandomAgainstOracle(t *testing.T) {
	r := rand.New(rand.NewPCG(17, 29))
	for _, size := range []struct {
		name             string
		ops, maxLen, abc int
	}{
		{"tiny-ascii", 20, 3, 2},
		{"small-mixed", 60, 4, len(trieAlphabet)},
		{"medium-ascii", 400, 6, 3},
		{"medium-mixed", 400, 6, len(trieAlphabet)},
	} {
		t.Run(size.name, func(t *testing.T) {
			for iter := 0; iter < 150 && !t.Failed(); iter++ {
				oracle := setOracle{}
				var ops []op
				for range size.ops {
					w := randTrieWord(r, size.maxLen, size.abc)
					switch r.IntN(3) {
					case 0:
						oracle[w] = true
						ops = append(ops, ins(w))
					case 1:
						ops = append(ops, search(w, oracle[w]))
					default:
						ops = append(ops, prefix(w, oracle.startsWith(w)))
					}
				}
				var tr Trie
				if iter%2 == 0 {
					tr = Constructor()
				}
				runOps(t, &tr, ops)
			}
		})
	}
}

// reportPanic turns a panic in the calling test into a failure; defer it.
func reportPanic(t *testing.T, what string) {
	if p := recover(); p != nil {
		t.Errorf("%s panicked: %v", what, p)
	}
}

func TestLarge(t *testing.T) {
	r := rand.New(rand.NewPCG(2025, 11))
	t.Run("many-words", func(t *testing.T) {
		defer reportPanic(t, "a call on a trie of 30000 words")
		// 30000 words; 80000 queries, 70% of them StartsWith misses (a letter
		// the words never use), so scanning all words per StartsWith is hopeless.
		const nWords, nQueries = 30_000, 80_000
		letters := []rune("abcdefghijklmnopqrstuvwxyzéßж日")
		word := func() string {
			rs := make([]rune, 4+r.IntN(9))
			for i := range rs {
				rs[i] = letters[r.IntN(len(letters))]
			}
			return string(rs)
		}
		tr := Constructor()
		words := make([]string, nWords)
		set := make(map[string]bool, nWords)
		for i := range words {
			words[i] = word()
			set[words[i]] = true
			tr.Insert(words[i])
		}
		for i := 0; i < nQueries && !t.Failed(); i++ {
			w := words[r.IntN(nWords)]
			rs := []rune(w)
			cut := string(rs[:1+r.IntN(len(rs))])
			switch i % 10 {
			case 0: // an inserted word
				if !tr.Search(w) {
					t.Errorf("Search(%q) = false, want true (it was inserted)", w)
				}
			case 1: // a prefix of an inserted word
				if !tr.StartsWith(cut) {
					t.Errorf("StartsWith(%q) = false, want true (%q was inserted)", cut, w)
				}
			case 2, 4, 5, 6, 7, 8, 9: // a miss: no word contains 'Z'
				miss := cut + "Z"
				if tr.StartsWith(miss) {
					t.Errorf("StartsWith(%q) = true, want false (no word contains 'Z')", miss)
				}
			case 3: // Search on a prefix: true only if that prefix is itself a word
				if got := tr.Search(cut); got != set[cut] {
					t.Errorf("Search(%q) = %v, want %v", cut, got, set[cut])
				}
			}
		}
	})
	t.Run("long-word", func(t *testing.T) {
		defer reportPanic(t, "a call on a trie holding a 100000-rune word")
		var b strings.Builder
		for i := range 100_000 {
			b.WriteRune(rune('a' + i%26))
			if i%1000 == 999 {
				b.WriteString("日")
			}
		}
		long := b.String()
		rs := []rune(long)
		half := string(rs[:len(rs)/2])
		var tr Trie
		tr.Insert(long)
		tr.Insert(half)
		checks := []struct {
			call string
			got  bool
			want bool
		}{
			{"Search(<long word>)", tr.Search(long), true},
			{"StartsWith(<long word>)", tr.StartsWith(long), true},
			{"Search(<first half>)", tr.Search(half), true},
			{"Search(<first half minus one rune>)", tr.Search(string(rs[:len(rs)/2-1])), false},
			{"StartsWith(<first 3/4>)", tr.StartsWith(string(rs[:3*len(rs)/4])), true},
			{"Search(<first 3/4>)", tr.Search(string(rs[:3*len(rs)/4])), false},
			{"StartsWith(<long word> + \"x\")", tr.StartsWith(long + "x"), false},
			{"Search(<long word minus last rune>)", tr.Search(string(rs[:len(rs)-1])), false},
			{"StartsWith(<first half with its last rune changed>)", tr.StartsWith(string(rs[:len(rs)/2-1]) + "Z"), false},
		}
		for _, c := range checks {
			if c.got != c.want {
				t.Errorf("after inserting a 100000-rune word and its first half: %s = %v, want %v", c.call, c.got, c.want)
			}
		}
	})
}
