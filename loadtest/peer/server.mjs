// The peer of the regnet benchmark: Neo4j's own GraphQL library
// (@neo4j/graphql) on Apollo Server, serving typeDefs.graphql from the same
// database regnet loaded. Run by scripts/bench:
//
//   NEO4J_URI=bolt://127.0.0.1:7687 PORT=28512 node --require ./nodelay.cjs server.mjs
//
// NEO4J_USER and NEO4J_PASSWORD are used when set (the benchmark's Neo4j
// has authentication off).
import { readFileSync } from "node:fs";
import { ApolloServer } from "@apollo/server";
import { startStandaloneServer } from "@apollo/server/standalone";
import { Neo4jGraphQL } from "@neo4j/graphql";
import neo4j from "neo4j-driver";

const uri = process.env.NEO4J_URI;
if (!uri) {
  console.error("peer: set NEO4J_URI");
  process.exit(2);
}
const port = Number(process.env.PORT || 28512);
const auth = process.env.NEO4J_USER
  ? neo4j.auth.basic(process.env.NEO4J_USER, process.env.NEO4J_PASSWORD || "")
  : undefined;
// As many driver connections as the benchmark's clients, like regnet's pool.
const driver = neo4j.driver(uri, auth, { maxConnectionPoolSize: 64 });
const typeDefs = readFileSync(new URL("./typeDefs.graphql", import.meta.url), "utf8");
const schema = await new Neo4jGraphQL({ typeDefs, driver }).getSchema();
const server = new ApolloServer({ schema });
const { url } = await startStandaloneServer(server, {
  listen: { host: "127.0.0.1", port },
  context: async () => ({ sessionConfig: { defaultAccessMode: "READ" } }),
});
console.error(`peer: ready at ${url}`);
