package pdf

import (
	"bytes"
	"context"
	"image/color"
	"strings"
	"testing"

	"github.com/pdfcpu/pdfcpu/pkg/api"
	pdfmodel "github.com/pdfcpu/pdfcpu/pkg/pdfcpu/model"

	"github.com/lab110bis/focusplus/checker"
	"github.com/lab110bis/focusplus/internal/fixtures"
	"github.com/lab110bis/focusplus/report"
)

// TestPasswordProtected: a PDF that needs a password cannot be read, so it has no score,
// and its report states the blocking failure of the access permission beside the error.
func TestPasswordProtected(t *testing.T) {
	plain := fixtures.VisualPDF{Pages: []fixtures.VisualPage{fixtures.TextPage(color.Black, nil, 2)}}.Bytes()
	var locked bytes.Buffer
	if err := api.Encrypt(bytes.NewReader(plain), &locked, pdfmodel.NewAESConfiguration("secret", "owner", 256)); err != nil {
		t.Fatal(err)
	}
	r := engine().Check(context.Background(), "locked.pdf", locked.Bytes(), false)
	if r.Err == nil || !strings.Contains(r.Err.Msg.En, "password protected") {
		t.Fatalf("error %+v, want password protected", r.Err)
	}
	if len(r.Findings) != 1 || r.Findings[0].Rule != "PDF-ACCESS-PERMISSION" || !r.Findings[0].Blocking ||
		r.Findings[0].Outcome != checker.Failed {
		t.Fatalf("findings %+v, want one blocking PDF-ACCESS-PERMISSION failure", r.Findings)
	}
	d := report.ToJSON(r, checker.French)
	if d.Score != nil || d.Error == "" || len(d.Findings) != 1 || !strings.Contains(d.Findings[0].Message, "mot de passe") {
		t.Errorf("JSON: score %v, error %q, findings %+v", d.Score, d.Error, d.Findings)
	}
}
