/**
 * The rules of portal form conditions, for the browser. The server applies the same
 * rules (conditions.py, condition_matches); both are tested against the same table of
 * cases (tests/condition_cases.json), so a field is shown in the browser exactly when
 * the server considers it visible — and therefore required. A plain script (the
 * registrant layout loads no module system): it publishes window.g2pFormConditions.
 */
(function () {
  "use strict";

  const TRUE_WORDS = new Set(["yes", "true", "1", "on"]);
  const FALSE_WORDS = new Set(["no", "false", "0", "off"]);

  /** "yes", "no" or "" for a yes/no answer, however it was written. */
  function yesNo(value) {
    if (value === true) {
      return "yes";
    }
    if (value === false) {
      return "no";
    }
    const text = String(value === null || value === undefined ? "" : value)
      .trim()
      .toLowerCase();
    if (TRUE_WORDS.has(text)) {
      return "yes";
    }
    if (FALSE_WORDS.has(text)) {
      return "no";
    }
    return "";
  }

  function isNumber(text) {
    // Python's float(): optional sign, digits with an optional decimal point, exponent.
    return /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(text);
  }

  /**
   * Whether `answer` (of a field of type `type`) satisfies a condition expecting `expected`.
   */
  function conditionMatches(type, answer, expected) {
    const want = String(
      expected === null || expected === undefined ? "" : expected
    ).trim();
    if (
      answer === null ||
      answer === undefined ||
      answer === "" ||
      (Array.isArray(answer) && !answer.length) ||
      (answer === false && type !== "boolean")
    ) {
      return false;
    }
    if (type === "boolean") {
      return yesNo(answer) !== "" && yesNo(answer) === yesNo(want);
    }
    if (type === "declaration") {
      return yesNo(answer) !== "no" && yesNo(want) === "yes";
    }
    if (type === "multi_selection") {
      const values = Array.isArray(answer) ? answer : [answer];
      return values.map((v) => String(v).trim()).includes(want);
    }
    if (type === "number") {
      const text = String(answer).trim();
      return isNumber(text) && isNumber(want) && Number(text) === Number(want);
    }
    return String(answer).trim() === want;
  }

  window.g2pFormConditions = {yesNo, conditionMatches};
})();
