package docxdoc

import (
	"image"
	"testing"

	"github.com/lab110bis/focusplus/checker"
	fx "github.com/lab110bis/focusplus/internal/fixtures"
)

func TestEmbeddedImages(t *testing.T) {
	png := string(fx.PNG(image.NewGray(image.Rect(0, 0, 4, 4)), ""))
	data := fx.DOCX{Body: fx.P("", "x"), Parts: map[string]string{"word/media/image2.png": png, "word/media/image1.png": png, "word/media/notes.txt": "x"}}.Bytes()
	imgs, err := EmbeddedImages(data, checker.DefaultLimits())
	if err != nil {
		t.Fatal(err)
	}
	if len(imgs) != 2 || imgs[0].Name != "word/media/image1.png" || string(imgs[1].Data) != png {
		t.Errorf("images %d: %v", len(imgs), imgs)
	}
}
