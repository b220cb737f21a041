package palindrome

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"
	"unicode"
)

type palCase struct {
	name string
	in   string
	want bool
}

func runPalCases(t *testing.T, cases []palCase) {
	t.Helper()
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			defer func() {
				if p := recover(); p != nil {
					t.Errorf("IsPalindrome(%q) panicked: %v", tc.in, p)
				}
			}()
			if got := IsPalindrome(tc.in); got != tc.want {
				t.Errorf("IsPalindrome(%q) = %v, want %v", tc.in, got, tc.want)
			}
		})
	}
}

func TestBasics(t *testing.T) {
	runPalCases(t, []palCase{
		{"sentence", "Was it a car or a cat I saw?", true},
		{"mixed-case", "Step on no Pets", true},
		{"devanagari", "कनक", true},
		{"accent-matters", "Ésope reste ici et se repose", false},
		{"not-palindrome", "hello, world", false},
		{"empty", "", true},
		{"panama", "A man, a plan, a canal: Panama", true},
		{"race-a-car", "race a car", false},
		{"never-odd", "Never odd or even.", true},
		{"madam", "Madam, in Eden, I'm Adam", true},
		{"odd-length", "abcba", true},
		{"even-length", "abccba", true},
		{"near-miss", "abca", false},
		{"two-same", "aA", true},
		{"two-diff", "ab", false},
		{"digits", "12321", true},
		{"digits-spaced", "123 21", true},
		{"digit-letter", "0P", false},
		{"digit-mid", "1a2", false},
	})
}

func TestCaseFolding(t *testing.T) {
	runPalCases(t, []palCase{
		{"sigma-upper-lower", "Σ σ", true},
		{"sigma-final", "σ ς", false},
		{"sigma-upper-final", "Σ ς", false},
		{"sigma-word", "ΣωΣ", true},
		{"final-both-ends", "ςως", true},
		{"dotted-I", "İ i", true},
		{"dotless-i-vs-I", "ı I", false},
		{"dotless-i-pair", "ı-ı", true},
		{"kelvin-sign", "\u212A k", true},
		{"long-s-vs-s", "ſ s", false},
		{"long-s-vs-S", "ſ S", false},
		{"dz-digraphs", "Ǆ ǅ ǆ", true},
		{"sharp-s", "ẞ ß", true},
		{"ohm-sign", "\u2126 ω", true},
		{"umlaut", "ÄbÄ ä", false},
		{"umlaut-pal", "Äbä", true},
		{"deseret", "\U00010400\U00010428", true},
		{"math-bold", "\U0001D400 \U0001D41A", false},
	})
}

func TestUnicodeScripts(t *testing.T) {
	runPalCases(t, []palCase{
		{"cyrillic-word", "Кабак", true},
		{"cyrillic-sentence", "А роза упала на лапу Азора", true},
		{"devanagari-no", "कमल", false},
		{"arabic", "باب", true},
		{"hebrew", "אבא", true},
		{"chinese", "上海自来水来自海上", true},
		{"chinese-no", "上海自来水", false},
		{"hangul", "기러기", true},
		{"hangul-no", "기러기다", false},
		{"hiragana", "たけやぶやけた", true},
		{"greek-accents", "Νίψον ἀνομήματα μὴ μόναν ὄψιν", false},
		{"two-byte-pair", "éé", true},
		{"two-byte-diff", "éè", false},
		{"two-byte-mid", "aéa", true},
		{"four-byte", "\U0001D400b\U0001D400", true},
		{"mixed-scripts", "a क, a", true},
		{"mixed-scripts-no", "aक-b", false},
	})
}

func TestMarksDigitsSymbols(t *testing.T) {
	runPalCases(t, []palCase{
		{"decomposed-e", "e\u0301ee", true},
		{"mark-skipped", "ab\u0301a", true},
		{"precomposed-e", "\u00e9e", false},
		{"lone-mark", "\u0301", true},
		{"vowel-sign", "नीनन", true},
		{"arabic-indic", "١٢١", true},
		{"arabic-indic-no", "١٢٣", false},
		{"devanagari-digits", "१२१", true},
		{"different-ones", "1١", false},
		{"superscript", "x²x", true},
		{"superscript-no", "1²2", false},
		{"fraction-only", "½", true},
		{"roman-numeral", "Ⅻ x", true},
		{"emoji-only", "😀", true},
		{"emoji-between", "a😀b", false},
		{"emoji-noise", "a😀a😃a", true},
		{"zwj-family", "👨\u200d👩\u200d👧 abba 👧\u200d👩\u200d👨", true},
		{"flags", "🇫🇷a🇷🇫", true},
		{"symbols", "$1 + 2 = 3$", false},
	})
}

func TestEdgeCases(t *testing.T) {
	runPalCases(t, []palCase{
		{"empty", "", true},
		{"space", " ", true},
		{"punctuation-only", "!?.,;:-", true},
		{"single-letter", "a", true},
		{"single-upper", "Z", true},
		{"single-multibyte", "é", true},
		{"nul", "\x00", true},
		{"nul-inside", "a\x00a", true},
		{"whitespace", "\t\n\r ", true},
		{"invalid-only", "\xff", true},
		{"invalid-inside", "a\xffa", true},
		{"invalid-no", "a\xff\xfeb", false},
		{"truncated", "\xc3", true},
		{"truncated-inside", "a\xc3a", true},
		{"extra-continuation", "é\xa9", true},
		{"truncated-3byte", "x\xe2\x82x", true},
		{"replacement-char", "a\uFFFDa", true},
	})
}

// oracleIsPalindrome is a deliberately simple restatement of the rules.
func oracleIsPalindrome(s string) bool {
	var kept []rune
	for _, r := range s {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			kept = append(kept, unicode.ToLower(r))
		}
	}
	for i := range kept {
		if kept[i] != kept[len(kept)-1-i] {
			return false
		}
	}
	return true
}

// Runes grouped by their unicode.ToLower value, and runes that are skipped.
var (
	palClasses = [][]string{
		{"a", "A"}, {"b", "B"}, {"é", "É"}, {"σ", "Σ"}, {"ς"},
		{"k", "K", "\u212A"}, {"ſ"}, {"i", "I", "İ"}, {"ı"},
		{"क"}, {"न"}, {"ب"}, {"中"}, {"\U00010428", "\U00010400"},
		{"ǆ", "ǅ", "Ǆ"}, {"ß", "ẞ"}, {"ω", "Ω", "\u2126"},
		{"0"}, {"1"}, {"٣"}, {"\U0001D400"},
	}
	palNoise = []string{
		" ", ",", "!", "\u0301", "\u093F", "😀", "²", "\xff", "\xe2\x82",
		"\u200d", "\t", "\uFFFD",
	}
)

func randPalString(r *rand.Rand, mirrored bool, nClasses int) string {
	core := make([]int, nClasses)
	for i := range core {
		core[i] = r.IntN(len(palClasses))
	}
	seq := core
	if mirrored {
		seq = append([]int(nil), core...)
		if r.IntN(2) == 0 {
			seq = append(seq, r.IntN(len(palClasses)))
		}
		for i := len(core) - 1; i >= 0; i-- {
			seq = append(seq, core[i])
		}
		if len(seq) > 0 && r.IntN(3) == 0 {
			seq[r.IntN(len(seq))] = r.IntN(len(palClasses))
		}
	}
	var b strings.Builder
	for _, c := range seq {
		for r.IntN(4) == 0 {
			b.WriteString(palNoise[r.IntN(len(palNoise))])
		}
		members := palClasses[c]
		b.WriteString(members[r.IntN(len(members))])
	}
	if r.IntN(3) == 0 {
		b.WriteString(palNoise[r.IntN(len(palNoise))])
	}
	return b.String()
}

func TestRandomAgainstOracle(t *testing.T) {
	for _, kind := range []struct {
		name     string
		mirrored bool
		maxLen   int
	}{
		{"short-random", false, 4},
		{"short-mirrored", true, 4},
		{"long-mirrored", true, 60},
	} {
		t.Run(kind.name, func(t *testing.T) {
			r := rand.New(rand.NewPCG(20240601, uint64(kind.maxLen)))
			failures := 0
			for i := 0; i < 2000 && failures < 5; i++ {
				s := randPalString(r, kind.mirrored, r.IntN(kind.maxLen+1))
				want := oracleIsPalindrome(s)
				if got := IsPalindrome(s); got != want {
					t.Errorf("IsPalindrome(%q) = %v, want %v", s, got, want)
					failures++
				}
			}
		})
	}
}

func TestLarge(t *testing.T) {
	r := rand.New(rand.NewPCG(7, 11))
	var half []string
	for len(half) < 100000 {
		c := palClasses[r.IntN(len(palClasses))]
		half = append(half, c[r.IntN(len(c))])
		if r.IntN(5) == 0 {
			half = append(half, palNoise[r.IntN(len(palNoise))])
		}
	}
	var b strings.Builder
	for _, p := range half {
		b.WriteString(p)
	}
	b.WriteString("x")
	for i := len(half) - 1; i >= 0; i-- {
		b.WriteString(half[i])
	}
	big := b.String()

	check := func(t *testing.T, desc, s string, want bool) {
		t.Helper()
		if got := IsPalindrome(s); got != want {
			t.Errorf("IsPalindrome(%s) = %v, want %v", desc, got, want)
		}
	}
	t.Run("long-palindrome", func(t *testing.T) {
		check(t, fmt.Sprintf("<%d-byte mirrored string>", len(big)), big, true)
	})
	t.Run("long-broken-middle", func(t *testing.T) {
		mid := strings.Index(big, "x") // the only 'x' is the centre
		s := big[:mid] + "xy" + big[mid+1:]
		check(t, "<long mirrored string with an extra 'y' in the middle>", s, false)
	})
	t.Run("long-broken-end", func(t *testing.T) {
		check(t, "<long mirrored string + \"q\">", big+"q", false)
	})
	t.Run("long-noise", func(t *testing.T) {
		s := "a" + strings.Repeat(" ,!😀\u0301", 100000) + "b"
		check(t, "\"a\" + 100000×\" ,!😀\\u0301\" + \"b\"", s, false)
	})
	t.Run("long-same-letter", func(t *testing.T) {
		s := strings.Repeat("Éé", 200000)
		check(t, "strings.Repeat(\"Éé\", 200000)", s, true)
	})
}
