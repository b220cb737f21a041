package kthlargest

import "math/rand/v2"

// FindKthLargest uses quickselect with a random pivot and a two-way (Lomuto)
// partition. Expected O(n) on distinct values, but when many values equal
// the pivot each round removes almost nothing: O(n^2) on [7 7 7 ... 7].
func FindKthLargest(nums []int, k int) int {
	if k < 1 || k > len(nums) {
		panic("k out of range")
	}
	a := append([]int(nil), nums...)
	target := len(a) - k // index of the answer in ascending order
	lo, hi := 0, len(a)-1
	for lo < hi {
		p := lo + rand.IntN(hi-lo+1)
		a[p], a[hi] = a[hi], a[p]
		pivot, store := a[hi], lo
		for i := lo; i < hi; i++ {
			if a[i] < pivot {
				a[i], a[store] = a[store], a[i]
				store++
			}
		}
		a[store], a[hi] = a[hi], a[store]
		switch {
		case store == target:
			return a[store]
		case store < target:
			lo = store + 1
		default:
			hi = store - 1
		}
	}
	return a[lo]
}
