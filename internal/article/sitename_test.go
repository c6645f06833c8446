package article

import (
	"strings"
	"testing"
)

// A site name is a name: spaces squeezed, no address, not too long.
func TestCleanSiteName(t *testing.T) {
	tests := []struct{ in, want string }{
		{" Jozi\n Daily ", "Jozi Daily"},
		{"jozidaily.example", "jozidaily.example"},
		{"News/Talk 702", "News/Talk 702"},
		{"https://jozidaily.example", ""},
		{"//jozidaily.example/", ""},
		{"www.jozidaily.example", ""},
		{"jozidaily.example/news", ""},
		{"   ", ""},
		{strings.Repeat("é", MaxSiteName), strings.Repeat("é", MaxSiteName)},
		{strings.Repeat("é", MaxSiteName+1), ""},
	}
	for _, tt := range tests {
		if got := CleanSiteName(tt.in); got != tt.want {
			t.Errorf("CleanSiteName(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}
