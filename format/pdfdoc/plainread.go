package pdfdoc

import (
	"bytes"
	"cmp"
	"context"
	"slices"
	"strings"

	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu/model"
	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu/types"
)

// readPlain builds pdfcpu's model of a PDF straight from its bytes when the file is
// plain: one cross-reference table (no incremental update, no cross-reference stream or
// object stream), no encryption, every object where the table says. pdfcpu's reader
// gives each object a fresh 4 KiB buffered reader and copies it two or three times while
// growing its buffer: on a generated 1000-page tagged report that was 230 MB of garbage
// for a 5 MB file. Here each object costs one copy of its dictionary text, parsed with
// pdfcpu's own object parser, and stream data stays a slice of the file.
//
// Whatever is unusual makes ok false, and the caller reads the file with pdfcpu, which
// repairs what it can: this path never has to guess.
func readPlain(c context.Context, data []byte, conf *model.Configuration) (pc *model.Context, ok bool) {
	defer func() {
		if recover() != nil {
			pc, ok = nil, false
		}
	}()
	if len(data) < 32 || !bytes.HasPrefix(data, []byte("%PDF-")) {
		return nil, false
	}
	ver, err := model.PDFVersion(string(data[5:8]))
	if err != nil || !bytes.ContainsAny(data[8:min(len(data), 100)], "\n\r") {
		return nil, false // pdfcpu wants the header line to end within its first read
	}
	// The single startxref, in the last KiB, and the table it points to.
	tailStart := max(0, len(data)-1024)
	sx := bytes.LastIndex(data[tailStart:], []byte("startxref"))
	if sx < 0 {
		return nil, false
	}
	sx += tailStart
	// "startxref", the offset on its own line (7.5.5), as pdfcpu reads it.
	p, eol := lineEnd(data, sx+len("startxref"))
	xo, next, ok := uintAt(data, p)
	if _, end := lineEnd(data, next); !eol || !end || !bytes.Contains(data[next:], []byte("%%EOF")) {
		ok = false // pdfcpu repairs a file without its end marker
	}
	if !ok || xo <= 0 || xo >= int64(sx) || !bytes.HasPrefix(data[xo:], []byte("xref")) {
		return nil, false
	}
	maxDepth := conf.Limits.MaxRecursionDepth
	if maxDepth <= 0 {
		maxDepth = model.DefaultResourceLimits().MaxRecursionDepth
	}
	pc, err = model.NewContext(bytes.NewReader(data), conf)
	if err != nil {
		return nil, false
	}
	xt := pc.XRefTable
	xt.HeaderVersion = &ver

	// The sections, newest first (incremental updates chain them with /Prev): an object's
	// newest entry wins, and so does the newest trailer's Root, Info, ID and Size.
	var entries []xrefEntry
	known := make(map[int]bool)
	seenSection := map[int64]bool{}
	for off, limit := xo, sx; ; {
		if len(seenSection) >= 64 || seenSection[off] || off <= 0 || off >= int64(len(data)) ||
			!bytes.HasPrefix(data[off:], []byte("xref")) {
			return nil, false
		}
		seenSection[off] = true
		section, trailerAt, ok := xrefTable(data[:limit], int(off))
		if !ok {
			return nil, false
		}
		for _, e := range section {
			// The first entry for an object wins, within a section too, as in pdfcpu.
			if !known[e.nr] {
				known[e.nr] = true
				entries = append(entries, e)
			}
		}
		tend := limit
		if off != xo {
			i := bytes.Index(data[trailerAt:], []byte("startxref"))
			if i < 0 {
				return nil, false
			}
			tend = trailerAt + i
		}
		tb := bytes.TrimSpace(data[trailerAt:tend])
		if !bytes.HasPrefix(tb, []byte("<<")) || !bytes.HasSuffix(tb, []byte(">>")) {
			return nil, false
		}
		ts := string(tb)
		t, err := model.ParseObjectContext(c, &ts, 0, maxDepth)
		trailer, isDict := t.(types.Dict)
		if err != nil || !isDict || strings.TrimSpace(ts) != "" {
			return nil, false // not a dictionary alone before startxref
		}
		for _, k := range []string{"XRefStm", "Encrypt", "AdditionalStreams"} {
			if _, found := trailer.Find(k); found {
				return nil, false
			}
		}
		if off == xo {
			if xt.Root = trailer.IndirectRefEntry("Root"); xt.Root == nil || trailer.Size() == nil {
				return nil, false
			}
		}
		if xt.Info == nil {
			xt.Info = trailer.IndirectRefEntry("Info")
		}
		if id := trailer.ArrayEntry("ID"); id != nil && xt.ID == nil {
			switch len(id) {
			case 1:
				id = append(id, id[0])
			case 2:
			default:
				return nil, false
			}
			xt.ID = id
		}
		prev, found := trailer.Find("Prev")
		if !found {
			break
		}
		p, isInt := prev.(types.Integer)
		if !isInt || p <= 0 {
			return nil, false
		}
		off, limit = int64(p), len(data)
	}

	for _, e := range entries {
		off, gen := e.off, e.gen
		xt.Table[e.nr] = &model.XRefTableEntry{Free: e.free, Offset: &off, Generation: &gen}
	}
	if e := xt.Table[0]; e == nil || !e.Free {
		return nil, false // pdfcpu renumbers objects to repair a missing free-list head
	}

	// Objects in file order: each one ends where the next begins (or at the table).
	used := make([]xrefEntry, 0, len(entries))
	for _, e := range entries {
		if !e.free {
			used = append(used, e)
		}
	}
	slices.SortFunc(used, func(a, b xrefEntry) int { return cmp.Compare(a.off, b.off) })
	type pendingLength struct {
		entry *model.XRefTableEntry
		end   int64
	}
	var lengths []pendingLength
	for i, e := range used {
		if i&1023 == 0 && c.Err() != nil {
			return nil, false
		}
		end := xo
		if i+1 < len(used) {
			end = used[i+1].off
		}
		if e.off <= 0 || end <= e.off {
			return nil, false // shared or misplaced offsets
		}
		span := data[e.off:end]
		kw, stream, found := objectKeyword(span)
		if !found {
			return nil, false
		}
		if bytes.Contains(span[:kw], []byte("stream")) || bytes.Contains(span[:kw], []byte("endobj")) {
			return nil, false // pdfcpu finds its keywords by substring: a name or string holding one is left to it
		}
		if stream && !bytes.HasSuffix(bytes.TrimRight(span[:kw], "\x00\t\n\f\r "), []byte(">>")) {
			return nil, false // pdfcpu looks for "stream" right after the dictionary
		}
		if !objectHeader(span, e.nr, e.gen) {
			return nil, false
		}
		l := string(span[:kw])
		nr, gen, err := model.ParseObjectAttributes(&l)
		if err != nil || *nr != e.nr || *gen != e.gen {
			return nil, false
		}
		entry := xt.Table[e.nr]
		l = strings.TrimSpace(l)
		if l == "" {
			if stream {
				return nil, false
			}
			continue // the null object
		}
		o, err := model.ParseObjectContext(c, &l, 0, maxDepth)
		if err != nil {
			return nil, false
		}
		if !stream {
			entry.Object = o
			continue
		}
		d, isDict := o.(types.Dict)
		if !isDict {
			return nil, false
		}
		if t := d.Type(); t != nil && (*t == "ObjStm" || *t == "XRef") {
			return nil, false
		}
		pipeline, ok := filterPipeline(d)
		if !ok {
			return nil, false
		}
		// The data starts after "stream" and its end of line (7.3.8.1); spaces before the
		// end of line are tolerated as pdfcpu does.
		so := kw + len("stream")
		for so < len(span) && span[so] == ' ' {
			so++
		}
		if so < len(span) && span[so] == '\n' {
			so++
		} else if so < len(span) && span[so] == '\r' {
			so++
			if so < len(span) && span[so] == '\n' {
				so++
			}
		}
		length, lengthRef := d.Length()
		sd := types.NewStreamDict(d, e.off+int64(so), length, lengthRef, pipeline)
		switch {
		case length != nil:
			if !streamData(&sd, data, end, conf) {
				return nil, false
			}
		case lengthRef != nil:
			lengths = append(lengths, pendingLength{entry: entry, end: end})
		default:
			return nil, false
		}
		entry.Object = sd
	}
	// Lengths given as indirect objects, now that every object is read.
	for _, p := range lengths {
		sd := p.entry.Object.(types.StreamDict)
		le, found := xt.Table[*sd.StreamLengthObjNr]
		if !found || le.Free {
			return nil, false
		}
		n, isInt := le.Object.(types.Integer)
		if !isInt {
			return nil, false
		}
		v := int64(n)
		sd.StreamLength = &v
		if !streamData(&sd, data, p.end, conf) {
			return nil, false
		}
		p.entry.Object = sd
	}
	// pdfcpu refuses a file whose root is not a dictionary (reading its Version).
	if _, err := xt.ParseRootVersion(); err != nil || xt.RootDict == nil {
		return nil, false
	}
	maxNr := 0
	for nr := range xt.Table {
		maxNr = max(maxNr, nr)
	}
	n := maxNr + 1
	xt.Size = &n
	pc.MaxObjNr = maxNr
	return pc, true
}

// streamData sets the stream's data, a slice of the file that must end, after optional
// white space, with "endstream" before end; streams over pdfcpu's limit are left to it.
func streamData(sd *types.StreamDict, data []byte, end int64, conf *model.Configuration) bool {
	n := *sd.StreamLength
	if n <= 0 || (conf.Limits.MaxStreamBytes > 0 && n > conf.Limits.MaxStreamBytes) {
		return false
	}
	start := sd.StreamOffset
	stop := start + n
	if stop > end {
		return false
	}
	rest := bytes.TrimLeft(data[stop:end], "\x00\t\n\f\r ")
	if !bytes.HasPrefix(rest, []byte("endstream")) {
		return false
	}
	if rest = bytes.TrimLeft(rest[len("endstream"):], "\x00\t\n\f\r "); !bytes.HasPrefix(rest, []byte("endobj")) {
		return false
	}
	sd.Raw = data[start:stop:stop]
	return true
}

// filterPipeline is pdfcpu's filter pipeline for the common forms: no filter, one
// standard filter name with optional parameters, or an array of names without
// parameters. Anything else (indirect filters, abbreviated names) is left to pdfcpu.
func filterPipeline(d types.Dict) ([]types.PDFFilter, bool) {
	f, found := d.Find("Filter")
	if !found {
		return nil, true
	}
	parms, hasParms := d.Find("DecodeParms")
	switch f := f.(type) {
	case types.Name:
		if !standardFilters[string(f)] {
			return nil, false
		}
		if !hasParms {
			return []types.PDFFilter{{Name: string(f)}}, true
		}
		var pd types.Dict
		switch p := parms.(type) {
		case types.Dict:
			pd = p
		case types.Array:
			if len(p) > 1 {
				return nil, false
			}
			if len(p) == 1 && p[0] != nil {
				if pd, found = p[0].(types.Dict); !found {
					return nil, false
				}
			}
		default:
			return nil, false
		}
		if len(pd) == 0 {
			pd = nil
		}
		return []types.PDFFilter{{Name: string(f), DecodeParms: pd}}, true
	case types.Array:
		if hasParms {
			return nil, false
		}
		var out []types.PDFFilter
		for _, x := range f {
			n, isName := x.(types.Name)
			if !isName || !standardFilters[string(n)] {
				return nil, false
			}
			out = append(out, types.PDFFilter{Name: string(n)})
		}
		return out, true
	}
	return nil, false
}

var standardFilters = map[string]bool{
	"ASCIIHexDecode": true, "ASCII85Decode": true, "LZWDecode": true, "FlateDecode": true,
	"RunLengthDecode": true, "CCITTFaxDecode": true, "JBIG2Decode": true, "DCTDecode": true,
	"JPXDecode": true,
}

type xrefEntry struct {
	nr, gen int
	off     int64
	free    bool
}

// xrefTable reads one cross-reference table at xo, up to its "trailer" keyword, whose
// position it returns. Only the exact layout of ISO 32000-1 7.5.4 is read: "xref" and
// each subsection header on their own line, entries of exactly 20 bytes. pdfcpu reads the
// table line by line and repairs other layouts its own way; they are left to it.
func xrefTable(data []byte, xo int) (entries []xrefEntry, trailerAt int, ok bool) {
	p := xo + len("xref")
	if p >= len(data) || (data[p] != '\n' && data[p] != '\r') {
		return nil, 0, false // pdfcpu wants "xref" alone on its line
	}
	p, _ = lineEnd(data, p)
	for {
		if bytes.HasPrefix(data[p:], []byte("trailer")) {
			return entries, p + len("trailer"), len(entries) > 0
		}
		start, q, ok1 := uintAt(data, p)
		if !ok1 || q >= len(data) || data[q] != ' ' {
			return nil, 0, false
		}
		count, q, ok2 := uintAt(data, q+1)
		if !ok2 || count > int64(len(data)-q)/20+1 {
			return nil, 0, false
		}
		var ok bool
		if p, ok = lineEnd(data, q); !ok {
			return nil, 0, false
		}
		for k := int64(0); k < count; k++ {
			e := data[p:min(p+20, len(data))]
			if len(e) < 20 || e[10] != ' ' || e[16] != ' ' || (e[17] != 'n' && e[17] != 'f') ||
				!(string(e[18:]) == " \n" || string(e[18:]) == " \r" || string(e[18:]) == "\r\n") {
				return nil, 0, false
			}
			off, n1, ok1 := uintAt(e[:10], 0)
			gen, n2, ok2 := uintAt(e[11:16], 0)
			if !ok1 || !ok2 || n1 != 10 || n2 != 5 {
				return nil, 0, false
			}
			if entries == nil {
				entries = make([]xrefEntry, 0, count)
			}
			entries = append(entries, xrefEntry{nr: int(start + k), gen: int(gen), off: off, free: e[17] == 'f'})
			p += 20
		}
	}
}

// lineEnd skips spaces and one end of line (CR, LF or CR LF) from p; ok is false when
// something else comes first.
func lineEnd(b []byte, p int) (int, bool) {
	for p < len(b) && b[p] == ' ' {
		p++
	}
	switch {
	case p+1 < len(b) && b[p] == '\r' && b[p+1] == '\n':
		return p + 2, true
	case p < len(b) && (b[p] == '\n' || b[p] == '\r'):
		return p + 1, true
	}
	return p, false
}

func skipWhite(b []byte, p int) int {
	for p < len(b) && isWhite(b[p]) {
		p++
	}
	return p
}

// uintAt reads an unsigned decimal integer of at most 18 digits at p.
func uintAt(b []byte, p int) (v int64, next int, ok bool) {
	q := p
	for q < len(b) && q-p < 18 && b[q] >= '0' && b[q] <= '9' {
		v = v*10 + int64(b[q]-'0')
		q++
	}
	return v, q, q > p && (q >= len(b) || b[q] < '0' || b[q] > '9')
}

// objectHeader reports whether b starts with "nr gen obj" (7.3.10), exactly.
func objectHeader(b []byte, nr, gen int) bool {
	n, p, ok := uintAt(b, 0)
	if !ok || n != int64(nr) || p >= len(b) || !isWhite(b[p]) {
		return false
	}
	g, p, ok := uintAt(b, skipWhite(b, p))
	if !ok || g != int64(gen) || p >= len(b) || !isWhite(b[p]) {
		return false
	}
	p = skipWhite(b, p)
	return bytes.HasPrefix(b[p:], []byte("obj")) && p+3 < len(b) && (isWhite(b[p+3]) || isDelim(b[p+3]))
}

// objectKeyword finds the keyword that ends an object's text in b: "stream" (its data
// follows) or "endobj", the first one outside strings and comments.
func objectKeyword(b []byte) (pos int, stream, ok bool) {
	for i := 0; i < len(b); {
		c := b[i]
		switch {
		case isWhite(c):
			i++
		case c == '%':
			for i < len(b) && b[i] != '\n' && b[i] != '\r' {
				i++
			}
		case c == '(':
			i++
			for depth := 1; depth > 0; i++ {
				if i >= len(b) {
					return 0, false, false
				}
				switch b[i] {
				case '\\':
					i++
				case '(':
					depth++
				case ')':
					depth--
				}
			}
		case c == '<' && i+1 < len(b) && b[i+1] == '<':
			i += 2
		case c == '<':
			j := bytes.IndexByte(b[i:], '>')
			if j < 0 {
				return 0, false, false
			}
			i += j + 1
		case c == '/':
			i++
			for i < len(b) && !isWhite(b[i]) && !isDelim(b[i]) {
				i++
			}
		case isDelim(c):
			i++
		default:
			start := i
			for i < len(b) && !isWhite(b[i]) && !isDelim(b[i]) {
				i++
			}
			switch string(b[start:i]) {
			case "endobj":
				return start, false, true
			case "stream":
				return start, true, true
			}
		}
	}
	return 0, false, false
}
