package pdfdoc

import (
	"bytes"
	"fmt"

	"github.com/lab110bis/focusplus/checker"
)

// maxDeclaredObjects bounds the objects a PDF's cross-reference may declare: pdfcpu
// builds an entry for every declared object, free or not (measured: 1,000,000 entries
// cost 250 MiB and 14 s), so a tiny file declaring ten million took 3 GB.
const maxDeclaredObjects = 1_000_000

// declaredObjects is the largest object count the file declares, read from the raw
// bytes before any parser allocates for it: every /Size of a trailer or cross-reference
// stream, and every start + count of an /Index array. Object streams cannot hold
// either, so nothing declared is hidden in compressed data.
func declaredObjects(data []byte) int64 {
	var most int64
	for _, key := range [][]byte{[]byte("/Size"), []byte("/Index")} {
		for rest := data; ; {
			i := bytes.Index(rest, key)
			if i < 0 {
				break
			}
			rest = rest[i+len(key):]
			if len(rest) > 0 && isRegular(rest[0]) {
				continue // a longer name, /SizeX or /Indexed
			}
			if key[1] == 'S' {
				if n, ok := pdfInt(rest); ok {
					most = max(most, n)
				}
				continue
			}
			// /Index [start count start count ...]
			j := 0
			for j < len(rest) && isSpace(rest[j]) {
				j++
			}
			if j >= len(rest) || rest[j] != '[' {
				continue
			}
			arr := rest[j+1:]
			if end := bytes.IndexByte(arr, ']'); end >= 0 {
				arr = arr[:end]
			}
			fields := bytes.Fields(arr)
			for k := 0; k+1 < len(fields); k += 2 {
				start, ok1 := pdfInt(fields[k])
				count, ok2 := pdfInt(fields[k+1])
				if ok1 && ok2 {
					most = max(most, start+count)
				}
			}
		}
	}
	return most
}

// objectBudget is how many objects a file of n bytes may declare: no more than one per
// byte (each object needs at least its number written somewhere), and never more than
// maxDeclaredObjects.
func objectBudget(n int) int64 { return min(int64(n), maxDeclaredObjects) }

// checkObjectBudget refuses a file that declares more objects than it can hold.
func checkObjectBudget(data []byte) error {
	declared, budget := declaredObjects(data), objectBudget(len(data))
	if declared <= budget {
		return nil
	}
	return checker.Errorf("the PDF is damaged or hostile: it declares %s objects, more than a file of %s can hold (limit %s)",
		"le PDF est endommagé ou malveillant : il déclare %s objets, plus qu'un fichier de %s ne peut en contenir (limite %s)",
		fmt.Sprint(declared), checker.HumanBytes(int64(len(data))), fmt.Sprint(budget))
}

// pdfInt reads a non-negative integer after optional white space, capped so that it
// cannot overflow.
func pdfInt(b []byte) (int64, bool) {
	i := 0
	for i < len(b) && isSpace(b[i]) {
		i++
	}
	var n int64
	digits := 0
	for ; i < len(b) && b[i] >= '0' && b[i] <= '9'; i++ {
		if n < 1<<40 {
			n = n*10 + int64(b[i]-'0')
		}
		digits++
	}
	return n, digits > 0
}

func isSpace(c byte) bool {
	return c == ' ' || c == '\n' || c == '\r' || c == '\t' || c == '\f' || c == 0
}

// isRegular reports whether c continues a name (PDF 7.2.3: not white space, not a
// delimiter).
func isRegular(c byte) bool {
	if isSpace(c) {
		return false
	}
	switch c {
	case '(', ')', '<', '>', '[', ']', '{', '}', '/', '%':
		return false
	}
	return true
}
