//go:build !unix

package source

import (
	"context"
	"os"
)

// openInput opens a file named as an input.
func openInput(_ context.Context, p string) (*os.File, []byte, error) {
	f, err := os.Open(p)
	return f, nil, err
}
