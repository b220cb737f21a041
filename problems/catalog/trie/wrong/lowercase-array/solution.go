package trie

// Trie assumes words of lowercase ASCII letters: word[i]-'a' indexes a
// [26] array, which panics for 'A', digits, spaces or any non-ASCII byte.
type Trie struct {
	end bool
	ch  [26]*Trie
}

func Constructor() Trie { return Trie{} }

func (t *Trie) Insert(word string) {
	cur := t
	for i := 0; i < len(word); i++ {
		idx := word[i] - 'a'
		if cur.ch[idx] == nil {
			cur.ch[idx] = &Trie{}
		}
		cur = cur.ch[idx]
	}
	cur.end = true
}

func (t *Trie) Search(word string) bool {
	cur := t
	for i := 0; i < len(word); i++ {
		idx := word[i] - 'a'
		if cur.ch[idx] == nil {
			return false
		}
		cur = cur.ch[idx]
	}
	return cur.end
}

func (t *Trie) StartsWith(prefix string) bool {
	cur := t
	for i := 0; i < len(prefix); i++ {
		idx := prefix[i] - 'a'
		if cur.ch[idx] == nil {
			return false
		}
		cur = cur.ch[idx]
	}
	return true
}
