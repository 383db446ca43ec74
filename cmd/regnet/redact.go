package main

import (
	"log/slog"
	"net/url"
	"regexp"
)

// userinfo matches the user:password@ part of a URI inside any text.
var userinfo = regexp.MustCompile(`([a-zA-Z][a-zA-Z0-9+.-]*://)[^/@\s]+@`)

// redact removes the credentials of every URI in s (bolt://user:secret@host
// becomes bolt://REDACTED@host), so that a NEO4J_URI carrying them is
// never printed or logged as given.
func redact(s string) string {
	return userinfo.ReplaceAllString(s, "${1}REDACTED@")
}

// redactURI is redact for one URI; the one to print wherever a URI is shown.
func redactURI(uri string) string {
	if u, err := url.Parse(uri); err == nil && u.User != nil {
		u.User = url.User("REDACTED")
		return u.String()
	}
	return redact(uri)
}

// redactAttr is a slog ReplaceAttr that redacts URIs in string and error
// values, whoever logs them (the server logs store errors).
func redactAttr(_ []string, a slog.Attr) slog.Attr {
	switch v := a.Value.Any().(type) {
	case string:
		if r := redact(v); r != v {
			return slog.String(a.Key, r)
		}
	case error:
		if s := v.Error(); redact(s) != s {
			return slog.String(a.Key, redact(s))
		}
	}
	return a
}
