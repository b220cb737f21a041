package topk

import (
	"cmp"
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
	"testing"
)

// showInts prints short slices in full and long ones by size.
func showInts(s []int) string {
	if s == nil {
		return "nil"
	}
	if len(s) <= 24 {
		return fmt.Sprint(s)
	}
	return fmt.Sprintf("<%d ints %v…>", len(s), s[:8])
}

// callTop runs TopKFrequent on a copy of nums, turning a panic into a
// message and reporting whether the copy was modified.
func callTop(nums []int, k int) (got []int, panicMsg string, modified bool) {
	arg := slices.Clone(nums)
	defer func() {
		if p := recover(); p != nil {
			panicMsg = fmt.Sprint(p)
		}
	}()
	got = TopKFrequent(arg, k)
	return got, "", !slices.Equal(arg, nums)
}

// checkTop compares exactly; an empty result may be nil or empty.
func checkTop(t *testing.T, nums []int, k int, want []int) {
	t.Helper()
	got, p, modified := callTop(nums, k)
	switch {
	case p != "":
		t.Errorf("TopKFrequent(%s, %d) panicked: %s; want %s", showInts(nums), k, p, showInts(want))
	case !slices.Equal(got, want):
		i := 0
		for i < len(got) && i < len(want) && got[i] == want[i] {
			i++
		}
		t.Errorf("TopKFrequent(%s, %d) = %s (len %d), want %s (len %d); first difference at index %d",
			showInts(nums), k, showInts(got), len(got), showInts(want), len(want), i)
	case modified:
		t.Errorf("TopKFrequent(%s, %d) modified nums", showInts(nums), k)
	}
}

type topCase struct {
	name string
	nums []int
	k    int
	want []int
}

func runTopCases(t *testing.T, cases []topCase) {
	t.Helper()
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) { checkTop(t, tc.nums, tc.k, tc.want) })
	}
}

func TestBasics(t *testing.T) {
	runTopCases(t, []topCase{
		{"classic", []int{1, 1, 1, 2, 2, 3}, 2, []int{1, 2}},
		{"single", []int{1}, 1, []int{1}},
		{"tie-by-value", []int{4, 4, 1, 1, 3}, 2, []int{1, 4}},
		{"negatives", []int{-2, 3, -2, 3, 0}, 3, []int{-2, 3, 0}},
		{"k-above-distinct", []int{5, 6, 5}, 5, []int{5, 6}},
		{"k-zero", []int{1, 2, 3}, 0, []int{}},
		{"k-one", []int{3, 1, 3, 2, 2, 3}, 1, []int{3}},
		{"all-distinct", []int{9, 8, 7}, 2, []int{7, 8}},
		{"unsorted-input", []int{2, 3, 3, 1, 3, 2}, 3, []int{3, 2, 1}},
		{"k-equals-distinct", []int{1, 2, 2, 3, 3, 3}, 3, []int{3, 2, 1}},
		{"same-value", []int{7, 7, 7, 7}, 1, []int{7}},
	})
}

func TestTies(t *testing.T) {
	runTopCases(t, []topCase{
		{"all-once", []int{5, 3, 9, 1}, 4, []int{1, 3, 5, 9}},
		{"all-once-k2", []int{5, 3, 9, 1}, 2, []int{1, 3}},
		{"negative-first", []int{2, -1, 2, -1}, 2, []int{-1, 2}},
		{"tie-then-single", []int{3, 3, 1, 1, 2}, 3, []int{1, 3, 2}},
		{"tie-cut-by-k", []int{4, 4, 2, 2, 6, 6, 1}, 2, []int{2, 4}},
		{"tie-at-bottom", []int{9, 9, 9, 5, 3, 7}, 3, []int{9, 3, 5}},
		{"extremes-tied", []int{math.MaxInt, math.MinInt, 0}, 3, []int{math.MinInt, 0, math.MaxInt}},
		{"two-groups", []int{8, 6, 8, 6, 4, 2, 4, 2, 0}, 5, []int{2, 4, 6, 8, 0}},
	})
}

func TestKOutOfRange(t *testing.T) {
	runTopCases(t, []topCase{
		{"k-zero", []int{1, 1, 2}, 0, []int{}},
		{"k-negative", []int{1, 1, 2}, -1, []int{}},
		{"k-min-int", []int{1, 1, 2}, math.MinInt, []int{}},
		{"k-distinct-plus-one", []int{1, 1, 2}, 3, []int{1, 2}},
		{"k-len-plus-one", []int{1, 1, 2}, 4, []int{1, 2}},
		{"k-large", []int{1, 1, 2}, 1000, []int{1, 2}},
		{"k-max-int", []int{1, 1, 2}, math.MaxInt, []int{1, 2}},
		{"empty-k1", []int{}, 1, []int{}},
		{"nil-k1", nil, 1, []int{}},
		{"nil-k0", nil, 0, []int{}},
		{"nil-k-max-int", nil, math.MaxInt, []int{}},
	})
}

func TestExtremeValues(t *testing.T) {
	runTopCases(t, []topCase{
		{"min-int-most", []int{math.MinInt, math.MinInt, math.MaxInt}, 2, []int{math.MinInt, math.MaxInt}},
		{"max-int-most", []int{math.MaxInt, math.MinInt, math.MaxInt}, 1, []int{math.MaxInt}},
		{"zeros-and-negatives", []int{0, -1, 0, -1, -1}, 2, []int{-1, 0}},
	})
}

// selectOracle picks the best remaining value k times: O(k·d), obviously right.
func selectOracle(nums []int, k int) []int {
	count := map[int]int{}
	for _, v := range nums {
		count[v]++
	}
	out := []int{}
	for len(out) < k && len(count) > 0 {
		first, best := true, 0
		for v := range count {
			if first || count[v] > count[best] || count[v] == count[best] && v < best {
				first, best = false, v
			}
		}
		out = append(out, best)
		delete(count, best)
	}
	return out
}

// sortOracle sorts all distinct values by (count desc, value asc).
func sortOracle(nums []int, k int) []int {
	count := map[int]int{}
	for _, v := range nums {
		count[v]++
	}
	vals := make([]int, 0, len(count))
	for v := range count {
		vals = append(vals, v)
	}
	slices.SortFunc(vals, func(a, b int) int {
		if c := cmp.Compare(count[b], count[a]); c != 0 {
			return c
		}
		return cmp.Compare(a, b)
	})
	return vals[:max(0, min(k, len(vals)))]
}

func TestRandomAgainstOracle(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 14))
	for _, size := range []struct {
		name         string
		maxLen, span int
		iterations   int
	}{
		{"tiny", 6, 3, 2000},
		{"small-many-ties", 30, 6, 1000},
		{"small-wide", 30, 1000, 500},
		{"medium", 400, 50, 200},
	} {
		t.Run(size.name, func(t *testing.T) {
			for i := 0; i < size.iterations && !t.Failed(); i++ {
				nums := make([]int, r.IntN(size.maxLen+1))
				for j := range nums {
					nums[j] = r.IntN(2*size.span+1) - size.span
				}
				k := r.IntN(len(nums)+3) - 1
				checkTop(t, nums, k, selectOracle(nums, k))
			}
		})
	}
	t.Run("oracles-agree", func(t *testing.T) {
		// Guards sortOracle, which TestLarge uses.
		for i := 0; i < 300; i++ {
			nums := make([]int, r.IntN(50))
			for j := range nums {
				nums[j] = r.IntN(15) - 7
			}
			k := r.IntN(20) - 2
			if a, b := selectOracle(nums, k), sortOracle(nums, k); !slices.Equal(a, b) {
				t.Fatalf("test oracles disagree on (%v, %d): %v vs %v", nums, k, a, b)
			}
		}
	})
}

func TestLarge(t *testing.T) {
	r := rand.New(rand.NewPCG(2718, 28))
	// 400000 numbers over 100000 distinct values; skewed counts give long
	// runs of ties at every frequency.
	const n, d = 400_000, 100_000
	nums := make([]int, 0, n)
	for v := range d {
		nums = append(nums, v*7919-500_000_000)
	}
	for len(nums) < n {
		nums = append(nums, nums[r.IntN(1+r.IntN(len(nums)))])
	}
	r.Shuffle(len(nums), func(i, j int) { nums[i], nums[j] = nums[j], nums[i] })
	all := sortOracle(nums, d)
	for _, k := range []int{1, 50, d / 2, d + 1} {
		t.Run(fmt.Sprintf("k=%d", k), func(t *testing.T) {
			checkTop(t, nums, k, all[:min(k, d)])
		})
	}
	t.Run("all-distinct", func(t *testing.T) {
		vals := r.Perm(100_000)
		want := slices.Clone(vals)
		slices.Sort(want)
		checkTop(t, vals, 100_000, want)
	})
	t.Run("one-value", func(t *testing.T) {
		same := make([]int, n)
		for i := range same {
			same[i] = -42
		}
		checkTop(t, same, 5, []int{-42})
	})
}
