package docxdoc

import (
	"bytes"
	"context"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"path"
	"sort"
	"strings"

	"github.com/lab110bis/focusplus/checker"
	"github.com/lab110bis/focusplus/format/zippkg"
)

// Relationship types, matched by their last segment so transitional
// (http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles) and Strict
// (http://purl.oclc.org/ooxml/officeDocument/relationships/styles) forms both match.
func relIs(typ, last string) bool { return strings.HasSuffix(typ, "/"+last) }

// Load reads a .docx. It is a checker.Loader.
func Load(ctx context.Context, name string, data []byte, format checker.Format, lim checker.Limits) (doc *checker.Document, err error) {
	defer func() {
		if v := recover(); v != nil {
			doc, err = nil, &checker.LoadError{Msg: checker.Textf(
				"the Word document is damaged, or built in a way Focus+ cannot read yet (an internal error: please report it, with the file if you can share it)",
				"le document Word est endommagé, ou construit d'une façon que Focus+ ne sait pas encore lire (une erreur interne : merci de la signaler, avec le fichier si vous pouvez le partager)"),
				Detail: fmt.Sprint(v)}
		}
	}()
	if bytes.HasPrefix(data, oleMagic) {
		return loadOLE(name, data)
	}
	d, err := Parse(ctx, data, lim)
	if err != nil {
		return nil, err
	}
	return &checker.Document{
		Name: name, Format: Name, Pages: d.Pages,
		Title: strings.TrimSpace(d.Title), Language: d.Language, Content: d,
	}, nil
}

func loadOLE(name string, data []byte) (*checker.Document, error) {
	switch oleKind(data) {
	case "encrypted":
		return &checker.Document{Name: name, Format: Name, Content: &Document{Encrypted: true}}, nil
	case "doc":
		return nil, checker.Unsupported("this is a legacy Word 97-2003 document (.doc), not a .docx: open it in Word or LibreOffice and save it as .docx, then check it again",
			"c'est un ancien document Word 97-2003 (.doc), pas un .docx : ouvrez-le dans Word ou LibreOffice, enregistrez-le en .docx, puis vérifiez-le à nouveau")
	case "xls":
		return nil, checker.Unsupported("this is a legacy Excel 97-2003 workbook (.xls), not a Word document",
			"c'est un ancien classeur Excel 97-2003 (.xls), pas un document Word")
	case "ppt":
		return nil, checker.Unsupported("this is a legacy PowerPoint 97-2003 presentation (.ppt), not a Word document",
			"c'est une ancienne présentation PowerPoint 97-2003 (.ppt), pas un document Word")
	}
	return nil, checker.Unsupported("this is an OLE compound file (an old Office format), not a .docx: open it in its application and save it as .docx",
		"c'est un fichier composite OLE (ancien format Office), pas un .docx : ouvrez-le dans son application et enregistrez-le en .docx")
}

// Parse reads the zip package of a .docx into the model.
func Parse(ctx context.Context, data []byte, lim checker.Limits) (*Document, error) {
	p, err := openZip(data, lim)
	if err != nil {
		return nil, err
	}
	elements := 0
	ld := &loader{ctx: ctx, p: p, lim: lim, elements: &elements, st: newStyleSet(), doc: &Document{}}
	d, err := ld.load()
	if d != nil {
		d.Source, d.SourceFormat = data, string(Name) // for the pages LibreOffice lays out
	}
	return d, err
}

type loader struct {
	ctx       context.Context
	p         *pkg
	lim       checker.Limits
	elements  *int
	st        *styleSet
	doc       *Document
	strict    bool
	themeLang string
}

// walk streams one part through fn. A missing part is not an error.
func (ld *loader) walk(part string, fn func(w *walker) error) error {
	rc, err := ld.p.open(part)
	if errors.Is(err, errNoPart) {
		return nil
	}
	if err != nil {
		return err
	}
	defer rc.Close()
	w := newWalker(ld.ctx, zippkg.GuardTags(ld.ctx, rc, part, ld.lim), part, ld.elements, ld.lim)
	err = fn(w)
	if w.strict {
		ld.strict = true
	}
	if errors.Is(err, io.EOF) {
		err = nil
	}
	if errors.Is(err, context.DeadlineExceeded) || errors.Is(err, context.Canceled) {
		return err
	}
	return err
}

func (ld *loader) rels(part string) (map[string]rel, error) {
	dir, file := path.Split(part)
	out := map[string]rel{}
	err := ld.walk(dir+"_rels/"+file+".rels", func(w *walker) error {
		return w.each(func(se xml.StartElement) error {
			if se.Name.Local != "Relationship" {
				return nil
			}
			id := w.attr(se, nsOther, "Id")
			if _, dup := out[id]; dup || len(out) > 100_000 {
				return nil
			}
			out[id] = rel{typ: w.attr(se, nsOther, "Type"), target: w.attr(se, nsOther, "Target"),
				external: strings.EqualFold(w.attr(se, nsOther, "TargetMode"), "External")}
			return nil
		})
	})
	return out, err
}

// resolvePart resolves a relationship target against the folder of its source part.
func resolvePart(dir, target string) string {
	if strings.HasPrefix(target, "/") {
		return strings.TrimPrefix(path.Clean(target), "/")
	}
	return strings.TrimPrefix(path.Clean("/"+dir+target), "/")
}

func (ld *loader) load() (*Document, error) {
	doc, p := ld.doc, ld.p
	pkgRels, err := ld.rels("")
	if err != nil {
		return nil, err
	}
	main, core, app := "", "", ""
	for _, r := range sortedRels(pkgRels) {
		switch {
		case relIs(r.typ, "officeDocument") && main == "":
			main = resolvePart("", r.target)
		case relIs(r.typ, "core-properties") || relIs(r.typ, "metadata/core-properties"):
			core = resolvePart("", r.target)
		case relIs(r.typ, "extended-properties") || relIs(r.typ, "extendedProperties"):
			app = resolvePart("", r.target)
		}
	}
	if main == "" && p.has(Main) {
		main = Main
	}
	if main == "" || !p.has(main) || (!strings.HasPrefix(main, "word/") && !p.has("word/document.xml") && !strings.Contains(main, "document")) {
		return nil, p.notWord()
	}
	doc.MainPart = main
	if core == "" {
		core = "docProps/core.xml"
	}
	if app == "" {
		app = "docProps/app.xml"
	}
	mainRels, err := ld.rels(main)
	if err != nil {
		return nil, err
	}
	for _, r := range mainRels {
		if relIs(r.typ, "vbaProject") {
			return nil, checker.Unsupported("this is a macro-enabled Word document (.docm): Focus+ does not open files that carry macros; in Word, File > Save As > Word Document (.docx), then check the copy",
				"c'est un document Word prenant en charge les macros (.docm) : Focus+ n'ouvre pas les fichiers qui contiennent des macros ; dans Word, Fichier > Enregistrer sous > Document Word (.docx), puis vérifiez la copie")
		}
	}
	dir := path.Dir(main) + "/"
	find := func(last, fallback string) string {
		for _, r := range sortedRels(mainRels) {
			if relIs(r.typ, last) && !r.external {
				return resolvePart(dir, r.target)
			}
		}
		return fallback
	}
	// Theme first (styles refer to its colours), settings (colour mapping), styles.
	if err := ld.walk(find("theme", "word/theme/theme1.xml"), ld.st.parseTheme); err != nil {
		return nil, err
	}
	if err := ld.walk(find("settings", "word/settings.xml"), ld.parseSettings); err != nil {
		return nil, err
	}
	if err := ld.walk(find("styles", "word/styles.xml"), ld.st.parseStyles); err != nil {
		return nil, err
	}
	if err := ld.walk(find("numbering", "word/numbering.xml"), ld.st.parseNumbering); err != nil {
		return nil, err
	}
	if err := ld.walk(core, ld.parseCore); err != nil {
		return nil, err
	}
	if err := ld.walk(app, ld.parseApp); err != nil {
		return nil, err
	}

	bp := &bodyParser{doc: doc, st: ld.st, part: main, rels: mainRels, dir: dir}
	if err := ld.walk(main, func(w *walker) error {
		bp.w = w
		blocks, err := bp.parseStory()
		doc.Body = blocks
		return err
	}); err != nil {
		return nil, err
	}
	if bp.root != "document" {
		// The package says this part is the main document, but it is not Word's.
		return nil, p.notWord()
	}
	if doc.Pages == 0 {
		doc.Pages = 1 + max(bp.pageBreaks, bp.renderedPages)
	}
	doc.Sections = bp.sections

	// Headers, footers and notes, in a stable order.
	for _, r := range sortedRels(mainRels) {
		kind := ""
		for _, k := range []string{"header", "footer", "footnotes", "endnotes"} {
			if relIs(r.typ, k) {
				kind = k
			}
		}
		if kind == "" || r.external {
			continue
		}
		name := resolvePart(dir, r.target)
		partRels, err := ld.rels(name)
		if err != nil {
			return nil, err
		}
		part := &Part{Name: name, Kind: kind}
		sp := &bodyParser{doc: doc, st: ld.st, part: name, rels: partRels, dir: path.Dir(name) + "/"}
		if err := ld.walk(name, func(w *walker) error {
			sp.w = w
			blocks, err := sp.parseStory()
			part.Blocks = blocks
			return err
		}); err != nil {
			return nil, err
		}
		doc.Extra = append(doc.Extra, part)
	}

	doc.Strict = ld.strict
	ld.language()
	doc.BodyFontHalfPoints = ld.st.runBase(ld.st.defPara, "").sz
	if doc.BodyFontHalfPoints <= 0 {
		doc.BodyFontHalfPoints = 20
	}
	return doc, nil
}

type relEntry struct {
	id string
	rel
}

func sortedRels(m map[string]rel) []relEntry {
	out := make([]relEntry, 0, len(m))
	for id, r := range m {
		out = append(out, relEntry{id, r})
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].target != out[j].target {
			return naturalLess(out[i].target, out[j].target)
		}
		return out[i].id < out[j].id
	})
	return out
}

// naturalLess orders header2.xml before header10.xml.
func naturalLess(a, b string) bool {
	if len(a) != len(b) {
		ta, tb := strings.TrimRight(a, "0123456789.xml"), strings.TrimRight(b, "0123456789.xml")
		if ta == tb {
			return len(a) < len(b)
		}
	}
	return a < b
}

// language finds the document language: docDefaults, then the default paragraph style
// chain, then settings' w:themeFontLang (what Word uses for new text).
func (ld *loader) language() {
	doc, st := ld.doc, ld.st
	if l := st.defaults.lang; l != "" {
		doc.Language, doc.LanguageFrom = l, "styles.xml docDefaults"
		return
	}
	if l := st.runBase(st.defPara, "").lang; l != "" {
		doc.Language, doc.LanguageFrom = l, "styles.xml default paragraph style"
		return
	}
	if ld.themeLang != "" {
		doc.Language, doc.LanguageFrom = ld.themeLang, "settings.xml themeFontLang"
	}
}

func (ld *loader) parseSettings(w *walker) error {
	return w.each(func(se xml.StartElement) error {
		if w.ns(se.Name.Space) != nsW {
			return nil
		}
		switch se.Name.Local {
		case "clrSchemeMapping":
			for _, a := range se.Attr {
				full := map[string]string{"t1": "text1", "bg1": "background1", "t2": "text2", "bg2": "background2"}[a.Name.Local]
				if full != "" {
					ld.st.mapping[full] = a.Value
				}
			}
		case "themeFontLang":
			ld.themeLang = w.attr(se, nsW, "val")
		}
		return nil
	})
}

func (ld *loader) parseCore(w *walker) error {
	return w.each(func(se xml.StartElement) error {
		if se.Name.Local == "title" && w.ns(se.Name.Space) == nsDC {
			t, err := w.text()
			if err != nil {
				return err
			}
			ld.doc.Title = strings.TrimSpace(t)
		}
		return nil
	})
}

func (ld *loader) parseApp(w *walker) error {
	return w.each(func(se xml.StartElement) error {
		if se.Name.Local == "Pages" {
			t, err := w.text()
			if err != nil {
				return err
			}
			if n := atoi(t); n > 0 && n < 1_000_000 {
				ld.doc.Pages = n
			}
		}
		return nil
	})
}
