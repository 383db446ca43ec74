package main

import "runtime/debug"

// version is set at build time with -ldflags "-X main.version=v1.2.3"; when
// it is not, buildVersion falls back to what the Go toolchain recorded.
var version = ""

// buildVersion is the version regnet reports: the one set at build time,
// else the module version (go install …@v1.2.3), else the VCS revision the
// binary was built from, else "devel".
func buildVersion() string {
	if version != "" {
		return version
	}
	info, ok := debug.ReadBuildInfo()
	if !ok {
		return "devel"
	}
	if v := info.Main.Version; v != "" && v != "(devel)" {
		return v
	}
	var rev, modified string
	for _, s := range info.Settings {
		switch s.Key {
		case "vcs.revision":
			rev = s.Value
		case "vcs.modified":
			if s.Value == "true" {
				modified = "+dirty"
			}
		}
	}
	if len(rev) > 12 {
		rev = rev[:12]
	}
	if rev != "" {
		return "devel-" + rev + modified
	}
	return "devel"
}
