package docx

import (
	"strings"

	"github.com/lab110bis/focusplus/checker"
	"github.com/lab110bis/focusplus/format/wordproc"
)

var tableStandards = checker.Standards{WCAG: []string{"1.3.1"}, EN301549: []string{"10.1.3.1"}, RGAA: []string{"5.7"}}

// dataTables lists the tables of the main body that hold data: at least two rows and
// two columns (a one-row or one-column table is layout, read in order).
func dataTables(d *wordproc.Document) []*wordproc.Table {
	var ts []*wordproc.Table
	for _, t := range d.Tables {
		if t.Part == d.MainPart && !t.InTextBox && len(t.Rows) >= 2 && t.Columns() >= 2 && !emptyTable(t) {
			ts = append(ts, t)
		}
	}
	return ts
}

// emptyTable reports a table without any text or picture: a grid to fill in, not data.
func emptyTable(t *wordproc.Table) bool {
	for _, r := range t.Rows {
		for _, c := range r.Cells {
			if !c.Empty() {
				return false
			}
		}
	}
	return true
}

func tableLoc(t *wordproc.Table) checker.Location {
	return checker.Location{Part: t.Part, Path: t.Path}
}

// tableWords gives the first words of a table, for messages.
func tableWords(t *wordproc.Table) string {
	var parts []string
	for _, r := range t.Rows {
		for _, c := range r.Cells {
			if s := strings.TrimSpace(c.Text()); s != "" {
				parts = append(parts, s)
				if len(parts) >= 4 {
					return snippet(strings.Join(parts, " | "))
				}
			}
		}
	}
	return snippet(strings.Join(parts, " | "))
}

// TableHeader checks that data tables mark their first row as a header row that repeats
// (w:tblHeader), which Word exports as TH cells and screen readers announce with each cell.
var TableHeader = &checker.Rule{
	ID: "DOCX-TABLE-HEADER",
	Title: checker.Text{
		En: "Data tables have a header row",
		Fr: "Les tableaux de données ont une ligne d'en-tête",
	},
	Why: checker.Text{
		En: "When a table has a marked header row, a screen reader announces the column title with each cell (\"Budget 2025: 12 000 €\"); without it, a blind reader hears a stream of numbers and must remember which column is which. The header also repeats on each page.",
		Fr: "Quand un tableau a une ligne d'en-tête déclarée, le lecteur d'écran annonce le titre de colonne avec chaque cellule (« Budget 2025 : 12 000 € ») ; sans elle, une personne aveugle entend une suite de nombres et doit se souvenir de chaque colonne. L'en-tête se répète aussi sur chaque page.",
	},
	Fix: checker.Text{
		En: "Word: click in the first row, Table Layout > Repeat Header Rows (or Table Properties > Row > \"Repeat as header row at the top of each page\"); the \"Header Row\" tick box of Table Design only changes the look. LibreOffice Writer: Table > Properties > Text Flow > tick \"Repeat heading\" with 1 row, and give the first row the \"Table Heading\" paragraph style.",
		Fr: "Word : cliquez dans la première ligne, Disposition du tableau > Répéter les lignes d'en-tête (ou Propriétés du tableau > Ligne > « Répéter en haut de chaque page en tant que ligne d'en-tête ») ; la case « Ligne d'en-tête » de Création de tableau ne change que l'apparence. LibreOffice Writer : Tableau > Propriétés > Enchaînements > cochez « Répéter le titre » sur 1 ligne, et donnez à la première ligne le style de paragraphe « Titre de tableau ».",
	},
	Affects:   []checker.Audience{checker.Blind},
	Severity:  checker.Error,
	Kinds:     docxOnly,
	Standards: checker.Standards{WCAG: []string{"1.3.1"}, EN301549: []string{"10.1.3.1"}, RGAA: []string{"5.6", "5.7"}},
	Run:       runTableHeader,
}

func runTableHeader(p *checker.Pass) {
	d := model(p)
	if d == nil {
		return
	}
	for _, t := range dataTables(d) {
		data := map[string]string{"rows": itoa(len(t.Rows)), "columns": itoa(t.Columns())}
		switch {
		case t.Rows[0].Header:
			p.Pass(1)
		case t.LookFirstRow:
			p.Review(tableLoc(t), checker.Textf(
				"The table (%s; %q) only has the \"Header Row\" style option, which changes its look but is not a repeated header row: Word exports it without header cells. Confirm the first row holds headers and set Repeat Header Rows",
				"Le tableau (%s ; %q) n'a que l'option de style « Ligne d'en-tête », qui change son apparence sans déclarer de ligne d'en-tête répétée : Word l'exporte sans cellules d'en-tête. Confirmez que la première ligne contient des en-têtes et activez Répéter les lignes d'en-tête",
				checker.Plural(len(t.Rows), "%d row", "%d rows", "%d ligne", "%d lignes"), tableWords(t)), data)
		default:
			p.Fail(tableLoc(t), checker.Textf("The table (%s × %s; %q) has no header row",
				"Le tableau (%s × %s ; %q) n'a pas de ligne d'en-tête",
				checker.Plural(len(t.Rows), "%d row", "%d rows", "%d ligne", "%d lignes"),
				checker.Plural(t.Columns(), "%d column", "%d columns", "%d colonne", "%d colonnes"), tableWords(t)), data)
		}
	}
}

// TableMerged flags merged or split cells, which screen readers often announce with the
// wrong headers.
var TableMerged = &checker.Rule{
	ID: "DOCX-TABLE-MERGED",
	Title: checker.Text{
		En: "Tables have a simple structure (no merged or split cells)",
		Fr: "Les tableaux ont une structure simple (pas de cellules fusionnées ou fractionnées)",
	},
	Why: checker.Text{
		En: "Screen readers announce each cell with its row and column headers. Merged or split cells break that grid: cells are announced with the wrong header, or skipped, and the numbers of rows and columns no longer add up.",
		Fr: "Les lecteurs d'écran annoncent chaque cellule avec ses en-têtes de ligne et de colonne. Des cellules fusionnées ou fractionnées cassent cette grille : des cellules sont annoncées avec le mauvais en-tête, ou sautées, et les nombres de lignes et de colonnes ne correspondent plus.",
	},
	Fix: checker.Text{
		En: "Word: select the merged cell, Table Layout > Split Cells, and repeat the value or restructure into several simple tables. LibreOffice Writer: Table > Split Cells. A title spanning the table belongs in a caption (Word: References > Insert Caption; Writer: Insert > Caption) rather than a merged first row.",
		Fr: "Word : sélectionnez la cellule fusionnée, Disposition du tableau > Fractionner les cellules, puis répétez la valeur ou découpez en plusieurs tableaux simples. LibreOffice Writer : Tableau > Scinder les cellules. Un titre qui couvre tout le tableau va dans une légende (Word : Références > Insérer une légende ; Writer : Insertion > Légende) plutôt que dans une première ligne fusionnée.",
	},
	Affects:   []checker.Audience{checker.Blind},
	Severity:  checker.Warning,
	Kinds:     docxOnly,
	Standards: tableStandards,
	Run:       runTableMerged,
}

func runTableMerged(p *checker.Pass) {
	d := model(p)
	if d == nil {
		return
	}
	for _, t := range dataTables(d) {
		merged, ragged := 0, false
		for _, r := range t.Rows {
			if r.GridBefore > 0 || r.GridAfter > 0 {
				ragged = true
			}
			for _, c := range r.Cells {
				if c.GridSpan > 1 || c.VMerge != "" || c.HMerge != "" {
					merged++
				}
			}
		}
		if merged == 0 && !ragged {
			p.Pass(1)
			continue
		}
		data := map[string]string{"merged": itoa(merged), "ragged": boolStr(ragged)}
		if merged == 0 {
			p.Fail(tableLoc(t), checker.Textf("The table (%q) has rows of unequal length (cells missing at the start or end of rows)",
				"Le tableau (%q) a des lignes de longueurs différentes (cellules manquantes en début ou fin de ligne)", tableWords(t)), data)
			continue
		}
		p.Fail(tableLoc(t), checker.Textf("The table (%q) has %s", "Le tableau (%q) a %s", tableWords(t),
			checker.Plural(merged, "%d merged cell", "%d merged cells", "%d cellule fusionnée", "%d cellules fusionnées")), data)
	}
}

// TableNested flags tables inside table cells.
var TableNested = &checker.Rule{
	ID: "DOCX-TABLE-NESTED",
	Title: checker.Text{
		En: "Tables are not nested in other tables",
		Fr: "Les tableaux ne sont pas imbriqués dans d'autres tableaux",
	},
	Why: checker.Text{
		En: "A table inside a table cell is announced as a second table in the middle of the first; screen-reader users lose track of which row and column they are in, and table navigation commands behave unpredictably.",
		Fr: "Un tableau dans une cellule de tableau est annoncé comme un second tableau au milieu du premier ; l'utilisateur d'un lecteur d'écran ne sait plus dans quelle ligne et quelle colonne il se trouve, et les commandes de navigation dans les tableaux deviennent imprévisibles.",
	},
	Fix: checker.Text{
		En: "Move the inner table out, after the outer one (Word: select it, Ctrl+X, click after the table, Ctrl+V; LibreOffice Writer: same, or Table > Split Table), and refer to it in the text. If the outer table only lays out the page, convert it to text (Word: Table Layout > Convert to Text; Writer: Table > Convert > Table to Text).",
		Fr: "Sortez le tableau intérieur et placez-le après l'autre (Word : sélectionnez-le, Ctrl+X, cliquez après le tableau, Ctrl+V ; LibreOffice Writer : idem, ou Tableau > Scinder le tableau), puis citez-le dans le texte. Si le tableau extérieur ne sert qu'à la mise en page, convertissez-le en texte (Word : Disposition > Convertir en texte ; Writer : Tableau > Convertir > Tableau en texte).",
	},
	Affects:   []checker.Audience{checker.Blind},
	Severity:  checker.Warning,
	Kinds:     docxOnly,
	Standards: tableStandards,
	Run:       runTableNested,
}

func runTableNested(p *checker.Pass) {
	d := model(p)
	if d == nil {
		return
	}
	for _, t := range d.Tables {
		if t.Part != d.MainPart {
			continue
		}
		if t.Depth == 0 {
			p.Pass(1)
			continue
		}
		p.Fail(tableLoc(t), checker.Textf("A table (%q) is nested %s deep inside another table",
			"Un tableau (%q) est imbriqué sur %s dans un autre tableau", tableWords(t),
			checker.Plural(t.Depth, "%d level", "%d levels", "%d niveau", "%d niveaux")),
			map[string]string{"depth": itoa(t.Depth)})
	}
}

// TableBlank flags empty rows or columns, usually added for spacing.
var TableBlank = &checker.Rule{
	ID: "DOCX-TABLE-BLANK",
	Title: checker.Text{
		En: "Tables have no blank rows or columns used for spacing",
		Fr: "Les tableaux n'ont pas de lignes ou colonnes vides servant d'espacement",
	},
	Why: checker.Text{
		En: "Every empty cell is announced (\"blank\") as the screen-reader user moves through the table; empty rows or columns added for spacing make the table longer to explore and suggest missing data.",
		Fr: "Chaque cellule vide est annoncée (« vide ») quand l'utilisateur d'un lecteur d'écran parcourt le tableau ; des lignes ou colonnes vides ajoutées pour espacer rallongent l'exploration et laissent croire à des données manquantes.",
	},
	Fix: checker.Text{
		En: "Word: select the empty row or column, right-click > Delete Cells > Delete entire row/column; add space with Table Properties > Cell > Options (cell margins) or paragraph spacing. LibreOffice Writer: Table > Delete > Rows / Columns, and Table Properties > Borders > Padding for space.",
		Fr: "Word : sélectionnez la ligne ou colonne vide, clic droit > Supprimer les cellules > Supprimer toute la ligne/colonne ; espacez avec Propriétés du tableau > Cellule > Options (marges) ou l'espacement des paragraphes. LibreOffice Writer : Tableau > Supprimer > Lignes / Colonnes, et Propriétés du tableau > Bordures > Espacement.",
	},
	Affects:   []checker.Audience{checker.Blind},
	Severity:  checker.Warning,
	Kinds:     docxOnly,
	Standards: checker.Standards{WCAG: []string{"1.3.1", "1.3.2"}, EN301549: []string{"10.1.3.1", "10.1.3.2"}, RGAA: []string{"5.3", "5.8"}},
	Run:       runTableBlank,
}

// maxGrid bounds the grid examined for empty columns.
const maxGrid = 256

func runTableBlank(p *checker.Pass) {
	d := model(p)
	if d == nil {
		return
	}
	for _, t := range dataTables(d) {
		var emptyRows []string
		cols := min(t.Columns(), maxGrid)
		filled := make([]bool, cols)
		allEmpty := true // dataTables leaves out empty grids; kept for safety
		for i, r := range t.Rows {
			rowEmpty := true
			x := r.GridBefore
			for _, c := range r.Cells {
				empty := c.Empty() && c.VMerge != "continue" && c.HMerge != "continue"
				if !empty {
					rowEmpty = false
					for k := x; k < x+c.Span() && k < cols; k++ {
						filled[k] = true
					}
				}
				x += c.Span()
			}
			if rowEmpty && len(r.Cells) > 0 {
				emptyRows = append(emptyRows, itoa(i+1))
			} else {
				allEmpty = false
			}
		}
		if allEmpty {
			continue // an empty grid to fill in: a form, not spacing
		}
		var emptyCols []string
		for k, f := range filled {
			if !f {
				emptyCols = append(emptyCols, itoa(k+1))
			}
		}
		if len(emptyRows) == 0 && len(emptyCols) == 0 {
			p.Pass(1)
			continue
		}
		p.Fail(tableLoc(t), checker.Textf("The table (%q) has blank rows [%s] and columns [%s]",
			"Le tableau (%q) a des lignes [%s] et colonnes [%s] vides", tableWords(t), strings.Join(emptyRows, ", "), strings.Join(emptyCols, ", ")),
			map[string]string{"rows": strings.Join(emptyRows, ","), "columns": strings.Join(emptyCols, ",")})
	}
}
