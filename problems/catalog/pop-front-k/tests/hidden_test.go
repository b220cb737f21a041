package popfront

import (
	"fmt"
	"math"
	"math/rand/v2"
	"runtime"
	"slices"
	"testing"
	"unsafe"
	"weak"
)

// show prints short slices in full and long ones by size.
func show[T any](s []T) string {
	if len(s) <= 20 {
		return fmt.Sprint(s)
	}
	return fmt.Sprintf("<%d elements>", len(s))
}

// popOracle is the obvious restatement of the rules.
func popOracle[T any](s []T, k int) (popped, rest []T) {
	if k < 0 {
		k = 0
	}
	if k > len(s) {
		k = len(s)
	}
	return append([]T{}, s[:k]...), append([]T{}, s[k:]...)
}

// memRange is the address range [lo, hi) of a slice's whole capacity.
type memRange struct{ lo, hi uintptr }

func rangeOf[T any](s []T) memRange {
	var zero T
	lo := uintptr(unsafe.Pointer(unsafe.SliceData(s)))
	return memRange{lo, lo + uintptr(cap(s))*unsafe.Sizeof(zero)}
}

// pointsInto reports whether x's data pointer lies in r, or x's capacity overlaps r.
// A zero-capacity slice that still points into r keeps r's array alive too.
func pointsInto(x, r memRange) bool {
	if x.lo == 0 || r.lo == r.hi {
		return false
	}
	if x.lo >= r.lo && x.lo < r.hi {
		return true
	}
	return x.lo < r.hi && r.lo < x.hi
}

// popCheck calls PopFrontK on a copy of in (with spare capacity behind it) and checks
// contents, that s is unchanged, that no result points into s's array or into the other
// result, and that capacities are trimmed.
func popCheck[T comparable](t *testing.T, in []T, k int) {
	t.Helper()
	backing := make([]T, len(in), len(in)+5)
	copy(backing, in)
	full := slices.Clone(backing[:cap(backing)])
	s := backing[:len(in)]
	wantPopped, wantRest := popOracle(in, k)
	popped, rest := PopFrontK(s, k)
	if !slices.Equal(popped, wantPopped) || !slices.Equal(rest, wantRest) {
		t.Errorf("PopFrontK(%s, %d) = (%s, %s), want (%s, %s)", show(in), k, show(popped), show(rest), show(wantPopped), show(wantRest))
		return
	}
	if !slices.Equal(backing[:cap(backing)], full) {
		t.Errorf("PopFrontK(%s, %d) modified the caller's backing array", show(in), k)
		return
	}
	var zero T
	if unsafe.Sizeof(zero) == 0 {
		return
	}
	sr := rangeOf(backing)
	if pointsInto(rangeOf(popped), sr) {
		t.Errorf("PopFrontK(%s, %d): popped (len %d, cap %d) points into s's backing array; it must be a fresh copy", show(in), k, len(popped), cap(popped))
	}
	if pointsInto(rangeOf(rest), sr) {
		t.Errorf("PopFrontK(%s, %d): rest (len %d, cap %d) points into s's backing array; it must be a fresh copy", show(in), k, len(rest), cap(rest))
	}
	if cap(popped) > 0 && cap(rest) > 0 && pointsInto(rangeOf(popped), rangeOf(rest)) {
		t.Errorf("PopFrontK(%s, %d): popped and rest share memory; each must be its own copy", show(in), k)
	}
	if c := cap(popped); c > 2*len(popped)+8 {
		t.Errorf("PopFrontK(%s, %d): popped has len %d but cap %d; its capacity must be trimmed", show(in), k, len(popped), c)
	}
	if c := cap(rest); c > 2*len(rest)+8 {
		t.Errorf("PopFrontK(%s, %d): rest has len %d but cap %d; its capacity must be trimmed", show(in), k, len(rest), c)
	}
}

func seq(n int) []int {
	s := make([]int, n)
	for i := range s {
		s[i] = i + 1
	}
	return s
}

type popCase struct {
	name string
	n    int
	k    int
}

func runPopCases(t *testing.T, cases []popCase) {
	t.Helper()
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) { popCheck(t, seq(tc.n), tc.k) })
	}
}

func TestBasics(t *testing.T) {
	t.Run("pop-two", func(t *testing.T) { popCheck(t, []int{10, 20, 30, 40, 50}, 2) })
	runPopCases(t, []popCase{
		{"pop-one", 5, 1},
		{"pop-all-but-one", 5, 4},
		{"pop-all", 5, 5},
		{"pop-none", 5, 0},
		{"single-pop", 1, 1},
		{"single-keep", 1, 0},
		{"two-split", 2, 1},
		{"half", 10, 5},
	})
	t.Run("strings", func(t *testing.T) { popCheck(t, []string{"a", "b", "c", "d"}, 1) })
}

func TestClampK(t *testing.T) {
	runPopCases(t, []popCase{
		{"minus-one", 5, -1},
		{"minus-many", 5, -100},
		{"min-int", 5, math.MinInt},
		{"len-plus-one", 5, 6},
		{"twice-len", 5, 10},
		{"max-int", 5, math.MaxInt},
		{"single-max-int", 1, math.MaxInt},
		{"single-min-int", 1, math.MinInt},
	})
}

func TestEmptyAndNil(t *testing.T) {
	for _, k := range []int{0, 1, -1, 3, math.MaxInt, math.MinInt} {
		t.Run(fmt.Sprintf("nil-k%d", k), func(t *testing.T) {
			popped, rest := PopFrontK[int](nil, k)
			if len(popped) != 0 || len(rest) != 0 {
				t.Errorf("PopFrontK(nil, %d) = (%v, %v), want two empty results", k, popped, rest)
			}
		})
		t.Run(fmt.Sprintf("empty-k%d", k), func(t *testing.T) {
			backing := []int{7, 8, 9}
			s := backing[:0]
			popped, rest := PopFrontK(s, k)
			if len(popped) != 0 || len(rest) != 0 {
				t.Errorf("PopFrontK([], %d) = (%v, %v), want two empty results", k, popped, rest)
			}
			if !slices.Equal(backing, []int{7, 8, 9}) {
				t.Errorf("PopFrontK([] with spare capacity, %d) changed the backing array to %v", k, backing)
			}
			sr := rangeOf(backing)
			if pointsInto(rangeOf(popped), sr) || pointsInto(rangeOf(rest), sr) {
				t.Errorf("PopFrontK([] with spare capacity, %d): an empty result still points into s's array (it would keep it alive)", k)
			}
		})
	}
}

func TestNoSharing(t *testing.T) {
	t.Run("write-through-results", func(t *testing.T) {
		arr := []int{1, 2, 3, 4, 5, 6, 7, 8, -1, -2, -3, -4}
		s := arr[:8]
		popped, rest := PopFrontK(s, 3)
		// Scribble over every slot the results can reach, spare capacity included.
		p, r := popped[:cap(popped)], rest[:cap(rest)]
		for i := range p {
			p[i] = 100 + i
		}
		for i := range r {
			r[i] = 200 + i
		}
		if want := []int{1, 2, 3, 4, 5, 6, 7, 8, -1, -2, -3, -4}; !slices.Equal(arr, want) {
			t.Errorf("after PopFrontK(arr[:8], 3) on arr = %v, writing into the results changed arr to %v: the results share s's array", want, arr)
		}
	})
	t.Run("caller-writes-s", func(t *testing.T) {
		s := []int{1, 2, 3, 4, 5}
		popped, rest := PopFrontK(s, 2)
		for i := range s {
			s[i] = -s[i]
		}
		if !slices.Equal(popped, []int{1, 2}) || !slices.Equal(rest, []int{3, 4, 5}) {
			t.Errorf("PopFrontK([1 2 3 4 5], 2) returned (%v, %v) after the caller negated s; want ([1 2], [3 4 5]): the results must be copies", popped, rest)
		}
	})
	t.Run("append-to-popped", func(t *testing.T) {
		s := []int{1, 2, 3, 4, 5}
		popped, rest := PopFrontK(s, 2)
		_ = append(popped, 99, 98, 97)
		if !slices.Equal(s, []int{1, 2, 3, 4, 5}) {
			t.Errorf("append(popped, ...) after PopFrontK([1 2 3 4 5], 2) changed s to %v", s)
		}
		if !slices.Equal(rest, []int{3, 4, 5}) {
			t.Errorf("append(popped, ...) after PopFrontK([1 2 3 4 5], 2) changed rest to %v: popped and rest share an array", rest)
		}
	})
	t.Run("append-to-rest", func(t *testing.T) {
		arr := []int{1, 2, 3, 4, 5, 0, 0, 0}
		s := arr[:5]
		_, rest := PopFrontK(s, 1)
		_ = append(rest, 99, 98, 97)
		if want := []int{1, 2, 3, 4, 5, 0, 0, 0}; !slices.Equal(arr, want) {
			t.Errorf("append(rest, ...) after PopFrontK(arr[:5], 1) changed arr from %v to %v", want, arr)
		}
	})
	t.Run("full-slice-expression", func(t *testing.T) {
		// s[k:len(s):len(s)] limits the capacity but still shares (and pins) s's array.
		s := make([]int, 6, 6)
		copy(s, []int{1, 2, 3, 4, 5, 6})
		popped, rest := PopFrontK(s, 2)
		sr := rangeOf(s)
		if pointsInto(rangeOf(rest), sr) {
			t.Errorf("PopFrontK([1 2 3 4 5 6], 2): rest points into s's array; a capacity-limited view still keeps the whole array alive")
		}
		if pointsInto(rangeOf(popped), sr) {
			t.Errorf("PopFrontK([1 2 3 4 5 6], 2): popped points into s's array; it must be a copy")
		}
	})
	t.Run("window", func(t *testing.T) {
		arr := seq(20)
		popCheck(t, arr[5:15], 4)
		if !slices.Equal(arr, seq(20)) {
			t.Errorf("PopFrontK(arr[5:15], 4) changed arr to %v", arr)
		}
	})
}

func TestTrimmedCapacity(t *testing.T) {
	for _, tc := range []struct {
		name string
		n, c int
		k    int
	}{
		{"small-len-huge-cap", 4, 100_000, 1},
		{"pop-all-huge-cap", 4, 100_000, 4},
		{"pop-none-huge-cap", 4, 100_000, 0},
		{"mid", 1000, 4000, 500},
		{"big", 50_000, 200_000, 10},
	} {
		t.Run(tc.name, func(t *testing.T) {
			s := make([]int, tc.n, tc.c)
			for i := range s {
				s[i] = i
			}
			popped, rest := PopFrontK(s, tc.k)
			if !slices.Equal(popped, s[:tc.k]) || !slices.Equal(rest, s[tc.k:]) {
				t.Fatalf("PopFrontK(<len %d, cap %d>, %d) returned wrong contents (len %d and %d, want %d and %d)",
					tc.n, tc.c, tc.k, len(popped), len(rest), tc.k, tc.n-tc.k)
			}
			if c := cap(rest); c > 2*len(rest)+8 {
				t.Errorf("PopFrontK(<len %d, cap %d>, %d): rest has len %d but cap %d; want a trimmed capacity", tc.n, tc.c, tc.k, len(rest), c)
			}
			if c := cap(popped); c > 2*len(popped)+8 {
				t.Errorf("PopFrontK(<len %d, cap %d>, %d): popped has len %d but cap %d; want a trimmed capacity", tc.n, tc.c, tc.k, len(popped), c)
			}
		})
	}
}

// collected reports whether the object behind w is freed after a few GC cycles.
func collected[T any](w weak.Pointer[T]) bool {
	for i := 0; i < 5; i++ {
		runtime.GC()
		if w.Value() == nil {
			return true
		}
	}
	return false
}

// TestReleasesMemory checks the point of the exercise: keeping one result must not keep
// s's array, or the other result's memory, alive.
func TestReleasesMemory(t *testing.T) {
	const n, k = 1 << 14, 1000
	var wS, wPopped, wRest weak.Pointer[int]
	split := func() ([]int, []int) {
		s := seq(n)
		wS = weak.Make(&s[0])
		popped, rest := PopFrontK(s, k)
		if len(popped) != k || len(rest) != n-k {
			t.Fatalf("PopFrontK(<%d ints>, %d) returned %d and %d elements, want %d and %d", n, k, len(popped), len(rest), k, n-k)
		}
		wPopped, wRest = weak.Make(&popped[0]), weak.Make(&rest[0])
		return popped, rest
	}
	t.Run("keep-rest", func(t *testing.T) {
		_, rest := split()
		if !collected(wS) {
			t.Errorf("after PopFrontK(s, %d) on %d ints, keeping only rest still keeps s's array alive", k, n)
		}
		if !collected(wPopped) {
			t.Errorf("after PopFrontK(s, %d) on %d ints, keeping only rest still keeps popped's memory alive (one shared array?)", k, n)
		}
		if rest[0] != k+1 || rest[len(rest)-1] != n {
			t.Errorf("rest changed after garbage collection: first %d, last %d", rest[0], rest[len(rest)-1])
		}
		runtime.KeepAlive(rest)
	})
	t.Run("keep-popped", func(t *testing.T) {
		popped, _ := split()
		if !collected(wS) {
			t.Errorf("after PopFrontK(s, %d) on %d ints, keeping only popped still keeps s's array alive", k, n)
		}
		if !collected(wRest) {
			t.Errorf("after PopFrontK(s, %d) on %d ints, keeping only popped still keeps rest's memory alive (one shared array?)", k, n)
		}
		if popped[0] != 1 || popped[len(popped)-1] != k {
			t.Errorf("popped changed after garbage collection: first %d, last %d", popped[0], popped[len(popped)-1])
		}
		runtime.KeepAlive(popped)
	})
}

type point struct {
	X, Y int
	Tag  string
}

func TestGenericTypes(t *testing.T) {
	t.Run("strings", func(t *testing.T) { popCheck(t, []string{"α", "β", "", "δ", "日本"}, 2) })
	t.Run("structs", func(t *testing.T) {
		popCheck(t, []point{{1, 2, "a"}, {3, 4, "b"}, {5, 6, "c"}}, 1)
	})
	t.Run("arrays", func(t *testing.T) { popCheck(t, [][3]int{{1, 1, 1}, {2, 2, 2}, {3, 3, 3}}, 2) })
	t.Run("pointers", func(t *testing.T) {
		a, b := 1, 2
		popCheck(t, []*int{&a, nil, &b}, 1)
	})
	t.Run("interfaces", func(t *testing.T) { popCheck(t, []any{1, "two", nil, 4.5, true}, 3) })
	t.Run("bytes", func(t *testing.T) { popCheck(t, []byte("hello, world"), 5) })
	t.Run("empty-structs", func(t *testing.T) { popCheck(t, make([]struct{}, 7), 3) })
	t.Run("funcs", func(t *testing.T) {
		calls := ""
		fs := []func(){func() { calls += "a" }, func() { calls += "b" }, func() { calls += "c" }}
		popped, rest := PopFrontK(fs, 1)
		if len(popped) != 1 || len(rest) != 2 {
			t.Fatalf("PopFrontK(<3 funcs>, 1) returned %d and %d funcs, want 1 and 2", len(popped), len(rest))
		}
		for _, f := range append(popped, rest...) {
			f()
		}
		if calls != "abc" {
			t.Errorf("PopFrontK([fa fb fc], 1) gave funcs in order %q, want \"abc\"", calls)
		}
	})
}

func TestRandomAgainstOracle(t *testing.T) {
	r := rand.New(rand.NewPCG(7, 2025))
	t.Run("small", func(t *testing.T) {
		for i := 0; i < 2000 && !t.Failed(); i++ {
			n := r.IntN(30)
			k := r.IntN(2*n+7) - 3
			popCheck(t, seq(n), k)
		}
	})
	t.Run("any-k", func(t *testing.T) {
		for i := 0; i < 500 && !t.Failed(); i++ {
			popCheck(t, seq(r.IntN(50)), int(r.Uint64()))
		}
	})
	t.Run("random-strings", func(t *testing.T) {
		for i := 0; i < 300 && !t.Failed(); i++ {
			in := make([]string, r.IntN(40))
			for j := range in {
				in[j] = fmt.Sprint(r.IntN(10))
			}
			popCheck(t, in, r.IntN(50)-5)
		}
	})
}

func TestLarge(t *testing.T) {
	const n = 1_000_003
	for _, k := range []int{1, n / 2, n - 1, n, 2 * n} {
		t.Run(fmt.Sprintf("k=%d", k), func(t *testing.T) { popCheck(t, seq(n), k) })
	}
}
