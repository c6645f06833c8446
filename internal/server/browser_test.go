package server

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"

	"github.com/whosaid/whosaid/internal/store"
)

// chromiumPath is Debian's Chromium, which .ci/run installs.
const chromiumPath = "/usr/bin/chromium"

// TestBrowser drives the UI in headless Chromium: it searches, opens a
// speaker and an article, checks the highlights (colours, focus, the tooltip),
// the live preview of the paste page,
// the phone width, that no hostile script ran, and saves screenshots (in
// $WHOSAID_SCREENSHOTS when set, else a temporary folder).
func TestBrowser(t *testing.T) {
	if testing.Short() {
		t.Skip("browser test skipped with -short")
	}
	if _, err := exec.LookPath(chromiumPath); err != nil {
		t.Skipf("browser test needs Debian's chromium at %s (apt-get install chromium): %v", chromiumPath, err)
	}
	e := newEnv(t, Options{}, "ferry.txt", "hostile.txt", "hostile.html")
	shots := os.Getenv("WHOSAID_SCREENSHOTS")
	if shots == "" {
		shots = t.TempDir()
	}

	opts := []chromedp.ExecAllocatorOption{
		chromedp.ExecPath(chromiumPath),
		chromedp.Headless, chromedp.NoSandbox, chromedp.DisableGPU, chromedp.NoFirstRun, chromedp.NoDefaultBrowserCheck,
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("disable-quic", true),
		chromedp.UserDataDir(t.TempDir()),
		chromedp.WindowSize(1200, 900),
	}
	actx, cancelA := chromedp.NewExecAllocator(context.Background(), opts...)
	defer cancelA()
	bctx, cancelC := chromedp.NewContext(actx)
	defer cancelC()
	// Generous: in CI the browser shares two cores with the other packages' tests.
	ctx, cancelT := context.WithTimeout(bctx, 120*time.Second)
	defer cancelT()
	if err := chromedp.Do(ctx); err != nil {
		t.Fatalf("starting chromium: %v", err)
	}
	// A headless window never has the system focus; without this, :focus
	// would not match and the focus tooltip could not be checked.
	if _, err := chromedp.Call(ctx, emulation.SetFocusEmulationEnabled, emulation.SetFocusEmulationEnabledParams{Enabled: true}); err != nil {
		t.Fatal(err)
	}

	// A dialog (alert) or an uncaught exception would mean hostile text ran.
	var dialogs, exceptions atomic.Int32
	dialogEvents := chromedp.Events(ctx, page.JavascriptDialogOpening)
	exceptionEvents := chromedp.Events(ctx, runtime.ExceptionThrown)
	go func() {
		for ev, err := range dialogEvents {
			if err != nil {
				return
			}
			dialogs.Add(1)
			t.Logf("dialog: %q", ev.Message)
			chromedp.Call(ctx, page.HandleJavaScriptDialog, page.HandleJavaScriptDialogParams{Accept: false})
		}
	}()
	go func() {
		for _, err := range exceptionEvents {
			if err != nil {
				return
			}
			exceptions.Add(1)
		}
	}()
	shot := func(name string) chromedp.Action[chromedp.Void] {
		return chromedp.Func(func(ctx context.Context, tg *chromedp.Target) error {
			buf, err := chromedp.FullScreenshot(100)(ctx, tg) // 100: PNG
			if err != nil {
				return err
			}
			return os.WriteFile(filepath.Join(shots, name), buf, 0o644)
		})
	}
	step := func(what string, steps ...chromedp.Action[chromedp.Void]) {
		t.Helper()
		if err := chromedp.Do(ctx, steps...); err != nil {
			// Say where the browser was, so that a hang can be told from a slow machine.
			lctx, cancel := context.WithTimeout(bctx, 5*time.Second)
			loc, lerr := chromedp.Run(lctx, chromedp.Location())
			cancel()
			t.Fatalf("%s: %v (page %q %v; %d dialogs, %d exceptions)", what, err, loc, lerr, dialogs.Load(), exceptions.Load())
		}
	}

	// Search with the form, as a user would.
	step("search form",
		chromedp.Navigate(e.ts.URL+"/"),
		chromedp.SendKeys(chromedp.CSS("#q"), "boats"),
		chromedp.Click(chromedp.CSS(`form.search button[type="submit"]`)))
	// Wait for the results page itself before querying it: a query begun on the
	// page being left can wait on the old document.
	for i := 0; ; i++ {
		loc, err := chromedp.Run(ctx, chromedp.Location())
		if err == nil && strings.Contains(loc, "q=boats") {
			break
		}
		if i == 200 || ctx.Err() != nil {
			t.Fatalf("search: the results page never came (at %q: %v)", loc, err)
		}
		time.Sleep(50 * time.Millisecond)
	}
	step("search results",
		chromedp.WaitVisible(chromedp.CSS("ol.hits")),
		shot("search.png"))
	hits := value(t, ctx, chromedp.Evaluate[int](`document.querySelectorAll("ol.hits li").length`))
	hitText := value(t, ctx, chromedp.Text(chromedp.CSS("ol.hits")))
	if hits == 0 || !strings.Contains(hitText, "twenty minutes") {
		t.Errorf("search: %d hits: %q", hits, hitText)
	}

	// Open a speaker from the speakers list.
	step("speaker",
		chromedp.Navigate(e.ts.URL+"/speakers"),
		chromedp.Click(`//a[text()="Elena Voss"]`),
		chromedp.WaitVisible(chromedp.CSS("figure.timeline svg")),
		shot("speaker.png"))
	if n := value(t, ctx, chromedp.Evaluate[int](`document.querySelectorAll("svg rect.bar").length`)); n == 0 {
		t.Error("speaker page: no bars in the timeline")
	}

	// Open an article from the speaker's quotes; the highlights have colours
	// from the stylesheet (so the CSP let it load), and focus shows who spoke.
	step("article",
		chromedp.Click(chromedp.CSS(`ol.hits li a[href^="/articles/"]`)),
		chromedp.WaitVisible(chromedp.CSS("mark.q")),
		chromedp.Focus(chromedp.CSS("mark.q")),
		shot("article.png"))
	marks := value(t, ctx, chromedp.Evaluate[int](`document.querySelectorAll("mark.q").length`))
	bg0 := value(t, ctx, chromedp.Evaluate[string](`getComputedStyle(document.querySelector("mark.sp-0")).backgroundColor`))
	bg1 := value(t, ctx, chromedp.Evaluate[string](`getComputedStyle(document.querySelector("mark.sp-1")).backgroundColor`))
	if marks < 2 || bg0 == bg1 || bg0 == "" || bg0 == "rgba(0, 0, 0, 0)" {
		t.Errorf("article: %d marks, colours %q and %q", marks, bg0, bg1)
	}
	focused := value(t, ctx, chromedp.Evaluate[string](`document.activeElement.tagName`))
	tip := value(t, ctx, chromedp.Evaluate[string](`getComputedStyle(document.activeElement, "::after").content`))
	if focused != "MARK" || !strings.Contains(tip, "Elena Voss") {
		t.Errorf("focus: %s, tooltip %q", focused, tip)
	}

	// Tab from the top of the page reaches a highlight by keyboard alone.
	step("reload", chromedp.Navigate(e.ts.URL+"/speakers"), chromedp.Click(`//a[text()="Elena Voss"]`),
		chromedp.WaitVisible(chromedp.CSS("figure.timeline")), chromedp.Click(chromedp.CSS(`ol.hits li a[href^="/articles/"]`)),
		chromedp.WaitVisible(chromedp.CSS("mark.q")))
	tabbed := false
	for range 40 {
		step("tab", chromedp.KeyEvent("\t"))
		if value(t, ctx, chromedp.Evaluate[string](`document.activeElement.tagName`)) == "MARK" {
			tabbed = true
			break
		}
	}
	if !tabbed {
		t.Error("Tab never reached a highlight")
	}

	// The hostile pages render without running anything, at phone width too.
	hostile, err := e.st.Search(context.Background(), store.Query{Words: "alert"})
	if err != nil || len(hostile) == 0 {
		t.Fatalf("hostile quotes: %v (%d)", err, len(hostile))
	}
	step("hostile article",
		chromedp.EmulateViewport(375, 740, chromedp.EmulateMobile),
		chromedp.Navigate(e.ts.URL+"/articles/"+hostile[0].Article),
		chromedp.WaitVisible(chromedp.CSS("mark.q")),
		shot("hostile-phone.png"))
	title := value(t, ctx, chromedp.Title())
	if !strings.Contains(title, "<script>") {
		t.Errorf("title %q: the hostile title should show as text", title)
	}
	if value(t, ctx, chromedp.Evaluate[bool](`document.documentElement.scrollWidth > window.innerWidth + 1`)) {
		t.Error("the article page scrolls sideways at phone width")
	}
	step("hostile search and paste",
		chromedp.Navigate(e.ts.URL+"/?q=alert"),
		chromedp.WaitVisible(chromedp.CSS("ol.hits")),
		chromedp.Navigate(e.ts.URL+"/paste"),
		chromedp.SendKeys(chromedp.CSS("#text"), "Town news\n\n\"<script>alert(9)</script> opens on Friday,\" Mayor Ines Dorn said."),
		chromedp.Click(chromedp.CSS(`form.paste button[type="submit"]`)),
		chromedp.WaitVisible(chromedp.CSS("mark.q")),
		shot("paste-phone.png"),
		chromedp.Sleep(200*time.Millisecond))
	// With JavaScript, the paste page highlights as one types, and hostile
	// text stays text there too.
	step("live paste",
		chromedp.Navigate(e.ts.URL+"/paste"),
		chromedp.SendKeys(chromedp.CSS("#text"), "Pier news\n\n\"<img src=x onerror=alert(7)> reopens in May,\" harbour master Lena Ostrova said."),
		chromedp.WaitVisible(chromedp.CSS("#live mark.q")),
		shot("paste-live.png"))
	if n := value(t, ctx, chromedp.Evaluate[int](`document.querySelectorAll("#live img, #live script").length`)); n != 0 {
		t.Errorf("live preview built %d img/script element(s) from the text", n)
	}
	if tip := value(t, ctx, chromedp.Evaluate[string](`document.querySelector("#live mark.q").title`)); !strings.Contains(tip, "Lena Ostrova") {
		t.Errorf("live highlight title %q", tip)
	}
	if n := dialogs.Load(); n > 0 {
		t.Errorf("%d alert dialog(s) opened: hostile text ran", n)
	}
	if n := exceptions.Load(); n > 0 {
		t.Errorf("%d script exception(s)", n)
	}
	t.Logf("screenshots in %s", shots)
}

// value runs one browser action that returns a value.
func value[T any](t *testing.T, ctx context.Context, a chromedp.Action[T]) T {
	t.Helper()
	v, err := chromedp.Run(ctx, a)
	if err != nil {
		t.Fatal(err)
	}
	return v
}
