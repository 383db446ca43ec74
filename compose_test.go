package regnet_test

import (
	"os"
	"regexp"
	"slices"
	"strings"
	"testing"

	"gopkg.in/yaml.v3"
)

// TestComposeFile checks what `docker compose up` relies on, where no
// Docker engine is at hand to run it: the official Neo4j 5.26 Community
// image with a health check and a volume, a one-shot load that waits for
// Neo4j to be healthy, and the API built from the project's Dockerfile,
// started once the load has completed, all pointing at the same database.
func TestComposeFile(t *testing.T) {
	raw, err := os.ReadFile("docker-compose.yml")
	if err != nil {
		t.Fatal(err)
	}
	var compose struct {
		Services map[string]struct {
			Image       string            `yaml:"image"`
			Build       any               `yaml:"build"`
			Command     []string          `yaml:"command"`
			Environment map[string]string `yaml:"environment"`
			Volumes     []string          `yaml:"volumes"`
			Healthcheck *struct {
				Test []string `yaml:"test"`
			} `yaml:"healthcheck"`
			DependsOn map[string]struct {
				Condition string `yaml:"condition"`
			} `yaml:"depends_on"`
		} `yaml:"services"`
		Volumes map[string]any `yaml:"volumes"`
	}
	if err := yaml.Unmarshal(raw, &compose); err != nil {
		t.Fatalf("docker-compose.yml: %v", err)
	}
	db, load, api := compose.Services["neo4j"], compose.Services["load"], compose.Services["api"]
	if db.Image != "neo4j:5.26-community" || db.Healthcheck == nil || len(db.Volumes) == 0 {
		t.Errorf("neo4j: image %q, health check %v, volumes %v", db.Image, db.Healthcheck != nil, db.Volumes)
	}
	for _, v := range db.Volumes {
		if name := strings.SplitN(v, ":", 2)[0]; !strings.HasPrefix(name, ".") && !strings.HasPrefix(name, "/") {
			if _, ok := compose.Volumes[name]; !ok {
				t.Errorf("neo4j uses volume %q, which is not declared", name)
			}
		}
	}
	if load.Build == nil || !slices.Equal(load.Command, []string{"load"}) || load.DependsOn["neo4j"].Condition != "service_healthy" {
		t.Errorf("load: build %v, command %v, depends on %+v", load.Build, load.Command, load.DependsOn)
	}
	if api.Build == nil || !slices.Equal(api.Command, []string{"serve"}) ||
		api.DependsOn["load"].Condition != "service_completed_successfully" {
		t.Errorf("api: build %v, command %v, depends on %+v", api.Build, api.Command, api.DependsOn)
	}
	for _, name := range []string{"load", "api"} {
		env := compose.Services[name].Environment
		if env["NEO4J_URI"] != "bolt://neo4j:7687" || env["NEO4J_PASSWORD"] == "" {
			t.Errorf("%s: NEO4J_URI %q, password set %v", name, env["NEO4J_URI"], env["NEO4J_PASSWORD"] != "")
		}
	}
	auth := strings.SplitN(db.Environment["NEO4J_AUTH"], "/", 2)
	for _, name := range []string{"load", "api"} {
		env := compose.Services[name].Environment
		if len(auth) != 2 || env["NEO4J_USERNAME"] != auth[0] || env["NEO4J_PASSWORD"] != auth[1] {
			t.Errorf("%s logs in as %s/%s, Neo4j is set up with %v", name, env["NEO4J_USERNAME"], env["NEO4J_PASSWORD"], auth)
		}
	}
}

// TestDockerfileGoVersion checks that the image builds with the Go release
// go.mod asks for.
func TestDockerfileGoVersion(t *testing.T) {
	mod, err := os.ReadFile("go.mod")
	if err != nil {
		t.Fatal(err)
	}
	docker, err := os.ReadFile("Dockerfile")
	if err != nil {
		t.Fatal(err)
	}
	want := regexp.MustCompile(`(?m)^go (\d+\.\d+)`).FindSubmatch(mod)
	got := regexp.MustCompile(`(?m)^FROM golang:(\d+\.\d+)`).FindSubmatch(docker)
	if want == nil || got == nil || string(got[1]) != string(want[1]) {
		t.Errorf("Dockerfile builds with golang:%s, go.mod wants go %s", got, want)
	}
}
