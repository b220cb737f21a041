package trie

// Trie is correct except that StartsWith("") walks zero nodes and reports
// true even when nothing was inserted.
type Trie struct {
	root node
}

type node struct {
	children map[rune]*node
	end      bool
}

func Constructor() Trie { return Trie{} }

func (t *Trie) Insert(word string) {
	n := &t.root
	for _, r := range word {
		child := n.children[r]
		if child == nil {
			if n.children == nil {
				n.children = make(map[rune]*node)
			}
			child = &node{}
			n.children[r] = child
		}
		n = child
	}
	n.end = true
}

func (t *Trie) Search(word string) bool {
	n := t.find(word)
	return n != nil && n.end
}

func (t *Trie) StartsWith(prefix string) bool {
	return t.find(prefix) != nil
}

func (t *Trie) find(s string) *node {
	n := &t.root
	for _, r := range s {
		n = n.children[r]
		if n == nil {
			return nil
		}
	}
	return n
}
