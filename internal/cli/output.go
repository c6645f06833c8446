package cli

import (
	"errors"
	"fmt"
	"io/fs"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strconv"
)

// storeFileAt returns the file of the store db (the database, or its -wal,
// -shm or -journal file) that out names, "" when it names none: an output
// written there would destroy the store.
func storeFileAt(out, db string) string {
	for _, suffix := range []string{"", "-wal", "-shm", "-journal"} {
		if sameFile(out, db+suffix) {
			return db + suffix
		}
	}
	return ""
}

// sameFile reports whether paths a and b name the same file: the same file
// on disk when both exist (through links, "..", another spelling), else the
// same path once made absolute and its links resolved.
func sameFile(a, b string) bool {
	ia, errA := os.Stat(a)
	ib, errB := os.Stat(b)
	if errA == nil && errB == nil {
		return os.SameFile(ia, ib)
	}
	return resolvedPath(a) == resolvedPath(b)
}

// resolvedPath is p made absolute with its links resolved, those of its
// folder alone when p does not exist.
func resolvedPath(p string) string {
	abs, err := filepath.Abs(p)
	if err != nil {
		return filepath.Clean(p)
	}
	if r, err := filepath.EvalSymlinks(abs); err == nil {
		return r
	}
	dir, base := filepath.Split(abs)
	if r, err := filepath.EvalSymlinks(dir); err == nil {
		return filepath.Join(r, base)
	}
	return abs
}

// outFile is a file a command writes its output to. The output goes to a
// temporary file in the target's folder, renamed over the target by commit
// once it is whole: a run that fails, or is interrupted, leaves an existing
// file as it was. A target that is not a regular file (a terminal,
// /dev/null, a named pipe) is written directly.
type outFile struct {
	*os.File
	target string // the file renamed over; "" when written directly
	done   bool
}

// createOut opens an outFile for path.
func createOut(path string) (*outFile, error) {
	fi, err := os.Stat(path)
	if err == nil && !fi.Mode().IsRegular() && !fi.IsDir() {
		f, err := os.Create(path)
		if err != nil {
			return nil, err
		}
		return &outFile{File: f}, nil
	}
	if err == nil && fi.IsDir() {
		return nil, &fs.PathError{Op: "open", Path: path, Err: errors.New("is a directory")}
	}
	target, perm := path, fs.FileMode(0o666) // as os.Create makes a new file
	if err == nil {
		// Through a link, the file it leads to is replaced, not the link.
		if r, err := filepath.EvalSymlinks(path); err == nil {
			target = r
		}
		perm = fi.Mode().Perm()
	}
	dir, base := filepath.Split(target)
	if dir == "" {
		dir = "."
	}
	for range 100 {
		tmp := filepath.Join(dir, "."+base+"."+strconv.FormatUint(rand.Uint64()%1e9, 10)+".tmp")
		f, err := os.OpenFile(tmp, os.O_RDWR|os.O_CREATE|os.O_EXCL, perm)
		if errors.Is(err, fs.ErrExist) {
			continue
		}
		if err != nil {
			return nil, fmt.Errorf("%s: cannot create a file in folder %s: %w", path, filepath.Clean(dir), reasonOf(err))
		}
		if fi != nil {
			f.Chmod(perm) // the mode of the file it replaces, whatever the umask
		}
		return &outFile{File: f, target: target}, nil
	}
	return nil, fmt.Errorf("%s: no free name for a temporary file in its folder", path)
}

// commit closes the file and puts it in place of the target.
func (o *outFile) commit() error {
	o.done = true
	err := o.Close()
	if o.target == "" {
		return err
	}
	if err == nil {
		err = os.Rename(o.Name(), o.target)
	}
	if err != nil {
		os.Remove(o.Name())
	}
	return err
}

// abort closes the file and removes it, unless commit came first; the target
// is left as it was.
func (o *outFile) abort() {
	if o.done {
		return
	}
	o.done = true
	o.Close()
	if o.target != "" {
		os.Remove(o.Name())
	}
}

// writeOut writes data to path through an outFile.
func writeOut(path string, data []byte) error {
	f, err := createOut(path)
	if err != nil {
		return err
	}
	defer f.abort()
	if _, err := f.Write(data); err != nil {
		return err
	}
	return f.commit()
}

// reasonOf is the reason of a file error without the path it names.
func reasonOf(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}
