package trie

// Trie only works when built by Constructor: the root's children map is
// made there, so a zero-value Trie panics on its first Insert (assignment
// to entry in nil map).
type Trie struct {
	children map[rune]*Trie
	end      bool
	any      bool // some word was inserted (only meaningful at the root)
}

func Constructor() Trie {
	return Trie{children: make(map[rune]*Trie)}
}

func (t *Trie) Insert(word string) {
	t.any = true
	cur := t
	for _, r := range word {
		next, ok := cur.children[r]
		if !ok {
			next = &Trie{children: make(map[rune]*Trie)}
			cur.children[r] = next
		}
		cur = next
	}
	cur.end = true
}

func (t *Trie) Search(word string) bool {
	n := t.find(word)
	return n != nil && n.end
}

func (t *Trie) StartsWith(prefix string) bool {
	return t.any && t.find(prefix) != nil
}

func (t *Trie) find(s string) *Trie {
	cur := t
	for _, r := range s {
		cur = cur.children[r]
		if cur == nil {
			return nil
		}
	}
	return cur
}
