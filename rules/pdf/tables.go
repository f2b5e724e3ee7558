package pdf

import (
	"fmt"
	"strings"

	"github.com/lab110bis/focusplus/checker"
	"github.com/lab110bis/focusplus/format/pdfdoc"
)

// Tables checks table tags nest as ISO 32000-1 requires and the table is a regular grid
// (ISO 14289-1, 7.2; Matterhorn 09-004, 15-001).
var Tables = &checker.Rule{
	ID:    "PDF-TABLES",
	Title: checker.Text{En: "Tables are tagged as tables", Fr: "Les tableaux sont balisés comme des tableaux"},
	Why: checker.Text{
		En: "A screen reader announces a table's size and moves cell by cell, reading the headers, only when Table, TR, TH and TD are nested correctly and rows have the same number of cells.",
		Fr: "Un lecteur d'écran annonce la taille d'un tableau et se déplace de cellule en cellule, en lisant les en-têtes, seulement si Table, TR, TH et TD sont correctement imbriqués et que les lignes ont le même nombre de cellules.",
	},
	Fix: checker.Text{
		En: "Make tables with the table tool (Word: Insert > Table; LibreOffice: Table > Insert Table), not tabs or text boxes, and avoid merged cells where possible. In Acrobat, use the Table Editor (Reading Order tool) or fix the TR/TH/TD tags in the Tags panel.",
		Fr: "Créez les tableaux avec l'outil tableau (Word : Insertion > Tableau ; LibreOffice : Tableau > Insérer un tableau), pas avec des tabulations ou des zones de texte, et évitez les cellules fusionnées. Dans Acrobat, utilisez l'éditeur de tableau (outil Ordre de lecture) ou corrigez les balises TR/TH/TD dans le panneau Balises.",
	},
	Affects:  []checker.Audience{checker.Blind},
	Severity: checker.Error,
	Kinds:    []checker.Kind{pdfdoc.Kind},
	Standards: checker.Standards{
		WCAG: []string{"1.3.1"}, EN301549: []string{"10.1.3.1"}, RGAA: []string{"5.4", "5.6"},
		PDFUA: []string{"7.2"}, Matterhorn: []string{"09-004"},
	},
	Run: runTables,
}

func badNesting(p *checker.Pass, e *pdfdoc.Elem, en, fr string, args ...any) {
	failAt(p, "7.2", p.Rule.Standards.Matterhorn[:1], elemLoc(e), checker.Textf(en, fr, args...), nil)
}

func onlyKids(e *pdfdoc.Elem, allowed ...string) string {
	for _, t := range kidTypes(e) {
		ok := false
		for _, a := range allowed {
			if t == a {
				ok = true
				break
			}
		}
		if !ok {
			return t
		}
	}
	return ""
}

// captionInMiddle reports a Caption that is neither first nor last.
func captionInMiddle(ts []string) bool {
	for i, t := range ts {
		if t == "Caption" && i != 0 && i != len(ts)-1 {
			return true
		}
	}
	return false
}

func runTables(p *checker.Pass) {
	d := model(p)
	if !tagged(d) {
		return
	}
	for _, e := range d.Elems {
		pt := parentType(e)
		switch e.Type {
		case "Table":
			ks := kidTypes(e)
			if t := onlyKids(e, "TR", "THead", "TBody", "TFoot", "Caption"); t != "" {
				badNesting(p, e, "Table contains %s; only TR, THead, TBody, TFoot and Caption are allowed", "Table contient %s ; seuls TR, THead, TBody, TFoot et Caption sont permis", t)
			}
			if count(ks, "THead") > 1 {
				badNesting(p, e, "Table has more than one THead", "Table a plus d'un THead")
			}
			if count(ks, "TFoot") > 1 {
				badNesting(p, e, "Table has more than one TFoot", "Table a plus d'un TFoot")
			}
			if (count(ks, "THead") > 0 || count(ks, "TFoot") > 0) && count(ks, "TBody") == 0 {
				badNesting(p, e, "Table has THead or TFoot but no TBody", "Table a un THead ou un TFoot mais pas de TBody")
			}
			if count(ks, "Caption") > 1 {
				badNesting(p, e, "Table has more than one Caption", "Table a plus d'une Caption")
			}
			if captionInMiddle(ks) {
				badNesting(p, e, "The Caption of a table must be its first or last child", "La Caption d'un tableau doit être son premier ou dernier enfant")
			}
			if msg := checkGrid(e); msg != nil {
				failAt(p, "7.2", mh("09-004"), elemLoc(e), *msg, nil)
			} else {
				p.Pass(1)
			}
		case "TR":
			if pt != "Table" && pt != "THead" && pt != "TBody" && pt != "TFoot" {
				badNesting(p, e, "TR is inside %s instead of Table, THead, TBody or TFoot", "TR est dans %s au lieu de Table, THead, TBody ou TFoot", orRoot(pt))
			}
			if t := onlyKids(e, "TH", "TD"); t != "" {
				badNesting(p, e, "TR contains %s; only TH and TD are allowed", "TR contient %s ; seuls TH et TD sont permis", t)
			}
		case "THead", "TBody", "TFoot":
			if pt != "Table" {
				badNesting(p, e, "%s is inside %s instead of Table", "%s est dans %s au lieu de Table", e.Type, orRoot(pt))
			}
			if t := onlyKids(e, "TR"); t != "" {
				badNesting(p, e, "%s contains %s; only TR is allowed", "%s contient %s ; seul TR est permis", e.Type, t)
			}
		case "TH", "TD":
			if pt != "TR" {
				badNesting(p, e, "%s is inside %s instead of TR", "%s est dans %s au lieu de TR", e.Type, orRoot(pt))
			}
		}
	}
}

func orRoot(t string) string {
	if t == "" {
		return "the structure root or an unmapped element"
	}
	return t
}

// tableRows lists the rows of a table in order: direct TR and those of THead, TBody, TFoot.
func tableRows(t *pdfdoc.Elem) []*pdfdoc.Elem {
	var rows []*pdfdoc.Elem
	for _, k := range t.Kids {
		switch k.Type {
		case "TR":
			rows = append(rows, k)
		case "THead", "TBody", "TFoot":
			for _, r := range k.Kids {
				if r.Type == "TR" {
					rows = append(rows, r)
				}
			}
		}
	}
	return rows
}

func cells(row *pdfdoc.Elem) []*pdfdoc.Elem {
	var out []*pdfdoc.Elem
	for _, c := range row.Kids {
		if c.Type == "TH" || c.Type == "TD" {
			out = append(out, c)
		}
	}
	return out
}

// grid places the cells of a table on a grid, honouring RowSpan and ColSpan. It returns
// the grid and a message when the table is not regular.
func grid(t *pdfdoc.Elem) ([][]*pdfdoc.Elem, map[*pdfdoc.Elem][2]int, *checker.Text) {
	rows := tableRows(t)
	// Number of rows: the first cell's row span of each row counts.
	nRows := 0
	for i := 0; i < len(rows); i++ {
		cs := cells(rows[i])
		if len(rows[i].Kids) == 0 {
			continue
		}
		if len(cs) == 0 || rows[i].Kids[0] != cs[0] {
			continue
		}
		rs := max(cs[0].RowSpan, 1)
		nRows += rs
		i += rs - 1
	}
	if nRows == 0 || len(rows) == 0 {
		return nil, nil, nil
	}
	nCols := 0
	for _, c := range cells(rows[0]) {
		nCols += max(c.ColSpan, 1)
	}
	if nRows*nCols > 1_000_000 {
		return nil, nil, nil
	}
	g := make([][]*pdfdoc.Elem, nRows)
	for i := range g {
		g[i] = make([]*pdfdoc.Elem, nCols)
	}
	pos := map[*pdfdoc.Elem][2]int{}
	for r := 0; r < len(rows) && r < nRows; r++ {
		col := 0
		for _, c := range cells(rows[r]) {
			cs, rs := max(c.ColSpan, 1), max(c.RowSpan, 1)
			for col < nCols && g[r][col] != nil {
				col++
			}
			if col+cs > nCols {
				m := checker.Textf("Row %d of the table has more columns than the first row (%d)", "La ligne %d du tableau a plus de colonnes que la première (%d)", r+1, nCols)
				return nil, nil, &m
			}
			if r+rs > nRows {
				m := checker.Textf("A cell of row %d spans beyond the last row (RowSpan %d)", "Une cellule de la ligne %d s'étend au-delà de la dernière ligne (RowSpan %d)", r+1, rs)
				return nil, nil, &m
			}
			for i := 0; i < rs; i++ {
				for j := 0; j < cs; j++ {
					if g[r+i][col+j] != nil {
						m := checker.Textf("Two cells overlap at row %d, column %d", "Deux cellules se chevauchent à la ligne %d, colonne %d", r+i+1, col+j+1)
						return nil, nil, &m
					}
					g[r+i][col+j] = c
				}
			}
			pos[c] = [2]int{r, col}
			col += cs
		}
	}
	for r := range g {
		empty := 0
		for _, c := range g[r] {
			if c == nil {
				empty++
			}
		}
		if empty > 0 {
			m := checker.Textf("Row %d of the table has %s where the table has %s", "La ligne %d du tableau a %s alors que le tableau a %s", r+1,
				checker.Plural(nCols-empty, "%d cell", "%d cells", "%d cellule", "%d cellules"), checker.Plural(nCols, "%d column", "%d columns", "%d colonne", "%d colonnes"))
			return nil, nil, &m
		}
	}
	return g, pos, nil
}

func checkGrid(t *pdfdoc.Elem) *checker.Text {
	_, _, msg := grid(t)
	return msg
}

// TableHeaders checks every data cell can be connected to its headers: TH with Scope, or
// Headers attributes pointing at TH IDs (ISO 14289-1, 7.5; Matterhorn 15-003, 15-005).
var TableHeaders = &checker.Rule{
	ID:    "PDF-TABLE-HEADERS",
	Title: checker.Text{En: "Table data cells are linked to their headers", Fr: "Les cellules de données sont reliées à leurs en-têtes"},
	Why: checker.Text{
		En: "When moving through a table, a screen reader reads each cell's row and column headers; it can only find them when header cells have a Scope or data cells list their Headers.",
		Fr: "En parcourant un tableau, un lecteur d'écran lit les en-têtes de ligne et de colonne de chaque cellule ; il ne les trouve que si les cellules d'en-tête ont une portée (Scope) ou si les cellules de données listent leurs en-têtes (Headers).",
	},
	Fix: checker.Text{
		En: "Word: select the first row > Table Properties > Row > \"Repeat as header row at the top of each page\"; LibreOffice: Table Properties > Text Flow > Repeat heading. In Acrobat, Reading Order tool > right-click the table > Table Editor > Table Cell Properties: Header cell, Scope Column/Row.",
		Fr: "Word : sélectionnez la première ligne > Propriétés du tableau > Ligne > « Répéter en haut de chaque page en tant que ligne d'en-tête » ; LibreOffice : Propriétés du tableau > Enchaînements > Répéter le titre. Dans Acrobat, outil Ordre de lecture > clic droit sur le tableau > Éditeur de tableau > Propriétés de cellule : cellule d'en-tête, portée Colonne/Ligne.",
	},
	Affects:  []checker.Audience{checker.Blind},
	Severity: checker.Error,
	Kinds:    []checker.Kind{pdfdoc.Kind},
	Standards: checker.Standards{
		WCAG: []string{"1.3.1"}, EN301549: []string{"10.1.3.1"}, RGAA: []string{"5.6", "5.7"},
		PDFUA: []string{"7.5"}, Matterhorn: []string{"15-003"},
	},
	Run: runTableHeaders,
}

func runTableHeaders(p *checker.Pass) {
	d := model(p)
	if !tagged(d) {
		return
	}
	for _, t := range d.Elems {
		if t.Type != "Table" {
			continue
		}
		g, pos, msg := grid(t)
		if msg != nil || g == nil {
			continue
		}
		ids := map[string]bool{}
		allScoped := true
		for _, row := range g {
			for _, c := range row {
				if c.Type == "TH" {
					if c.HasID && c.ID != "" {
						ids[c.ID] = true
					}
					if c.Scope == "" {
						allScoped = false
					}
				}
			}
		}
		if countTH(g) == 0 {
			noHeaders(p, t, g)
			continue
		}
		if allScoped {
			p.Pass(1)
			continue
		}
		if bad, unknown := unconnected(g, pos, ids); bad != nil {
			if len(unknown) > 0 {
				failAt(p, "7.5", mh("15-003"), elemLoc(bad), checker.Textf(
					"A data cell refers to headers that do not exist (%s)", "Une cellule de données renvoie à des en-têtes inexistants (%s)", strings.Join(unknown, ", ")), nil)
			} else if simpleHeaders(g) {
				// Headers in the first row and/or column only, no merged cells: screen
				// readers pair each cell with them without a Scope (WCAG technique PDF6);
				// the Scope is a PDF/UA requirement.
				failUA(p, "7.5", mh("15-003"), elemLoc(bad), checker.Textf(
					"The header cells (TH) of this simple table have no Scope; screen readers find them anyway, PDF/UA requires the Scope",
					"Les cellules d'en-tête (TH) de ce tableau simple n'ont pas de portée (Scope) ; les lecteurs d'écran les trouvent quand même, PDF/UA exige la portée"), nil)
			} else {
				failAt(p, "7.5", mh("15-003"), elemLoc(bad), checker.Textf(
					"A data cell has no header: give the TH cells a Scope, or the TD cells Headers pointing at TH IDs",
					"Une cellule de données n'a pas d'en-tête : donnez une portée (Scope) aux cellules TH, ou des Headers vers les ID des TH aux cellules TD"), nil)
			}
			continue
		}
		p.Pass(1)
	}
}

// unconnected returns the first data cell without a header, with its unknown Headers ids.
func unconnected(g [][]*pdfdoc.Elem, pos map[*pdfdoc.Elem][2]int, ids map[string]bool) (*pdfdoc.Elem, []string) {
	for r, row := range g {
		for c, cell := range row {
			if cell.Type != "TD" || pos[cell] != [2]int{r, c} {
				continue
			}
			ok := len(cell.Headers) > 0
			var unknown []string
			for _, h := range cell.Headers {
				if !ids[h] {
					ok = false
					unknown = append(unknown, h)
				}
			}
			if ok || scopedHeader(g, r, c, r+max(cell.RowSpan, 1), c+max(cell.ColSpan, 1)) {
				continue
			}
			return cell, unknown
		}
	}
	return nil, nil
}

// scopedHeader looks up the column above and the row to the left of a cell for a TH whose
// scope covers it, stopping after the nearest group of header cells.
func scopedHeader(g [][]*pdfdoc.Elem, r0, c0, r1, c1 int) bool {
	covers := func(e *pdfdoc.Elem, want string) bool {
		return e.Type == "TH" && (e.Scope == "Both" || e.Scope == want)
	}
	for c := c0; c < c1 && r0 > 0; c++ {
		seen := false
		for r := r0 - 1; r >= 0; r-- {
			if covers(g[r][c], "Column") {
				return true
			}
			if g[r][c].Type == "TH" {
				seen = true
			} else if seen {
				break
			}
		}
	}
	for r := r0; r < r1 && c0 > 0; r++ {
		seen := false
		for c := c0 - 1; c >= 0; c-- {
			if covers(g[r][c], "Row") {
				return true
			}
			if g[r][c].Type == "TH" {
				seen = true
			} else if seen {
				break
			}
		}
	}
	return false
}

func countTH(g [][]*pdfdoc.Elem) int {
	n := 0
	for _, row := range g {
		for _, c := range row {
			if c != nil && c.Type == "TH" {
				n++
			}
		}
	}
	return n
}

// simpleHeaders reports a table whose header cells all sit in the first row or the first
// column and whose cells span one row and one column: the shape screen readers resolve
// without Scope or Headers.
func simpleHeaders(g [][]*pdfdoc.Elem) bool {
	for r, row := range g {
		for c, cell := range row {
			if cell == nil {
				continue
			}
			if cell.RowSpan > 1 || cell.ColSpan > 1 {
				return false
			}
			if cell.Type == "TH" && r > 0 && c > 0 {
				return false
			}
		}
	}
	// The first row, when it holds a header, is all headers (a header row), and so is
	// the first column when a header sits below the first row.
	firstRowTH, firstColTH := false, false
	for _, cell := range g[0] {
		if cell != nil && cell.Type == "TH" {
			firstRowTH = true
		}
	}
	for r := 1; r < len(g); r++ {
		if len(g[r]) > 0 && g[r][0] != nil && g[r][0].Type == "TH" {
			firstColTH = true
		}
	}
	if firstRowTH && !firstColTH {
		for c, cell := range g[0] {
			if cell == nil || (cell.Type != "TH" && c > 0) {
				return false
			}
		}
	}
	return true
}

// noHeaders reports a tagged table with no header cell at all. PDF/UA asks nothing of
// it (15-003 concerns TH without Scope), WCAG 1.3.1 does: either it is a data table whose
// headers are not marked, or a layout table that should not be tagged Table. A table of
// one row or one column is left alone unless its first cells are bold.
func noHeaders(p *checker.Pass, t *pdfdoc.Elem, g [][]*pdfdoc.Elem) {
	cols := 0
	for _, row := range g {
		cols = max(cols, len(row))
	}
	if styled := boldHeaderRowOrColumn(g); styled != "" {
		fr := map[string]string{"row": "ligne", "column": "colonne"}[styled]
		failWCAG(p, elemLoc(t), checker.Text{
			En: fmt.Sprintf("A %d×%d table has its first %s in bold, drawn as headers, but no header cell (TH): a screen reader reads those headers as ordinary cells", len(g), cols, styled),
			Fr: fmt.Sprintf("Un tableau de %d×%d a sa première %s en gras, dessinée comme des en-têtes, mais aucune cellule d'en-tête (TH) : un lecteur d'écran lit ces en-têtes comme des cellules ordinaires", len(g), cols, fr),
		}, map[string]string{"rows": itoa(len(g)), "columns": itoa(cols), "styled": styled})
		return
	}
	if len(g) < 2 || cols < 2 {
		return // one row or one column: a framed box more often than a data table
	}
	failWCAG(p, elemLoc(t), checker.Textf(
		"A %d×%d table has no header cell at all (no TH): a screen reader cannot say which row or column a value belongs to",
		"Un tableau de %d×%d n'a aucune cellule d'en-tête (aucun TH) : un lecteur d'écran ne peut pas dire à quelle ligne ou colonne appartient une valeur",
		len(g), cols), map[string]string{"rows": itoa(len(g)), "columns": itoa(cols)})
}

// boldHeaderRowOrColumn names the first row ("row", "ligne") or column of a table drawn
// in bold while the cells after it are not, "" when neither is.
func boldHeaderRowOrColumn(g [][]*pdfdoc.Elem) string {
	if len(g) < 2 {
		return ""
	}
	bold := func(cells []*pdfdoc.Elem) (bool, bool) { // all bold, any text
		chars, b := 0, 0
		for _, c := range cells {
			if c == nil {
				continue
			}
			c.Walk(func(e *pdfdoc.Elem) bool {
				chars += e.Chars
				b += e.BoldChars
				return true
			})
		}
		return chars > 0 && b*10 >= chars*9, chars > 0
	}
	var firstCol, otherCells []*pdfdoc.Elem
	for r, row := range g {
		for c, cell := range row {
			if c == 0 {
				firstCol = append(firstCol, cell)
			} else if r > 0 {
				otherCells = append(otherCells, cell)
			}
		}
	}
	restBold, restText := bold(otherCells)
	if !restText || restBold {
		return ""
	}
	if b, _ := bold(g[0]); b {
		return "row"
	}
	if b, _ := bold(firstCol[1:]); b && len(g[0]) > 1 {
		return "column"
	}
	return ""
}
