package rotate

import (
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
	"testing"
)

// rotOracle returns a new slice: in rotated left by k (right when k < 0).
func rotOracle[T any](in []T, k int) []T {
	n := len(in)
	out := make([]T, n)
	if n == 0 {
		return out
	}
	m := k % n
	if m < 0 {
		m += n
	}
	for i := range out {
		out[i] = in[(i+m)%n]
	}
	return out
}

// rotCall runs RotateLeft and turns a panic into an error message.
func rotCall[T any](s []T, k int) (msg string) {
	defer func() {
		if p := recover(); p != nil {
			msg = fmt.Sprintf("panicked: %v", p)
		}
	}()
	RotateLeft(s, k)
	return ""
}

// showInts prints short slices in full and long ones by size.
func showInts[T any](s []T) string {
	if len(s) <= 20 {
		return fmt.Sprint(s)
	}
	return fmt.Sprintf("<%d elements>", len(s))
}

// rotCheck rotates a copy of in by k and compares with the oracle.
func rotCheck[T comparable](t *testing.T, in []T, k int) {
	t.Helper()
	s := slices.Clone(in)
	want := rotOracle(in, k)
	if msg := rotCall(s, k); msg != "" {
		t.Errorf("RotateLeft(%s, %d) %s", showInts(in), k, msg)
		return
	}
	if !slices.Equal(s, want) {
		if len(in) <= 20 {
			t.Errorf("RotateLeft(%v, %d) left the slice as %v, want %v", in, k, s, want)
			return
		}
		i := 0
		for s[i] == want[i] {
			i++
		}
		t.Errorf("RotateLeft(%s, %d): element %d is %v, want %v", showInts(in), k, i, s[i], want[i])
	}
}

func seq(n int) []int {
	s := make([]int, n)
	for i := range s {
		s[i] = i + 1
	}
	return s
}

type rotCase struct {
	name string
	n    int
	k    int
}

func runRotCases(t *testing.T, cases []rotCase) {
	t.Helper()
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) { rotCheck(t, seq(tc.n), tc.k) })
	}
}

func TestBasics(t *testing.T) {
	runRotCases(t, []rotCase{
		{"by-two", 5, 2},
		{"zero", 5, 0},
		{"k-over-len", 5, 7},
		{"negative", 5, -1},
		{"by-one", 5, 1},
		{"len-minus-one", 5, 4},
		{"k-equals-len", 5, 5},
		{"half-even", 6, 3},
		{"two-elems", 2, 1},
		{"single", 1, 1},
		{"single-big-k", 1, 12345},
		{"ten-by-three", 10, 3},
		{"ten-by-seven", 10, 7},
	})
	t.Run("strings", func(t *testing.T) {
		rotCheck(t, []string{"a", "b", "c"}, 1)
	})
}

func TestNegativeK(t *testing.T) {
	runRotCases(t, []rotCase{
		{"minus-one", 5, -1},
		{"minus-two", 5, -2},
		{"minus-len", 5, -5},
		{"minus-len-plus-one", 5, -4},
		{"minus-over-len", 5, -7},
		{"minus-three-len", 5, -15},
		{"minus-big", 7, -1000003},
		{"single", 1, -3},
		{"two-elems", 2, -1},
		{"even-half", 8, -4},
	})
}

func TestHugeK(t *testing.T) {
	runRotCases(t, []rotCase{
		{"max-int", 7, math.MaxInt},
		{"max-int-minus-one", 10, math.MaxInt - 1},
		{"min-int", 7, math.MinInt},
		{"min-int-plus-one", 10, math.MinInt + 1},
		{"min-int-pow2-len", 8, math.MinInt},
		{"multiple-of-len", 6, 6 * 1_000_000_007},
		{"neg-multiple-of-len", 6, -6 * 1_000_000_007},
		{"multiple-plus-one", 9, 9*1_000_000_000 + 1},
		{"max-int32", 13, math.MaxInt32},
		{"min-int-single", 1, math.MinInt},
	})
}

func TestEmptyAndNil(t *testing.T) {
	for _, kc := range []struct {
		name string
		k    int
	}{{"0", 0}, {"1", 1}, {"-1", -1}, {"3", 3}, {"maxint", math.MaxInt}, {"minint", math.MinInt}} {
		k := kc.k
		t.Run("nil-k"+kc.name, func(t *testing.T) {
			var s []int
			if msg := rotCall(s, k); msg != "" {
				t.Errorf("RotateLeft(nil, %d) %s", k, msg)
			}
		})
		t.Run("empty-k"+kc.name, func(t *testing.T) {
			backing := []int{7, 8, 9}
			s := backing[:0]
			if msg := rotCall(s, k); msg != "" {
				t.Errorf("RotateLeft([], %d) %s", k, msg)
				return
			}
			if !slices.Equal(backing, []int{7, 8, 9}) {
				t.Errorf("RotateLeft([] with spare capacity, %d) wrote past len(s): backing array is %v, want [7 8 9]", k, backing)
			}
		})
	}
}

func TestInPlace(t *testing.T) {
	t.Run("caller-sees-result", func(t *testing.T) {
		s := []int{1, 2, 3, 4, 5}
		alias := s
		if msg := rotCall(s, 3); msg != "" {
			t.Fatalf("RotateLeft([1 2 3 4 5], 3) %s", msg)
		}
		if want := []int{4, 5, 1, 2, 3}; !slices.Equal(alias, want) {
			t.Errorf("after RotateLeft([1 2 3 4 5], 3) the caller's slice is %v, want %v (the rotation must happen in the caller's backing array)", alias, want)
		}
	})
	t.Run("window-spare-cap", func(t *testing.T) {
		arr := []int{-1, -2, 1, 2, 3, 4, 5, -3, -4, -5, -6, -7}
		w := arr[2:7] // len 5, spare capacity behind it
		if msg := rotCall(w, 2); msg != "" {
			t.Fatalf("RotateLeft(arr[2:7], 2) %s", msg)
		}
		want := []int{-1, -2, 3, 4, 5, 1, 2, -3, -4, -5, -6, -7}
		if !slices.Equal(arr, want) {
			t.Errorf("RotateLeft(arr[2:7], 2) on arr = [-1 -2 1 2 3 4 5 -3 -4 -5 -6 -7]: arr became %v, want %v (only arr[2:7] may change)", arr, want)
		}
	})
	t.Run("window-negative", func(t *testing.T) {
		arr := []int{0, 1, 2, 3, 4, 5, 6, 7, 8, 9}
		w := arr[3:6]
		if msg := rotCall(w, -1); msg != "" {
			t.Fatalf("RotateLeft(arr[3:6], -1) %s", msg)
		}
		want := []int{0, 1, 2, 5, 3, 4, 6, 7, 8, 9}
		if !slices.Equal(arr, want) {
			t.Errorf("RotateLeft(arr[3:6], -1) on arr = [0 1 2 3 4 5 6 7 8 9]: arr became %v, want %v", arr, want)
		}
	})
	t.Run("window-full-cap", func(t *testing.T) {
		arr := []int{9, 1, 2, 3, 4, 9}
		w := arr[1:5:5]
		if msg := rotCall(w, 1); msg != "" {
			t.Fatalf("RotateLeft(arr[1:5:5], 1) %s", msg)
		}
		if want := []int{9, 2, 3, 4, 1, 9}; !slices.Equal(arr, want) {
			t.Errorf("RotateLeft(arr[1:5:5], 1) on arr = [9 1 2 3 4 9]: arr became %v, want %v", arr, want)
		}
	})
}

func TestNoAllocs(t *testing.T) {
	const n = 1 << 16
	t.Run("ints", func(t *testing.T) {
		s := seq(n)
		allocs := testing.AllocsPerRun(20, func() { RotateLeft(s, 12345) })
		if allocs != 0 {
			t.Errorf("RotateLeft(<%d ints>, 12345) allocates %.0f times per call, want 0 (O(1) extra space)", n, allocs)
		}
		// AllocsPerRun calls the function 21 times in total.
		if want := rotOracle(seq(n), 21*12345); !slices.Equal(s, want) {
			t.Errorf("after 21 calls of RotateLeft(<%d ints>, 12345) the contents are wrong", n)
		}
	})
	t.Run("strings-negative", func(t *testing.T) {
		s := make([]string, n)
		for i := range s {
			s[i] = fmt.Sprint(i)
		}
		allocs := testing.AllocsPerRun(10, func() { RotateLeft(s, -777) })
		if allocs != 0 {
			t.Errorf("RotateLeft(<%d strings>, -777) allocates %.0f times per call, want 0", n, allocs)
		}
	})
	t.Run("min-int", func(t *testing.T) {
		s := seq(n + 3)
		allocs := testing.AllocsPerRun(10, func() { RotateLeft(s, math.MinInt) })
		if allocs != 0 {
			t.Errorf("RotateLeft(<%d ints>, math.MinInt) allocates %.0f times per call, want 0", n+3, allocs)
		}
	})
}

type point struct {
	X, Y int
	Tag  string
}

func TestGenericTypes(t *testing.T) {
	t.Run("strings", func(t *testing.T) {
		rotCheck(t, []string{"α", "β", "γ", "δ", ""}, -2)
	})
	t.Run("structs", func(t *testing.T) {
		rotCheck(t, []point{{1, 2, "a"}, {3, 4, "b"}, {5, 6, "c"}, {7, 8, "d"}}, 3)
	})
	t.Run("arrays", func(t *testing.T) {
		rotCheck(t, [][2]int{{1, 1}, {2, 2}, {3, 3}}, 4)
	})
	t.Run("pointers", func(t *testing.T) {
		a, b, c := 1, 2, 3
		rotCheck(t, []*int{&a, &b, nil, &c}, 1)
	})
	t.Run("interfaces", func(t *testing.T) {
		rotCheck(t, []any{1, "two", nil, 4.0, true}, -3)
	})
	t.Run("bytes", func(t *testing.T) {
		rotCheck(t, []byte("rotation"), 3)
	})
	t.Run("funcs", func(t *testing.T) {
		calls := ""
		fs := []func(){
			func() { calls += "a" },
			func() { calls += "b" },
			func() { calls += "c" },
		}
		if msg := rotCall(fs, 2); msg != "" {
			t.Fatalf("RotateLeft(<3 funcs>, 2) %s", msg)
		}
		for _, f := range fs {
			f()
		}
		if calls != "cab" {
			t.Errorf("RotateLeft([fa fb fc], 2) gave order %q, want \"cab\"", calls)
		}
	})
}

func TestRandomAgainstOracle(t *testing.T) {
	r := rand.New(rand.NewPCG(42, 2024))
	t.Run("small", func(t *testing.T) {
		for i := 0; i < 3000 && !t.Failed(); i++ {
			n := r.IntN(40)
			k := r.IntN(6*n+11) - 3*n - 5
			rotCheck(t, seq(n), k)
		}
	})
	t.Run("any-k", func(t *testing.T) {
		for i := 0; i < 1000 && !t.Failed(); i++ {
			n := 1 + r.IntN(100)
			k := int(r.Uint64())
			rotCheck(t, seq(n), k)
		}
	})
	t.Run("random-values", func(t *testing.T) {
		for i := 0; i < 500 && !t.Failed(); i++ {
			in := make([]int, r.IntN(64))
			for j := range in {
				in[j] = r.IntN(5) // many duplicates
			}
			rotCheck(t, in, r.IntN(200)-100)
		}
	})
}

func TestLarge(t *testing.T) {
	const n = 1_000_003
	for _, k := range []int{333_333, -1, n - 1, 2*n + 17, -(n / 2)} {
		t.Run(fmt.Sprintf("k=%d", k), func(t *testing.T) {
			rotCheck(t, seq(n), k)
		})
	}
}
