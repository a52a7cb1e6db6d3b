import axe from "axe-core";

/**
 * Runs axe on what is rendered and fails on serious or critical findings.
 * Colour contrast needs real layout, which jsdom lacks: the e2e axe checks
 * in a real browser cover it.
 */
export async function expectNoSeriousA11yViolations(container: Element): Promise<void> {
  const results = await axe.run(container, {
    rules: { "color-contrast": { enabled: false }, region: { enabled: false } },
    resultTypes: ["violations"],
  });
  const serious = results.violations.filter((violation) => violation.impact === "serious" || violation.impact === "critical");
  const report = serious.map((violation) => `${violation.id}: ${violation.help} (${violation.nodes.map((node) => node.target.join(" ")).join(", ")})`);
  expect(report).toEqual([]);
}
