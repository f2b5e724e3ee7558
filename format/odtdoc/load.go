package odtdoc

import (
	"bytes"
	"context"
	"encoding/xml"
	"errors"
	"io"
	"strconv"
	"strings"

	"github.com/lab110bis/focusplus/checker"
	"github.com/lab110bis/focusplus/format/wordproc"
	"github.com/lab110bis/focusplus/format/zippkg"
)

// Namespaces of ODF 1.2/1.3 the loader reads.
const (
	nsOffice = "urn:oasis:names:tc:opendocument:xmlns:office:1.0"
	nsStyle  = "urn:oasis:names:tc:opendocument:xmlns:style:1.0"
	nsText   = "urn:oasis:names:tc:opendocument:xmlns:text:1.0"
	nsTable  = "urn:oasis:names:tc:opendocument:xmlns:table:1.0"
	nsDraw   = "urn:oasis:names:tc:opendocument:xmlns:drawing:1.0"
	nsFO     = "urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0"
	nsSVG    = "urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0"
	nsXLink  = "http://www.w3.org/1999/xlink"
	nsDC     = "http://purl.org/dc/elements/1.1/"
	nsMeta   = "urn:oasis:names:tc:opendocument:xmlns:meta:1.0"
	nsLoext  = "urn:org:documentfoundation:names:experimental:office:xmlns:loext:1.0"
)

// Load reads an .odt or a flat .fodt. It is a checker.Loader.
func Load(ctx context.Context, name string, data []byte, format checker.Format, lim checker.Limits) (doc *checker.Document, err error) {
	defer func() {
		if v := recover(); v != nil {
			doc, err = nil, checker.DetailErrorf(v, "internal error while reading the OpenDocument file", "erreur interne pendant la lecture du fichier OpenDocument")
		}
	}()
	d, err := Parse(ctx, data, lim)
	if err != nil {
		return nil, err
	}
	// For the pages LibreOffice lays out (PageImages, rendered-page contrast).
	d.Source, d.SourceFormat = data, string(Name)
	if !bytes.HasPrefix(data, []byte("PK")) {
		d.SourceFormat = "fodt"
	}
	return &checker.Document{
		Name: name, Format: Name, Pages: d.Pages,
		Title: strings.TrimSpace(d.Title), Language: d.Language, Content: d,
	}, nil
}

// Parse reads an .odt package or a flat .fodt into the word-processing model.
func Parse(ctx context.Context, data []byte, lim checker.Limits) (*wordproc.Document, error) {
	elements := 0
	ld := &loader{ctx: ctx, lim: lim, elements: &elements, st: newStyleSet(), doc: &wordproc.Document{}, counts: map[string]int{}}
	if !bytes.HasPrefix(data, []byte("PK\x03\x04")) {
		ld.part = "content.xml"
		if err := ld.parse(zippkg.GuardTags(ld.ctx, bytes.NewReader(data), ld.part, ld.lim), "document"); err != nil {
			return nil, err
		}
		if ld.mime != "" && ld.mime != mimeText && !strings.HasPrefix(ld.mime, mimeText+"-") {
			return nil, refuse(ld.mime)
		}
		return ld.finish(), nil
	}
	p, err := zippkg.Open(data, lim, checker.Text{En: "OpenDocument file", Fr: "fichier OpenDocument"}, checker.Text{
		En: "open it in LibreOffice Writer and save it again (File > Save As, ODF Text Document)",
		Fr: "ouvrez-le dans LibreOffice Writer et enregistrez-le à nouveau (Fichier > Enregistrer sous, Texte ODF)",
	})
	if err != nil {
		return nil, err
	}
	mt, err := p.ReadSmall("mimetype", 200)
	if err != nil && !errors.Is(err, zippkg.ErrNoPart) {
		return nil, err
	}
	mime := strings.TrimSpace(string(mt))
	if mime != mimeText && mime != mimeText+"-template" {
		return nil, refuse(mime)
	}
	if !p.Has("content.xml") {
		return nil, checker.Errorf("the OpenDocument package has no content.xml: the file is damaged",
			"le paquet OpenDocument n'a pas de content.xml : le fichier est endommagé")
	}
	for _, part := range []string{"styles.xml", "content.xml", "meta.xml"} {
		rc, err := p.Part(part)
		if errors.Is(err, zippkg.ErrNoPart) {
			continue
		}
		if err != nil {
			return nil, err
		}
		ld.part = part
		err = ld.parse(zippkg.GuardTags(ld.ctx, rc, part, ld.lim), "")
		rc.Close()
		if err != nil {
			return nil, err
		}
	}
	return ld.finish(), nil
}

// refuse names the OpenDocument kind Focus+ does not read.
func refuse(mime string) error {
	what := checker.Text{En: "an OpenDocument file of an unknown kind", Fr: "un fichier OpenDocument d'un type inconnu"}
	switch {
	case strings.Contains(mime, "opendocument.spreadsheet"):
		what = checker.Text{En: "an OpenDocument spreadsheet (.ods)", Fr: "un classeur OpenDocument (.ods)"}
	case strings.Contains(mime, "opendocument.presentation"):
		what = checker.Text{En: "an OpenDocument presentation (.odp)", Fr: "une présentation OpenDocument (.odp)"}
	case strings.Contains(mime, "opendocument.graphics"):
		what = checker.Text{En: "an OpenDocument drawing (.odg)", Fr: "un dessin OpenDocument (.odg)"}
	case strings.Contains(mime, "opendocument.text-master"):
		what = checker.Text{En: "an OpenDocument master document (.odm)", Fr: "un document maître OpenDocument (.odm)"}
	case strings.Contains(mime, "opendocument.formula"):
		what = checker.Text{En: "an OpenDocument formula (.odf)", Fr: "une formule OpenDocument (.odf)"}
	}
	return &checker.LoadError{Unsupported: true, Msg: checker.Text{
		En: "this file is " + what.En + ", not a format Focus+ reads",
		Fr: "ce fichier est " + what.Fr + ", un format que Focus+ ne lit pas",
	}}
}

type loader struct {
	ctx      context.Context
	lim      checker.Limits
	elements *int
	st       *styleSet
	doc      *wordproc.Document
	part     string
	mime     string

	// body state
	paras       []*wordproc.Paragraph // open paragraphs (a note or a frame opens one inside another)
	spans       []props               // text properties of the open spans
	links       []*wordproc.Hyperlink
	tables      []*tableState
	headerRows  int      // depth of open table:table-header-rows
	lists       []string // list style of each open text:list
	listItems   int
	frames      []*wordproc.Drawing
	indexes     int // open tables of contents and indexes
	pageBreaks  int
	lastText    string
	counts      map[string]int
	containers  []func(wordproc.Block)
	textBoxes   []*wordproc.Drawing
	paraProps   []props
	bodyDepth   int // open office:text
	defaultLang string
	curStyle    *style
	curList     string
	inAuto      bool // reading office:automatic-styles
}

// parse streams one XML part (or the whole flat file).
func (ld *loader) parse(r io.Reader, _ string) error {
	d := zippkg.NewTokens(r)
	maxDepth, maxElems := ld.lim.MaxDepth, ld.lim.MaxElements
	if maxDepth <= 0 {
		maxDepth = checker.DefaultLimits().MaxDepth
	}
	if maxElems <= 0 {
		maxElems = checker.DefaultLimits().MaxElements
	}
	// stack holds the elements open, each with what its end must undo.
	type open struct {
		name xml.Name
		end  func()
	}
	var stack []open
	var textSink *strings.Builder // svg:title, svg:desc, dc:title...
	for {
		kind, err := d.Next()
		if errors.Is(err, io.EOF) {
			if len(stack) > 0 {
				return checker.Errorf("the XML of %s ends too early: the file is damaged", "le XML de %s s'arrête trop tôt : le fichier est endommagé", ld.part)
			}
			return nil
		}
		if err != nil {
			var le *checker.LoadError
			if errors.As(err, &le) {
				return err
			}
			if ld.ctx.Err() != nil {
				return ld.ctx.Err()
			}
			return checker.DetailErrorf(err, "the XML of %s is damaged", "le XML de %s est endommagé", ld.part)
		}
		switch kind {
		case zippkg.Directive:
			return checker.Errorf("%s declares a DTD, which OpenDocument does not use", "%s déclare une DTD, ce qu'OpenDocument n'utilise pas", ld.part)
		case zippkg.StartTag:
			t := d.Start()
			*ld.elements++
			if len(stack)+1 > maxDepth {
				return checker.Errorf("the XML of %s nests elements more than %d deep: the file is damaged or hostile",
					"le XML de %s imbrique des éléments sur plus de %d niveaux : le fichier est endommagé ou malveillant", ld.part, maxDepth)
			}
			if *ld.elements > maxElems {
				return checker.Errorf("the document has more than %d XML elements, over the limit",
					"le document a plus de %d éléments XML, au-delà de la limite", maxElems)
			}
			if *ld.elements&8191 == 0 && ld.ctx.Err() != nil {
				return ld.ctx.Err()
			}
			end, sink, skip := ld.start(t, stack == nil)
			if skip {
				if err := d.Skip(); err != nil {
					return checker.DetailErrorf(err, "the XML of %s is damaged", "le XML de %s est endommagé", ld.part)
				}
				continue
			}
			if sink != nil {
				textSink = sink
			}
			stack = append(stack, open{t.Name, end})
		case zippkg.EndTag:
			t := xml.EndElement{Name: d.End()}
			if len(stack) == 0 {
				continue
			}
			top := stack[len(stack)-1]
			stack = stack[:len(stack)-1]
			if top.end != nil {
				top.end()
			}
			if textSink != nil && (t.Name.Local == "title" || t.Name.Local == "desc" || t.Name.Local == "language" || t.Name.Local == "date") {
				textSink = nil
			}
		case zippkg.Text:
			t := d.Data()
			if textSink != nil {
				if textSink.Len() < 10_000 {
					textSink.Write(t)
				}
				continue
			}
			ld.text(t)
		}
	}
}

func attr(se xml.StartElement, space, local string) string {
	for _, a := range se.Attr {
		if a.Name.Local == local && a.Name.Space == space {
			return a.Value
		}
	}
	return ""
}

// start handles a start tag; end, when not nil, runs at its end tag; sink receives
// its character data instead of the body; skip drops the whole element.
func (ld *loader) start(se xml.StartElement, root bool) (end func(), sink *strings.Builder, skip bool) {
	if root && se.Name.Space == nsOffice && se.Name.Local == "document" {
		ld.mime = attr(se, nsOffice, "mimetype")
	}
	switch se.Name.Space {
	case nsOffice:
		switch se.Name.Local {
		case "text":
			ld.bodyDepth++
			return func() { ld.bodyDepth-- }, nil, false
		case "automatic-styles":
			ld.inAuto = true
			return func() { ld.inAuto = false }, nil, false
		case "annotation", "forms", "scripts", "settings", "event-listeners":
			return nil, nil, true
		}
	case nsStyle:
		return ld.styleStart(se)
	case nsText:
		switch se.Name.Local {
		case "list-style":
			ld.curList = attr(se, nsStyle, "name")
			return func() { ld.curList = "" }, nil, false
		case "list-level-style-number", "list-level-style-bullet", "list-level-style-image":
			if ld.curList != "" {
				lvl, _ := strconv.Atoi(attr(se, nsText, "level"))
				if lvl >= 1 && lvl <= 10 {
					levels := ld.st.lists[ld.curList]
					for len(levels) < lvl {
						levels = append(levels, false)
					}
					levels[lvl-1] = se.Name.Local == "list-level-style-number" && attr(se, nsStyle, "num-format") != ""
					ld.st.lists[ld.curList] = levels
				}
			}
			return nil, nil, false
		case "tracked-changes", "sequence-decls", "variable-decls", "user-field-decls", "note-citation", "bookmark-ref":
			return nil, nil, true
		}
	case nsDC:
		var b strings.Builder
		switch se.Name.Local {
		case "title":
			return func() { ld.doc.Title = strings.TrimSpace(b.String()) }, &b, false
		case "language":
			return func() { ld.defaultLang = strings.TrimSpace(b.String()) }, &b, false
		}
	case nsMeta:
		if se.Name.Local == "document-statistic" {
			if n, err := strconv.Atoi(attr(se, nsMeta, "page-count")); err == nil && n > 0 && n < 1_000_000 {
				ld.doc.Pages = n
			}
		}
	}
	if ld.bodyDepth == 0 {
		return nil, nil, false
	}
	return ld.bodyStart(se)
}

// styleStart reads style:style, style:default-style, style:page-layout and their
// property elements.
func (ld *loader) styleStart(se xml.StartElement) (func(), *strings.Builder, bool) {
	switch se.Name.Local {
	case "style", "default-style", "page-layout":
		st := &style{
			family:  attr(se, nsStyle, "family"),
			parent:  attr(se, nsStyle, "parent-style-name"),
			display: strings.ToLower(attr(se, nsStyle, "display-name")),
			list:    attr(se, nsStyle, "list-style-name"),
			auto:    ld.inAuto,
		}
		if se.Name.Local == "page-layout" {
			st.family = "page-layout"
		}
		name := attr(se, nsStyle, "name")
		if st.display == "" {
			st.display = strings.ToLower(strings.ReplaceAll(name, "_20_", " "))
		}
		st.outline, _ = strconv.Atoi(attr(se, nsStyle, "default-outline-level"))
		ld.curStyle = st
		return func() {
			switch {
			case se.Name.Local == "default-style":
				ld.st.defaults[st.family] = ld.st.defaults[st.family].over(st.props)
			case name != "" && len(ld.st.byName) < 100_000:
				ld.st.byName[st.family+"/"+name] = st
			}
			ld.curStyle = nil
		}, nil, false
	case "text-properties":
		if ld.curStyle != nil {
			ld.curStyle.props = ld.curStyle.props.over(textProps(se))
		}
	case "paragraph-properties", "table-cell-properties", "page-layout-properties", "graphic-properties":
		if ld.curStyle != nil {
			if v := attr(se, nsFO, "background-color"); v != "" {
				ld.curStyle.props.paraBg, ld.curStyle.props.paraBgSet = parseColour(v), true
			}
			if v := attr(se, nsFO, "text-align"); v != "" && se.Name.Local == "paragraph-properties" {
				ld.curStyle.props.align = v
			}
		}
	case "master-page":
		// The first master page ("Standard") gives the page colour.
		if ld.st.pageBg == nil {
			if pl := ld.st.get("page-layout", attr(se, nsStyle, "page-layout-name")); pl != nil && pl.props.paraBg != nil {
				ld.st.pageBg = pl.props.paraBg
			}
		}
		return nil, nil, true // headers and footers are not read yet
	}
	return nil, nil, false
}

func textProps(se xml.StartElement) props {
	var p props
	if v := attr(se, nsFO, "font-size"); v != "" {
		if strings.HasSuffix(v, "%") {
			p.sizePct, _ = strconv.ParseFloat(strings.TrimSuffix(v, "%"), 64)
		} else {
			p.sizePt = parseLength(v)
		}
	}
	if v := attr(se, nsFO, "font-weight"); v != "" {
		n, _ := strconv.Atoi(v)
		p.bold = boolPtr(v == "bold" || n >= 600)
	}
	if v := attr(se, nsFO, "font-style"); v != "" {
		p.italic = boolPtr(v == "italic" || v == "oblique")
	}
	if v := attr(se, nsText, "display"); v != "" {
		p.hidden = boolPtr(v == "none")
	}
	if v := attr(se, nsFO, "color"); v != "" {
		p.color = parseColour(v)
	}
	if v := attr(se, nsStyle, "use-window-font-color"); v != "" {
		p.windowText = boolPtr(v == "true")
	}
	if v := attr(se, nsFO, "background-color"); v != "" {
		p.textBg, p.textBgSet = parseColour(v), true
	}
	if v := attr(se, nsStyle, "text-blinking"); v != "" {
		p.blink = boolPtr(v == "true")
	}
	if l := attr(se, nsFO, "language"); l != "" && l != "zxx" && l != "none" {
		p.lang = l
		if c := attr(se, nsFO, "country"); c != "" && c != "none" {
			p.lang += "-" + c
		}
	}
	return p
}

// finish completes the model once every part is read.
func (ld *loader) finish() *wordproc.Document {
	doc := ld.doc
	doc.MainPart = "content.xml"
	doc.Background = ld.st.pageBg
	def := ld.st.resolve("paragraph", "Standard")
	if def.sizePt <= 0 {
		def = ld.st.defaults["paragraph"]
	}
	doc.BodyFontHalfPoints = int(def.sizePt*2 + 0.5)
	if doc.BodyFontHalfPoints <= 0 {
		doc.BodyFontHalfPoints = 24 // LibreOffice's default, 12 pt
	}
	switch {
	case ld.defaultLang != "":
		doc.Language, doc.LanguageFrom = ld.defaultLang, "meta.xml dc:language"
	case ld.st.defaults["paragraph"].lang != "":
		doc.Language, doc.LanguageFrom = ld.st.defaults["paragraph"].lang, "styles.xml default paragraph style"
	}
	if doc.Pages == 0 {
		doc.Pages = 1 + ld.pageBreaks
	}
	doc.Sections = 1
	return doc
}
