package images

import (
	"context"
	"image"
	"image/color"
	"strconv"
	"strings"
	"testing"

	"github.com/lab110bis/focusplus/checker"
	"github.com/lab110bis/focusplus/format/imagedoc"
	"github.com/lab110bis/focusplus/internal/fixtures"
)

func load(t *testing.T, data []byte) *checker.Document {
	t.Helper()
	doc, err := imagedoc.Load(context.Background(), "test", data, checker.Sniff(data), checker.DefaultLimits())
	if err != nil {
		t.Fatalf("load: %v", err)
	}
	return doc
}

func runOn(t *testing.T, r *checker.Rule, data []byte) ([]checker.Finding, checker.CheckRow) {
	t.Helper()
	return checker.RunRule(context.Background(), r, load(t, data))
}

func TestFlashing(t *testing.T) {
	cases := []struct {
		name  string
		gif   fixtures.Blink
		want  checker.Outcome
		wantN int // flashes in the message, when failing
	}{
		// 10 Hz: 60 frames of 50 ms alternating black and white, full frame.
		{"10Hz full frame", fixtures.Blink{Width: 200, Height: 150, Frames: 60, DelayCS: 5}, checker.Failed, 10},
		// 10 frames a second (100 ms each) still make 5 flashes a second.
		{"5 flashes a second", fixtures.Blink{Width: 200, Height: 150, Frames: 60, DelayCS: 10}, checker.Failed, 5},
		// 2 Hz: 250 ms per frame.
		{"2Hz full frame", fixtures.Blink{Width: 200, Height: 150, Frames: 60, DelayCS: 25}, checker.Passed, 0},
		// 10 Hz confined to 20×20 px of a 400×300 image.
		{"10Hz small area", fixtures.Blink{Width: 400, Height: 300, Frames: 60, DelayCS: 5, Area: image.Rect(190, 140, 210, 160)}, checker.Passed, 0},
		// 10 Hz between two light greys: a 5 % luminance change is not a flash.
		{"10Hz low contrast", fixtures.Blink{Width: 200, Height: 150, Frames: 60, DelayCS: 5,
			A: color.Gray{Y: 200}, B: color.Gray{Y: 210}}, checker.Passed, 0},
		// 10 Hz between saturated red and black: a red flash.
		{"10Hz red", fixtures.Blink{Width: 200, Height: 150, Frames: 60, DelayCS: 5,
			A: color.RGBA{R: 255, A: 255}, B: color.RGBA{R: 90, A: 255}}, checker.Failed, 10},
		// A looping 4-frame animation flashes across the loop point too.
		{"looping short animation", fixtures.Blink{Width: 100, Height: 100, Frames: 4, DelayCS: 5}, checker.Failed, 10},
		// Played once, 4 frames are only 2 transitions.
		{"4 frames played once", fixtures.Blink{Width: 100, Height: 100, Frames: 4, DelayCS: 5, LoopCount: -1}, checker.Passed, 0},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			findings, row := runOn(t, Flashing, c.gif.GIF())
			if row.Outcome != c.want {
				t.Fatalf("outcome %v, want %v (findings %+v)", row.Outcome, c.want, findings)
			}
			if c.want == checker.Failed {
				f := findings[0]
				if f.Data["flashes"] == "" || !strings.Contains(f.Message.En, "flashes") {
					t.Errorf("message lacks the measure: %q %v", f.Message.En, f.Data)
				}
				if got, _ := strconv.Atoi(f.Data["flashes"]); got != c.wantN {
					t.Errorf("flashes = %d, want %d", got, c.wantN)
				}
				if !f.Blocking {
					t.Error("a seizure risk must be blocking")
				}
			}
		})
	}
}

func TestFlashingStillImageNotApplicable(t *testing.T) {
	_, row := runOn(t, Flashing, fixtures.PNG(fixtures.Bars(60, 40, color.Black), ""))
	if row.Outcome != checker.NotApplicable {
		t.Fatalf("still image: %v, want not-applicable", row.Outcome)
	}
}

func TestLongAnimation(t *testing.T) {
	cases := []struct {
		name string
		gif  fixtures.Blink
		want checker.Outcome
	}{
		{"loops forever", fixtures.Blink{Width: 20, Height: 20, Frames: 4, DelayCS: 50, LoopCount: 0}, checker.Failed},
		{"plays once for 2 s", fixtures.Blink{Width: 20, Height: 20, Frames: 4, DelayCS: 50, LoopCount: -1}, checker.Passed},
		{"plays once for 8 s", fixtures.Blink{Width: 20, Height: 20, Frames: 16, DelayCS: 50, LoopCount: -1}, checker.Failed},
		{"plays 3 times for 2 s", fixtures.Blink{Width: 20, Height: 20, Frames: 4, DelayCS: 50, LoopCount: 2}, checker.Failed},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			findings, row := runOn(t, LongAnimation, c.gif.GIF())
			if row.Outcome != c.want {
				t.Fatalf("outcome %v, want %v (%+v)", row.Outcome, c.want, findings)
			}
		})
	}
	_, row := runOn(t, LongAnimation, fixtures.PNG(fixtures.Bars(20, 20, color.Black), ""))
	if row.Outcome != checker.NotApplicable {
		t.Fatalf("still image: %v, want not-applicable", row.Outcome)
	}
}

func TestEmbeddedDescription(t *testing.T) {
	img := fixtures.Bars(60, 40, color.RGBA{R: 200, A: 255})
	_, row := runOn(t, EmbeddedDescription, fixtures.PNG(img, ""))
	if row.Outcome != checker.Failed || row.Failed != 1 {
		t.Fatalf("no description: %+v, want one failure", row)
	}
	doc := load(t, fixtures.PNG(img, "Bar chart of 2025 enrolments"))
	if got := doc.Content.(*imagedoc.Image).Description; got != "Bar chart of 2025 enrolments" {
		t.Fatalf("description %q", got)
	}
	_, row = checker.RunRule(context.Background(), EmbeddedDescription, doc)
	if row.Outcome != checker.Passed {
		t.Fatalf("with description: %+v, want pass", row)
	}
}

func TestColourOnly(t *testing.T) {
	red, green := color.RGBA{0xd6, 0x27, 0x28, 255}, color.RGBA{0x2c, 0xa0, 0x2c, 255}
	blue, orange := color.RGBA{0x1f, 0x77, 0xb4, 255}, color.RGBA{0xff, 0x7f, 0x0e, 255}

	findings, row := runOn(t, ColourOnly, fixtures.PNG(fixtures.Bars(300, 200, red, green), ""))
	if row.Outcome != checker.Review || row.Failed != 0 {
		t.Fatalf("red/green chart: %+v, want review (never fail: only a person knows if colour carries meaning)", row)
	}
	d := findings[0].Data
	if !strings.Contains(d["deficiencies"], "deutan") {
		t.Errorf("red/green must collide for deutan readers: %v", d)
	}
	if d["colour_a"] == "" || !strings.Contains(findings[0].Message.En, "#") {
		t.Errorf("finding must name the colours: %q", findings[0].Message.En)
	}

	findings, row = runOn(t, ColourOnly, fixtures.PNG(fixtures.Bars(300, 200, blue, orange), ""))
	for _, f := range findings {
		if strings.Contains(f.Data["deficiencies"], "protan") || strings.Contains(f.Data["deficiencies"], "deutan") {
			t.Errorf("blue/orange reported for protan/deutan: %v", f.Data)
		}
	}
	if row.Outcome == checker.Failed {
		t.Errorf("blue/orange: %+v", row)
	}
}
