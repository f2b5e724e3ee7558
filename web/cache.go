package web

import (
	"bytes"
	"crypto/rand"
	"encoding/base64"
	"image"
	"image/png"
	"sync"
	"time"

	"github.com/lab110bis/focusplus/checker"
)

// checkedBatch is what the result pages need after an upload: the results, and for each
// document its reading view and page previews. It holds the uploaded file only for a
// document with more pages than were rendered at check time, to draw the others when a
// reader pages to them, and only as long as the result itself.
type checkedBatch struct {
	id      string
	owner   string // the client that uploaded it (see clientKey)
	expires time.Time
	size    int64 // approximate bytes held
	docs    []*checkedDoc
}

type checkedDoc struct {
	Result   checker.Result // Result.Doc is dropped: the model may hold the whole file
	Reading  *checker.ReadingView
	Previews []pagePreview // the first pages, at most Config.PreviewPages
	// NoPreview says why there are no previews (no renderer for this format).
	NoPreview checker.Text
	// lazy renders the pages past Previews on demand; nil when Previews has them all.
	// It holds the loaded document (and so the file) until the result expires.
	lazy *lazyPages
}

// pagePreview is one page rendered at preview size, kept as a PNG: a page of text
// compresses tenfold, so the cache holds ten times more pages than as raw pixels.
type pagePreview struct {
	Page          int
	PNG           []byte
	Width, Height int
	// Scale converts finding boxes (page points or image pixels) to preview pixels.
	Scale float64
}

// newPreview encodes a page image for the cache.
func newPreview(page int, img *image.RGBA, scale float64) (pagePreview, error) {
	var buf bytes.Buffer
	if err := (&png.Encoder{CompressionLevel: png.BestSpeed}).Encode(&buf, img); err != nil {
		return pagePreview{}, err
	}
	return pagePreview{Page: page, PNG: buf.Bytes(), Width: img.Rect.Dx(), Height: img.Rect.Dy(), Scale: scale}, nil
}

// image decodes the preview.
func (p *pagePreview) image() (*image.RGBA, error) {
	img, err := png.Decode(bytes.NewReader(p.PNG))
	if err != nil {
		return nil, err
	}
	if rgba, ok := img.(*image.RGBA); ok {
		return rgba, nil
	}
	rgba := image.NewRGBA(img.Bounds())
	copyInto(rgba, img)
	return rgba, nil
}

// resultCache holds recent batches for a short time, bounded in count and bytes, and
// fair between clients: one client holds at most a share of either bound, its own
// oldest results making room for its new ones; when the whole cache is full, the
// client holding the most bytes gives up its oldest. So 200 uploads from one client
// evict only that client's results. Nothing is ever written to disk.
type resultCache struct {
	mu         sync.Mutex
	maxEntries int
	maxBytes   int64
	// perEntries and perBytes bound one client's share.
	perEntries int
	perBytes   int64
	ttl        time.Duration
	now        func() time.Time
	byID       map[string]*checkedBatch
	order      []*checkedBatch // oldest first
	bytes      int64
	owners     map[string]*ownerUse
}

type ownerUse struct {
	entries int
	bytes   int64
}

func newResultCache(maxEntries int, maxBytes int64, ttl time.Duration) *resultCache {
	return &resultCache{maxEntries: maxEntries, maxBytes: maxBytes, ttl: ttl, now: time.Now, byID: map[string]*checkedBatch{},
		perEntries: max(maxEntries/10, 5), perBytes: maxBytes / 4, owners: map[string]*ownerUse{}}
}

// newID returns an unguessable key: a result page is reachable only by who uploaded.
func newID() string {
	var b [16]byte
	rand.Read(b[:])
	return base64.RawURLEncoding.EncodeToString(b[:])
}

// put stores a batch of no particular client (tests, embedding programs): only the
// whole cache's bounds apply.
func (c *resultCache) put(docs []*checkedDoc) string { return c.putFor("", docs) }

// putFor stores a batch for a client and returns its id. A batch larger than the
// client's share is dropped of its previews first, and not stored at all if still too
// large.
func (c *resultCache) putFor(owner string, docs []*checkedDoc) string {
	b := &checkedBatch{id: newID(), owner: owner, docs: docs}
	b.size = batchSize(docs)
	share, entries := c.perBytes, c.perEntries
	if owner == "" {
		share, entries = c.maxBytes, c.maxEntries
	}
	if b.size > share {
		for _, d := range docs {
			d.Previews = nil
			d.lazy = nil
			d.NoPreview = checker.Text{En: "Previews were too large to keep for this upload.", Fr: "Les aperçus étaient trop volumineux pour être conservés pour cet envoi."}
		}
		b.size = batchSize(docs)
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	b.expires = c.now().Add(c.ttl)
	c.pruneLocked()
	if b.size > share {
		return ""
	}
	// First the client's own share, then the whole cache.
	for u := c.owners[owner]; u != nil && (u.entries >= entries || u.bytes+b.size > share); u = c.owners[owner] {
		c.removeLocked(c.oldestOf(owner))
	}
	for len(c.order) > 0 && (len(c.order) >= c.maxEntries || c.bytes+b.size > c.maxBytes) {
		c.removeLocked(c.oldestOf(c.heaviestLocked()))
	}
	c.byID[b.id] = b
	c.order = append(c.order, b)
	c.bytes += b.size
	u := c.owners[owner]
	if u == nil {
		u = &ownerUse{}
		c.owners[owner] = u
	}
	u.entries++
	u.bytes += b.size
	return b.id
}

// oldestOf is the index in order of the owner's oldest batch.
func (c *resultCache) oldestOf(owner string) int {
	for i, b := range c.order {
		if b.owner == owner {
			return i
		}
	}
	return 0
}

// heaviestLocked is the client holding the most bytes.
func (c *resultCache) heaviestLocked() string {
	best, most := "", int64(-1)
	for o, u := range c.owners {
		if u.bytes > most || (u.bytes == most && o < best) {
			best, most = o, u.bytes
		}
	}
	return best
}

func (c *resultCache) get(id string) *checkedBatch {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.pruneLocked()
	return c.byID[id]
}

// prune drops expired batches.
func (c *resultCache) prune() {
	c.mu.Lock()
	c.pruneLocked()
	c.mu.Unlock()
}

func (c *resultCache) stats() (entries int, bytes int64) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.pruneLocked()
	return len(c.order), c.bytes
}

func (c *resultCache) pruneLocked() {
	now := c.now()
	// Batches expire in insertion order: every one gets the same ttl.
	for len(c.order) > 0 && !now.Before(c.order[0].expires) {
		c.removeLocked(0)
	}
}

func (c *resultCache) removeLocked(i int) {
	b := c.order[i]
	delete(c.byID, b.id)
	c.bytes -= b.size
	if u := c.owners[b.owner]; u != nil {
		u.entries--
		u.bytes -= b.size
		if u.entries <= 0 {
			delete(c.owners, b.owner)
		}
	}
	c.order[i] = nil
	c.order = append(c.order[:i], c.order[i+1:]...)
}

func batchSize(docs []*checkedDoc) int64 {
	n := int64(512)
	for _, d := range docs {
		n += 1024
		for _, f := range d.Result.Findings {
			n += int64(256 + len(f.Message.En) + len(f.Message.Fr) + len(f.Fix.En) + len(f.Fix.Fr) + 96*len(f.Locations))
		}
		if d.Reading != nil {
			for _, it := range d.Reading.Items {
				n += int64(64 + len(it.Text))
			}
		}
		for _, p := range d.Previews {
			n += int64(len(p.PNG))
		}
		if d.lazy != nil {
			n += 2*int64(len(d.lazy.doc.Source)) + lazyPagesKept*lazyPreviewBytes
		}
	}
	return n
}
