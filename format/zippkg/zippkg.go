// Package zippkg opens the zip packages of office formats (DOCX, ODT) as untrusted
// input: the central directory is counted before archive/zip allocates an entry for
// each, every part's declared size and compression ratio are checked before it is
// inflated, a part never yields more bytes than its header declared, and a guard counts
// the attributes of each XML start tag before the XML tokenizer (Tokenizer) allocates
// them.
package zippkg

import (
	"archive/zip"
	"bytes"
	"encoding/binary"
	"errors"
	"io"
	"sort"
	"strings"

	"github.com/lab110bis/focusplus/checker"
)

// Per-part bounds, on top of checker.Limits: no real office XML part comes near them.
const (
	maxPartBytes = 128 << 20 // one XML part, inflated
	// maxRatio is the highest inflated/compressed ratio accepted for a part over
	// ratioFloor bytes. Office XML compresses about 5-30×, generated repetitive tables
	// a few hundred times; deflate's own ceiling, reached by a bomb of zeros, is 1032×.
	maxRatio   = 1000
	ratioFloor = 1 << 20
)

// entries counts the entries of the central directory by walking its headers, up to
// limit+1, before archive/zip builds one File per entry. The count field of the
// end-of-central-directory record is not trusted: it holds 16 bits, and archive/zip
// accepts a directory whose real count equals it modulo 65,536, so a file declaring 10
// entries could carry a million (1.12 GB). ok is false when the directory cannot be
// found; archive/zip then refuses the file itself.
func entries(data []byte, limit int) (n int, ok bool) {
	const eocdLen = 22
	if len(data) < eocdLen {
		return 0, false
	}
	from := len(data) - (eocdLen + 65535)
	from = max(from, 0)
	i := bytes.LastIndex(data[from:], []byte("PK\x05\x06"))
	if i < 0 {
		return 0, false
	}
	i += from
	if i+eocdLen > len(data) {
		return 0, false
	}
	// The directory ends where the end record starts (or its Zip64 form, announced by
	// a 20-byte locator just before it); its size says where it starts. Walking back
	// from the end, as archive/zip does, also finds a directory behind prepended bytes.
	end := i
	size := uint64(binary.LittleEndian.Uint32(data[i+12:]))
	if i >= 20 && string(data[i-20:i-16]) == "PK\x06\x07" {
		off := binary.LittleEndian.Uint64(data[i-20+8:])
		if off < uint64(len(data)) && off+56 <= uint64(len(data)) && string(data[off:off+4]) == "PK\x06\x06" {
			end = int(off)
			size = binary.LittleEndian.Uint64(data[off+40:])
		}
	}
	if size > uint64(end) {
		return 0, false
	}
	pos := end - int(size)
	for pos+46 <= end && string(data[pos:pos+4]) == "PK\x01\x02" {
		n++
		if n > limit {
			return n, true
		}
		pos += 46 + int(binary.LittleEndian.Uint16(data[pos+28:])) + int(binary.LittleEndian.Uint16(data[pos+30:])) + int(binary.LittleEndian.Uint16(data[pos+32:]))
	}
	return n, true
}

// Package is an opened zip package with its budget of inflated bytes.
type Package struct {
	files    map[string]*zip.File
	lower    map[string]*zip.File
	inflated int64
	budget   int64
}

// Open reads the directory of a zip package within the limits. what names the kind of
// document in messages ("Word document"); damaged is the advice given when the zip
// cannot be read.
func Open(data []byte, lim checker.Limits, what, damaged checker.Text) (*Package, error) {
	maxEntries := lim.MaxEntries
	if maxEntries <= 0 {
		maxEntries = checker.DefaultLimits().MaxEntries
	}
	if n, ok := entries(data, maxEntries); ok && n > maxEntries {
		return nil, checker.Errorf("the zip archive has more than %d entries: not a normal %s",
			"l'archive zip a plus de %d entrées : ce n'est pas un %s normal", maxEntries, what)
	}
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return nil, &checker.LoadError{Msg: checker.Text{
			En: "the file is a damaged zip archive (" + err.Error() + "): " + damaged.En,
			Fr: "le fichier est une archive zip endommagée (" + err.Error() + ") : " + damaged.Fr,
		}}
	}
	if len(zr.File) > maxEntries {
		return nil, checker.Errorf("the zip archive has %d entries, over the limit of %d", "l'archive zip a %d entrées, au-delà de la limite de %d", len(zr.File), maxEntries)
	}
	budget := lim.MaxInflated
	if budget <= 0 {
		budget = checker.DefaultLimits().MaxInflated
	}
	p := &Package{files: make(map[string]*zip.File, len(zr.File)), lower: make(map[string]*zip.File, len(zr.File)), budget: budget}
	for _, f := range zr.File {
		name := strings.TrimPrefix(strings.ReplaceAll(f.Name, "\\", "/"), "/")
		// OPC part names are case-insensitive and unique (ECMA-376 Part 2, 6.2.2.3 and
		// 6.3.5): two parts of one name would let a reader and Word see different
		// documents in the same file.
		lower := strings.ToLower(name)
		if p.lower[lower] != nil {
			return nil, checker.Errorf("the zip archive holds the part %s twice: the file is damaged or hostile",
				"l'archive zip contient deux fois la partie %s : le fichier est endommagé ou malveillant", name)
		}
		p.files[name] = f
		p.lower[lower] = f
	}
	return p, nil
}

func (p *Package) File(name string) *zip.File {
	if f := p.files[name]; f != nil {
		return f
	}
	return p.lower[strings.ToLower(name)]
}

func (p *Package) Has(name string) bool { return p.File(name) != nil }

// ErrNoPart is returned by Open for a part the package does not have.
var ErrNoPart = errors.New("no such part")

// Part checks a part's header against the limits and returns a reader that inflates
// at most what the header declared: a part that holds more than it says is refused.
func (p *Package) Part(name string) (io.ReadCloser, error) {
	f := p.File(name)
	if f == nil {
		return nil, ErrNoPart
	}
	declared := f.UncompressedSize64
	limit := uint64(min(int64(maxPartBytes), p.budget))
	if declared > limit {
		return nil, checker.Errorf("the part %s declares %s once uncompressed, over the %s limit: the file looks like a zip bomb",
			"la partie %s annonce %s une fois décompressée, au-delà de la limite de %s : le fichier ressemble à une bombe zip",
			name, checker.HumanBytes(int64(min(declared, 1<<62))), checker.HumanBytes(int64(limit)))
	}
	if declared > ratioFloor && f.CompressedSize64 > 0 && declared/f.CompressedSize64 > maxRatio {
		return nil, checker.Errorf("the part %s compresses %d times: the file looks like a zip bomb",
			"la partie %s est compressée %d fois : le fichier ressemble à une bombe zip", name, declared/f.CompressedSize64)
	}
	if p.inflated+int64(declared) > p.budget {
		return nil, checker.Errorf("the document inflates to more than %s", "le document décompressé dépasse %s", checker.HumanBytes(p.budget))
	}
	if f.Method != zip.Store && f.Method != zip.Deflate {
		return nil, checker.Errorf("the part %s uses an unsupported compression method (%d)", "la partie %s utilise une méthode de compression non prise en charge (%d)", name, f.Method)
	}
	rc, err := f.Open()
	if err != nil {
		return nil, checker.DetailErrorf(err, "cannot open the part %s", "impossible d'ouvrir la partie %s", name)
	}
	return &boundedReader{rc: rc, name: name, declared: int64(declared), left: int64(declared), p: p}, nil
}

// boundedReader refuses to inflate more bytes than the zip header declared, whatever
// the deflate stream holds.
type boundedReader struct {
	rc       io.ReadCloser
	name     string
	declared int64
	left     int64
	p        *Package
}

func (b *boundedReader) Read(buf []byte) (int, error) {
	if b.left <= 0 {
		// One more byte tells a lying header from the end of the part.
		var one [1]byte
		n, err := b.rc.Read(one[:])
		// archive/zip itself answers ErrFormat once more than the declared size comes out.
		if n > 0 || errors.Is(err, zip.ErrFormat) {
			return 0, checker.Errorf("the part %s holds more data than its zip header declares (%d bytes): the file is damaged or hostile",
				"la partie %s contient plus de données que son en-tête zip ne l'annonce (%d octets) : le fichier est endommagé ou malveillant", b.name, b.declared)
		}
		if err == nil || errors.Is(err, io.EOF) {
			return 0, io.EOF
		}
		return 0, err
	}
	if int64(len(buf)) > b.left {
		buf = buf[:b.left]
	}
	n, err := b.rc.Read(buf)
	b.left -= int64(n)
	b.p.inflated += int64(n)
	if errors.Is(err, zip.ErrChecksum) || errors.Is(err, zip.ErrFormat) {
		err = checker.DetailErrorf(err, "the part %s is damaged", "la partie %s est endommagée", b.name)
	}
	return n, err
}

func (b *boundedReader) Close() error { return b.rc.Close() }

// ReadSmall reads a small part whole (mimetype, app.xml), at most max bytes.
func (p *Package) ReadSmall(name string, max int64) ([]byte, error) {
	rc, err := p.Part(name)
	if err != nil {
		return nil, err
	}
	defer rc.Close()
	return io.ReadAll(io.LimitReader(rc, max))
}

// Names lists the part names, sorted.
func (p *Package) Names() []string {
	out := make([]string, 0, len(p.files))
	for n := range p.files {
		out = append(out, n)
	}
	sort.Strings(out)
	return out
}
