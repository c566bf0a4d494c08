import { describe, expect, it } from "vitest";
import { PENALTY_STATES, penaltyMachine } from "../enforcement/machine.js";
import { REVIEW_STATES } from "../review/machine.js";
import { flowchartOf, procedureFlowcharts, TRANSITION_LABELS } from "./flowchart.js";
import { FlowchartSchema } from "./schema.js";

describe("flowcharts generated from the procedure machines (118号: 执法流程图)", () => {
  const charts = procedureFlowcharts();

  it("one valid chart per procedure, every transition between known steps", () => {
    expect(Object.keys(charts).sort()).toEqual([
      "coercion.seizure",
      "penalty.ordinary",
      "penalty.simplified",
      "review",
    ]);
    for (const chart of Object.values(charts)) {
      expect(FlowchartSchema.safeParse(chart).success).toBe(true);
      const ids = new Set(chart.steps.map((s) => s.id));
      for (const t of chart.transitions) {
        expect(ids.has(t.from) && ids.has(t.to)).toBe(true);
        expect(t.label).toMatch(/[\u4e00-\u9fff]/);
      }
      for (const s of chart.steps) expect(s.name).toMatch(/[\u4e00-\u9fff]/);
    }
  });

  it("the ordinary procedure: its states in order, filing first, decision branches named", () => {
    const chart = charts["penalty.ordinary"];
    expect(chart?.steps.map((s) => s.id)).toEqual([...PENALTY_STATES]);
    expect(chart?.steps[1]).toEqual({ id: "investigating", name: "调查取证" });
    expect(chart?.transitions[0]).toEqual({ from: "unfiled", to: "investigating", label: "立案" });
    expect(chart?.transitions).toContainEqual({ from: "investigated", to: "transferred", label: "移送司法机关" });
    expect(chart?.transitions).toContainEqual({ from: "noticed", to: "hearing", label: "当事人申请听证" });
    // Events that stay inside a step (an inquiry recorded) are not drawn.
    expect(chart?.transitions.some((t) => t.from === t.to)).toBe(false);
  });

  it("is read from the machine, not copied: every event that changes state appears", () => {
    let changing = 0;
    for (const node of Object.values(penaltyMachine.root.states)) {
      for (const defs of node.transitions.values()) {
        for (const d of defs) if (d.target?.[0] !== undefined && d.target[0].key !== node.key) changing++;
      }
    }
    // Distinct (from, to, label) triples: guarded branches to the same target with the same label merge.
    expect(charts["penalty.ordinary"]?.transitions.length).toBeLessThanOrEqual(changing);
    expect(charts["penalty.ordinary"]?.transitions.length).toBeGreaterThan(10);
    const unlabelled = flowchartOf(penaltyMachine, {}, {});
    expect(unlabelled.steps[0]).toEqual({ id: "unfiled", name: "unfiled" });
    expect(unlabelled.transitions[0]?.label).toBe("case.filed");
    expect(TRANSITION_LABELS["case.filed"]).toBe("立案");
  });

  it("the legal review chart has every review state", () => {
    expect(charts.review?.steps.map((s) => s.id)).toEqual([...REVIEW_STATES]);
  });
});
