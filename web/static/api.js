// The GraphQL queries the explorer sends and the one function that sends
// them. An answer with errors becomes an APIError carrying the API's
// extensions.code, so that the page can say plainly what went wrong.

/** An error the API answered with (or a failure to reach it). */
export class APIError extends Error {
  constructor(code, message) {
    super(message);
    this.name = 'APIError';
    this.code = code;
  }
}

/**
 * gql posts a query to the API next to the page and returns its data. Any
 * error in the answer is thrown: the explorer shows nothing half-loaded.
 */
export async function gql(query, variables = {}) {
  let res;
  try {
    res = await fetch('/graphql', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
      body: JSON.stringify({ query, variables }),
    });
  } catch (e) {
    throw new APIError('NETWORK_ERROR', `the API could not be reached (${e.message})`);
  }
  let body;
  try {
    body = await res.json();
  } catch {
    throw new APIError(`HTTP_${res.status}`, `the API answered HTTP ${res.status} without a GraphQL body`);
  }
  const first = body.errors?.[0];
  if (first) throw new APIError(first.extensions?.code ?? `HTTP_${res.status}`, first.message);
  if (!res.ok || !body.data) throw new APIError(`HTTP_${res.status}`, `the API answered HTTP ${res.status}`);
  return body.data;
}

// Where a fact is written: shown by provenance() in app.js, linked to the document view.
const source = 'fragment Source on Provision { path text url document { number title status } }';

const fragments = `
fragment AgencyRef on Agency { id name kind }
${source}
fragment HandoffView on Handoff {
  id actions condition
  from { ...AgencyRef } notifies { ...AgencyRef } transfersTo { ...AgencyRef }
  leaving { code name } entering { code name }
  provision { ...Source }
}`;

/** The queries, one per view. */
export const Q = {
  start: `query Start { provinces { id name } areas { code name } }`,

  network: `query Network($province: String!, $asOf: Date, $includeDrafts: Boolean) {
    network(province: $province, asOf: $asOf, includeDrafts: $includeDrafts) {
      nodes { id label kind }
      edges { id source target type label provisions { ...Source } }
    }
  }
  ${source}`,

  agency: `query Agency($id: ID!) {
    agency(id: $id) {
      ...AgencyRef level aliases
      province { id name }
      parent { ...AgencyRef }
      reportsTo { ...AgencyRef }
      reportedToBy { ...AgencyRef }
      duties {
        id role text
        fields { code name } areas { code name }
        partners { ...AgencyRef }
        reportsTo { agency { ...AgencyRef } when }
        evidence { tag value words }
        provision { ...Source }
      }
      handoffsOut { ...HandoffView }
      handoffsIn { ...HandoffView }
      leads: planActions(role: LEAD) { ...ActionView }
      coordinates: planActions(role: COORDINATE) { ...ActionView }
    }
  }
  fragment ActionView on PlanAction {
    id text output
    deadline { raw kind date }
    leads { ...AgencyRef }
    provision { ...Source }
  }${fragments}`,

  search: `query Search($text: String!) {
    search(text: $text, first: 30) {
      type id title snippet
      province { name }
      document { number title url }
      agency { ...AgencyRef }
      duty { agency { ...AgencyRef } provision { url } }
      provision { url }
      planAction { leads { ...AgencyRef } provision { url } }
    }
  }
  fragment AgencyRef on Agency { id name kind }`,

  chain: `query Chain($province: String, $leaving: AreaCode, $entering: AreaCode, $maxDepth: Int, $direction: ChainDirection) {
    handoffChain(province: $province, leaving: $leaving, entering: $entering, maxDepth: $maxDepth, direction: $direction) {
      depth
      via { ...AgencyRef }
      handoff { ...HandoffView }
    }
  }${fragments}`,
};
