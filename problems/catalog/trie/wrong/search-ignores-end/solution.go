package trie

// Trie forgets the end-of-word flag in Search: after Insert("apple"),
// Search("app") is true because the path exists.
type Trie struct {
	root node
	size int
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
	t.size++
}

func (t *Trie) Search(word string) bool {
	return t.size > 0 && t.find(word) != nil
}

func (t *Trie) StartsWith(prefix string) bool {
	return t.size > 0 && t.find(prefix) != nil
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
