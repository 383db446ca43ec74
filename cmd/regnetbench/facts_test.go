package main

import (
	"encoding/json"
	"slices"
	"testing"
)

func decode(t *testing.T, s string) any {
	t.Helper()
	var v any
	if err := json.Unmarshal([]byte(s), &v); err != nil {
		t.Fatal(err)
	}
	return v
}

// The same facts in regnet's shape and in the peer's (an object as a list
// of one, a connection's cursors, another order) compare equal; a changed
// value or a missing duty does not.
func TestFactsCompareAcrossShapes(t *testing.T) {
	regnet := decode(t, `{"agencies":{"totalCount":2,"edges":[
		{"cursor":"YQ","node":{"id":"a","province":{"name":"Lạng Sơn"},"duties":[{"id":"d1"},{"id":"d2"}]}},
		{"cursor":"Yg","node":{"id":"b","province":{"name":"Lạng Sơn"},"duties":[]}}]}}`)
	peer := decode(t, `{"agencies":{"totalCount":2,"edges":[
		{"node":{"id":"b","province":[{"name":"Lạng Sơn"}],"duties":[]}},
		{"node":{"id":"a","province":[{"name":"Lạng Sơn"}],"duties":[{"id":"d2"},{"id":"d1"}]}}]}}`)
	ignored, missing, extra := compareFacts(facts(regnet), facts(peer))
	if len(missing)+len(extra) > 0 || !slices.Equal(ignored, []string{"cursor"}) {
		t.Errorf("same facts: ignored %v, missing %v, extra %v", ignored, missing, extra)
	}

	other := decode(t, `{"agencies":{"totalCount":2,"edges":[
		{"node":{"id":"b","province":[{"name":"Lang Son"}],"duties":[]}},
		{"node":{"id":"a","province":[{"name":"Lạng Sơn"}],"duties":[{"id":"d2"}]}}]}}`)
	_, missing, extra = compareFacts(facts(regnet), facts(other))
	if !slices.Equal(missing, []string{`id="d1"`}) || !slices.Equal(extra, []string{`name="Lang Son"`}) {
		t.Errorf("different facts: missing %v, extra %v", missing, extra)
	}
}
