package store

import (
	"context"
	"encoding/json"
	"fmt"
)

// OutletCount is an outlet with what its reports hold: the articles and copies
// filed under it, the quotes they carry (a copy's count again) and the
// speakers quoted, and the quotes by the gender of their named speaker (as the
// speakers list tells it: Gender) or by none known.
type OutletCount struct {
	// Name is the name the outlet's pages give it (its site name), else the
	// name it is stored under; Stored lists the names stored under it when
	// they differ ("kxyz13.com" for "KXYZ 13 News"): the reports of a host
	// and of local files filed under its site name are one outlet's.
	Name     string   `json:"outlet"`
	Stored   []string `json:"stored_as,omitempty"`
	Reports  int      `json:"reports"`
	Quotes   int      `json:"quotes"`
	Speakers int      `json:"speakers"`
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
	// An outlet is known by the site name its pages give, else its own: a
	// key shared, in any case, by a host and the local files filed under its
	// site name.
	q := `WITH keys AS (
			SELECT o.id, o.name, ifnull((SELECT n.name FROM outlet_names n WHERE n.outlet_id = o.id ORDER BY n.name LIMIT 1), o.name) AS key
			FROM outlets o),
		reps AS (
			SELECT k.key AS outlet, a.pk AS rep, 0 AS copy FROM articles a JOIN keys k ON k.id = a.outlet_id WHERE ` + and(acond) + `
			UNION ALL
			SELECT k.key, cp.id, 1 FROM article_copies cp JOIN keys k ON k.id = cp.outlet_id WHERE ` + and(ccond) + `),
		said AS (
			SELECT r.outlet, q.speaker_id AS sp, sp.gender AS gender FROM reps r
			JOIN article_copies c ON r.copy = 1 AND c.id = r.rep
			JOIN quotes q ON q.article_pk = c.article_pk LEFT JOIN speakers sp ON sp.id = q.speaker_id
			UNION ALL
			SELECT r.outlet, q.speaker_id, sp.gender FROM reps r
			JOIN quotes q ON r.copy = 0 AND q.article_pk = r.rep LEFT JOIN speakers sp ON sp.id = q.speaker_id),
		rc AS (SELECT outlet COLLATE NOCASE AS outlet, min(outlet) AS name, count(*) AS n FROM reps GROUP BY outlet COLLATE NOCASE)
		SELECT rc.name, (SELECT json_group_array(DISTINCT k.name) FROM keys k WHERE k.key = rc.outlet COLLATE NOCASE AND k.name != k.key),
			rc.n, count(s.outlet), count(DISTINCT s.sp),
			count(*) FILTER (WHERE s.gender = 'female'), count(*) FILTER (WHERE s.gender = 'male')
		FROM rc LEFT JOIN said s ON s.outlet = rc.outlet COLLATE NOCASE
		GROUP BY rc.outlet ORDER BY count(s.outlet) DESC, rc.name`
	rows, err := s.db.QueryContext(ctx, q, append(aargs, cargs...)...)
	if err != nil {
		return nil, fmt.Errorf("store: outlets: %w", err)
	}
	defer rows.Close()
	out := []OutletCount{}
	for rows.Next() {
		var c OutletCount
		var stored string
		if err := rows.Scan(&c.Name, &stored, &c.Reports, &c.Quotes, &c.Speakers, &c.ByWomen, &c.ByMen); err != nil {
			return nil, fmt.Errorf("store: outlets: %w", err)
		}
		if err := json.Unmarshal([]byte(stored), &c.Stored); err != nil {
			return nil, fmt.Errorf("store: outlets: %w", err)
		}
		if len(c.Stored) == 0 {
			c.Stored = nil
		}
		c.Unknown = c.Quotes - c.ByWomen - c.ByMen
		out = append(out, c)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("store: outlets: %w", err)
	}
	return out, nil
}
