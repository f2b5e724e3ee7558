package pdfdoc

import (
	"bytes"
	"compress/zlib"
	"context"
	"errors"
	"fmt"
	"io"
	"sync"

	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu/model"
	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu/types"
)

// errBudget stops a walk that went over the document's element budget or deadline.
var errBudget = errors.New("pdf object budget exhausted")

// objects reads pdfcpu's cross-reference table with every access bounded: references are
// followed a bounded number of times, stream decoding is capped, and every walk charges
// a shared element budget and checks the document deadline.
type objects struct {
	xt       *model.XRefTable
	ctx      context.Context
	budget   int   // elements still allowed
	inflated int64 // decoded bytes still allowed
	maxDepth int
	err      error // first budget or deadline error
	// undecoded counts streams that could not be decoded (damaged, or over the limit).
	undecoded int
}

// tick charges one element; it returns false once the budget or deadline is gone.
func (o *objects) tick() bool {
	if o.err != nil {
		return false
	}
	o.budget--
	if o.budget < 0 {
		o.err = errBudget
		return false
	}
	if o.budget&1023 == 0 {
		if err := o.ctx.Err(); err != nil {
			o.err = err
			return false
		}
	}
	return true
}

// resolve follows indirect references (a chain of at most 16).
func (o *objects) resolve(x types.Object) types.Object {
	for i := 0; i < 16; i++ {
		r, ok := x.(types.IndirectRef)
		if !ok {
			return x
		}
		y, err := safeDeref(o.xt, r)
		if err != nil || y == nil {
			return nil
		}
		x = y
	}
	return nil
}

func safeDeref(xt *model.XRefTable, r types.IndirectRef) (obj types.Object, err error) {
	defer func() {
		if p := recover(); p != nil {
			obj, err = nil, fmt.Errorf("object %d: %v", r.ObjectNumber, p)
		}
	}()
	return xt.Dereference(r)
}

// refKey is "12 0 R" for an indirect reference, "" otherwise.
func refKey(x types.Object) string {
	if r, ok := x.(types.IndirectRef); ok {
		return fmt.Sprintf("%d %d R", r.ObjectNumber, r.GenerationNumber)
	}
	return ""
}

func refNum(x types.Object) int {
	if r, ok := x.(types.IndirectRef); ok {
		return int(r.ObjectNumber)
	}
	return 0
}

func (o *objects) dict(x types.Object) types.Dict {
	switch v := o.resolve(x).(type) {
	case types.Dict:
		return v
	case types.StreamDict:
		return v.Dict
	}
	return nil
}

func (o *objects) array(x types.Object) types.Array {
	if a, ok := o.resolve(x).(types.Array); ok {
		return a
	}
	return nil
}

func (o *objects) stream(x types.Object) *types.StreamDict {
	if s, ok := o.resolve(x).(types.StreamDict); ok {
		return &s
	}
	return nil
}

func (o *objects) name(x types.Object) (string, bool) {
	if n, ok := o.resolve(x).(types.Name); ok {
		return string(n), true
	}
	return "", false
}

func (o *objects) num(x types.Object) (float64, bool) {
	switch v := o.resolve(x).(type) {
	case types.Integer:
		return float64(v), true
	case types.Float:
		return float64(v), true
	}
	return 0, false
}

func (o *objects) integer(x types.Object) (int, bool) {
	f, ok := o.num(x)
	return int(f), ok
}

func (o *objects) boolean(x types.Object) (bool, bool) {
	if b, ok := o.resolve(x).(types.Boolean); ok {
		return bool(b), true
	}
	return false, false
}

// text decodes a PDF text string (PDFDocEncoding or UTF-16BE); ok is false when the
// object is absent or not a string.
func (o *objects) text(x types.Object) (string, bool) {
	switch v := o.resolve(x).(type) {
	case types.StringLiteral:
		s, err := types.StringLiteralToString(v)
		if err != nil {
			return string(v), true
		}
		return s, true
	case types.HexLiteral:
		s, err := types.HexLiteralToString(v)
		if err != nil {
			return "", true
		}
		return s, true
	}
	return "", false
}

// rawBytes returns the bytes of a string object, undecoded.
func (o *objects) rawBytes(x types.Object) ([]byte, bool) {
	switch v := o.resolve(x).(type) {
	case types.StringLiteral:
		b, err := types.Unescape(string(v))
		if err != nil {
			return []byte(v), true
		}
		return b, true
	case types.HexLiteral:
		b, err := v.Bytes()
		return b, err == nil
	}
	return nil, false
}

// maxStreamInflated bounds one decoded stream (content, font program, metadata): real
// content streams are a few MiB at most; past this the stream counts as undecodable.
const maxStreamInflated = 64 << 20

// content decodes a stream within the inflation budget.
func (o *objects) content(sd *types.StreamDict) []byte {
	if sd == nil || o.err != nil {
		return nil
	}
	if sd.Content != nil {
		return sd.Content
	}
	if o.inflated <= 0 {
		o.err = errBudget
		return nil
	}
	// One stream gets at most maxStreamInflated: the decoder grows its buffer by doubling,
	// so a stream of zeros allowed the whole document budget costs twice that in memory.
	limit := min(o.inflated, maxStreamInflated)
	var out []byte
	if data, ok := inflate(sd, limit); ok {
		out = data
	} else {
		func() {
			defer func() { _ = recover() }()
			s := *sd
			if err := s.DecodeWithLimit(limit); err == nil {
				out = s.Content
			} else if len(s.FilterPipeline) == 0 {
				out = s.Raw
			} else {
				o.undecoded++
			}
		}()
	}
	o.inflated -= int64(len(out))
	return out
}

// inflaters keeps zlib readers (their window and tables are 40 KB) for the next stream.
var inflaters sync.Pool

// inflate decodes a stream with the one filter nearly every stream has, FlateDecode
// without parameters, into a buffer sized from what the stream declares: pdfcpu's decoder
// allocates a new zlib reader per stream and grows its output by doubling, which made
// decoding the embedded fonts a quarter of the time spent reading the PDF/UA corpus.
// It reports false for any other stream and for any error (a damaged stream, one over
// limit), which are then decoded by pdfcpu as before, with the same results.
func inflate(sd *types.StreamDict, limit int64) ([]byte, bool) {
	if len(sd.FilterPipeline) != 1 || sd.FilterPipeline[0].Name != "FlateDecode" || sd.FilterPipeline[0].DecodeParms != nil || len(sd.Raw) == 0 {
		return nil, false
	}
	src := bytes.NewReader(sd.Raw)
	zr, _ := inflaters.Get().(io.ReadCloser)
	if zr == nil || zr.(zlib.Resetter).Reset(src, nil) != nil {
		var err error
		if zr, err = zlib.NewReader(src); err != nil {
			return nil, false
		}
	}
	defer inflaters.Put(zr)
	// Deflate expands at most 1032 times: a declared length (a font program's Length1,
	// DL) is trusted only within that and the limit, so a small hostile stream that
	// declares gigabytes allocates no more than it could really produce.
	size := int64(len(sd.Raw)) * 4
	if n := declaredLength(sd.Dict); n > 0 {
		size = n
	}
	size = min(size, int64(len(sd.Raw))*1032, limit) + 1
	out := make([]byte, 0, size)
	for {
		if len(out) == cap(out) {
			out = append(out, 0)[:len(out)]
		}
		n, err := zr.Read(out[len(out):cap(out)])
		out = out[:len(out)+n]
		if int64(len(out)) > limit {
			return nil, false
		}
		switch err {
		case nil:
		case io.EOF, io.ErrUnexpectedEOF: // a truncated stream keeps what it holds, as in pdfcpu
			return out, true
		default:
			return nil, false
		}
	}
}

// declaredLength is the decoded length a stream declares: DL (ISO 32000-1 7.3.8.2), or
// the Length1 to Length3 of an embedded font program.
func declaredLength(d types.Dict) int64 {
	if n, ok := d["DL"].(types.Integer); ok && n > 0 {
		return int64(n)
	}
	var sum int64
	for _, k := range []string{"Length1", "Length2", "Length3"} {
		if n, ok := d[k].(types.Integer); ok && n > 0 {
			sum += int64(n)
		}
	}
	return sum
}

// has reports whether a dictionary has a non-null entry.
func has(d types.Dict, key string) bool {
	if d == nil {
		return false
	}
	v, ok := d[key]
	return ok && v != nil
}
