package store

import (
	"context"
	"fmt"
)

// OutletCount is an outlet with what its reports hold: the articles and copies
// filed under it, the quotes they carry (a copy's count again) and the
// speakers quoted, and the quotes by the gender of their named speaker (as the
// speakers list tells it: Gender) or by none known.
type OutletCount struct {
	Name     string `json:"outlet"`
	Reports  int    `json:"reports"`
	Quotes   int    `json:"quotes"`
	Speakers int    `json:"speakers"`
	// ByWomen and ByMen count the quotes of speakers the articles tell to
	// be women or men; Unknown the others: unnamed sources, organisations,
	// people whose gender no article told.
	ByWomen int `json:"by_women"`
	ByMen   int `json:"by_men"`
	Unknown int `json:"unknown"`
}

// Outlets returns every outlet with reports matching f's dates and outlet
// (f.Outlet's alone when set; f.Speaker is not read: every speaker of the
// outlets counts), most quotes first.
func (s *SQLite) Outlets(ctx context.Context, f ExportFilter) (_ []OutletCount, err error) {
	defer func() { err = fileError(s.path, "read", err) }()
	acond, aargs := occurrenceConds(f, "a")
	ccond, cargs := occurrenceConds(f, "cp")
	// Each report (an article, a copy) under its own outlet, with its quotes.
	q := `WITH reps AS (
			SELECT a.outlet_id AS outlet, a.pk AS rep, 0 AS copy FROM articles a WHERE ` + and(acond) + `
			UNION ALL
			SELECT cp.outlet_id, cp.id, 1 FROM article_copies cp WHERE ` + and(ccond) + `),
		said AS (
			SELECT r.outlet, q.speaker_id AS sp, sp.gender AS gender FROM reps r
			JOIN article_copies c ON r.copy = 1 AND c.id = r.rep
			JOIN quotes q ON q.article_pk = c.article_pk LEFT JOIN speakers sp ON sp.id = q.speaker_id
			UNION ALL
			SELECT r.outlet, q.speaker_id, sp.gender FROM reps r
			JOIN quotes q ON r.copy = 0 AND q.article_pk = r.rep LEFT JOIN speakers sp ON sp.id = q.speaker_id)
		SELECT o.name, rc.n, count(s.outlet), count(DISTINCT s.sp),
			count(*) FILTER (WHERE s.gender = 'female'), count(*) FILTER (WHERE s.gender = 'male')
		FROM (SELECT outlet, count(*) AS n FROM reps GROUP BY outlet) rc
		JOIN outlets o ON o.id = rc.outlet LEFT JOIN said s ON s.outlet = o.id
		GROUP BY o.id ORDER BY count(s.outlet) DESC, o.name`
	rows, err := s.db.QueryContext(ctx, q, append(aargs, cargs...)...)
	if err != nil {
		return nil, fmt.Errorf("store: outlets: %w", err)
	}
	defer rows.Close()
	out := []OutletCount{}
	for rows.Next() {
		var c OutletCount
		if err := rows.Scan(&c.Name, &c.Reports, &c.Quotes, &c.Speakers, &c.ByWomen, &c.ByMen); err != nil {
			return nil, fmt.Errorf("store: outlets: %w", err)
		}
		c.Unknown = c.Quotes - c.ByWomen - c.ByMen
		out = append(out, c)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("store: outlets: %w", err)
	}
	return out, nil
}
