package checker

import "math"

// BlockingCap is the highest score a document with a blocking failure can get: the top
// of the "low" band.
const BlockingCap = 33

// FailureCap is the highest score of a document with a WCAG A/AA failure: the top of the
// "medium" band, so the "high" band means that no A/AA failure was found.
const FailureCap = 66

// The score's constants, published in ScoreFormula.
const (
	errorCost   = 24 // a failed criterion, at error severity, affecting the whole document
	warningCost = 8  // the same at warning severity
	likelyCost  = 3  // a finding to review whose evidence points to a failure
	likelyMax   = 9  // all of them together
	tipCost     = 1  // a tip, or a failure outside WCAG A/AA and PDF/UA
	tipMax      = 2  // all of them together
	halfCost    = 90 // the cost at which a failing document's score halves (66 → 33)
)

// Score is a document's 0-100 score and its band.
type Score struct {
	Value    int
	Band     Band
	Capped   bool // a blocking failure capped the score
	ToReview int  // findings that still need a person (outcome review)
	// Cost is the sum the score was computed from (see ScoreFormula), for explanations.
	Cost float64
}

// Band names a score range as CONTRACT.md defines it.
type Band string

const (
	BandLow     Band = "low"     // 0-33
	BandMedium  Band = "medium"  // 34-66
	BandHigh    Band = "high"    // 67-99
	BandPerfect Band = "perfect" // 100
)

// BandOf returns the band of a score.
func BandOf(v int) Band {
	switch {
	case v >= 100:
		return BandPerfect
	case v >= 67:
		return BandHigh
	case v >= 34:
		return BandMedium
	}
	return BandLow
}

// ScoreFormula explains the score; `focus explain score` and the README print it.
var ScoreFormula = Text{
	En: `The score goes from 0 to 100. It measures WCAG 2.2 level A and AA, what readers meet;
PDF/UA conformance is a separate verdict and costs the score nothing.
1. Each WCAG A/AA success criterion that failed costs
     W × (½ + ½ × share) × repeats
   W is 24 when the worst failure of that criterion is an error, 8 for a warning. share is
   how much of the document it affects: the part of the checked items that failed (9
   figures without alternative text out of 10 give 0.9; a document-wide check such as a
   missing title gives 1). A finding that cites several criteria shares itself between
   them. repeats is 1 for one problem; each further problem on the same criterion adds
   half of what the previous one added (1, 1.5, 1.75…), so every fix counts.
2. A finding to review whose evidence points to a failure (colour alone, contrast just
   under the threshold) costs 3, at most 9 in all. Other findings to review cost nothing.
3. A tip, or a failure outside WCAG A/AA and PDF/UA, costs 1, at most 2 in all.
4. A failure of PDF/UA alone (no WCAG criterion: font embedding, XMP metadata, Tabs,
   artifacts) costs nothing.
5. With no WCAG A/AA failure: score = 100 − cost, and at most 99 if anything failed at
   all. Such a document is always in the top band: "high" means that no A/AA failure was
   found by the automatic checks, not that a person would find none.
6. With at least one A/AA failure: score = 66 × 90 / (90 + cost), so 66 at most (top of
   "medium"), 33 when the cost reaches 90, and every fix raises it.
7. A blocking failure puts the document in the low band: score = 33 × 90 / (90 + cost).
   Blocking means no text a reader can reach (a scanned page without OCR, a document made
   of one picture, a file encrypted without the accessibility permission), no structure
   at all (an untagged PDF: a screen reader gets one stream of text, without headings,
   lists, tables, image descriptions or form labels) or a seizure risk (flashing). When no
   text can be reached at all, or with a seizure risk, the score is half that: a scan
   ranks below an untagged text that can at least be read.
Bands: low 0-33 (some readers cannot use the document), medium 34-66 (A/AA failures to
fix), high 67-99 (no A/AA failure found; tips or points to review remain), perfect 100
(nothing failed and nothing left to review).`,
	Fr: `Le score va de 0 à 100. Il mesure WCAG 2.2 aux niveaux A et AA, ce que rencontrent les
lecteurs ; la conformité PDF/UA est un verdict à part et ne coûte rien au score.
1. Chaque critère de succès WCAG A/AA en échec coûte
     W × (½ + ½ × part) × répétitions
   W vaut 24 quand le pire échec de ce critère est une erreur, 8 pour un avertissement.
   part dit quelle proportion du document est touchée : la part des éléments vérifiés en
   échec (9 figures sans alternative sur 10 donnent 0,9 ; une vérification qui porte sur
   tout le document, comme un titre manquant, donne 1). Un constat qui cite plusieurs
   critères se partage entre eux. répétitions vaut 1 pour un problème ; chaque autre
   problème sur le même critère ajoute la moitié de ce qu'a ajouté le précédent (1 ;
   1,5 ; 1,75…), si bien que chaque correction compte.
2. Un point à vérifier dont les indices montrent un échec probable (couleur seule,
   contraste juste sous le seuil) coûte 3, au plus 9 en tout. Les autres points à vérifier
   ne coûtent rien.
3. Un conseil, ou un échec hors WCAG A/AA et PDF/UA, coûte 1, au plus 2 en tout.
4. Un échec PDF/UA seul (sans critère WCAG : incorporation des polices, métadonnées XMP,
   Tabs, artefacts) ne coûte rien.
5. Sans échec WCAG A/AA : score = 100 − coût, et au plus 99 si quoi que ce soit a échoué.
   Un tel document est toujours dans la tranche haute : « élevé » veut dire qu'aucun échec
   A/AA n'a été trouvé par les vérifications automatiques, pas qu'une personne n'en
   trouverait aucun.
6. Avec au moins un échec A/AA : score = 66 × 90 / (90 + coût), donc 66 au plus (haut de
   « moyen »), 33 quand le coût atteint 90, et chaque correction le fait monter.
7. Un échec bloquant met le document dans la tranche faible : score = 33 × 90 / (90 + coût).
   Bloquant veut dire aucun texte accessible au lecteur (page scannée sans OCR, document
   fait d'une seule image, fichier chiffré sans la permission d'accessibilité), aucune
   structure (un PDF non balisé : un lecteur d'écran n'y trouve qu'un flot de texte, sans
   titres, listes, tableaux, descriptions d'images ni étiquettes de champs) ou un risque de
   crise (flashs lumineux). Quand aucun texte n'est accessible, ou avec un risque de crise,
   le score en est la moitié : un document numérisé passe sous un texte non balisé qui
   peut au moins être lu.
Tranches : faible 0-33 (certains lecteurs ne peuvent pas utiliser le document), moyen
34-66 (des échecs A/AA à corriger), élevé 67-99 (aucun échec A/AA trouvé ; restent des
conseils ou des points à vérifier), parfait 100 (rien en échec, rien à vérifier).`,
}

// repeats weighs the problems found on one criterion: each further problem adds half of
// what the previous one added (1, 1.5, 1.75, …), so every fix counts and a criterion
// never weighs more than twice.
func repeats(problems float64) float64 {
	if problems <= 1 {
		return problems
	}
	return 2 - math.Pow(2, 1-problems)
}

// score computes the document's score from its findings and rows (see ScoreFormula).
func (e *Engine) score(rows []CheckRow, findings []Finding) Score {
	share := map[string]float64{}
	for _, row := range rows {
		if n := row.Passed + row.Failed; n > 0 {
			share[row.Rule] = float64(row.Failed) / float64(n)
		}
	}
	type criterion struct {
		weight, extent, problems float64
	}
	crit := map[string]*criterion{}
	var likely, tips float64
	anyFailed, aaFailed, noText := false, false, false
	s := Score{}
	for _, f := range findings {
		if f.Outcome == Review {
			s.ToReview++
			if f.Likely {
				likely += likelyCost
			}
			continue
		}
		if f.Outcome != Failed {
			continue
		}
		anyFailed = true
		if f.Blocking {
			s.Capped = true
			// A rule that blocks with every failure leaves no text to reach (a scan, a
			// picture, an encrypted file) or risks seizures; an untagged PDF, marked by
			// its finding, can at least be read as one stream of text.
			if r := e.Rule(f.Rule); r != nil && r.Blocking {
				noText = true
			}
		}
		switch {
		case IsWCAGFailure(f):
			aaFailed = true
			scs := aaCriteria(f)
			w := float64(warningCost)
			if f.Severity >= Error {
				w = errorCost
			}
			ext, ok := share[f.Rule]
			if !ok {
				ext = 1
			}
			for _, sc := range scs {
				c := crit[sc]
				if c == nil {
					c = &criterion{}
					crit[sc] = c
				}
				c.weight = math.Max(c.weight, w)
				c.extent = math.Max(c.extent, ext)
				c.problems += 1 / float64(len(scs))
			}
		case IsPDFUAOnly(f):
			// PDF/UA conformance alone: the PDF/UA verdict says it, the score does not.
		default:
			tips += tipCost
		}
	}
	cost := math.Min(likely, likelyMax) + math.Min(tips, tipMax)
	for _, c := range crit {
		cost += c.weight * (0.5 + 0.5*c.extent) * repeats(c.problems)
	}
	s.Cost = cost
	if aaFailed {
		s.Value = int(math.Round(FailureCap * halfCost / (halfCost + cost)))
	} else {
		s.Value = max(int(math.Round(100-cost)), FailureCap+1)
		if anyFailed || s.ToReview > 0 {
			s.Value = min(s.Value, 99)
		}
	}
	if s.Capped {
		// A reader left with nothing: the low band, and within it the same slope, so a
		// scanned page scores below an untagged text that can at least be read.
		cap := float64(BlockingCap)
		if noText {
			cap /= 2
		}
		s.Value = int(math.Round(cap * halfCost / (halfCost + cost)))
	}
	s.Band = BandOf(s.Value)
	return s
}
