// Package pdfdoc loads a PDF into the model every PDF rule reads: catalog facts, pages
// and their annotations, the structure tree with role mapping resolved, the fonts that
// are used, and what the content streams say about tagged and untagged content.
//
// PDF files are untrusted. The file is read with pdfcpu in relaxed mode (a file a strict
// validator refuses is still a document to report on), under recover; every tree walk
// (page tree, structure tree, outlines, name trees, form XObjects) detects cycles and is
// bounded in depth and element count, and honours the document deadline.
package pdfdoc

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"strings"

	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu"
	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu/model"
	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu/types"

	"github.com/lab110bis/focusplus/checker"
)

// pdfcpu reads no configuration directory (what its api.DisableConfigDir sets; the api
// package is not linked, as its form filling pulls in a width table built at start-up).
func init() { model.ConfigPath = "disable" }

// Doc is the PDF model shared by all PDF rules.
type Doc struct {
	Version string

	source []byte // the file, for the renderer

	// Encryption.
	Encrypted bool
	HasP      bool
	P         int64 // permission bits of the encryption dictionary

	// Catalog.
	HasMarkInfo        bool
	Marked             bool
	Suspects           bool
	Lang               string
	HasLang            bool
	HasViewerPrefs     bool
	HasDisplayDocTitle bool
	DisplayDocTitle    bool
	InfoTitle          string
	HasMetadata        bool
	XMP                XMP
	Outlines           []*Outline
	HasStructTree      bool
	RoleMap            map[string]string

	// Structure.
	Root  *Elem   // the StructTreeRoot as a synthetic element; nil when absent
	Elems []*Elem // every structure element, in document order
	// StructIssues are problems found while reading the structure tree (role map
	// cycles, elements without parent, cycles and limits).
	RoleIssues []RoleIssue

	Pages []*Page
	// PageCount is the page count the page tree declares; Pages may hold fewer when the
	// page limit stopped the walk.
	PageCount int
	Fonts     []*Font // fonts used by the content streams

	OCConfigs   []*OCConfig
	FileSpecs   []*FileSpec
	HasAcroForm bool
	XFARequired bool // XFA with dynamicRender "required"
	Fields      []*Field
	Forms       []*XForm // form XObjects painted by the pages
	MediaClips  []*MediaClip

	// Truncated is set when a limit or the deadline stopped a walk: absent findings
	// are then not proof of conformance.
	Truncated bool
	// Notes are problems the loader met and repaired or skipped.
	Notes []string

	byMCID map[mcKey]*Elem
	byObj  map[int]*Elem
}

// XMP holds the facts read from the catalog's metadata stream.
type XMP struct {
	Parsed     bool
	HasUAID    bool   // the pdfuaid schema is used
	Part       string // pdfuaid:part
	PartPrefix string // namespace prefix that carried "part"
	HasTitle   bool
	Title      string
	TitleLangs []string // xml:lang of the dc:title alternatives
}

// Outline is one bookmark.
type Outline struct {
	Title string
	Depth int
	Ref   string
}

// RoleIssue is a role-map problem.
type RoleIssue struct {
	Type    string // the structure type as written
	Problem string // "nonstandard", "circular", "remapped"
	Target  string
	Elem    *Elem
}

// Page is one page.
type Page struct {
	Num      int // 1-based
	Ref      string
	Tabs     string
	CropBox  [4]float64
	Annots   []*Annot
	Content  ContentFacts
	Resource types.Dict
}

// Annot is an annotation of a page.
type Annot struct {
	Page        int
	Ref         string
	ObjNum      int
	Subtype     string
	Contents    string
	HasContents bool
	URI         string // target of a URI action, "" for other links
	Flags       int
	Rect        [4]float64
	OutsideCrop bool
	Parent      *Elem // structure element its StructParent names in the parent tree
	ObjParent   *Elem // structure element holding an object reference to it
	// Widget field facts.
	TU    string
	HasTU bool
}

// Hidden reports an annotation veraPDF and Matterhorn ignore: hidden flag or outside
// the crop box.
func (a *Annot) Hidden() bool { return a.Flags&2 != 0 || a.OutsideCrop }

// OCConfig is an optional content configuration dictionary.
type OCConfig struct {
	Ref     string
	Default bool
	Name    string
	HasName bool
	HasAS   bool
}

// FileSpec is a file specification dictionary.
type FileSpec struct {
	Ref          string
	HasEF        bool
	F, UF        string
	HasF, HasUF  bool
	InAnnotation bool
}

// Field is an interactive form field.
type Field struct {
	Ref   string
	TU    string
	HasTU bool
}

// XForm is a form XObject painted from a page.
type XForm struct {
	Ref     string
	ObjNum  int
	HasRef  bool // a reference XObject (Ref entry)
	Uses    int  // Do operators painting it
	HasMCID bool // its content has marked-content identifiers
}

// MediaClip is a media clip data dictionary.
type MediaClip struct {
	Ref    string
	HasCT  bool
	HasAlt bool
	AltOK  bool // Alt is a multi-language text array with at least one pair
}

// Load reads a PDF. It implements checker.Loader.
func Load(ctx context.Context, name string, data []byte, format checker.Format, lim checker.Limits) (doc *checker.Document, err error) {
	if lim.MaxBytes > 0 && int64(len(data)) > lim.MaxBytes {
		return nil, checker.Errorf("file too large: %d bytes (limit %d)", "fichier trop volumineux : %d octets (limite %d)", len(data), lim.MaxBytes)
	}
	if !bytes.HasPrefix(bytes.TrimLeft(data[:min(len(data), 1024)], "\x00\t\r\n "), []byte("%PDF-")) && !bytes.Contains(data[:min(len(data), 1024)], []byte("%PDF-")) {
		return nil, checker.Errorf("not a PDF file (no %%PDF- header)", "ce n'est pas un fichier PDF (pas d'en-tête %%PDF-)")
	}
	defer func() {
		if p := recover(); p != nil {
			doc, err = nil, damagedPDF(fmt.Sprint(p))
		}
	}()
	d, err := Parse(ctx, data, lim)
	if err != nil {
		return nil, err
	}
	d.source = data
	title := d.XMP.Title
	if title == "" {
		title = d.InfoTitle
	}
	pages := len(d.Pages)
	if d.PageCount > pages && d.Truncated {
		pages = d.PageCount
	}
	return &checker.Document{
		Name: name, Format: Name, Pages: pages, Title: title,
		Language: d.Lang, Content: d, Source: data,
	}, nil
}

// damagedPDF is the error of a PDF whose structure cannot be read; the reader's own
// message (pdfcpu's, in English, about cross-reference tables and object streams) is
// kept as detail for experts only.
func damagedPDF(detail string) error {
	return &checker.LoadError{Msg: checker.Textf(
		"the PDF is damaged: its structure cannot be read. Open it in Acrobat (or the program that made it) and save or export it again",
		"le PDF est endommagé : sa structure ne peut pas être lue. Ouvrez-le dans Acrobat (ou le logiciel qui l'a créé) et enregistrez-le ou exportez-le à nouveau"),
		Detail: truncMsg(detail)}
}

func truncMsg(s string) string {
	if len(s) > 160 {
		return s[:160] + "…"
	}
	return s
}

// Parse builds the model from the bytes of a PDF.
func Parse(ctx context.Context, data []byte, lim checker.Limits) (*Doc, error) {
	conf := model.NewDefaultConfiguration()
	conf.ValidationMode = model.ValidationRelaxed
	conf.Cmd = model.VALIDATE
	if lim.MaxInflated > 0 {
		conf.Limits.MaxDecodeBytes = min(lim.MaxInflated, maxStreamInflated) // per stream
		conf.Limits.MaxStreamBytes = lim.MaxInflated
	}
	if err := checkObjectBudget(data); err != nil {
		return nil, err
	}
	pctx, err := readContext(ctx, data, conf)
	if err != nil {
		if errors.Is(err, pdfcpu.ErrWrongPassword) || strings.Contains(err.Error(), "password") {
			return nil, &checker.LoadError{Rule: "PDF-ACCESS-PERMISSION", Msg: checker.Textf(
				"password protected: the PDF needs a password to open, so nobody can check it (or read it with assistive technology without the password)",
				"protégé par mot de passe : le PDF demande un mot de passe à l'ouverture ; il ne peut pas être vérifié (ni lu par une aide technique sans ce mot de passe)")}
		}
		if errors.Is(err, context.DeadlineExceeded) || errors.Is(err, context.Canceled) {
			return nil, checker.Errorf("the PDF could not be read before the deadline", "le PDF n'a pas pu être lu dans le temps imparti")
		}
		return nil, damagedPDF(err.Error())
	}
	maxEl := lim.MaxElements
	if maxEl <= 0 {
		maxEl = 5_000_000
	}
	inflated := lim.MaxInflated
	if inflated <= 0 {
		inflated = 512 << 20
	}
	depth := lim.MaxDepth
	if depth <= 0 {
		depth = 256
	}
	o := &objects{xt: pctx.XRefTable, ctx: ctx, budget: maxEl, inflated: inflated, maxDepth: depth}
	d := &Doc{byMCID: map[mcKey]*Elem{}, byObj: map[int]*Elem{}, RoleMap: map[string]string{}}
	d.Version = pctx.HeaderVersion.String()
	b := &builder{o: o, d: d, lim: lim, fonts: map[int]*Font{}, forms: map[int]*XForm{}}
	b.build(pctx)
	if o.undecoded > 0 {
		d.Truncated = true
		d.Notes = append(d.Notes, fmt.Sprintf("%d streams could not be decoded (damaged, or over the decompression limit)", o.undecoded))
	}
	if o.err != nil {
		if errors.Is(o.err, context.DeadlineExceeded) || errors.Is(o.err, context.Canceled) {
			return nil, checker.Errorf("the PDF could not be analysed before the deadline", "le PDF n'a pas pu être analysé dans le temps imparti")
		}
		d.Truncated = true
		d.Notes = append(d.Notes, o.err.Error())
	}
	return d, nil
}

func readContext(ctx context.Context, data []byte, conf *model.Configuration) (pc *model.Context, err error) {
	defer func() {
		if p := recover(); p != nil {
			pc, err = nil, fmt.Errorf("damaged file (%v)", p)
		}
	}()
	if pc, ok := readPlain(ctx, data, conf); ok {
		return pc, nil
	}
	pc, err = pdfcpu.ReadWithContext(ctx, bytes.NewReader(data), conf)
	if err == nil && pc == nil {
		err = errors.New("empty file")
	}
	return pc, err
}

// builder holds the state of one model build.
type builder struct {
	o           *objects
	d           *Doc
	lim         checker.Limits
	fonts       map[int]*Font
	forms       map[int]*XForm
	inlineFonts []*Font

	pageNum    map[int]int
	pageRefs   []types.Object
	pageInh    []inherited
	parentTree types.Dict
	ptMap      map[int]int
	elemRefs   map[int]*Elem
}

func (b *builder) build(pctx *model.Context) {
	o, d := b.o, b.d
	xt := pctx.XRefTable
	// Encryption.
	if xt.Encrypt != nil {
		d.Encrypted = true
		if ed := o.dict(*xt.Encrypt); ed != nil {
			if p, ok := o.num(ed["P"]); ok {
				d.HasP, d.P = true, int64(p)
			}
		}
	}
	if xt.Info != nil {
		if info := o.dict(*xt.Info); info != nil {
			d.InfoTitle, _ = o.text(info["Title"])
		}
	}
	var cat types.Dict
	if xt.Root != nil {
		cat = o.dict(*xt.Root)
	}
	if cat == nil {
		d.Notes = append(d.Notes, "no document catalog")
		return
	}
	if v, ok := o.name(cat["Version"]); ok {
		d.Version = v
	}
	if mi := o.dict(cat["MarkInfo"]); mi != nil {
		d.HasMarkInfo = true
		d.Marked, _ = o.boolean(mi["Marked"])
		d.Suspects, _ = o.boolean(mi["Suspects"])
	}
	if s, ok := o.text(cat["Lang"]); ok {
		d.Lang, d.HasLang = s, true
	}
	if vp := o.dict(cat["ViewerPreferences"]); vp != nil {
		d.HasViewerPrefs = true
		d.DisplayDocTitle, d.HasDisplayDocTitle = o.boolean(vp["DisplayDocTitle"])
	}
	if md := o.stream(cat["Metadata"]); md != nil {
		d.HasMetadata = true
		d.XMP = parseXMP(o.content(md))
	}
	b.outlines(cat)
	b.optionalContent(cat)
	b.acroForm(cat)
	b.embeddedFiles(cat)
	b.structTree(cat)
	b.pages(cat)
	for _, f := range b.fonts {
		if f != nil {
			d.Fonts = append(d.Fonts, f)
		}
	}
	d.Fonts = append(d.Fonts, b.inlineFonts...)
	sortFonts(d.Fonts)
	for _, f := range d.Fonts {
		if f.Used {
			f.checkProgram()
		}
	}
	for _, f := range b.forms {
		d.Forms = append(d.Forms, f)
	}
	sortForms(d.Forms)
}

func (b *builder) outlines(cat types.Dict) {
	o := b.o
	root := o.dict(cat["Outlines"])
	if root == nil {
		return
	}
	seen := map[int]bool{}
	var walk func(first types.Object, depth int)
	walk = func(first types.Object, depth int) {
		if depth > o.maxDepth {
			b.d.Truncated = true
			return
		}
		for cur := first; cur != nil; {
			n := refNum(cur)
			if n != 0 {
				if seen[n] {
					return
				}
				seen[n] = true
			}
			if !o.tick() {
				return
			}
			it := o.dict(cur)
			if it == nil {
				return
			}
			t, _ := o.text(it["Title"])
			b.d.Outlines = append(b.d.Outlines, &Outline{Title: t, Depth: depth, Ref: refKey(cur)})
			if f, ok := it["First"]; ok {
				walk(f, depth+1)
			}
			if n == 0 {
				return // a direct sibling chain cannot be followed safely
			}
			cur = it["Next"]
		}
	}
	walk(root["First"], 1)
}

func (b *builder) optionalContent(cat types.Dict) {
	o := b.o
	ocp := o.dict(cat["OCProperties"])
	if ocp == nil {
		return
	}
	add := func(x types.Object, def bool) {
		c := o.dict(x)
		if c == nil {
			return
		}
		oc := &OCConfig{Ref: refKey(x), Default: def}
		oc.Name, oc.HasName = o.text(c["Name"])
		oc.HasAS = has(c, "AS")
		b.d.OCConfigs = append(b.d.OCConfigs, oc)
	}
	add(ocp["D"], true)
	for i, x := range o.array(ocp["Configs"]) {
		if i > 10000 || !o.tick() {
			break
		}
		add(x, false)
	}
}

func (b *builder) acroForm(cat types.Dict) {
	o := b.o
	af := o.dict(cat["AcroForm"])
	if af == nil {
		return
	}
	b.d.HasAcroForm = true
	if xfa := o.resolve(af["XFA"]); xfa != nil {
		var parts []types.Object
		if a, ok := xfa.(types.Array); ok {
			for i := 1; i < len(a); i += 2 {
				parts = append(parts, a[i])
			}
		} else {
			parts = append(parts, xfa)
		}
		for _, p := range parts {
			if s := o.stream(p); s != nil {
				c := o.content(s)
				if i := bytes.Index(c, []byte("dynamicRender")); i >= 0 {
					rest := c[i:min(len(c), i+80)]
					if bytes.Contains(rest, []byte(">required<")) || bytes.Contains(rest, []byte("> required <")) {
						b.d.XFARequired = true
					}
				}
			}
		}
	}
	seen := map[int]bool{}
	var walk func(x types.Object, depth int)
	walk = func(x types.Object, depth int) {
		if depth > 64 || !o.tick() {
			return
		}
		if n := refNum(x); n != 0 {
			if seen[n] {
				return
			}
			seen[n] = true
		}
		f := o.dict(x)
		if f == nil {
			return
		}
		fl := &Field{Ref: refKey(x)}
		fl.TU, fl.HasTU = o.text(f["TU"])
		b.d.Fields = append(b.d.Fields, fl)
		for _, k := range o.array(f["Kids"]) {
			walk(k, depth+1)
		}
	}
	for _, x := range o.array(af["Fields"]) {
		walk(x, 1)
	}
}

func (b *builder) embeddedFiles(cat types.Dict) {
	o := b.o
	names := o.dict(cat["Names"])
	if names == nil {
		return
	}
	ef := o.dict(names["EmbeddedFiles"])
	if ef == nil {
		return
	}
	b.nameTree(ef, func(v types.Object) { b.fileSpec(v, false) })
}

// nameTree visits every value of a name tree, with cycle detection and limits.
func (b *builder) nameTree(root types.Dict, visit func(types.Object)) {
	o := b.o
	seen := map[int]bool{}
	var walk func(n types.Dict, depth int)
	walk = func(n types.Dict, depth int) {
		if depth > 64 || !o.tick() {
			return
		}
		if a := o.array(n["Names"]); a != nil {
			for i := 1; i < len(a); i += 2 {
				if !o.tick() {
					return
				}
				visit(a[i])
			}
		}
		for _, k := range o.array(n["Kids"]) {
			if r := refNum(k); r != 0 {
				if seen[r] {
					continue
				}
				seen[r] = true
			}
			if kd := o.dict(k); kd != nil {
				walk(kd, depth+1)
			}
		}
	}
	walk(root, 0)
}

func (b *builder) fileSpec(x types.Object, inAnnot bool) {
	o := b.o
	fs := o.dict(x)
	if fs == nil {
		return
	}
	f := &FileSpec{Ref: refKey(x), HasEF: has(fs, "EF"), InAnnotation: inAnnot}
	f.F, f.HasF = o.text(fs["F"])
	f.UF, f.HasUF = o.text(fs["UF"])
	b.d.FileSpecs = append(b.d.FileSpecs, f)
}

// ElemFor returns the structure element that owns a marked-content identifier of a page,
// or nil.
func (d *Doc) ElemFor(page, mcid int) *Elem { return d.byMCID[mcKey{page, mcid}] }
