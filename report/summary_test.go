package report

import (
	"testing"

	"github.com/lab110bis/focusplus/checker"
)

// The batch summary counts agree with their nouns: French takes the singular for 0 and
// 1, English for 1 only.
func TestSummaryLineAgreesWithCounts(t *testing.T) {
	one := Summary{Documents: 1, ByBand: map[checker.Band]int{checker.BandMedium: 1}}
	two := Summary{Documents: 2, Unreadable: 2, Skipped: make([]checker.Skipped, 2),
		ByBand: map[checker.Band]int{checker.BandLow: 2, checker.BandMedium: 2, checker.BandHigh: 2, checker.BandPerfect: 2}}
	for _, c := range []struct {
		s    Summary
		lang checker.Lang
		want string
	}{
		{one, checker.English, "1 document checked, 0 unreadable, 0 skipped · scores: 0 low, 1 medium, 0 high, 0 perfect"},
		{one, checker.French, "1 document vérifié, 0 illisible, 0 ignoré · scores : 0 faible, 1 moyen, 0 élevé, 0 parfait"},
		{two, checker.English, "2 documents checked, 2 unreadable, 2 skipped · scores: 2 low, 2 medium, 2 high, 2 perfect"},
		{two, checker.French, "2 documents vérifiés, 2 illisibles, 2 ignorés · scores : 2 faibles, 2 moyens, 2 élevés, 2 parfaits"},
	} {
		if got := SummaryLine(c.s, c.lang); got != c.want {
			t.Errorf("%s:\n got %q\nwant %q", c.lang, got, c.want)
		}
	}
}
