package quote_test

import (
	"strings"
	"testing"

	"github.com/whosaid/whosaid/internal/article"
)

// quoteWith returns the quote whose content is content, but for a final stop or
// question mark, or nil.
func quoteWith(a *article.Article, content string) *article.Quote {
	content = strings.TrimRight(content, ".?")
	for i := range a.Quotes {
		if strings.TrimRight(a.Quotes[i].Content, ".?") == content {
			return &a.Quotes[i]
		}
	}
	return nil
}

// speakerCase is an article's paragraphs (under the title "Harbour vote"), one
// quote's content, the speaker it must have and, unless "", its cue.
type speakerCase struct {
	name    string
	paras   []string
	content string
	want    string
	cue     string
}

// checkSpeakers checks each case's quote and speaker, a subtest each.
func checkSpeakers(t *testing.T, cases []speakerCase) {
	t.Helper()
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			a := annotate(t, "Harbour vote", c.paras...)
			q := quoteWith(a, c.content)
			if q == nil {
				t.Fatalf("no quote %q:%s", c.content, dump(a))
			}
			if q.Speaker.Name == nil || *q.Speaker.Name != c.want {
				t.Errorf("speaker %v, want %s:%s", q.Speaker.Name, c.want, dump(a))
			}
			if c.cue != "" && (q.Cue == nil || q.Cue.Text != c.cue) {
				t.Errorf("cue %v, want %q:%s", q.Cue, c.cue, dump(a))
			}
		})
	}
}

// TestTranscript: the paragraphs of an interview's transcript, each opening with
// its speaker's label, are quotes of the label, the colon their cue; a paragraph
// of prose with no label between two turns carries on the last speaker.
func TestTranscript(t *testing.T) {
	a := annotate(t, "Harbour mayor on the storm",
		`Mayor Lena Voss spoke to Radio Calder's Ana Pires on Sunday. A transcript follows.`,
		`PIRES: Will the harbour road open before the winter, and who will pay for it?`,
		`VOSS: It will open in March. The council has set the money aside for the repairs.`,
		`And the ferry will run every hour while the work goes on.`,
		`We have talked to the builders every week since the storm, and they are ready.`,
		`(CROSSTALK.)`,
		`PIRES: Thank you for your time this morning.`,
		`The interview was recorded on Friday in the studio of the station.`,
	)
	// An answer's next paragraph goes on with it; what stands after the last
	// turn, or is no prose, is nobody's.
	for _, c := range []string{"And the ferry will run every hour while the work goes on", "We have talked to the builders every week since the storm, and they are ready"} {
		if q := quoteWith(a, c); q == nil || q.Speaker.Name == nil || *q.Speaker.Name != "Lena Voss" {
			t.Errorf("the answer going on, %q:%s", c, dump(a))
		}
	}
	for _, q := range a.Quotes {
		if strings.Contains(q.Content, "CROSSTALK") || strings.Contains(q.Content, "recorded on Friday") {
			t.Errorf("%q taken for a quote", q.Content)
		}
	}
	for _, c := range []struct{ content, mention, name string }{
		{"Will the harbour road open before the winter, and who will pay for it", "PIRES", "Ana Pires"},
		{"It will open in March. The council has set the money aside for the repairs", "VOSS", "Lena Voss"},
		{"Thank you for your time this morning", "PIRES", "Ana Pires"},
	} {
		q := quoteWith(a, c.content)
		if q == nil {
			t.Errorf("no quote %q:%s", c.content, dump(a))
			continue
		}
		if q.Cue == nil || q.Cue.Text != ":" || q.Speaker.Mention == nil || *q.Speaker.Mention != c.mention {
			t.Errorf("%q: cue %v mention %v, want : and %s", c.content, q.Cue, q.Speaker.Mention, c.mention)
		}
		if q.Speaker.Name == nil || *q.Speaker.Name != c.name {
			t.Errorf("%q: speaker %v, want %s", c.content, q.Speaker.Name, c.name)
		}
		if q.Kind != article.Direct {
			t.Errorf("%q: kind %s, want direct: a transcript gives the words as said", c.content, q.Kind)
		}
	}
}

// TestNoTranscript: labels that are no speakers are no quotes: a line of words
// written in lower case elsewhere ("Update:"), a single letter ("Q:"), a team's
// line-up, or one label alone in the article.
func TestNoTranscript(t *testing.T) {
	cases := [][]string{
		{`Update: the road will reopen on Monday, the council said in a notice.`, `Update: the ferry runs again from the north pier, and the fares are unchanged.`},
		{`UPDATE: the road will reopen on Monday, the council said in a notice.`, `UPDATE: the ferry runs again from the north pier, and the fares are unchanged.`},
		{`Harbour United: Okafor, Lindqvist, Moreau, Tanaka, Brandt.`, `Calder Rovers: Silva, Novak, Haddad, Kowalski, Reyes.`},
		{`HARBOUR UNITED: Okafor; Lindqvist, Moreau, Tanaka, Brandt; Silva (Novak 80), Haddad. Subs not used: Kowalski, Reyes.`,
			`CALDER ROVERS: Ferreira; Dubois, Marin, Varga, Osei; Lund, Petrov. Subs not used: Adeyemi, Costa.`},
		{`OSLO: Police said on Tuesday that the tunnel would stay closed until the weekend.`,
			`BERLIN: The city council voted to extend the night buses to the airport.`},
		{`Lindqvist: a centre back who played every game of the season for the club.`},
	}
	for _, paras := range cases {
		a := annotate(t, "Notes", paras...)
		for _, q := range a.Quotes {
			if q.Cue != nil && q.Cue.Text == ":" {
				t.Errorf("a label taken for a speaker: %q by %v", q.Content, q.Speaker.Mention)
			}
		}
		for _, e := range a.Entities {
			if (e.Name == "OSLO" || e.Name == "BERLIN") && e.Type != "GPE" {
				t.Errorf("a dateline taken for a person or body: %q (%s)", e.Name, e.Type)
			}
		}
	}
}

// TestColonParagraph: "X continued:" closing a paragraph introduces the quote
// paragraph after it, which takes its cue and its speaker's mention.
func TestColonParagraph(t *testing.T) {
	a := annotate(t, "Harbour",
		`Mayor Lena Voss spoke after the vote. "We have the money," she said.`,
		`Council member Tomas Reyes disagreed. He told reporters:`,
		`"The numbers do not add up, and the council knows it."`,
	)
	q := quoteWith(a, "The numbers do not add up, and the council knows it")
	if q == nil {
		t.Fatalf("no quote:%s", dump(a))
	}
	if q.Cue == nil || q.Cue.Text != "told reporters:" && q.Cue.Text != "told reporters" && q.Cue.Text != "told" {
		t.Errorf("cue %v, want told reporters", q.Cue)
	}
	if q.Speaker.Mention == nil || *q.Speaker.Mention != "He" || q.Speaker.Name == nil || *q.Speaker.Name != "Tomas Reyes" {
		t.Errorf("speaker %v %v, want He, Tomas Reyes:%s", q.Speaker.Mention, q.Speaker.Name, dump(a))
	}
}

// TestPronounNamedBefore: "he" or "she" is the person whose name opens the
// sentence before it in the paragraph rather than an earlier speaker; a recent
// speaker named there comes first, and names inside quotation marks count for
// nothing.
func TestPronounNamedBefore(t *testing.T) {
	cases := []speakerCase{
		{
			name: "the sentence before names someone new",
			paras: []string{`"We have the money," Mayor Lena Voss said on Monday.`,
				`Council member Tomas Reyes was not convinced. "The numbers do not add up," he said.`},
			content: "The numbers do not add up", want: "Tomas Reyes",
		},
		{
			name: "a recent speaker named beside another person",
			paras: []string{`"We will win the vote," Tomas Reyes said, standing beside Senator Omar Haddad at the harbour.`,
				`Senator Omar Haddad stood beside Reyes at the harbour. "The vote is ours," he added.`},
			content: "The vote is ours", want: "Tomas Reyes",
		},
		{
			name: "a name inside the quote",
			paras: []string{`"We will win the vote," Tomas Reyes said on Monday.`,
				`"I spoke to Dario Fenwick about the budget and Dario Fenwick agrees," he said.`},
			content: "I spoke to Dario Fenwick about the budget and Dario Fenwick agrees", want: "Tomas Reyes",
		},
		{
			name: "a word only quoted is nobody",
			paras: []string{`Mara Quint can be heard telling the officers that her husband was unarmed.`,
				`"Don't shoot him," she says. "Don't shoot him. He has no weapon."`},
			content: "Don't shoot him. Don't shoot him. He has no weapon", want: "Mara Quint",
		},
		{
			name: "a title in quotation marks is no source",
			paras: []string{`Mayor Lena Voss, known to all as "the Iron Lady", spoke on Monday.`,
				`The mayor, who has read "The Power Broker" twice, said she was "very proud" of the vote.`},
			content: `she was "very proud" of the vote`, want: "Lena Voss",
		},
	}
	checkSpeakers(t, cases)
}

// TestColonParagraphEdges: a headline ending on a colon introduces nothing in
// the body (its offsets count in the title), and an introduction with no source
// ("Continued:") leaves the quote the speaker it carries on.
func TestColonParagraphEdges(t *testing.T) {
	// annotate checks the contract: every cue and mention is the text at its offsets.
	annotate(t, "Mayor Lena Ortiz told reporters:", `"We will not back down on the budget, and we will win the vote."`)
	b := annotate(t, "Harbour",
		`"We have the money," Mayor Lena Voss said on Monday. Continued:`,
		`"We will not back down on the budget, and we will win the vote."`)
	q := quoteWith(b, "We will not back down on the budget, and we will win the vote")
	if q == nil {
		t.Fatalf("no quote:%s", dump(b))
	}
	if q.Speaker.Name == nil || *q.Speaker.Name != "Lena Voss" {
		t.Errorf("speaker %v, want Lena Voss:%s", q.Speaker.Name, dump(b))
	}
}

// TestCapitalise: a speaker known only by a transcript's label in capitals is
// named as names are written; the mention stays as written.
func TestCapitalise(t *testing.T) {
	a := annotate(t, "Radio",
		`The programme went out on Sunday. A transcript follows.`,
		`PIRES: Will the harbour road open before the winter, and who will pay for it?`,
		`DELGADO: It will open in March, and the council has set the money aside.`,
		`PIRES: And the ferry, will it run every hour while the work goes on?`,
		`DELGADO: It will run every hour, as it does now, until the road is open.`,
	)
	q := quoteWith(a, "It will open in March, and the council has set the money aside")
	if q == nil {
		t.Fatalf("no quote:%s", dump(a))
	}
	if q.Speaker.Name == nil || *q.Speaker.Name != "Delgado" {
		t.Errorf("speaker %v, want Delgado", q.Speaker.Name)
	}
	if q.Speaker.Mention == nil || *q.Speaker.Mention != "DELGADO" {
		t.Errorf("mention %v, want the label as written", q.Speaker.Mention)
	}
	// A short label in capitals is likely an acronym, and stays as written.
	b := annotate(t, "Radio",
		`The programme went out on Sunday. A transcript follows.`,
		`KRTV: Will the harbour road open before the winter, and who will pay for it?`,
		`DELGADO: It will open in March, and the council has set the money aside.`,
		`KRTV: And the ferry, will it run every hour while the work goes on?`,
	)
	q = quoteWith(b, "And the ferry, will it run every hour while the work goes on")
	if q == nil || q.Speaker.Name == nil || *q.Speaker.Name != "KRTV" {
		t.Errorf("want KRTV:%s", dump(b))
	}
}

// TestCommonOpenerBeforeSurname: a common word opening a sentence before a
// surname is no first name when a person the article names ends in that surname.
func TestCommonOpenerBeforeSurname(t *testing.T) {
	a := annotate(t, "Rally",
		`The rally kept the writer Jared Sexton, who teaches at a college in Georgia, awake at night.`,
		`(See Sexton's timeline of the rally below.)`,
		`"I was surprised by the anger in the hall," Sexton said.`,
	)
	q := quoteWith(a, "I was surprised by the anger in the hall")
	if q == nil {
		t.Fatalf("no quote:%s", dump(a))
	}
	if q.Speaker.Name == nil || *q.Speaker.Name != "Jared Sexton" {
		t.Errorf("speaker %v, want Jared Sexton:%s", q.Speaker.Name, dump(a))
	}
	for _, e := range a.Entities {
		if e.Name == "See Sexton" {
			t.Errorf("entity %q", e.Name)
		}
	}
	// A first name that is a common word stays: it opens a plain sentence.
	b := annotate(t, "Film",
		`The producer Nora Vale Brenner spoke first at the festival.`,
		`Will Brenner said he was proud of the film and of the crew.`,
	)
	q = quoteWith(b, "he was proud of the film and of the crew")
	if q == nil || q.Speaker.Name == nil || *q.Speaker.Name != "Will Brenner" {
		t.Errorf("want Will Brenner:%s", dump(b))
	}
}

// TestDemonymGroup: a people's plural ("Americans", "Turkish Americans") is no
// one the article names; a surname in "-s" is, and so is a person a plural
// closes the description of ("… close to the Clintons").
func TestDemonymGroup(t *testing.T) {
	// An invented people, which the model cannot know: the article tells, by an
	// adjective inside a sentence.
	a := annotate(t, "Poll",
		`A poll found Veltran voters gloomy. Many Veltrans say the economy is getting worse, the survey showed.`,
		`Northern Veltrans in Lodi said they had given to the campaign.`,
		`"The numbers are clear," pollster Jane Evans said.`,
		`The Clinton campaign did not comment. "They will carry the state," said Edward Rendell, a former governor who is close to the Clintons.`,
	)
	for _, q := range a.Quotes {
		if n := q.Speaker.Name; n != nil && strings.Contains(*n, "Veltrans") {
			t.Errorf("%q is a quote of %q", q.Content, *n)
		}
	}
	// Counted as people are, with no adjective to tell.
	b := annotate(t, "Poll", `In a poll on Thursday, 60 percent of Veltrans said the plan was the right one.`)
	for _, q := range b.Quotes {
		if n := q.Speaker.Name; n != nil {
			t.Errorf("%q is a quote of %q", q.Content, *n)
		}
	}
	// A people the training text knows, with nothing in the article to tell.
	c := annotate(t, "Donors", `Turkish Americans in Lodi said they had given to the campaign.`)
	for _, q := range c.Quotes {
		if n := q.Speaker.Name; n != nil {
			t.Errorf("%q is a quote of %q", q.Content, *n)
		}
	}
	q := quoteWith(a, "The numbers are clear")
	if q == nil || q.Speaker.Name == nil || *q.Speaker.Name != "Jane Evans" {
		t.Errorf("Evans:%s", dump(a))
	}
	q = quoteWith(a, "They will carry the state")
	if q == nil || q.Speaker.Name == nil || *q.Speaker.Name != "Edward Rendell" {
		t.Errorf("Rendell:%s", dump(a))
	}
	// Surnames in -s whose singular the article writes otherwise: counted as
	// an adjective ("many Brandes supporters"), opening a sentence ("Bank
	// regulators"), inside a name ("Prince William and …").
	for _, c := range []struct {
		paras   []string
		content string
		name    string
	}{
		{[]string{`Many Brandes supporters stayed home on Tuesday.`, `"We will keep fighting," Ella Brandes said.`}, "We will keep fighting", "Ella Brandes"},
		{[]string{`Bank regulators have warned of losses this year.`, `"The losses are real," Rep. Jim Banks said.`}, "The losses are real", "Jim Banks"},
		{[]string{`Prince William and his wife visited the town.`, `"It was a good day for the town," said the biographer Ann Williams.`}, "It was a good day for the town", "Ann Williams"},
	} {
		b := annotate(t, "Town", c.paras...)
		q := quoteWith(b, c.content)
		if q == nil || q.Speaker.Name == nil || *q.Speaker.Name != c.name {
			t.Errorf("want %s:%s", c.name, dump(b))
		}
	}
}

// TestTranscriptNoRunOn: what stands between turns is no answer going on when
// the turns are few (two reactions in a news story), when it is a heading or a
// caption, a stage direction in brackets, or names the speaker.
func TestTranscriptNoRunOn(t *testing.T) {
	news := annotate(t, "Vote",
		`The council voted on Monday to rebuild the harbour road. Mayor Lena Voss and council member Tomas Reyes have fought over it for a year.`,
		`Voss: We have the money, and the road will open again in March.`,
		`The vote was seven to four, with two members absent, and the public gallery was full.`,
		`Reyes: The numbers do not add up, and the council knows it well.`,
	)
	d := article.Draft{Title: "Radio"}
	for _, b := range []struct{ kind, text string }{
		{article.Paragraph, `Mayor Lena Voss spoke to Ana Pires of Radio Calder on Sunday.`},
		{article.Paragraph, `PIRES: Will the harbour road open before the winter, and who will pay for it?`},
		{article.Paragraph, `VOSS: It will open in March, and the council has set the money aside.`},
		{article.Heading, `On the ferry and the fares for the islands`},
		{article.Caption, `Mayor Lena Voss at the harbour on a windy Sunday morning.`},
		{article.Paragraph, `(She points at a map of the harbour on the table.)`},
		{article.Paragraph, `Voss then showed the plans for the new ferry pier to the studio.`},
		{article.Paragraph, `VIDEO: the mayor and the presenter at the harbour before the interview.`},
		{article.Paragraph, `PIRES: And the ferry, will it run every hour while the work goes on?`},
		{article.Paragraph, `VOSS: It will run every hour, as it does now, until the road is open.`},
	} {
		d.Blocks = append(d.Blocks, article.DraftBlock{Kind: b.kind, Text: b.text})
	}
	radio := article.Assemble("test", d)
	engine.Annotate(radio)
	checkContract(t, radio)
	for _, a := range []*article.Article{news, radio} {
		for _, q := range a.Quotes {
			if q.Cue == nil && q.Kind == article.Direct {
				t.Errorf("%q taken for an answer going on (%v)", q.Content, q.Speaker.Name)
			}
		}
	}
}

// TestQuotedNames: an apostrophe is no quotation mark ("the ‘90s" leaves the
// names after it outside quotation marks), and a nickname in quotation marks is
// its bearer's name when the mention has no other.
func TestQuotedNames(t *testing.T) {
	for _, c := range []struct {
		paras   []string
		content string
		want    string
	}{
		{[]string{`In the ‘90s, fisherman Dario Fenwick ran the harbour with his brothers.`,
			`“We lost everything when the road closed,” he said on Monday.`}, "We lost everything when the road closed", "Dario Fenwick"},
		{[]string{`“It was a fine night for all of us,” said the singer “Little Mo” after the show.`}, "It was a fine night for all of us", "Little Mo"},
	} {
		a := annotate(t, "Harbour", c.paras...)
		q := quoteWith(a, c.content)
		if q == nil || q.Speaker.Name == nil || *q.Speaker.Name != c.want {
			t.Errorf("want %s:%s", c.want, dump(a))
		}
	}
}

// TestInterviewQA: an interview printed as "Q:" and "A:" turns gives the
// answers to the person the article names most, the questions to nobody; a
// lone "A:" is no turn.
func TestInterviewQA(t *testing.T) {
	a := annotate(t, "An interview with the harbour master",
		`Sarah Whitmore has run the port of Eastmere for twelve years. We spoke to Sarah Whitmore on Tuesday about the storm.`,
		`Q: How bad was the damage to the pier?`,
		`A: The east pier lost forty metres of decking and the crane is beyond repair.`,
		`Q: Who will pay for the repairs?`,
		`A: The council has promised half, and the rest has to come from the ferry companies.`)
	for content, want := range map[string]string{
		"The east pier lost forty metres of decking and the crane is beyond repair":        "Sarah Whitmore",
		"The council has promised half, and the rest has to come from the ferry companies": "Sarah Whitmore",
		"How bad was the damage to the pier":                                               "",
	} {
		q := quoteWith(a, content)
		switch {
		case q == nil:
			t.Errorf("no quote %q:%s", content, dump(a))
		case want == "" && q.Speaker.Name != nil:
			t.Errorf("%q: speaker %s, want none:%s", content, *q.Speaker.Name, dump(a))
		case want != "" && (q.Speaker.Name == nil || *q.Speaker.Name != want || q.Kind != "direct"):
			t.Errorf("%q: %s by %v, want direct by %s:%s", content, q.Kind, q.Speaker.Name, want, dump(a))
		}
	}
	b := annotate(t, "Notes", `Sarah Whitmore runs the port of Eastmere.`, `A: note that the pier closes at six every evening.`)
	for _, q := range b.Quotes {
		if q.Cue != nil && q.Cue.Text == ":" {
			t.Errorf("a lone A: is a turn:%s", dump(b))
		}
	}
}
