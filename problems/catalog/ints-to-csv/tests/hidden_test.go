package csvfast

import (
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
	"strconv"
	"strings"
	"testing"
)

// csvOracle is the obvious, slow implementation.
func csvOracle(xs []int) string {
	parts := make([]string, len(xs))
	for i, x := range xs {
		parts[i] = strconv.Itoa(x)
	}
	return strings.Join(parts, ",")
}

// showInput prints short inputs in full and long ones by size.
func showInput(xs []int) string {
	if xs == nil {
		return "nil"
	}
	if len(xs) <= 12 {
		return fmt.Sprintf("%#v", xs)
	}
	return fmt.Sprintf("<%d ints>", len(xs))
}

// firstDiff describes where two long strings start to differ.
func firstDiff(got, want string) string {
	i := 0
	for i < len(got) && i < len(want) && got[i] == want[i] {
		i++
	}
	lo := max(0, i-20)
	return fmt.Sprintf("first difference at byte %d: got ...%q..., want ...%q... (len %d vs %d)",
		i, got[lo:min(len(got), i+20)], want[lo:min(len(want), i+20)], len(got), len(want))
}

func csvCheck(t *testing.T, xs []int, want string) {
	t.Helper()
	got := IntsToCSV(xs)
	if got == want {
		return
	}
	if len(want) <= 200 {
		t.Errorf("IntsToCSV(%s) = %q, want %q", showInput(xs), got, want)
		return
	}
	t.Errorf("IntsToCSV(%s): %s", showInput(xs), firstDiff(got, want))
}

func TestBasics(t *testing.T) {
	tests := []struct {
		name string
		in   []int
		want string
	}{
		{"three", []int{1, 2, 3}, "1,2,3"},
		{"negatives-and-zero", []int{-5, 0, 42}, "-5,0,42"},
		{"single", []int{7}, "7"},
		{"single-zero", []int{0}, "0"},
		{"single-negative", []int{-1}, "-1"},
		{"zeros", []int{0, 0, 0}, "0,0,0"},
		{"repeated", []int{12, 12, 12, 12}, "12,12,12,12"},
		{"descending", []int{100, 10, 1, 0, -1, -10, -100}, "100,10,1,0,-1,-10,-100"},
		{"two", []int{-9, 9}, "-9,9"},
		{"big-and-small", []int{1234567890123, -7, 0}, "1234567890123,-7,0"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) { csvCheck(t, tc.in, tc.want) })
	}
}

func TestEmpty(t *testing.T) {
	t.Run("nil", func(t *testing.T) { csvCheck(t, nil, "") })
	t.Run("empty", func(t *testing.T) { csvCheck(t, []int{}, "") })
	t.Run("zero-len-window", func(t *testing.T) {
		backing := []int{1, 2, 3}
		csvCheck(t, backing[1:1], "")
	})
}

func TestExtremes(t *testing.T) {
	tests := []struct {
		name string
		in   []int
		want string
	}{
		{"min-int", []int{math.MinInt}, "-9223372036854775808"},
		{"max-int", []int{math.MaxInt}, "9223372036854775807"},
		{"min-plus-one", []int{math.MinInt + 1}, "-9223372036854775807"},
		{"max-minus-one", []int{math.MaxInt - 1}, "9223372036854775806"},
		{"min-max", []int{math.MinInt, math.MaxInt}, "-9223372036854775808,9223372036854775807"},
		{"max-min", []int{math.MaxInt, math.MinInt}, "9223372036854775807,-9223372036854775808"},
		{"min-twice", []int{math.MinInt, math.MinInt}, "-9223372036854775808,-9223372036854775808"},
		{"int32-edges", []int{math.MinInt32, math.MaxInt32, math.MaxUint32}, "-2147483648,2147483647,4294967295"},
		{"min-in-middle", []int{1, math.MinInt, 2}, "1,-9223372036854775808,2"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) { csvCheck(t, tc.in, tc.want) })
	}
}

// Every digit-count boundary: 9/10, 99/100, ... 10^18-1/10^18, on both signs.
func TestPowersOfTen(t *testing.T) {
	var xs []int
	p := 1
	for i := 0; i <= 18; i++ {
		xs = append(xs, p-1, p, -p, -(p - 1))
		if i < 18 {
			p *= 10
		}
	}
	t.Run("all-boundaries", func(t *testing.T) { csvCheck(t, xs, csvOracle(xs)) })
	for i := 0; i < len(xs); i += 4 {
		x := xs[i+1]
		t.Run("1e"+strconv.Itoa(i/4), func(t *testing.T) {
			csvCheck(t, []int{x - 1, x, -x, 1 - x}, csvOracle([]int{x - 1, x, -x, 1 - x}))
		})
	}
}

func TestRandomAgainstOracle(t *testing.T) {
	r := rand.New(rand.NewPCG(7, 2024))
	gens := []struct {
		name string
		next func() int
	}{
		{"small", func() int { return r.IntN(2001) - 1000 }},
		{"digits", func() int { return r.IntN(10) }},
		{"any", func() int { return int(r.Uint64()) }},
		{"any-digit-count", func() int {
			x := int(r.Uint64() >> r.UintN(64))
			if r.IntN(2) == 0 {
				x = -x
			}
			return x
		}},
	}
	for _, g := range gens {
		t.Run(g.name, func(t *testing.T) {
			for i := 0; i < 400 && !t.Failed(); i++ {
				xs := make([]int, r.IntN(30))
				for j := range xs {
					xs[j] = g.next()
				}
				csvCheck(t, xs, csvOracle(xs))
			}
		})
	}
}

func TestLarge(t *testing.T) {
	r := rand.New(rand.NewPCG(99, 1))
	t.Run("million-small", func(t *testing.T) {
		xs := make([]int, 1_000_000)
		for i := range xs {
			xs[i] = r.IntN(200_001) - 100_000
		}
		csvCheck(t, xs, csvOracle(xs))
	})
	t.Run("300k-wide", func(t *testing.T) {
		xs := make([]int, 300_000)
		for i := range xs {
			xs[i] = int(r.Uint64())
		}
		csvCheck(t, xs, csvOracle(xs))
	})
	t.Run("100k-min-int", func(t *testing.T) {
		xs := make([]int, 100_000)
		for i := range xs {
			xs[i] = math.MinInt
		}
		csvCheck(t, xs, csvOracle(xs))
	})
}

func TestInputUntouched(t *testing.T) {
	xs := []int{3, -1, 4, -1, 5, math.MinInt, 9}
	orig := slices.Clone(xs)
	backing := append(slices.Clone(xs), 111, 222) // spare capacity behind the window
	window := backing[:len(xs)]
	_ = IntsToCSV(xs)
	_ = IntsToCSV(window)
	if !slices.Equal(xs, orig) {
		t.Errorf("IntsToCSV(%v) changed its argument to %v", orig, xs)
	}
	if want := append(slices.Clone(orig), 111, 222); !slices.Equal(backing, want) {
		t.Errorf("IntsToCSV(window of %v) changed the backing array to %v", want, backing)
	}
}

func TestCallsAreIndependent(t *testing.T) {
	a := IntsToCSV([]int{1, 2, 3})
	b := IntsToCSV([]int{-4, 5})
	c := IntsToCSV([]int{1, 2, 3})
	if a != "1,2,3" || b != "-4,5" || c != "1,2,3" {
		t.Errorf("IntsToCSV([1 2 3]), ([-4 5]), ([1 2 3]) called in a row gave %q, %q, %q; want \"1,2,3\", \"-4,5\", \"1,2,3\" (no state may leak between calls)", a, b, c)
	}
}
