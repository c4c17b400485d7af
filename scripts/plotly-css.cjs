// Writes plotly.js's own global style rules to a stylesheet, so that pages can link it and
// keep a strict CSP: plotly.js then skips injecting them (its "no-inline-styles" switch).
// Run by npm after installing (package.json "postinstall"); reads the installed bundle.
const fs = require("fs");
const path = require("path");

const root = path.join(__dirname, "..");
const bundle = path.join(root, "node_modules/plotly.js-basic-dist-min/plotly-basic.min.js");
const out = path.join(root, "node_modules/.generated/plotly/plotly.css");
const source = fs.readFileSync(bundle, "utf8");

// The rules are an object literal of selector -> declarations, whose selectors use X for
// ".js-plotly-plot .plotly" and Y for ".plotly-notifier", followed by the loop that adds them.
const anchor = source.indexOf('.replace(/X/g,".js-plotly-plot .plotly")');
const loop = source.lastIndexOf(";for(", anchor);
const start = source.lastIndexOf('={"X,X div"', loop);
if (anchor < 0 || loop < 0 || start < 0) {
  throw new Error("plotly.js's style rules were not found: check scripts/plotly-css.cjs");
}
const rules = Function(`"use strict"; return (${source.slice(start + 1, loop)});`)();
const css = Object.entries(rules)
  .map(([selector, declarations]) => {
    const full = selector
      .replace(/^,/, " ,")
      .replace(/X/g, ".js-plotly-plot .plotly")
      .replace(/Y/g, ".plotly-notifier");
    return `${full}{${declarations}}`;
  })
  .join("\n");
fs.mkdirSync(path.dirname(out), { recursive: true });
fs.writeFileSync(out, `/* Generated from plotly.js by scripts/plotly-css.cjs */\n${css}\n`);
