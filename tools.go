//go:build tools

package regnet

// Pins the modules the project depends on before code uses them all.
import (
	_ "github.com/99designs/gqlgen"
	_ "github.com/neo4j/neo4j-go-driver/v5/neo4j"
	_ "github.com/rs/cors"
	_ "github.com/vektah/gqlparser/v2"
	_ "gopkg.in/yaml.v3"
)
