// Reads [{"expression": "...", "resource": {...}}, ...] on stdin and prints one JSON list: each
// expression's result on its resource (a QuestionnaireResponse), as fhirpath.js returns it.
const fhirpath = require("fhirpath");
const r4 = require("fhirpath/fhir-context/r4");
let input = "";
process.stdin.on("data", (d) => (input += d));
process.stdin.on("end", () => {
  const cases = JSON.parse(input);
  const out = cases.map((c) =>
    fhirpath.evaluate(c.resource, c.expression, { resource: c.resource }, r4)
  );
  process.stdout.write(JSON.stringify(out));
});
