// Package cli is whosaid's command line: one file per subcommand, each a function
// that tests call without a subprocess.
package cli
