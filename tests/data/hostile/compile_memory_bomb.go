package palindrome

// An 8 GiB array literal with one element set at its end: the compiler tries to lay it out and
// is killed by the sandbox's memory limit while building. A compile-time attack must end as the
// submission's compile_error in one attempt, never as the judge's failure retried three times.
var big = [1 << 30]int64{1<<30 - 1: 1}

func IsPalindrome(s string) bool { return big[0] == 1 }
