package schedule

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"testing"
)

func clonePairs(p [][]int) [][]int {
	if p == nil {
		return nil
	}
	total := 0
	for _, pair := range p {
		total += len(pair)
	}
	flat := make([]int, 0, total) // one allocation for all pairs
	c := make([][]int, len(p))
	for i, pair := range p {
		start := len(flat)
		flat = append(flat, pair...)
		c[i] = flat[start:len(flat):len(flat)]
	}
	return c
}

// showPairs prints short lists in full and long ones by size.
func showPairs(p [][]int) string {
	if p == nil {
		return "nil"
	}
	if len(p) <= 16 {
		return fmt.Sprint(p)
	}
	return fmt.Sprintf("<%d pairs>", len(p))
}

// callCanFinish runs CanFinish on a deep copy, turning a panic into a
// message and reporting whether the copy was modified.
func callCanFinish(n int, p [][]int) (got bool, panicMsg string, modified bool) {
	arg := clonePairs(p)
	defer func() {
		if r := recover(); r != nil {
			panicMsg = fmt.Sprint(r)
		}
	}()
	got = CanFinish(n, arg)
	return got, "", !slices.EqualFunc(arg, p, slices.Equal)
}

func checkFinish(t *testing.T, n int, p [][]int, want bool) {
	t.Helper()
	got, msg, modified := callCanFinish(n, p)
	switch {
	case msg != "":
		t.Errorf("CanFinish(%d, %s) panicked: %s; want %v", n, showPairs(p), msg, want)
	case got != want:
		t.Errorf("CanFinish(%d, %s) = %v, want %v", n, showPairs(p), got, want)
	case modified:
		t.Errorf("CanFinish(%d, %s) modified prerequisites", n, showPairs(p))
	}
}

type finishCase struct {
	name    string
	n       int
	prereqs [][]int
	want    bool
}

func runFinishCases(t *testing.T, cases []finishCase) {
	t.Helper()
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) { checkFinish(t, tc.n, tc.prereqs, tc.want) })
	}
}

func TestBasics(t *testing.T) {
	runFinishCases(t, []finishCase{
		{"one-prerequisite", 2, [][]int{{1, 0}}, true},
		{"mutual", 2, [][]int{{1, 0}, {0, 1}}, false},
		{"chain", 3, [][]int{{1, 0}, {2, 1}}, true},
		{"three-cycle", 3, [][]int{{0, 1}, {1, 2}, {2, 0}}, false},
		{"diamond", 4, [][]int{{1, 0}, {2, 0}, {3, 1}, {3, 2}}, true},
		{"self-prerequisite", 1, [][]int{{0, 0}}, false},
		{"no-courses", 0, nil, true},
		{"one-course", 1, nil, true},
		{"no-prerequisites", 5, [][]int{}, true},
		{"reverse-chain", 4, [][]int{{0, 1}, {1, 2}, {2, 3}}, true},
		{"four-cycle", 4, [][]int{{1, 0}, {2, 1}, {3, 2}, {0, 3}}, false},
		{"tree", 6, [][]int{{1, 0}, {2, 0}, {3, 1}, {4, 1}, {5, 2}}, true},
		{"many-prereqs", 5, [][]int{{4, 0}, {4, 1}, {4, 2}, {4, 3}}, true},
	})
}

func TestCycles(t *testing.T) {
	runFinishCases(t, []finishCase{
		{"self-loop-among-others", 3, [][]int{{1, 0}, {2, 2}}, false},
		{"cycle-not-reachable-from-0", 5, [][]int{{1, 0}, {3, 2}, {4, 3}, {2, 4}}, false},
		{"cycle-in-second-component", 6, [][]int{{1, 0}, {2, 1}, {4, 3}, {5, 4}, {3, 5}}, false},
		{"cycle-behind-free-course", 4, [][]int{{1, 0}, {2, 1}, {3, 2}, {1, 3}}, false},
		{"every-course-blocked", 3, [][]int{{0, 1}, {1, 0}, {2, 0}}, false},
		{"cycle-with-tail", 5, [][]int{{1, 0}, {2, 1}, {3, 2}, {1, 3}, {4, 3}}, false},
		{"two-cycles", 4, [][]int{{0, 1}, {1, 0}, {2, 3}, {3, 2}}, false},
		{"long-cycle-plus-dag", 7, [][]int{{1, 0}, {2, 1}, {3, 2}, {4, 3}, {0, 4}, {6, 5}}, false},
	})
}

func TestSharedPrerequisites(t *testing.T) {
	// DAGs where a course is reached along several paths: not a cycle.
	runFinishCases(t, []finishCase{
		{"diamond", 4, [][]int{{1, 0}, {2, 0}, {3, 1}, {3, 2}}, true},
		{"shortcut", 3, [][]int{{1, 0}, {2, 1}, {2, 0}}, true},
		{"double-diamond", 7, [][]int{{1, 0}, {2, 0}, {3, 1}, {3, 2}, {4, 3}, {5, 3}, {6, 4}, {6, 5}}, true},
		{"visited-from-later-root", 3, [][]int{{0, 1}, {0, 2}}, true},
		{"cross-edges", 5, [][]int{{4, 0}, {4, 1}, {3, 0}, {3, 1}, {2, 3}, {2, 4}}, true},
	})
}

func TestDuplicatesAndOrder(t *testing.T) {
	runFinishCases(t, []finishCase{
		{"repeated-pair", 2, [][]int{{1, 0}, {1, 0}}, true},
		{"repeated-pair-chain", 3, [][]int{{1, 0}, {2, 1}, {1, 0}, {2, 1}, {2, 1}}, true},
		{"repeated-self-loop", 2, [][]int{{1, 1}, {1, 1}}, false},
		{"repeated-pair-then-cycle", 3, [][]int{{1, 0}, {1, 0}, {0, 2}, {2, 1}}, false},
		{"isolated-courses", 10, [][]int{{9, 0}}, true},
		{"highest-course-only", 100, [][]int{{99, 98}}, true},
	})
}

// closureOracle computes reachability with Floyd–Warshall: a cycle exists
// exactly when some course can reach itself. O(n^3), obviously right.
func closureOracle(n int, p [][]int) bool {
	reach := make([][]bool, n)
	for i := range reach {
		reach[i] = make([]bool, n)
	}
	for _, e := range p {
		reach[e[1]][e[0]] = true
	}
	for k := range n {
		for i := range n {
			if !reach[i][k] {
				continue
			}
			for j := range n {
				if reach[k][j] {
					reach[i][j] = true
				}
			}
		}
	}
	for i := range n {
		if reach[i][i] {
			return false
		}
	}
	return true
}

func TestRandomAgainstOracle(t *testing.T) {
	r := rand.New(rand.NewPCG(6, 66))
	for _, size := range []struct {
		name       string
		maxN       int
		density    float64
		dagOnly    bool
		iterations int
	}{
		{"tiny", 4, 0.5, false, 1500},
		{"small-sparse", 10, 0.12, false, 1000},
		{"small-dags", 10, 0.3, true, 500},
		{"medium-dags-plus-edge", 30, 0.1, true, 300},
	} {
		t.Run(size.name, func(t *testing.T) {
			for i := 0; i < size.iterations && !t.Failed(); i++ {
				n := r.IntN(size.maxN + 1)
				order := r.Perm(n) // for DAGs: edges only go forward in this order
				var p [][]int
				for a := range n {
					for b := range n {
						if r.Float64() >= size.density {
							continue
						}
						if size.dagOnly && !(slices.Index(order, b) < slices.Index(order, a)) {
							continue
						}
						p = append(p, []int{a, b})
					}
				}
				if size.name == "medium-dags-plus-edge" && n > 0 && i%2 == 1 {
					p = append(p, []int{r.IntN(n), r.IntN(n)}) // may or may not close a cycle
				}
				r.Shuffle(len(p), func(i, j int) { p[i], p[j] = p[j], p[i] })
				checkFinish(t, n, p, closureOracle(n, p))
			}
		})
	}
}

func TestLarge(t *testing.T) {
	r := rand.New(rand.NewPCG(123, 456))
	const n = 200_000
	chain := func(n int) [][]int {
		p := make([][]int, 0, n)
		for i := 1; i < n; i++ {
			p = append(p, []int{i, i - 1})
		}
		return p
	}
	t.Run("chain", func(t *testing.T) {
		checkFinish(t, n, chain(n), true)
	})
	t.Run("reverse-chain", func(t *testing.T) {
		p := make([][]int, 0, n)
		for i := 0; i+1 < n; i++ {
			p = append(p, []int{i, i + 1})
		}
		checkFinish(t, n, p, true)
	})
	t.Run("chain-closed-into-cycle", func(t *testing.T) {
		p := append(chain(n), []int{0, n - 1})
		checkFinish(t, n, p, false)
	})
	t.Run("layered", func(t *testing.T) {
		// 60 layers of 2 courses; each course needs both courses of the layer
		// before: 2^60 paths, so exploring paths instead of courses never ends.
		const layers = 60
		var p [][]int
		for l := 1; l < layers; l++ {
			for _, a := range []int{2 * l, 2*l + 1} {
				p = append(p, []int{a, 2 * (l - 1)}, []int{a, 2*(l-1) + 1})
			}
		}
		checkFinish(t, 2*layers, p, true)
	})
	t.Run("star", func(t *testing.T) {
		p := make([][]int, 0, n)
		for i := 1; i < n; i++ {
			p = append(p, []int{i, 0})
		}
		checkFinish(t, n, p, true)
	})
	// A random DAG on a hidden order, with a path through every course.
	const m = n / 2
	order := r.Perm(m)
	var dag [][]int
	for i := 1; i < m; i++ {
		dag = append(dag, []int{order[i], order[i-1]})
	}
	for range m {
		i, j := r.IntN(m), r.IntN(m)
		if i == j {
			continue
		}
		i, j = min(i, j), max(i, j)
		dag = append(dag, []int{order[j], order[i]})
	}
	r.Shuffle(len(dag), func(i, j int) { dag[i], dag[j] = dag[j], dag[i] })
	t.Run("random-dag", func(t *testing.T) {
		checkFinish(t, m, dag, true)
	})
	t.Run("random-dag-one-back-edge", func(t *testing.T) {
		// Closing the hidden path makes a cycle through all 100000 courses.
		p := append(slices.Clone(dag), []int{order[0], order[m-1]})
		checkFinish(t, m, p, false)
	})
	t.Run("many-free-courses-one-cycle", func(t *testing.T) {
		p := [][]int{{n - 3, n - 2}, {n - 2, n - 1}, {n - 1, n - 3}}
		checkFinish(t, n, p, false)
	})
}
