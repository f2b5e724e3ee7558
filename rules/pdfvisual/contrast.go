package pdfvisual

import (
	"context"
	"errors"
	"fmt"
	"image/color"
	"strconv"
	"strings"

	"github.com/lab110bis/focusplus/checker"
	"github.com/lab110bis/focusplus/format/pdfdoc"
)

// TextContrast is WCAG 1.4.3 Contrast (Minimum), measured on the rendered page: the
// colour each run of text is painted in against the pixels painted around it.
var TextContrast = &checker.Rule{
	ID: "PDF-TEXT-CONTRAST",
	Title: checker.Text{
		En: "Text contrasts enough with its background (4.5:1, 3:1 for large text)",
		Fr: "Le texte est assez contrasté avec son fond (4,5:1, 3:1 pour les grands caractères)",
	},
	Why: checker.Text{
		En: "Pale text on a light background, or dark text on a dark one, is hard or impossible to read for people with low vision, for many older readers and for colour-blind readers, and for everyone on a screen in daylight or on a poor printout.",
		Fr: "Un texte pâle sur fond clair, ou sombre sur fond sombre, est difficile voire impossible à lire pour les personnes malvoyantes, beaucoup de personnes âgées et les personnes daltoniennes, et pour tous sur un écran en plein jour ou une impression médiocre.",
	},
	Fix: checker.Text{
		En: "Darken the text or lighten the background (or the reverse) until the ratio reaches 4.5:1, or 3:1 for text of 18 pt and more (14 pt bold). In Word or LibreOffice Writer, change the font colour of the style (Home > Styles > Modify > Format > Font), then export the PDF again; in Acrobat, Edit PDF > select the text > change its colour. Check colours with a contrast checker such as the Colour Contrast Analyser.",
		Fr: "Foncez le texte ou éclaircissez le fond (ou l'inverse) jusqu'à un rapport de 4,5:1, ou 3:1 pour un texte de 18 pt et plus (14 pt en gras). Dans Word ou LibreOffice Writer, changez la couleur de police du style (Accueil > Styles > Modifier > Format > Police), puis exportez à nouveau le PDF ; dans Acrobat, Modifier le PDF > sélectionnez le texte > changez sa couleur. Vérifiez les couleurs avec un outil comme Colour Contrast Analyser.",
	},
	Affects:  []checker.Audience{checker.LowVision, checker.ColourBlind},
	Severity: checker.Error,
	Kinds:    []checker.Kind{pdfdoc.Kind},
	Standards: checker.Standards{
		WCAG: []string{"1.4.3"}, EN301549: []string{"10.1.4.3"}, RGAA: []string{"3.2"},
	},
	Run: func(p *checker.Pass) { runContrast(p, false) },
}

// threshold returns the ratio a run needs at the AA (1.4.3) or AAA (1.4.6) level.
func threshold(large, aaa bool) float64 {
	switch {
	case aaa && large:
		return checker.ContrastAAALarge
	case aaa:
		return checker.ContrastAAA
	case large:
		return checker.ContrastAALarge
	}
	return checker.ContrastAA
}

// contrastGroup gathers the runs reported as one finding: the same colours at the same
// size class, on every page where they occur, so that a grey footer repeated on 300
// pages is one finding with a count.
type contrastGroup struct {
	outcome     checker.Outcome
	fg, bg      color.RGBA
	large       bool
	varied      bool // the background is not uniform (an image or a gradient)
	ratio       float64
	lo, hi      float64
	runs, chars int
	pages       []int
	sample      string
	firstPage   int
	firstBox    []float64
	need        float64
	page        int                // the page of a varied background, which is grouped per page
	locations   []checker.Location // each run's page and box, at most checker.MaxLocations
}

type groupKey struct {
	outcome checker.Outcome
	fg, bg  color.RGBA
	large   bool
	page    int // set only for varied backgrounds, which are grouped per page
}

func runContrast(p *checker.Pass, aaa bool) {
	a := analyse(p)
	if a.err != nil {
		if errors.Is(a.err, context.Canceled) || errors.Is(a.err, context.DeadlineExceeded) {
			return // the engine reports the deadline
		}
		// The renderer's error is for experts (the finding's data), not for the author.
		p.Review(checker.Location{}, checker.Textf(
			"The pages could not be drawn to measure text contrast: check it by eye",
			"Les pages n'ont pas pu être dessinées pour mesurer le contraste du texte : vérifiez-le à l'œil"),
			map[string]string{"detail": a.err.Error()})
		return
	}
	groups := map[groupKey]*contrastGroup{}
	var order []*contrastGroup
	passed := 0
	for i := range a.runs {
		r := &a.runs[i]
		v := verdict(r.lo, r.hi, threshold(r.large, false))
		if aaa {
			if v != checker.Passed {
				continue // below AA: PDF-TEXT-CONTRAST reports it
			}
			v = verdict(r.lo, r.hi, threshold(r.large, true))
		}
		if v == checker.Passed {
			passed++
			continue
		}
		varied := r.hi-r.lo >= 0.1
		k := groupKey{outcome: v, fg: r.fg, large: r.large}
		if varied {
			k.page = r.page
		} else {
			k.bg = r.bg
		}
		g := groups[k]
		if g == nil {
			g = &contrastGroup{outcome: v, fg: r.fg, bg: r.bg, large: r.large, varied: varied,
				ratio: r.mid, lo: r.lo, hi: r.hi, sample: r.text, firstPage: r.page, firstBox: r.box,
				need: threshold(r.large, aaa), page: k.page}
			groups[k] = g
			order = append(order, g)
		}
		g.runs++
		g.chars += r.chars
		if len(g.locations) < checker.MaxLocations {
			g.locations = append(g.locations, checker.Location{Page: r.page, Box: r.box})
		}
		g.lo, g.hi = min(g.lo, r.lo), max(g.hi, r.hi)
		if n := len(g.pages); n == 0 || g.pages[n-1] != r.page {
			g.pages = append(g.pages, r.page)
		}
	}
	p.Pass(passed)
	for _, g := range order {
		report(p, g, aaa)
	}
	if a.stalled == 1 {
		p.Review(checker.Location{Page: 1}, checker.Textf(
			"The first page takes too long to draw (a very complex drawing or image), so text contrast could not be measured: check it by eye",
			"La première page est trop longue à dessiner (un dessin ou une image très complexe) : le contraste du texte n'a pas pu être mesuré ; vérifiez-le à l'œil"), nil)
	} else if a.stalled > 0 {
		p.Review(checker.Location{Page: a.stalled}, checker.Textf(
			"Page %d takes too long to draw (a very complex drawing or image), so text contrast was measured %s only: check that page and the ones after it by eye",
			"La page %d est trop longue à dessiner (un dessin ou une image très complexe) : le contraste du texte n'a été mesuré que sur %s ; vérifiez à l'œil cette page et les suivantes",
			a.stalled, checker.Plural(a.summary.Rendered, "on the page before it", "on the %d pages before it", "la page qui la précède", "les %d pages qui la précèdent")), nil)
	} else if sum := a.summary; sum.Truncated && sum.Rendered > 0 {
		// The walk stopped before the end: how many of the pages after it have text
		// is not known, so the report says where it stopped.
		p.Review(checker.Location{}, checker.Textf(
			"Text contrast was measured on %s only, as the check stopped after page %d of %d (page, pixel or time budget): check the other pages",
			"Le contraste du texte n'a été mesuré que sur %s, la vérification s'étant arrêtée après la page %d sur %d (limite de pages, de pixels ou de temps) : vérifiez les autres pages",
			checker.Plural(sum.Rendered, "the first page with text", "the first %d pages with text", "la première page avec du texte", "les %d premières pages avec du texte"),
			sum.Walked, sum.Pages), map[string]string{
			"pages_measured": strconv.Itoa(sum.Rendered), "pages_examined": strconv.Itoa(sum.Walked), "pages": strconv.Itoa(sum.Pages)})
	} else if sum.RenderTruncated {
		p.Review(checker.Location{}, checker.Textf(
			"Text contrast was measured on %s only, %s of the %s with text (page, pixel or time budget): check the others",
			"Le contraste du texte n'a été mesuré que sur %s, %s des %s avec du texte (limite de pages, de pixels ou de temps) : vérifiez les autres",
			checker.Plural(sum.Rendered, "%d page", "%d pages", "%d page", "%d pages"),
			checker.Plural(sum.Rendered, "the first", "the first", "la première", "les premières"),
			checker.Plural(a.textPages, "%d page", "%d pages", "%d page", "%d pages")), nil)
	}
}

func report(p *checker.Pass, g *contrastGroup, aaa bool) {
	kind := checker.Text{En: "body text", Fr: "le texte courant"}
	if g.large {
		kind = checker.Text{En: "large text", Fr: "les grands caractères"}
	}
	where := pagesText(g.runs, g.pages)
	sample := g.sample
	need := strings.TrimSuffix(strings.TrimSuffix(fmt.Sprintf("%.1f", g.need), "0"), ".")
	needFr := strings.ReplaceAll(need, ".", ",")
	data := map[string]string{
		"foreground": checker.Hex(g.fg),
		"background": checker.Hex(g.bg),
		"ratio":      checker.FormatRatio(g.ratio),
		"required":   need,
		"large":      strconv.FormatBool(g.large),
		"count":      strconv.Itoa(g.runs),
		"characters": strconv.Itoa(g.chars),
		"pages":      pageList(g.pages),
	}
	if sample != "" {
		data["text"] = sample
	}
	loc := checker.Location{Page: g.firstPage, Box: g.firstBox}
	if g.varied {
		data["ratio_min"] = checker.FormatRatio(g.lo)
		data["ratio_max"] = checker.FormatRatio(g.hi)
		data["background_varies"] = "true" // background is then the median colour
	}
	var msg checker.Text
	switch {
	case g.outcome == checker.Failed && !g.varied:
		msg = bi(
			"Text in %s on %s has a contrast ratio of %s:1, below the %s:1 required for %s (%s%s)",
			"Le texte en %s sur %s a un rapport de contraste de %s:1, inférieur aux %s:1 requis pour %s (%s%s)",
			[]any{checker.Hex(g.fg), checker.Hex(g.bg), checker.FormatRatio(g.ratio), need, kind.En, where.En, quote(sample, false)},
			[]any{checker.Hex(g.fg), checker.Hex(g.bg), frRatio(g.ratio), needFr, kind.Fr, where.Fr, quote(sample, true)})
	case g.outcome == checker.Failed:
		msg = bi(
			"Text in %s on a varied background (image or gradient) has a contrast ratio of %s:1 to %s:1, below the %s:1 required for %s (%s%s)",
			"Le texte en %s sur un fond varié (image ou dégradé) a un rapport de contraste de %s:1 à %s:1, inférieur aux %s:1 requis pour %s (%s%s)",
			[]any{checker.Hex(g.fg), checker.FormatRatio(g.lo), checker.FormatRatio(g.hi), need, kind.En, where.En, quote(sample, false)},
			[]any{checker.Hex(g.fg), frRatio(g.lo), frRatio(g.hi), needFr, kind.Fr, where.Fr, quote(sample, true)})
	default:
		msg = bi(
			"Text in %s is on a background that varies (image or gradient, around %s): its contrast ranges from %s:1 to %s:1, across the %s:1 required for %s, so part of it may be hard to read; check it by eye (%s%s)",
			"Le texte en %s est sur un fond qui varie (image ou dégradé, autour de %s) : son contraste va de %s:1 à %s:1, de part et d'autre des %s:1 requis pour %s, et une partie peut être difficile à lire ; vérifiez-le à l'œil (%s%s)",
			[]any{checker.Hex(g.fg), checker.Hex(g.bg), checker.FormatRatio(g.lo), checker.FormatRatio(g.hi), need, kind.En, where.En, quote(sample, false)},
			[]any{checker.Hex(g.fg), checker.Hex(g.bg), frRatio(g.lo), frRatio(g.hi), needFr, kind.Fr, where.Fr, quote(sample, true)})
	}
	// One finding for the colour pair, with every run it stands for: the engine keeps
	// them apart from other pairs by the key.
	f := checker.Finding{Outcome: g.outcome, Location: loc, Message: msg, Data: data, Count: g.runs,
		Key: fmt.Sprintf("%s on %s large=%v varied=%v page=%d", checker.Hex(g.fg), checker.Hex(g.bg), g.large, g.varied, g.page)}
	if g.runs > 1 {
		f.Locations = g.locations
	}
	p.Report(f)
}

func frRatio(r float64) string { return strings.ReplaceAll(checker.FormatRatio(r), ".", ",") }

func quote(s string, fr bool) string {
	if s == "" {
		return ""
	}
	if r := []rune(s); len(r) > 40 {
		s = string(r[:39]) + "…"
	}
	if fr {
		return ", par ex. « " + s + " »"
	}
	return ", e.g. “" + s + "”"
}

// pagesText says how many runs on which pages: "1 run on page 3", "12 runs on pages
// 1–4, 7".
func pagesText(runs int, pages []int) checker.Text {
	list := pageList(pages)
	switch {
	case runs == 1:
		return checker.Textf("1 run of text on page %s", "1 passage en page %s", list)
	case len(pages) == 1:
		return checker.Textf("%d runs of text on page %s", "%d passages en page %s", runs, list)
	}
	return checker.Textf("%d runs of text on pages %s", "%d passages aux pages %s", runs, list)
}

// pageList writes sorted page numbers as ranges: 1–4, 7, 9–10.
func pageList(pages []int) string {
	var b strings.Builder
	for i := 0; i < len(pages); {
		j := i
		for j+1 < len(pages) && pages[j+1] == pages[j]+1 {
			j++
		}
		if b.Len() > 0 {
			b.WriteString(", ")
		}
		if j > i {
			fmt.Fprintf(&b, "%d–%d", pages[i], pages[j])
		} else {
			fmt.Fprintf(&b, "%d", pages[i])
		}
		i = j + 1
	}
	return b.String()
}

// bi formats a message whose English and French versions take different arguments
// (French writes 4,5:1 and quotes with « »).
func bi(en, fr string, enArgs, frArgs []any) checker.Text {
	return checker.Text{En: fmt.Sprintf(en, enArgs...), Fr: fmt.Sprintf(fr, frArgs...)}
}
