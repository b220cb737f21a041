package pit

import (
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
	"testing"
)

// show prints short slices in full and long ones by size.
func show(s []int) string {
	if len(s) <= 16 {
		return fmt.Sprint(s)
	}
	return fmt.Sprintf("<%d ints>", len(s))
}

// checkSortedCopy calls SortedCopy on a clone of in and checks the result
// and that the argument was left alone.
func checkSortedCopy(t *testing.T, in []int) {
	t.Helper()
	arg := slices.Clone(in)
	got := SortedCopy(arg)
	want := slices.Clone(in)
	slices.Sort(want)
	if len(got) != len(want) {
		t.Errorf("SortedCopy(%s) returned %d elements, want %d", show(in), len(got), len(want))
		return
	}
	if !slices.Equal(got, want) {
		if len(in) <= 16 {
			t.Errorf("SortedCopy(%v) = %v, want %v", in, got, want)
		} else {
			i := 0
			for got[i] == want[i] {
				i++
			}
			t.Errorf("SortedCopy(%s): element %d is %d, want %d", show(in), i, got[i], want[i])
		}
		return
	}
	if !slices.Equal(arg, in) {
		t.Errorf("SortedCopy(%s) changed its input to %s; the input must stay as it was", show(in), show(arg))
	}
}

func TestBasics(t *testing.T) {
	tests := []struct {
		name string
		in   []int
	}{
		{"unsorted", []int{3, 1, 2}},
		{"duplicates", []int{5, -1, 5, 0}},
		{"already-sorted", []int{1, 2, 3}},
		{"reversed", []int{9, 8, 7, 6, 5, 4, 3, 2, 1, 0}},
		{"single", []int{42}},
		{"two", []int{2, 1}},
		{"all-equal", []int{7, 7, 7, 7}},
		{"negatives", []int{-3, -10, 4, -1, 0}},
		{"extremes", []int{math.MaxInt, 0, math.MinInt, -1, 1, math.MinInt, math.MaxInt}},
		{"seventeen", []int{17, 3, 9, 1, 12, 15, 4, 8, 2, 16, 6, 11, 14, 5, 10, 13, 7}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) { checkSortedCopy(t, tc.in) })
	}
}

func TestEmpty(t *testing.T) {
	t.Run("nil", func(t *testing.T) {
		if got := SortedCopy(nil); len(got) != 0 {
			t.Errorf("SortedCopy(nil) = %v, want an empty result", got)
		}
	})
	t.Run("empty", func(t *testing.T) {
		if got := SortedCopy([]int{}); len(got) != 0 {
			t.Errorf("SortedCopy([]) = %v, want an empty result", got)
		}
	})
	t.Run("empty-with-capacity", func(t *testing.T) {
		backing := []int{3, 2, 1}
		got := SortedCopy(backing[:0])
		if len(got) != 0 {
			t.Errorf("SortedCopy(backing[:0]) = %v, want an empty result", got)
		}
		if want := []int{3, 2, 1}; !slices.Equal(backing, want) {
			t.Errorf("SortedCopy(backing[:0]) changed the backing array [3 2 1] to %v", backing)
		}
	})
}

// windowCase describes in = arr[lo:hi:max] inside a larger array.
type windowCase struct {
	name         string
	arr          []int
	lo, hi, capi int
}

func TestCallerMemoryUntouched(t *testing.T) {
	cases := []windowCase{
		{"spare-cap-exact", []int{9, 7, 8, 0, 0, 0}, 0, 3, 6},
		{"spare-cap-large", []int{9, 7, 8, -1, -2, -3, -4, -5, -6, -7}, 0, 3, 10},
		{"spare-cap-small", []int{5, 4, 3, 2, 1, 100, 200}, 0, 5, 7},
		{"middle-window", []int{50, 40, 3, 1, 2, 30, 20, 10, 0, 0}, 2, 5, 10},
		{"full-cap-window", []int{50, 40, 3, 1, 2, 30, 20}, 2, 5, 5},
		{"one-elem-spare", []int{1, 99, 98}, 0, 1, 3},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			arr := slices.Clone(tc.arr)
			in := arr[tc.lo:tc.hi:tc.capi]
			orig := slices.Clone(in)
			got := SortedCopy(in)
			want := slices.Clone(orig)
			slices.Sort(want)
			desc := fmt.Sprintf("SortedCopy(arr[%d:%d:%d]) with arr = %v", tc.lo, tc.hi, tc.capi, tc.arr)
			if !slices.Equal(got, want) {
				t.Errorf("%s = %v, want %v", desc, got, want)
			}
			if !slices.Equal(arr, tc.arr) {
				t.Errorf("%s changed the caller's array to %v; nothing in it may change", desc, arr)
			}
		})
	}
}

func TestNoSharedMemory(t *testing.T) {
	t.Run("write-result", func(t *testing.T) {
		arr := []int{4, 2, 3, 1, 0, 0, 0, 0, 0, 0}
		in := arr[:4]
		got := SortedCopy(in)
		for i := range got {
			got[i] = -100 - i
		}
		if want := []int{4, 2, 3, 1, 0, 0, 0, 0, 0, 0}; !slices.Equal(arr, want) {
			t.Errorf("after writing to the result of SortedCopy([4 2 3 1] with cap 10), the caller's array is %v, want %v (the result must not share memory with the input)", arr, want)
		}
	})
	t.Run("append-to-result", func(t *testing.T) {
		arr := []int{4, 2, 3, 1, 0, 0, 0, 0, 0, 0}
		in := arr[:4]
		got := SortedCopy(in)
		got = got[:cap(got)]
		for i := range got {
			got[i] = -1
		}
		got = append(got, -2, -3, -4)
		_ = got
		if want := []int{4, 2, 3, 1, 0, 0, 0, 0, 0, 0}; !slices.Equal(arr, want) {
			t.Errorf("after filling the result of SortedCopy([4 2 3 1] with cap 10) up to its capacity, the caller's array is %v, want %v", arr, want)
		}
	})
	t.Run("input-changes-later", func(t *testing.T) {
		in := []int{3, 1, 2}
		got := SortedCopy(in)
		in[0], in[1], in[2] = 100, 200, 300
		if want := []int{1, 2, 3}; !slices.Equal(got, want) {
			t.Errorf("SortedCopy([3 1 2]) = %v after the caller overwrote its input, want %v (the result must be independent)", got, want)
		}
	})
	t.Run("two-calls-independent", func(t *testing.T) {
		in := []int{2, 1}
		a := SortedCopy(in)
		b := SortedCopy(in)
		a[0] = 99
		if b[0] != 1 {
			t.Errorf("two calls SortedCopy([2 1]) share memory: writing to the first result changed the second to %v", b)
		}
	})
}

func TestRandomAgainstOracle(t *testing.T) {
	r := rand.New(rand.NewPCG(16, 2024))
	t.Run("small", func(t *testing.T) {
		for i := 0; i < 3000 && !t.Failed(); i++ {
			in := make([]int, r.IntN(40))
			for j := range in {
				in[j] = r.IntN(21) - 10
			}
			checkSortedCopy(t, in)
		}
	})
	t.Run("wide-values", func(t *testing.T) {
		for i := 0; i < 500 && !t.Failed(); i++ {
			in := make([]int, r.IntN(300))
			for j := range in {
				in[j] = int(r.Uint64())
			}
			checkSortedCopy(t, in)
		}
	})
	t.Run("spare-capacity", func(t *testing.T) {
		for i := 0; i < 500 && !t.Failed(); i++ {
			n := r.IntN(30)
			arr := make([]int, n+r.IntN(2*n+2))
			for j := range arr {
				arr[j] = r.IntN(1000)
			}
			orig := slices.Clone(arr)
			in := arr[:n]
			got := SortedCopy(in)
			want := slices.Clone(orig[:n])
			slices.Sort(want)
			if !slices.Equal(got, want) || !slices.Equal(arr, orig) {
				t.Errorf("SortedCopy(arr[:%d]) with cap %d: got %v (want %v), caller's array became %s (was %s)",
					n, len(arr), show(got), show(want), show(arr), show(orig))
			}
		}
	})
}

func TestLarge(t *testing.T) {
	r := rand.New(rand.NewPCG(7, 7))
	in := make([]int, 1_000_000)
	for i := range in {
		in[i] = r.IntN(1 << 30)
	}
	checkSortedCopy(t, in)
}
