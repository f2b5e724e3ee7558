package checker

import "math"

// BlockingCap is the highest score a document with a blocking failure can get: the top
// of the "low" band.
const BlockingCap = 33

// minWeights is the smallest denominator of the score: the weight of one error rule.
const minWeights = 10

// Score is a document's 0-100 score and its band.
type Score struct {
	Value    int
	Band     Band
	Capped   bool // a blocking failure capped the score
	ToReview int  // findings that still need a person (outcome review)
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
	En: `The score goes from 0 to 100.
1. Each rule that found something to check on the document counts once. Its credit is
   passed / (passed + failed) instances: 9 figures with alternate text out of 10 give 0.9.
2. Each rule weighs by its severity: error 10, warning 3, tip 1.
3. Score = 100 × (1 − loss), rounded to the nearest integer, where
   loss = (sum of weight × (1 − credit)) / max(sum of weights, 10).
   With rules weighing 10 or more in all this is the weighted mean of the credits; the floor
   of 10 (one error rule) keeps a document where only a tip applies from losing more than
   10 points for it. A document with nothing to check scores 100.
4. Findings a person must review ("review") do not lower the score; they are listed as
   "still needs a person".
5. A blocking failure caps the score at 33: no text a reader can reach (a scanned page
   without OCR, a file encrypted without the accessibility permission) or a seizure risk
   (flashing).
6. Only a document without any failure scores 100; with at least one failure the score is
   at most 99.
Bands: low 0-33, medium 34-66, high 67-99, perfect 100.`,
	Fr: `Le score va de 0 à 100.
1. Chaque règle qui a trouvé quelque chose à vérifier dans le document compte une fois. Son
   crédit vaut réussis / (réussis + échoués) : 9 figures sur 10 avec une alternative donnent 0,9.
2. Chaque règle pèse selon sa gravité : erreur 10, avertissement 3, conseil 1.
3. Score = 100 × (1 − perte), arrondi à l'entier le plus proche, où
   perte = (somme des poids × (1 − crédit)) / max(somme des poids, 10).
   Quand les règles pèsent 10 ou plus au total, c'est la moyenne pondérée des crédits ; le
   plancher de 10 (une règle de gravité erreur) évite qu'un document où seul un conseil
   s'applique perde plus de 10 points pour lui. Un document où rien n'est à vérifier obtient 100.
4. Les points à vérifier par une personne (« à vérifier ») ne baissent pas le score ; ils sont
   listés à part.
5. Un échec bloquant plafonne le score à 33 : aucun texte accessible au lecteur (page scannée
   sans OCR, fichier chiffré sans la permission d'accessibilité) ou un risque de crise
   (flashs lumineux).
6. Seul un document sans aucun échec obtient 100 ; avec au moins un échec le score est au plus 99.
Tranches : faible 0-33, moyen 34-66, élevé 67-99, parfait 100.`,
}

func (e *Engine) score(rows []CheckRow, findings []Finding) Score {
	var sum, weights float64
	failed := false
	for _, row := range rows {
		n := row.Passed + row.Failed
		if n == 0 {
			continue
		}
		r := e.Rule(row.Rule)
		if r == nil {
			continue
		}
		w := e.severity(r).Weight()
		sum += w * float64(row.Passed) / float64(n)
		weights += w
		failed = failed || row.Failed > 0
	}
	s := Score{Value: 100}
	if weights > 0 {
		// Losses are divided by at least the weight of one error rule, so a document where
		// only a tip applies loses 10 points for it, not 100.
		loss := (weights - sum) / math.Max(weights, minWeights)
		s.Value = int(math.Round(100 * (1 - loss)))
	}
	if failed && s.Value > 99 {
		s.Value = 99
	}
	for _, f := range findings {
		if f.Blocking && s.Value > BlockingCap {
			s.Value, s.Capped = BlockingCap, true
		}
		if f.Outcome == Review {
			s.ToReview++
		}
	}
	s.Band = BandOf(s.Value)
	return s
}
