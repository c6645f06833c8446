// whosaid: live extraction on the paste page. The page works without this
// file (the form posts to the server); with it, the highlights follow the
// typing. Text is only ever put into the page with textContent, never as HTML.
"use strict";
(function () {
	var form = document.querySelector("form.paste");
	var area = document.getElementById("text");
	if (!form || !area || !window.fetch) {
		return;
	}
	var out = document.createElement("section");
	out.id = "live";
	out.className = "live";
	out.setAttribute("aria-live", "polite");
	out.setAttribute("aria-label", "Live preview");
	form.insertAdjacentElement("afterend", out);

	var timer = null;
	var seq = 0;

	function format() {
		var f = form.querySelector("input[name=format]:checked");
		return f ? f.value : "auto";
	}

	function el(tag, cls, text) {
		var e = document.createElement(tag);
		if (cls) {
			e.className = cls;
		}
		if (text !== undefined) {
			e.textContent = text;
		}
		return e;
	}

	function render(a) {
		out.replaceChildren();
		var text = Array.from(a.text); // code points, as the offsets count them
		var owner = new Array(text.length).fill(-1);
		var classes = {};
		var n = 0;
		var info = [];
		a.quotes.forEach(function (q, i) {
			var name = q.speaker && q.speaker.name ? q.speaker.name : "";
			if (!(name in classes)) {
				classes[name] = name ? "sp-" + (n++ % 12) : "sp-x";
			}
			var parts = [name || "unknown speaker"];
			if (q.cue) {
				parts.push("cue: " + q.cue.text);
			}
			parts.push(q.kind);
			info.push({ cls: classes[name], text: parts.join(" · ") });
			if (q.where) {
				return;
			}
			q.spans.forEach(function (s) {
				for (var k = Math.max(s.start, 0); k < Math.min(s.end, text.length); k++) {
					owner[k] = i;
				}
			});
		});
		out.appendChild(el("h2", "", a.title));
		out.appendChild(el("p", "meta", a.quotes.length + " quote(s), live"));
		var box = el("div", "text");
		a.blocks.forEach(function (b) {
			var p = el(b.kind === "heading" ? "h3" : "p", b.kind === "caption" ? "block caption" : "block");
			var i = Math.max(b.start, 0);
			var end = Math.min(b.end, text.length);
			while (i < end) {
				var j = i + 1;
				while (j < end && owner[j] === owner[i]) {
					j++;
				}
				var s = text.slice(i, j).join("");
				if (owner[i] >= 0) {
					var q = info[owner[i]];
					var m = el("mark", "q " + q.cls, s);
					m.tabIndex = 0;
					m.title = q.text;
					m.setAttribute("data-info", q.text);
					p.appendChild(m);
				} else {
					p.appendChild(document.createTextNode(s));
				}
				i = j;
			}
			box.appendChild(p);
		});
		out.appendChild(box);
	}

	function run() {
		var body = area.value;
		var mine = ++seq;
		if (!body.trim()) {
			out.replaceChildren();
			return;
		}
		var types = { html: "text/html", text: "text/plain", auto: "application/octet-stream" };
		fetch("/api/v1/extract", {
			method: "POST",
			headers: { "Content-Type": types[format()] || types.auto },
			body: body
		}).then(function (r) {
			return r.json().then(function (j) {
				return { ok: r.ok, body: j };
			});
		}).then(function (res) {
			if (mine !== seq) {
				return; // a newer request is under way
			}
			if (!res.ok) {
				out.replaceChildren(el("p", "error", res.body.message || "extraction failed"));
				return;
			}
			render(res.body);
		}).catch(function () {
			if (mine === seq) {
				out.replaceChildren(el("p", "error", "The server could not be reached."));
			}
		});
	}

	function later() {
		clearTimeout(timer);
		timer = setTimeout(run, 400);
	}
	area.addEventListener("input", later);
	form.addEventListener("change", later);
})();
