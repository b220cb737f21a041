package kthlargest

import "sort"

// FindKthLargest sorts everything: the shortcut the problem forbids.
func FindKthLargest(nums []int, k int) int {
	s := append([]int(nil), nums...)
	sort.Sort(sort.Reverse(sort.IntSlice(s)))
	return s[k-1]
}
