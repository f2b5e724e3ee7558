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
