// The Stepflow dashboard: plain ES modules served by the orchestrator-service, no build step.
// URLs are resolved against this file (served at /ui/app.js), so the page also works behind a
// context path.

const api = (path) => new URL(`../${path}`, import.meta.url);

/** Shows the service's health as reported by Spring Boot Actuator. */
export async function showServiceStatus(element) {
  let state;
  try {
    const response = await fetch(api("actuator/health"), { headers: { Accept: "application/json" } });
    // Actuator answers 503 with a JSON body when the service is DOWN, so read the body either way.
    const body = await response.json();
    state = body.status ?? `HTTP ${response.status}`;
  } catch (error) {
    state = "unreachable";
  }
  element.textContent = state;
  element.dataset.state = state;
}

/** Accepts the shapes a list endpoint may answer with: a bare array or an object holding one. */
function executionsIn(body) {
  if (Array.isArray(body)) return body;
  for (const key of ["executions", "items", "content"]) {
    if (Array.isArray(body?.[key])) return body[key];
  }
  return [];
}

function cell(text) {
  const td = document.createElement("td");
  td.textContent = text ?? "";
  return td;
}

/** Lists executions from the REST API, or says plainly that the API is not there yet. */
export async function showExecutions(message, table) {
  let response;
  try {
    response = await fetch(api("api/v1/executions"), { headers: { Accept: "application/json" } });
  } catch (error) {
    message.textContent = "Could not reach the service.";
    return;
  }
  if (response.status === 404) {
    message.textContent = "No executions API yet: this service does not answer /api/v1/executions.";
    return;
  }
  if (!response.ok) {
    message.textContent = `The executions API answered HTTP ${response.status}.`;
    return;
  }
  const executions = executionsIn(await response.json());
  if (executions.length === 0) {
    message.textContent = "No executions.";
    return;
  }
  const rows = table.querySelector("tbody");
  rows.replaceChildren(
    ...executions.map((execution) => {
      const row = document.createElement("tr");
      row.append(
        cell(execution.name ?? execution.executionArn),
        cell(execution.stateMachineName ?? execution.stateMachineArn),
        cell(execution.status),
        cell(execution.startDate),
      );
      return row;
    }),
  );
  message.textContent = `${executions.length} execution(s)`;
  table.hidden = false;
}

showServiceStatus(document.getElementById("service-status"));
showExecutions(
  document.getElementById("executions-message"),
  document.getElementById("executions-table"),
);
