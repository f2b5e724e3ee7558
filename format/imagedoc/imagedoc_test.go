package imagedoc

import (
	"bytes"
	"context"
	"encoding/binary"
	"image"
	"image/color"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/lab110bis/focusplus/checker"
	"github.com/lab110bis/focusplus/internal/fixtures"
)

func load(data []byte) (*checker.Document, error) {
	return Load(context.Background(), "t", data, checker.Sniff(data), checker.DefaultLimits())
}

// rawGIF writes a GIF with a w×h logical screen and n frames of 1×1 pixel, by hand, so
// a test can declare sizes no encoder would produce.
func rawGIF(w, h uint16, n int) []byte {
	var b bytes.Buffer
	b.WriteString("GIF89a")
	binary.Write(&b, binary.LittleEndian, w)
	binary.Write(&b, binary.LittleEndian, h)
	b.Write([]byte{0x80, 0, 0})             // global colour table of 2 entries
	b.Write([]byte{0, 0, 0, 255, 255, 255}) // black, white
	for i := 0; i < n; i++ {
		b.Write([]byte{0x21, 0xF9, 4, 0, 10, 0, 0, 0})   // graphic control: 100 ms
		b.Write([]byte{0x2C, 0, 0, 0, 0, 1, 0, 1, 0, 0}) // 1×1 frame at 0,0
		b.Write([]byte{2, 2, 0x4C, 0x01, 0})             // LZW min size 2, one data block
	}
	b.WriteByte(0x3B)
	return b.Bytes()
}

func TestHostileImages(t *testing.T) {
	cases := []struct {
		name string
		data []byte
		want string
	}{
		{"PNG declaring 100000×100000", fixtures.HugePNGHeader(100000, 100000), "megapixels"},
		{"GIF with a 65535² screen", rawGIF(65535, 65535, 1), "megapixels"},
		{"GIF with 50,000 frames", rawGIF(16, 16, 50000), "frames"},
		{"truncated GIF", rawGIF(16, 16, 3)[:40], "truncated"},
		{"GIF without frames", rawGIF(16, 16, 0), "no frame"},
		{"PNG with a zero width", fixtures.HugePNGHeader(0, 10), "damaged"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			var before, after runtime.MemStats
			runtime.GC()
			runtime.ReadMemStats(&before)
			_, err := load(c.data)
			runtime.ReadMemStats(&after)
			if err == nil || !strings.Contains(err.Error(), c.want) {
				t.Fatalf("error %v, want one mentioning %q", err, c.want)
			}
			if grew := after.TotalAlloc - before.TotalAlloc; grew > 64<<20 {
				t.Errorf("allocated %d MiB before refusing", grew>>20)
			}
		})
	}
}

func TestGIFFramesAndDelays(t *testing.T) {
	data := fixtures.Blink{Width: 30, Height: 20, Frames: 6, DelayCS: 0, LoopCount: 2}.GIF()
	doc, err := load(data)
	if err != nil {
		t.Fatal(err)
	}
	im := doc.Content.(*Image)
	if im.Frames() != 6 || im.Width != 30 || im.Height != 20 {
		t.Fatalf("frames %d, size %dx%d", im.Frames(), im.Width, im.Height)
	}
	if d := im.Delay(0); d.Milliseconds() != 100 {
		t.Errorf("a 0 delay plays as 100 ms in browsers, got %v", d)
	}
	if forever, plays := im.Loops(); forever || plays != 3 {
		t.Errorf("loop count 2 means 3 plays, got forever=%v plays=%d", forever, plays)
	}
	// Frames alternate black and white over the whole canvas.
	var firstPixels []uint8
	err = im.Play(context.Background(), func(i int, c *image.RGBA, _ time.Duration) bool {
		firstPixels = append(firstPixels, c.Pix[0])
		return true
	})
	if err != nil || len(firstPixels) != 6 || firstPixels[0] != 0 || firstPixels[1] != 255 {
		t.Errorf("played frames: %v (err %v)", firstPixels, err)
	}
}

func TestStillFormats(t *testing.T) {
	img := fixtures.Bars(50, 40, color.RGBA{R: 200, A: 255})
	doc, err := load(fixtures.PNG(img, ""))
	if err != nil {
		t.Fatal(err)
	}
	if doc.Format != PNG || doc.Content.(*Image).Frames() != 1 {
		t.Errorf("%+v", doc)
	}
}

func FuzzLoad(f *testing.F) {
	f.Add(rawGIF(4, 4, 2))
	f.Add(fixtures.PNG(fixtures.Bars(8, 8, color.Black), "desc"))
	f.Add(fixtures.Blink{Width: 8, Height: 8, Frames: 3, DelayCS: 5}.GIF())
	f.Add(fixtures.HugePNGHeader(5, 5))
	lim := checker.DefaultLimits()
	lim.MaxPixels = 1 << 20
	lim.MaxTotalPixels = 1 << 22
	f.Fuzz(func(t *testing.T, data []byte) {
		format := checker.Sniff(data)
		if !checker.IsPicture(format) {
			return
		}
		doc, err := Load(context.Background(), "fuzz", data, format, lim)
		if err != nil {
			return
		}
		im := doc.Content.(*Image)
		if im.Width <= 0 || im.Height <= 0 || int64(im.Width)*int64(im.Height) > lim.MaxPixels {
			t.Fatalf("loaded an image of %dx%d", im.Width, im.Height)
		}
	})
}
