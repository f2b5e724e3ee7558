package checker

import (
	"strings"
	"unicode"
)

// GroupFindings makes one finding per problem: findings of one rule with the same
// outcome, severity and problem key become one finding whose Count is the sum of theirs
// and whose Locations list their places, the first finding's location first. The first
// finding's message, fix and data stand for the group. Order is that of first
// appearance. A document where one malformed list was reported 190 times reports it
// once, with 190 as its count.
func GroupFindings(fs []Finding) []Finding {
	if len(fs) < 2 {
		return fs
	}
	type groupKey struct {
		rule     string
		outcome  Outcome
		severity Severity
		key      string
	}
	index := make(map[groupKey]int, len(fs))
	out := make([]Finding, 0, len(fs))
	for _, f := range fs {
		k := groupKey{f.Rule, f.Outcome, f.Severity, f.Key}
		if k.key == "" {
			k.key = ProblemKey(f.Message.groupText())
		}
		i, ok := index[k]
		if !ok {
			index[k] = len(out)
			out = append(out, f)
			continue
		}
		g := &out[i]
		if len(g.Locations) == 0 {
			g.Locations = []Location{g.Location}
		}
		g.Count = g.Instances() + f.Instances()
		g.Blocking = g.Blocking || f.Blocking
		for _, l := range f.Places() {
			if len(g.Locations) >= MaxLocations {
				break
			}
			g.Locations = append(g.Locations, l)
		}
	}
	for i := range out {
		if len(out[i].Locations) == 1 && out[i].Instances() <= 1 {
			out[i].Locations = nil
		}
	}
	return out
}

// ProblemKey is a message with what changes from one instance to the next left out:
// numbers (pages, counts, measures) become "#", and excerpts quoted from the document
// ("…", «…», “…”) become "…". Colours written #rrggbb are kept: another colour pair is
// another problem.
func ProblemKey(msg string) string {
	var b strings.Builder
	rs := []rune(msg)
	for i := 0; i < len(rs); i++ {
		r := rs[i]
		switch {
		case r == '#' && i+1 < len(rs) && isHex(rs[i+1]):
			j := i + 1
			for j < len(rs) && isHex(rs[j]) {
				j++
			}
			b.WriteString(string(rs[i:j]))
			i = j - 1
		case unicode.IsDigit(r):
			j := i
			for j < len(rs) && (unicode.IsDigit(rs[j]) || (rs[j] == '.' || rs[j] == ',') && j+1 < len(rs) && unicode.IsDigit(rs[j+1])) {
				j++
			}
			b.WriteByte('#')
			i = j - 1
		case r == '"' || r == '«' || r == '“':
			end := map[rune]rune{'"': '"', '«': '»', '“': '”'}[r]
			j := i + 1
			for j < len(rs) && rs[j] != end {
				j++
			}
			if j == len(rs) { // unbalanced: keep the rest as it is
				b.WriteString(string(rs[i:]))
				return b.String()
			}
			b.WriteString("…")
			i = j
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

func isHex(r rune) bool {
	return r >= '0' && r <= '9' || r >= 'a' && r <= 'f' || r >= 'A' && r <= 'F'
}
