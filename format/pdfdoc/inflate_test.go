package pdfdoc

import (
	"bytes"
	"compress/zlib"
	"testing"

	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu/types"
)

func deflated(t *testing.T, data []byte) []byte {
	var b bytes.Buffer
	w := zlib.NewWriter(&b)
	w.Write(data)
	w.Close()
	return b.Bytes()
}

// inflate gives what pdfcpu's decoder gives, or declines and leaves the stream to it:
// whole, truncated, corrupt, over the limit, and with a declared length that lies.
func TestInflateAgreesWithPdfcpu(t *testing.T) {
	text := bytes.Repeat([]byte("BT /F1 12 Tf 72 700 Td (Hello world) Tj ET\n"), 2000)
	whole := deflated(t, text)
	corrupt := append([]byte(nil), whole...)
	corrupt[len(corrupt)-2] ^= 0xff // the checksum
	flate := []types.PDFFilter{{Name: "FlateDecode"}}
	for name, tc := range map[string]struct {
		raw   []byte
		dict  types.Dict
		limit int64
	}{
		"whole":             {whole, types.Dict{}, 1 << 20},
		"declared exactly":  {whole, types.Dict{"Length1": types.Integer(len(text))}, 1 << 20},
		"declared too much": {whole, types.Dict{"DL": types.Integer(1 << 40)}, 1 << 20},
		"declared too few":  {whole, types.Dict{"Length1": types.Integer(10)}, 1 << 20},
		"truncated":         {whole[:len(whole)/2], types.Dict{}, 1 << 20},
		"bad checksum":      {corrupt, types.Dict{}, 1 << 20},
		"over the limit":    {whole, types.Dict{}, int64(len(text)) - 1},
		"at the limit":      {whole, types.Dict{}, int64(len(text))},
		"not zlib":          {[]byte("plain text"), types.Dict{}, 1 << 20},
	} {
		sd := types.StreamDict{Dict: tc.dict, Raw: tc.raw, FilterPipeline: flate}
		ref := sd
		refErr := ref.DecodeWithLimit(tc.limit)
		got, ok := inflate(&sd, tc.limit)
		switch {
		case ok && refErr != nil:
			t.Errorf("%s: decoded %d bytes where pdfcpu fails (%v)", name, len(got), refErr)
		case ok && !bytes.Equal(got, ref.Content):
			t.Errorf("%s: %d bytes, pdfcpu %d", name, len(got), len(ref.Content))
		case !ok && refErr == nil && name != "bad checksum":
			t.Errorf("%s: declined a stream pdfcpu decodes", name)
		}
		if name == "whole" && (!ok || !bytes.Equal(got, text)) {
			t.Errorf("whole: want the text back")
		}
	}
	// Streams with parameters or other filters are left to pdfcpu.
	sd := types.StreamDict{Dict: types.Dict{}, Raw: whole, FilterPipeline: []types.PDFFilter{{Name: "FlateDecode", DecodeParms: types.Dict{"Predictor": types.Integer(12)}}}}
	if _, ok := inflate(&sd, 1<<20); ok {
		t.Error("decoded a stream with a predictor")
	}
}

// FuzzInflate checks inflate against pdfcpu's decoder on any stream: whenever it decodes,
// pdfcpu decodes the same bytes.
func FuzzInflate(f *testing.F) {
	f.Add([]byte("BT (a) Tj ET"), true, int64(0), uint16(100))
	f.Add([]byte("xx"), false, int64(1<<30), uint16(1))
	f.Fuzz(func(t *testing.T, data []byte, deflate bool, declared int64, limit uint16) {
		raw := data
		if deflate {
			raw = deflated(t, data)
		}
		sd := types.StreamDict{Dict: types.Dict{"DL": types.Integer(declared)}, Raw: raw, FilterPipeline: []types.PDFFilter{{Name: "FlateDecode"}}}
		ref := sd
		refErr := ref.DecodeWithLimit(int64(limit))
		got, ok := inflate(&sd, int64(limit))
		if ok && (refErr != nil || !bytes.Equal(got, ref.Content)) {
			t.Fatalf("inflate %d bytes, pdfcpu %d bytes (%v)", len(got), len(ref.Content), refErr)
		}
	})
}
