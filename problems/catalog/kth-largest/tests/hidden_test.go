package kthlargest

import (
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
	"testing"
)

// showNums prints short slices in full and long ones by size.
func showNums(s []int) string {
	if s == nil {
		return "nil"
	}
	if len(s) <= 20 {
		return fmt.Sprint(s)
	}
	return fmt.Sprintf("<%d ints>", len(s))
}

// kthOracle sorts a copy in descending order.
func kthOracle(nums []int, k int) int {
	s := slices.Clone(nums)
	slices.Sort(s)
	return s[len(s)-k]
}

// callKth runs FindKthLargest on a copy of nums, turning a panic into a message.
func callKth(nums []int, k int) (got int, arg []int, panicMsg string) {
	arg = slices.Clone(nums)
	defer func() {
		if p := recover(); p != nil {
			panicMsg = fmt.Sprint(p)
		}
	}()
	return FindKthLargest(arg, k), arg, ""
}

// checkKth compares with want and checks nums still holds the same values.
func checkKth(t *testing.T, nums []int, k, want int) {
	t.Helper()
	got, arg, p := callKth(nums, k)
	if p != "" {
		t.Errorf("FindKthLargest(%s, %d) panicked: %s; want %d", showNums(nums), k, p, want)
		return
	}
	if got != want {
		t.Errorf("FindKthLargest(%s, %d) = %d, want %d", showNums(nums), k, got, want)
		return
	}
	if slices.Equal(arg, nums) {
		return // untouched
	}
	a, b := slices.Clone(arg), slices.Clone(nums)
	slices.Sort(a)
	slices.Sort(b)
	if !slices.Equal(a, b) {
		t.Errorf("FindKthLargest(%s, %d) changed the values in nums (reordering is allowed, changing values is not): now %s",
			showNums(nums), k, showNums(arg))
	}
}

// checkPanics requires a panic for an out-of-range k.
func checkPanics(t *testing.T, nums []int, k int) {
	t.Helper()
	got, _, p := callKth(nums, k)
	if p == "" {
		t.Errorf("FindKthLargest(%s, %d) = %d, want a panic (k must be in [1, %d])", showNums(nums), k, got, len(nums))
	}
}

type kthCase struct {
	name string
	nums []int
	k    int
	want int
}

func runKthCases(t *testing.T, cases []kthCase) {
	t.Helper()
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) { checkKth(t, tc.nums, tc.k, tc.want) })
	}
}

func TestBasics(t *testing.T) {
	runKthCases(t, []kthCase{
		{"second-largest", []int{3, 2, 1, 5, 6, 4}, 2, 5},
		{"with-duplicates", []int{3, 2, 3, 1, 2, 4, 5, 5, 6}, 4, 4},
		{"duplicates-count", []int{5, 5, 4}, 2, 5},
		{"single", []int{1}, 1, 1},
		{"negatives", []int{-1, -5, -3}, 1, -1},
		{"smallest", []int{9, -2, 7, 0}, 4, -2},
		{"largest", []int{9, -2, 7, 0}, 1, 9},
		{"middle", []int{9, -2, 7, 0}, 2, 7},
		{"two-elems-k1", []int{1, 2}, 1, 2},
		{"two-elems-k2", []int{1, 2}, 2, 1},
		{"sorted-asc", []int{1, 2, 3, 4, 5, 6, 7}, 3, 5},
		{"sorted-desc", []int{7, 6, 5, 4, 3, 2, 1}, 3, 5},
		{"zeros", []int{0, 0, 0, 1}, 2, 0},
	})
}

func TestDuplicates(t *testing.T) {
	runKthCases(t, []kthCase{
		{"all-equal-k1", []int{7, 7, 7}, 1, 7},
		{"all-equal-k3", []int{7, 7, 7}, 3, 7},
		{"top-repeated", []int{5, 5, 5, 4}, 3, 5},
		{"after-repeats", []int{5, 5, 5, 4}, 4, 4},
		{"pairs", []int{1, 1, 2, 2, 3, 3}, 3, 2},
		{"pairs-k5", []int{1, 1, 2, 2, 3, 3}, 5, 1},
		{"repeated-min", []int{2, 1, 1, 1}, 2, 1},
	})
}

func TestExtremeValues(t *testing.T) {
	runKthCases(t, []kthCase{
		{"max-int", []int{math.MaxInt, 0, math.MinInt}, 1, math.MaxInt},
		{"min-int", []int{math.MaxInt, 0, math.MinInt}, 3, math.MinInt},
		{"mid-extremes", []int{math.MaxInt, 0, math.MinInt}, 2, 0},
		{"all-min-int", []int{math.MinInt, math.MinInt}, 2, math.MinInt},
		{"negative-only", []int{-10, -20, -30, -40}, 2, -20},
		{"mixed-signs", []int{-3, 3, -2, 2, -1, 1}, 4, -1},
	})
}

func TestInvalidK(t *testing.T) {
	for _, tc := range []struct {
		name string
		nums []int
		k    int
	}{
		{"k-zero", []int{1, 2, 3}, 0},
		{"k-negative", []int{1, 2, 3}, -1},
		{"k-len-plus-one", []int{1, 2, 3}, 4},
		{"k-way-too-big", []int{1, 2, 3}, 1000},
		{"k-max-int", []int{1, 2, 3}, math.MaxInt},
		{"k-min-int", []int{1, 2, 3}, math.MinInt},
		{"empty-k1", []int{}, 1},
		{"empty-k0", []int{}, 0},
		{"nil-k1", nil, 1},
		{"single-k2", []int{42}, 2},
	} {
		t.Run(tc.name, func(t *testing.T) { checkPanics(t, tc.nums, tc.k) })
	}
}

func TestRandomAgainstOracle(t *testing.T) {
	r := rand.New(rand.NewPCG(7, 77))
	for _, size := range []struct {
		name         string
		maxLen, span int
		iterations   int
	}{
		{"tiny", 5, 4, 2000},
		{"small-dups", 30, 5, 1000},
		{"small-wide", 30, 1_000_000, 1000},
		{"medium", 500, 100, 200},
	} {
		t.Run(size.name, func(t *testing.T) {
			for i := 0; i < size.iterations && !t.Failed(); i++ {
				nums := make([]int, 1+r.IntN(size.maxLen))
				for j := range nums {
					nums[j] = r.IntN(2*size.span+1) - size.span
				}
				k := 1 + r.IntN(len(nums))
				checkKth(t, nums, k, kthOracle(nums, k))
			}
		})
	}
	t.Run("every-k", func(t *testing.T) {
		nums := []int{4, -1, 4, 9, 0, 2, 2, 2, 8, -7, 3}
		for k := 1; k <= len(nums) && !t.Failed(); k++ {
			checkKth(t, nums, k, kthOracle(nums, k))
		}
	})
}

func TestLarge(t *testing.T) {
	const n = 300_000
	r := rand.New(rand.NewPCG(1, 2))
	random := make([]int, n)
	for i := range random {
		random[i] = r.IntN(2_000_000_001) - 1_000_000_000
	}
	ascending := make([]int, n)
	for i := range ascending {
		ascending[i] = i
	}
	descending := make([]int, n)
	for i := range descending {
		descending[i] = n - i
	}
	fewValues := make([]int, n)
	for i := range fewValues {
		fewValues[i] = r.IntN(3)
	}
	sortedRandom := slices.Clone(random)
	slices.Sort(sortedRandom)
	sortedFew := slices.Clone(fewValues)
	slices.Sort(sortedFew)
	// The k-th largest of a slice whose sorted copy is asc is asc[n-k].
	for _, tc := range []struct {
		name string
		nums []int
		k    int
		want int
	}{
		{"random-median", random, n / 2, sortedRandom[n-n/2]},
		{"random-k1", random, 1, sortedRandom[n-1]},
		{"random-kn", random, n, sortedRandom[0]},
		{"random-k-near-end", random, n - 10, sortedRandom[10]},
		{"random-k-near-top", random, 10, sortedRandom[n-10]},
		{"ascending-median", ascending, n / 2, n - n/2},
		{"descending-median", descending, n / 2, n - n/2 + 1},
		{"descending-k2", descending, 2, n - 1},
		{"all-equal", make([]int, n), n / 2, 0},
		{"three-values", fewValues, n / 3, sortedFew[n-n/3]},
	} {
		t.Run(tc.name, func(t *testing.T) { checkKth(t, tc.nums, tc.k, tc.want) })
	}
}
