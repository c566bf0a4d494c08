// Working days and statutory periods, each with the law behind it.
import assert from "node:assert/strict";
import { chinaCalendar, computeDeadline, createWorkCalendar, formatSource } from "@sanxiang/core";

const cal = chinaCalendar();

// 7 working days from 2026-09-30 skip the National Day break; 2026-10-10 (Saturday) is a
// make-up working day and counts (行政处罚法 Art. 85: its 七日 are working days).
const due = cal.addWorkingDays("2026-09-30", 7)._unsafeUnwrap();
assert.equal(due, "2026-10-15");
console.log("7 working days after 2026-09-30:", due);

// A statutory period from the table: the decision is served within 7 working days.
const service = computeDeadline("penalty.service", "2026-10-09", cal)._unsafeUnwrap();
assert.equal(service.due, "2026-10-19");
console.log(`${service.name}: ${service.due} (${formatSource(service.source)})`);

// 90 calendar days from filing end on a Sunday and roll over to Monday (民法典 Art. 203).
const decision = computeDeadline("penalty.decision", "2026-09-28", cal)._unsafeUnwrap();
assert.equal(decision.due, "2026-12-28");
assert.equal(decision.rolledOverFrom, "2026-12-27");
console.log(`${decision.name}: ${decision.due}, rolled over from ${decision.rolledOverFrom}`);

// No notice for 2027 is loaded: the calendar refuses instead of guessing.
const unknown = cal.isWorkingDay("2027-03-01");
assert.ok(unknown.isErr());
console.log("2027-03-01:", unknown.error.code);

// A bureau loads next year's notice as data, without upgrading the SDK.
const withNextYear = createWorkCalendar({
  years: {
    "2027": {
      holidays: ["2027-01-01", "2027-01-02", "2027-01-03"],
      workdays: [],
      notice: { title: "国务院办公厅关于2027年部分节假日安排的通知（示例数据）" },
    },
  },
})._unsafeUnwrap();
assert.equal(withNextYear.isWorkingDay("2027-01-04")._unsafeUnwrap(), true);
console.log("with a 2027 notice loaded, 2027-01-04 is a working day");
