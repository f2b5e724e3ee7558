package checker

import "testing"

func TestTextfWritesFrenchDecimals(t *testing.T) {
	got := Textf("%.2f s, %.0f %%, %d frames, %s, %5.1f|", "%.2f s, %.0f %%, %d images, %s, %5.1f|", 0.05, 11.1, 1234, "1.4.3", float32(2.5))
	if got.En != "0.05 s, 11 %, 1234 frames, 1.4.3,   2.5|" {
		t.Errorf("En = %q", got.En)
	}
	if got.Fr != "0,05 s, 11 %, 1234 images, 1.4.3,   2,5|" {
		t.Errorf("Fr = %q", got.Fr)
	}
}

func TestPluralFollowsEachLanguage(t *testing.T) {
	for _, c := range []struct {
		n      int
		en, fr string
	}{
		{0, "0 pages", "0 page"},
		{1, "1 page", "1 page"},
		{2, "2 pages", "2 pages"},
		{21, "21 pages", "21 pages"},
		{1000, "1000 pages", "1000 pages"},
	} {
		got := Plural(c.n, "%d page", "%d pages", "%d page", "%d pages")
		if got.En != c.en || got.Fr != c.fr {
			t.Errorf("Plural(%d) = %+v, want %q / %q", c.n, got, c.en, c.fr)
		}
	}
	if got := Plural(1, "once", "%d times", "une fois", "%d fois"); got.En != "once" || got.Fr != "une fois" {
		t.Errorf("a form without a count: %+v", got)
	}
}

func TestTextfWritesTextArgumentsInEachLanguage(t *testing.T) {
	got := Textf("%s on %s %s no language (%.1f)", "%s sur %s %s pas de langue (%.1f)",
		Plural(1, "%d text run", "%d text runs", "%d passage de texte", "%d passages de texte"),
		Plural(0, "%d page", "%d pages", "%d page", "%d pages"),
		Plural(1, "has", "have", "n'a", "n'ont"), 2.5)
	if got.En != "1 text run on 0 pages has no language (2.5)" {
		t.Errorf("En = %q", got.En)
	}
	if got.Fr != "1 passage de texte sur 0 page n'a pas de langue (2,5)" {
		t.Errorf("Fr = %q", got.Fr)
	}
	// A Text with no French falls back to English, as Text.In does.
	if got := Textf("%s", "%s", Text{En: "PDF"}); got.Fr != "PDF" {
		t.Errorf("Fr fallback = %q", got.Fr)
	}
}
