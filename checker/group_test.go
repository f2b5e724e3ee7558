package checker

import (
	"context"
	"fmt"
	"testing"
)

func TestProblemKeyLeavesOutWhatChangesPerInstance(t *testing.T) {
	same := [][2]string{
		{`Page 2 has annotations but its tab order is not the structure order (Tabs is "")`,
			`Page 13 has annotations but its tab order is not the structure order (Tabs is "W")`},
		{`A typed fill-in line ("……") in “Nom :……”`, `A typed fill-in line ("…………………") in “Adresse : ……”`},
		{"95 text runs on 3 pages have no language", "4 text runs on 1 pages have no language"},
		{"ratio 4.43:1", "ratio 3,2:1"},
	}
	for _, p := range same {
		if ProblemKey(p[0]) != ProblemKey(p[1]) {
			t.Errorf("%q and %q should be one problem: %q vs %q", p[0], p[1], ProblemKey(p[0]), ProblemKey(p[1]))
		}
	}
	differ := [][2]string{
		{"Text in #777777 on #ffffff", "Text in #0000ff on #ffffff"},
		{"A link has no description", "A link is not nested in a Link tag"},
	}
	for _, p := range differ {
		if ProblemKey(p[0]) == ProblemKey(p[1]) {
			t.Errorf("%q and %q should be two problems (key %q)", p[0], p[1], ProblemKey(p[0]))
		}
	}
}

func TestEngineGroupsRepeatedInstancesIntoOneFinding(t *testing.T) {
	list := rule("X-LIST", Error, func(p *Pass) {
		for i := 1; i <= 190; i++ {
			p.Fail(Location{Page: 1 + i/50, Object: fmt.Sprintf("%d 0 R", i)}, Textf("List item %d is not in a list", "L'élément %d n'est pas dans une liste", i), nil)
		}
		p.Fail(Location{Page: 4}, Textf("A list has no label", "Une liste n'a pas d'étiquette"), nil)
		p.Review(Location{Page: 2}, Textf("List item 3 may be a heading", "L'élément 3 est peut-être un titre"), nil)
		p.Pass(3)
	})
	keyed := rule("X-KEYED", Warning, func(p *Pass) {
		p.Report(Finding{Outcome: Failed, Location: Location{Page: 1}, Message: Textf("a", "a"), Key: "one"})
		p.Report(Finding{Outcome: Failed, Location: Location{Page: 2}, Message: Textf("b", "b"), Key: "one"})
		p.Report(Finding{Outcome: Failed, Location: Location{Page: 3}, Message: Textf("a", "a"), Key: "two"})
	})
	r := testEngine(okLoader, list, keyed).Check(context.Background(), "x.png", pngHead, false)
	got := map[string][]Finding{}
	for _, f := range r.Findings {
		got[f.Rule] = append(got[f.Rule], f)
	}
	if len(got["X-LIST"]) != 3 {
		t.Fatalf("X-LIST: %d findings, want 3 problems (the item, the label, the review)", len(got["X-LIST"]))
	}
	var items Finding
	for _, f := range got["X-LIST"] {
		if f.Outcome == Failed && f.Instances() > 1 {
			items = f
		}
	}
	if items.Count != 190 || len(items.Locations) != MaxLocations || items.Location.Object != items.Locations[0].Object ||
		items.Location.Object != "1 0 R" || items.Message.En != "List item 1 is not in a list" {
		t.Errorf("grouped items: count %d, %d locations, first %+v, message %q", items.Count, len(items.Locations), items.Location, items.Message.En)
	}
	for _, f := range got["X-LIST"] {
		if f.Instances() == 1 && f.Locations != nil {
			t.Errorf("a single instance keeps no locations list: %+v", f)
		}
	}
	if len(got["X-KEYED"]) != 2 || got["X-KEYED"][0].Instances()+got["X-KEYED"][1].Instances() != 3 {
		t.Errorf("an explicit key groups by key, not message: %+v", got["X-KEYED"])
	}
	for _, c := range r.Checks {
		if c.Rule == "X-LIST" && (c.Failed != 191 || c.Review != 1 || c.Passed != 3) {
			t.Errorf("the check row counts instances, not problems: %+v", c)
		}
	}
}

func TestReportCountsAFindingThatStandsForSeveral(t *testing.T) {
	r := rule("X", Error, func(p *Pass) {
		p.Report(Finding{Outcome: Failed, Count: 14, Message: Textf("links", "liens")})
	})
	_, row := RunRule(context.Background(), r, &Document{})
	if row.Failed != 14 {
		t.Errorf("row %+v: want 14 failed instances", row)
	}
}

// One problem is one finding whatever its counts: "1 drawing is…" on one page and "4
// drawings are…" on another group together, as "2 drawings" and "4 drawings" always did.
func TestGroupingIgnoresSingularAndPlural(t *testing.T) {
	drawings := func(n int) Text {
		return Textf("%s on this page", "%s sur cette page", Plural(n,
			"%d drawing is not tagged", "%d drawings are not tagged", "%d dessin n'est pas balisé", "%d dessins ne sont pas balisés"))
	}
	var fs []Finding
	for page, n := range []int{1, 4, 1, 2} {
		fs = append(fs, Finding{Rule: "R", Outcome: Failed, Severity: Warning, Location: Location{Page: page + 1}, Message: drawings(n)})
	}
	fs = append(fs, Finding{Rule: "R", Outcome: Failed, Severity: Warning, Location: Location{Page: 9}, Message: Textf("A table is not tagged", "Un tableau n'est pas balisé")})
	got := GroupFindings(fs)
	if len(got) != 2 || got[0].Instances() != 4 || got[0].Message.En != "1 drawing is not tagged on this page" {
		t.Fatalf("grouped into %+v, want the four drawing findings as one (first message kept) and the table apart", got)
	}
}
