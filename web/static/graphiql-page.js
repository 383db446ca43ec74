// Starts GraphiQL on the API beside this page. Every script it needs is
// served by regnet itself (vendor/), so the page works with no network.
(function () {
  const fetcher = GraphiQL.createFetcher({ url: new URL('graphql', location.href).href });
  const defaultQuery = `# The provinces in the data. Ctrl+Enter runs a query.
{
  provinces { id name }
}
`;
  ReactDOM.createRoot(document.getElementById('graphiql'))
    .render(React.createElement(GraphiQL, { fetcher, defaultQuery }));
})();
